"""`quotes export` (streamed) and `quotes sql` (read-only by the database's own rules)."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest
from cli_helpers import as_json, invoke, ok

from quotes.cli.records import QUOTE
from quotes.errors import QuotesError
from quotes.store.db import open_store
from quotes.store.queries import iter_quotes
from quotes.store.views import QuoteFilter


def test_export_jsonl_holds_what_list_shows_in_id_order(any_db: str) -> None:
    listed = sorted(as_json("list", db=any_db), key=lambda r: r["id"])
    result = ok("export", db=any_db)
    exported = [json.loads(line) for line in result.stdout.splitlines()]
    assert exported == listed
    assert "exported 7 quotes to stdout" in result.stderr


def test_export_csv_to_a_file_with_filters(db: str, tmp_path: Path) -> None:
    target = tmp_path / "peskov.csv"
    result = ok("export", "--format", "csv", "-o", str(target), "--speaker", "peskov", db=db)
    assert result.stdout == "" and f"exported 3 quotes to {target}" in result.stderr
    with target.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert list(rows[0]) == list(QUOTE.fields)
    assert [int(r["id"]) for r in rows] == sorted(r["id"] for r in as_json("list", "--speaker", "peskov", db=db))
    assert not (tmp_path / "peskov.csv.partial").exists()
    ok("export", "--format", "csv", "-o", str(tmp_path / "none.csv"), "--kind", "mixed", "--status", "accepted", db=db)
    assert (tmp_path / "none.csv").read_text() == ",".join(QUOTE.fields) + "\n"


def test_iter_quotes_streams_in_batches_and_rebuilds_channels(db: str) -> None:
    store = open_store(db)
    try:
        with store.sessions() as s:
            # A batch smaller than the rows: quotes with channels span batch edges.
            streamed = list(iter_quotes(s, batch_size=2))
            from quotes.store import repository  # noqa: PLC0415

            listed = sorted(repository.list_quotes(s).items, key=lambda q: q.id)
            assert streamed == listed
            assert [q.content for q in iter_quotes(s, QuoteFilter(outlet="TASS"), batch_size=1)] == [
                "contacts with Hamas continue"
            ]
    finally:
        store.close()


def test_sql_reads_in_every_format(any_db: str) -> None:
    rows = as_json("sql", "SELECT kind, count(*) AS n FROM quotes GROUP BY kind ORDER BY kind", db=any_db)
    assert rows == [{"kind": "direct", "n": 5}, {"kind": "indirect", "n": 1}, {"kind": "mixed", "n": 1}]
    assert ok("sql", "SELECT 1 AS a, 2 AS a", "--csv", db=any_db).stdout.splitlines() == ["a,a_2", "1,2"]
    assert ok("sql", "SELECT '%s' AS p, 7 % 3 AS m", "--jsonl", db=any_db).stdout == '{"p": "%s", "m": 1}\n'


WRITES = [
    "DELETE FROM quotes",
    "UPDATE quotes SET status = 'accepted'",
    "INSERT INTO runs (started_at, status, quotes_version, articles_seen, articles_stored, articles_skipped, "
    "quotes_stored, errors) VALUES ('2024-01-01', 'x', 'x', 0, 0, 0, 0, 0)",
    "DROP TABLE review_log",
    "CREATE TABLE extra (x int)",
    "SELECT 1; DELETE FROM quotes",
    "COMMIT; DELETE FROM quotes",
    "COMMIT; BEGIN READ WRITE; DELETE FROM quotes; COMMIT",
]


def test_sql_cannot_write(any_db: str) -> None:
    before = as_json("sql", "SELECT id, status FROM quotes ORDER BY id", db=any_db)
    for statement in WRITES:
        result = invoke("sql", statement, db=any_db)
        assert result.exit_code == 1, statement
        assert isinstance(result.exception, QuotesError), (statement, result.exception)
        assert "\n" not in str(result.exception)
    assert as_json("sql", "SELECT id, status FROM quotes ORDER BY id", db=any_db) == before
    assert as_json("sql", "SELECT count(*) AS n FROM review_log", db=any_db) == [{"n": 0}]


def test_sqlite_sql_cannot_attach_or_copy_the_database(db: str, tmp_path: Path) -> None:
    for statement in (f"ATTACH '{tmp_path / 'other.db'}' AS other", f"VACUUM INTO '{tmp_path / 'copy.db'}'"):
        result = invoke("sql", statement, db=db)
        assert isinstance(result.exception, QuotesError), statement
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("quotes.db")) == []


def test_sql_error_is_one_line(db: str) -> None:
    result = invoke("sql", "SELECT * FROM nowhere", db=db)
    assert isinstance(result.exception, QuotesError) and str(result.exception) == "sql: no such table: nowhere"


@pytest.mark.parametrize("command", [["list"], ["stats"], ["export"], ["sql", "SELECT 1"], ["accept", "1"]])
def test_missing_or_empty_database_says_to_extract_first(tmp_path: Path, command: list[str]) -> None:
    missing = tmp_path / "nowhere.db"
    result = invoke(*command, db=str(missing))
    assert isinstance(result.exception, QuotesError) and "quotes extract PATH" in str(result.exception)
    assert not missing.exists()  # a typo never leaves an empty database behind

    empty_store = tmp_path / "empty.db"
    open_store(str(empty_store)).close()  # a current schema but no articles
    result = invoke(*command, db=str(empty_store))
    assert isinstance(result.exception, QuotesError) and "quotes extract PATH" in str(result.exception)


def test_db_comes_from_the_environment(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUOTES_DB", db)
    assert len(as_json("list", db=None)) == 7  # type: ignore[arg-type]


def test_a_reader_that_stops_early_is_no_failure(any_db: str) -> None:
    """`quotes sql ... | head -1`: the closed pipe ends the command quietly, with exit status 0."""
    rows = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300000) SELECT i FROM n"
    # (the same SQL on both backends)
    proc = subprocess.Popen(
        [sys.executable, "-m", "quotes", "sql", rows, "--db", any_db, "--csv"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.readline().strip() == b"i"
    proc.stdout.close()  # the reader goes away long before the 300,000 rows are written
    err = proc.stderr.read()
    assert proc.wait(timeout=60) == 0
    assert err == b""
