"""Batch extraction over files, folders and JSON lines, with the real extractor on stored parses."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from batch_helpers import add_parse, dump, make_corpus, run, texts
from click.testing import CliRunner
from sqlalchemy import func, select

from quotes.batch import Analyzer, ArticleDone, Batch, InputFailed, PreParsed, Sink, count_inputs
from quotes.cli.main import cli
from quotes.errors import ExitCode
from quotes.extract import extract
from quotes.extract.version import extractor_fingerprint
from quotes.nlp.conllu import read_conllu
from quotes.store import QuoteFilter, Store, open_store, repository
from quotes.store.models import ArticleRecord, QuoteRecord, Run


def _count(store: Store, model: type) -> int:
    with store.sessions() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


def _expected_quotes() -> int:
    parses = sorted((Path(__file__).parent / "data").glob("*.conllu"))
    return sum(len(extract(read_conllu(p.read_text()))) for p in parses)


def _bad_inputs(folder: Path) -> list[Path]:
    folder.mkdir()
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02 not text")
    (folder / "empty.txt").write_text("  \n")
    (folder / "latin1.txt").write_bytes("caf\xe9 said \"bonjour\"".encode("latin-1"))
    (folder / "huge.txt").write_text("word " * 5000)
    return sorted(folder.iterdir())


def test_batch_stores_everything_and_a_second_run_adds_nothing(store: Store, tmp_path: Path) -> None:
    articles, parses = make_corpus(tmp_path, copies=2)
    first = run(store, [articles], parses, chunk_size=3)
    n = len(texts()) * 2
    assert (first.total, first.done, first.stored, first.skipped, first.errors) == (n, n, n, 0, [])
    assert first.quotes == 2 * _expected_quotes() > 0
    assert _count(store, ArticleRecord) == n and _count(store, QuoteRecord) == first.quotes
    before = dump(store)

    second = run(store, [articles], parses)
    assert (second.stored, second.updated, second.skipped, second.quotes) == (0, 0, n, 0)
    assert dump(store) == before
    with store.sessions() as s:
        runs = s.scalars(select(Run).order_by(Run.id)).all()
        assert [(r.status, r.articles_stored, r.articles_skipped, r.quotes_stored) for r in runs] == [
            ("finished", n, 0, first.quotes),
            ("finished", 0, n, 0),
        ]
        assert "pre-parsed" in (runs[0].models or "") and runs[0].extractor == "quotes.extract.extract"


def test_bad_files_are_recorded_and_the_batch_goes_on(store: Store, tmp_path: Path) -> None:
    articles, parses = make_corpus(tmp_path)
    bad = _bad_inputs(tmp_path / "bad")
    jsonl = tmp_path / "wire.jsonl"
    good = texts()["a2"]
    jsonl.write_text(
        json.dumps({"text": good, "title": "Bikes", "outlet": "Coastal Wire", "date": "2024-03-05"})
        + "\n{not json\n"
        + json.dumps({"title": "no text"})
        + "\n"
    )
    summary = run(store, [bad[0], articles, *bad[1:], jsonl, tmp_path / "missing.txt"], parses, max_bytes=10_000)
    problems = {Path(e.source).name: e.problem for e in summary.errors}
    assert problems == {
        "binary.txt": "binary file, not text",
        "empty.txt": "empty file",
        "latin1.txt": "not valid UTF-8 (byte 0xe9 at offset 3)",
        "huge.txt": "file is 0.0 MB, over the 0 MB limit (--max-bytes)",
        "wire.jsonl:2": "invalid JSON (Expecting property name enclosed in double quotes at column 2)",
        "wire.jsonl:3": 'record has no "text" string',
        "missing.txt": "no such file or directory",
    }
    assert summary.stored == len(texts()) + 1
    with store.sessions() as s:
        assert repository.list_errors(s).total == 7
        wire = repository.get_article(s, f"{jsonl}:1")
        assert wire is not None and (wire.title, wire.publisher, str(wire.published)) == (
            "Bikes",
            "Coastal Wire",
            "2024-03-05",
        )
    # Fixing a file clears its error on the next run.
    (tmp_path / "bad" / "empty.txt").write_text(texts()["a3"])
    again = run(store, [tmp_path / "bad" / "empty.txt"], parses)
    assert again.stored == 1
    with store.sessions() as s:
        assert "empty.txt" not in {Path(e.source).name for e in repository.list_errors(s).items}


def test_a_changed_article_is_re_extracted_and_keeps_its_reviews(store: Store, tmp_path: Path) -> None:
    articles, parses = make_corpus(tmp_path)
    run(store, [articles], parses)
    path = articles / "batch000" / "a1.txt"
    with store.sessions() as s:
        page = repository.list_quotes(s, QuoteFilter(article=str(path)))
        fare = next(q for q in page.items if "fare increase" in q.content)
        okafor = next(q for q in page.items if q.content.startswith("We need more time"))
        repository.reject(s, fare.id)
        repository.set_speaker(s, okafor.id, "Ruth A. Okafor")
        untouched = {q.content for q in page.items} - {fare.content, okafor.content}
    # The same article, corrected: "12 percent" became "15 percent".
    conllu = (parses / "a1.conllu").read_text()
    assert "\t12\t" in conllu
    path.write_text(add_parse(parses, "a1-corrected", conllu.replace("\t12\t", "\t15\t")))

    summary = run(store, [articles], parses)
    assert (summary.updated, summary.skipped) == (1, len(texts()) - 1)
    with store.sessions() as s:
        fare_now = repository.get_quote(s, fare.id)
        assert fare_now is not None and "15 percent" in fare_now.content and fare_now.status == "rejected"
        okafor_now = repository.get_quote(s, okafor.id)
        assert okafor_now is not None and okafor_now.speaker == "Ruth A. Okafor" and okafor_now.speaker_reviewed
        page = repository.list_quotes(s, QuoteFilter(article=str(path)))
        assert {q.content for q in page.items} - {fare_now.content, okafor_now.content} == untouched
        assert repository.review_log(s).total == 2


def test_an_upgraded_extractor_extracts_stored_articles_again_and_keeps_their_reviews(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    articles, parses = make_corpus(tmp_path)
    n = len(texts())
    run(store, [articles], parses)
    with store.sessions() as s:
        first = repository.list_quotes(s, QuoteFilter()).items[0]
        repository.reject(s, first.id)
        assert set(s.scalars(select(ArticleRecord.extractor))) == {Analyzer(parsed=PreParsed(parses)).fingerprint()}
    # What an upgrade that changes a rule, a word list or a model looks like to a stored database.
    monkeypatch.setattr(Analyzer, "fingerprint", lambda self: "0123456789abcdef")
    again = run(store, [articles], parses)
    assert (again.stored, again.updated, again.skipped) == (0, n, 0)
    with store.sessions() as s:
        assert set(s.scalars(select(ArticleRecord.extractor))) == {"0123456789abcdef"}
        kept = repository.get_quote(s, first.id)
        assert kept is not None and kept.status == "rejected"
    assert run(store, [articles], parses).skipped == n


def test_the_fingerprint_follows_the_extractor_the_parses_and_the_parse_mode(tmp_path: Path) -> None:
    assert len(extractor_fingerprint()) == 16 and int(extractor_fingerprint(), 16) >= 0
    plain = Analyzer().fingerprint()
    assert plain == Analyzer().fingerprint()
    assert plain != Analyzer(parse_mode="all").fingerprint()
    assert plain != Analyzer(parsed=PreParsed(tmp_path)).fingerprint()
    assert plain != Analyzer(extract=lambda doc: []).fingerprint()


def test_worker_processes_store_the_same_as_one_process(tmp_path: Path) -> None:
    articles, parses = make_corpus(tmp_path, copies=3)
    one = open_store(str(tmp_path / "one.db"))
    many = open_store(str(tmp_path / "many.db"))
    try:
        run(one, [articles], parses, workers=1)
        summary = run(many, [articles], parses, workers=2, task_size=2, chunk_size=5)
        assert summary.stored == 3 * len(texts())
        assert dump(one) == dump(many)
    finally:
        one.close()
        many.close()


class _Collect(Sink):
    def __init__(self) -> None:
        self.events: list[str] = []

    def article(self, done: ArticleDone, summary: object) -> None:
        self.events.append(Path(done.article.source).name)

    def error(self, failed: InputFailed, summary: object) -> None:
        self.events.append("error:" + Path(failed.source).name)


def test_results_arrive_in_input_order(tmp_path: Path) -> None:
    articles, parses = make_corpus(tmp_path, copies=1)
    bad = _bad_inputs(tmp_path / "bad")
    files = sorted((articles / "batch000").iterdir())
    order = [files[3], bad[0], files[0], files[5], bad[1], files[1]]
    sink = _Collect()
    Batch(Analyzer(parsed=PreParsed(parses)), None, workers=2, task_size=1, sink=sink).run([str(p) for p in order])
    assert sink.events == [p.name if p.parent.name != "bad" else "error:" + p.name for p in order]


def test_count_inputs_counts_json_lines_records(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text('{"text": "x"}\n\n{"text": "y"}\n')
    (tmp_path / "b.txt").write_text("z")
    assert count_inputs([tmp_path, tmp_path / "nothing.txt"]) == 4


# ---------------------------------------------------------------- the command line


@pytest.fixture
def cli_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("QUOTES_DB", raising=False)
    return make_corpus(tmp_path)


def test_cli_jsonl_output_in_text_order_and_stored(cli_env: tuple[Path, Path], tmp_path: Path) -> None:
    articles, parses = cli_env
    one = articles / "batch000" / "a2.txt"
    args = ["extract", str(one), "--parsed", str(parses), "--format", "jsonl", "--workers", "1"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == ExitCode.OK, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    expected = sorted(extract(read_conllu((parses / "a2.conllu").read_text())), key=lambda a: a.content_span)
    assert lines == [a.to_json(article=str(one)) for a in expected]
    assert [line["content_span"][0] for line in lines] == sorted(line["content_span"][0] for line in lines)
    assert "1 new and 0 changed articles" in result.stderr
    store = open_store(str(tmp_path / "quotes.db"))  # the default database in the working directory
    try:
        assert _count(store, QuoteRecord) == len(lines)
    finally:
        store.close()


def test_cli_exit_code_3_when_inputs_fail(cli_env: tuple[Path, Path], tmp_path: Path) -> None:
    articles, parses = cli_env
    bad = _bad_inputs(tmp_path / "bad")
    db = f"sqlite:///{tmp_path / 'other.db'}"
    result = CliRunner().invoke(
        cli, ["extract", str(articles), str(bad[0]), "--parsed", str(parses), "--db", db, "--format", "none", "-q"]
    )
    assert result.exit_code == ExitCode.PARTIAL
    assert result.stdout == ""
    assert "binary.txt: binary file, not text" in result.stderr
    errors = CliRunner().invoke(cli, ["db", "errors", "--db", db])
    assert errors.exit_code == 0 and "binary.txt: binary file, not text" in errors.stdout
    status = CliRunner().invoke(cli, ["db", "status", "--db", db])
    assert f"articles: {len(texts())}" in status.stdout


def test_cli_no_store_writes_no_database(cli_env: tuple[Path, Path], tmp_path: Path) -> None:
    articles, parses = cli_env
    result = CliRunner().invoke(
        cli, ["extract", str(articles), "--parsed", str(parses), "--no-store", "--format", "table"]
    )
    assert result.exit_code == ExitCode.OK, result.output
    assert "We need more time" in result.stdout and "not stored" in result.stderr
    assert not (tmp_path / "quotes.db").exists()


def test_cli_db_upgrade_creates_and_is_idempotent(tmp_path: Path) -> None:
    db = str(tmp_path / "fresh.db")
    first = CliRunner().invoke(cli, ["db", "upgrade", "--db", db])
    assert first.exit_code == 0 and "upgraded from empty" in first.stderr
    again = CliRunner().invoke(cli, ["db", "upgrade", "--db", db])
    assert again.exit_code == 0 and "already at" in again.stderr
    refused = CliRunner().invoke(cli, ["db", "downgrade", "base", "--db", db])
    assert refused.exit_code != 0


def test_cli_failure_exits_1_before_touching_anything(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Someone said something.")
    proc = subprocess.run(
        [sys.executable, "-m", "quotes", "extract", str(tmp_path / "a.txt"), "--models", str(tmp_path / "nope")],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    assert proc.returncode == ExitCode.FAILURE
    assert "not a stanza model directory" in proc.stderr
    assert not (tmp_path / "quotes.db").exists()
