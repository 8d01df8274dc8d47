"""`quotes list/search/show/speakers/outlets/stats` against real stores, in every output format."""

from __future__ import annotations

import csv
import io
import json

from cli_helpers import as_json, invoke, ok

from quotes.cli.output import choose_format
from quotes.cli.records import ENTITY_FIELDS, PROGRESS, QUOTE, SHOWN_QUOTE
from quotes.errors import QuotesError
from quotes.store.repository import search_terms


def _contents(records: list[dict]) -> list[str]:
    return [r["content"] for r in records]


def test_list_json_is_one_array_with_the_documented_fields(db: str) -> None:
    records = as_json("list", db=db)
    assert [list(r) for r in records] == [list(QUOTE.fields)] * 7
    # Newest article first, text order within it; undated articles last.
    assert [r["article"] for r in records] == ["moscow/visit.txt"] * 3 + ["moscow/talks.txt"] * 3 + ["notes.txt"]
    talk = records[4]
    assert talk["content"] == "there will be no delay"
    assert (talk["speaker"], talk["speaker_mention"], talk["cue"]) == ("Dmitry Peskov", "Peskov", "told")
    assert talk["channels"] == [
        {"entity_id": talk["channels"][0]["entity_id"], "name": "Interfax", "mention": "Interfax", "role": "told",
         "start": 76, "end": 84}
    ]
    assert (talk["published"], talk["publisher"], talk["status"]) == ("2023-10-26", "The Moscow Times", "pending")


def test_every_format_carries_the_same_records(db: str) -> None:
    records = as_json("list", db=db)
    lines = ok("list", "--jsonl", db=db).stdout.splitlines()
    assert [json.loads(line) for line in lines] == records

    rows = list(csv.DictReader(io.StringIO(ok("list", "--csv", db=db).stdout)))
    assert [int(r["id"]) for r in rows] == [r["id"] for r in records]
    assert list(rows[0]) == list(QUOTE.fields)
    multi = next(r for r in rows if r["speaker"] == "Oksana Lutsenko")
    assert multi["content"] == "first line\tcolumn\nsecond line, with a comma"
    assert multi["channels"] == "Reuters (told)" and multi["published"] == "" and multi["stale"] == "false"

    # Not a terminal and no flag: tab-separated, one line per record, tabs and newlines escaped.
    tsv = ok("list", db=db).stdout.splitlines()
    assert tsv[0].split("\t") == list(QUOTE.fields) and len(tsv) == 8
    cells = dict(zip(QUOTE.fields, tsv[-1].split("\t"), strict=True))
    assert cells["content"] == "first line\\tcolumn\\nsecond line, with a comma"

    table = ok("list", "--table", db=db).stdout
    assert "we are ready to talk" in table and "Interfax (told)" in table and "\t" not in table


def test_default_format_is_a_table_on_a_terminal_else_tsv() -> None:
    assert choose_format({}, stdout_is_terminal=True) == "table"
    assert choose_format({}, stdout_is_terminal=False) == "tsv"
    assert choose_format({"csv": True, "json": False}, stdout_is_terminal=True) == "csv"


def test_one_output_format_at_a_time(db: str) -> None:
    result = invoke("list", "--json", "--csv", db=db)
    assert result.exit_code == 2 and "choose one output format" in result.stderr


def test_empty_results_still_print_valid_data(db: str) -> None:
    result = ok("list", "--speaker", "Nobody", "--json", db=db)
    assert json.loads(result.stdout) == [] and "no quotes match" in result.stderr
    assert ok("list", "--speaker", "Nobody", "--csv", db=db).stdout.strip() == ",".join(QUOTE.fields)


def test_list_filters(db: str) -> None:
    def contents(*args: str) -> list[str]:
        return sorted(_contents(as_json("list", *args, db=db)))

    assert contents("--speaker", "peskov") == contents("--speaker", "Dmitry Peskov")  # alias, any case
    assert len(contents("--speaker", "Dmitry Peskov")) == 3
    peskov_id = as_json("speakers", "--name", "peskov", db=db)[0]["id"]
    assert contents("--speaker", str(peskov_id)) == contents("--speaker", "Peskov")
    assert contents("--outlet", "TASS") == ["contacts with Hamas continue"]
    assert len(contents("--outlet", "the moscow times")) == 6
    assert contents("--kind", "indirect") == ["the delegation arrived on Thursday"]
    assert len(contents("--kind", "indirect", "--kind", "mixed")) == 2
    assert len(contents("--article", "moscow/talks.txt")) == 3
    assert contents("--since", "2023-11-01") == contents("--article", "moscow/visit.txt")
    assert contents("--until", "2023-10-31") == contents("--article", "moscow/talks.txt")
    assert contents("--min-confidence", "0.6", "--kind", "indirect") == ["the delegation arrived on Thursday"]
    assert contents("--min-confidence", "0.61", "--kind", "indirect") == []
    assert contents("--status", "accepted") == []
    assert invoke("list", "--since", "26/10/2023", db=db).exit_code == 2
    assert invoke("list", "--kind", "shouted", db=db).exit_code == 2


def test_limit_and_offset_page_through_everything_once(db: str) -> None:
    everything = [r["id"] for r in as_json("list", db=db)]
    first = ok("list", "--limit", "3", "--json", db=db)
    assert "1-3 of 7; next: --offset 3" in first.stderr
    seen = [r["id"] for r in json.loads(first.stdout)]
    for offset in (3, 6):
        seen += [r["id"] for r in as_json("list", "--limit", "3", "--offset", str(offset), db=db)]
    assert seen == everything


TRICKY = ['"', "'", "AND", "OR NOT", "(tricky", "tricky)", "NEAR(talk, 2)", "col:x", "*", "-y", "x -y", "^",
          'Kremlin" OR "x', "'; DROP TABLE quotes; --", "%", "_", "\\", "a:b:c", "{talk}", "talk*", "\x00"]


def test_search_takes_any_text_as_plain_words(any_db: str) -> None:
    for query in TRICKY:
        # "--" ends the options, as for any command, so text may start with "-".
        result = ok("search", "--json", "--db", any_db, "--", query)
        records = json.loads(result.stdout)
        words = {w.lower() for w in search_terms(query)}
        for r in records:
            haystack = f"{r['content']} {r['speaker']} {r['speaker_mention']}".lower()
            assert all(w in haystack for w in words), query
        if query in ("AND", "OR NOT", "(tricky", "col:x", "x -y"):
            assert _contents(records) == ["the Kremlin has no comment on AND OR NOT (tricky): col:x -y *"], query


def test_search_content_speaker_filters_and_prefix(any_db: str) -> None:
    assert _contents(as_json("search", "Hamas", db=any_db)) == ["contacts with Hamas continue"]
    assert len(as_json("search", "zakharova", db=any_db)) == 2  # speaker names count
    assert len(as_json("search", "Peskov", "--kind", "mixed", db=any_db)) == 1
    assert as_json("search", "conta", db=any_db) == []
    assert _contents(as_json("search", "conta", "--prefix", db=any_db)) == ["contacts with Hamas continue"]
    nothing = ok("search", "***", "--json", db=any_db)
    assert json.loads(nothing.stdout) == [] and "no words" in nothing.stderr


def test_show_gives_context_chain_and_history(db: str) -> None:
    quote = next(r for r in as_json("list", db=db) if r["content"] == "there will be no delay")
    ok("accept", str(quote["id"]), "--note", "checked", db=db)
    [shown] = as_json("show", str(quote["id"]), db=db)
    assert list(shown) == list(SHOWN_QUOTE.fields)
    assert shown["before"].endswith('Peskov told Interfax "') and shown["after"].startswith('". According to')
    assert shown["article_url"] == "https://example.org/talks"
    assert [(h["action"], h["old_value"], h["new_value"], h["note"]) for h in shown["history"]] == [
        ("accept", "pending", "accepted", "checked")
    ]
    table = ok("show", str(quote["id"]), "--table", db=db).stdout
    for part in ("there will be no delay", "Dmitry Peskov", "told", "Interfax (told)", "The Moscow Times",
                 "accepted", "history"):
        assert part in table
    row = next(csv.DictReader(io.StringIO(ok("show", str(quote["id"]), "--csv", db=db).stdout)))
    assert row["history"].endswith("accept pending -> accepted") and row["channels"] == "Interfax (told)"

    missing = invoke("show", str(quote["id"]), "9999", db=db)
    assert isinstance(missing.exception, QuotesError) and "9999" in str(missing.exception)


def test_speakers_and_outlets_with_counts_aliases_roles(db: str) -> None:
    speakers = as_json("speakers", db=db)
    assert list(speakers[0]) == list(ENTITY_FIELDS)
    assert [(s["name"], s["quotes"]) for s in speakers] == [
        ("Dmitry Peskov", 3), ("Maria Zakharova", 2), ("Oksana Lutsenko", 1)
    ]
    assert speakers[0]["aliases"] == ["Peskov"] and speakers[0]["roles"] == ["Kremlin spokesperson"]
    assert [s["name"] for s in as_json("speakers", "--name", "zakh", db=db)] == ["Maria Zakharova"]
    assert [s["name"] for s in as_json("speakers", "--limit", "1", "--offset", "1", db=db)] == ["Maria Zakharova"]
    outlets = {o["name"]: (o["channel_quotes"], o["articles"]) for o in as_json("outlets", db=db)}
    assert outlets == {
        "The Moscow Times": (0, 2), "Interfax": (1, 0), "RIA Novosti": (1, 0), "TASS": (1, 0), "Reuters": (1, 0)
    }
    row = next(csv.DictReader(io.StringIO(ok("speakers", "--csv", db=db).stdout)))
    assert row["roles"] == "Kremlin spokesperson" and row["aliases"] == "Peskov"


def test_stats_per_kind_speaker_outlet_and_review_progress(db: str) -> None:
    records = as_json("list", db=db)
    ok("accept", str(records[0]["id"]), str(records[1]["id"]), db=db)
    ok("reject", str(records[2]["id"]), db=db)
    rows = as_json("stats", db=db)
    assert all(list(r) == list(PROGRESS.fields) for r in rows)
    by = {(r["group"], r["name"]): (r["quotes"], r["pending"], r["accepted"], r["rejected"]) for r in rows}
    assert by[("all", "all quotes")] == (7, 4, 2, 1)
    assert by[("kind", "direct")] == (5, 3, 2, 0) and by[("kind", "mixed")] == (1, 0, 0, 1)
    assert by[("speaker", "Maria Zakharova")] == (2, 0, 2, 0)
    assert by[("speaker", None)] == (1, 1, 0, 0)  # quotes with no speaker
    # An outlet counts what `list --outlet` finds: published by it or through it, once.
    for name in ("The Moscow Times", "TASS", "Reuters"):
        assert by[("outlet", name)][0] == len(as_json("list", "--outlet", name, db=db))
    assert len([r for r in as_json("stats", "--top", "1", db=db) if r["group"] == "outlet"]) == 1
    table = ok("stats", "--table", db=db)
    assert "review progress" in table.stdout and "43%" in table.stdout and "7 quotes" in table.stderr


def test_tables_print_text_that_looks_like_markup_as_written(db: str) -> None:
    quote = as_json("list", "--limit", "1", db=db)[0]
    ok("set-speaker", str(quote["id"]), "[red]Mr X[/] \\", db=db)
    assert "[red]Mr X[/] \\" in ok("show", str(quote["id"]), "--table", db=db).stdout
    assert "[red]Mr X[/] \\" in ok("list", "--table", db=db).stdout
    assert "[bold]x[/]" in ok("sql", "SELECT '[bold]x[/]' AS v", "--table", db=db).stdout

