"""A small store filled through the real write path, and a runner for the commands."""

from __future__ import annotations

import json
from typing import Any

from click.testing import CliRunner, Result

from quotes.cli.main import cli
from quotes.extract.types import Attribution, Channel
from quotes.ingest.readers import Article
from quotes.store.db import Store
from quotes.store.writer import store_article

TALKS = (
    'Kremlin spokesperson Dmitry Peskov said "we are ready to talk". '
    'Peskov told Interfax "there will be no delay". '
    "According to RIA Novosti, the delegation arrived on Thursday."
)
VISIT = (
    'Foreign Ministry spokeswoman Maria Zakharova said "the visit is not secret". '
    'Zakharova told TASS "contacts with Hamas continue". '
    'Peskov said "the Kremlin has no comment on AND OR NOT (tricky): col:x -y *".'
)
# A tab and a newline inside a quote: flat formats must keep it one record.
NOTES = 'Analyst Oksana Lutsenko said "first line\tcolumn\nsecond line, with a comma" to Reuters.'


def _span(text: str, part: str, after: int = 0) -> tuple[int, int]:
    start = text.index(part, after)
    return (start, start + len(part))


def _quote(text: str, content: str, speaker: str | None, mention: str | None = None, *, kind: str = "direct",
           cue: str = "said", role: str | None = None, via: tuple[tuple[str, str], ...] = (),
           confidence: float = 0.9, mention_after: int = 0) -> Attribution:
    mention = mention or speaker
    return Attribution(
        kind=kind,
        content=content,
        content_span=_span(text, content),
        cue=cue,
        cue_span=_span(text, cue),
        speaker=speaker,
        speaker_mention=mention,
        speaker_span=_span(text, mention, mention_after) if mention else None,
        speaker_type="person" if speaker else "unknown",
        role=role,
        via=tuple(Channel(name, _span(text, name), r) for name, r in via),
        confidence=confidence,
    )


def fill(store: Store) -> None:
    """Three articles, seven quotes, written the way `quotes extract` writes them."""
    talks = Article("moscow/talks.txt", TALKS, TALKS, "text", title="Talks", published="2023-10-26",
                    outlet="The Moscow Times", url="https://example.org/talks")
    visit = Article("moscow/visit.txt", VISIT, VISIT, "text", title="Visit", published="2023-11-02",
                    outlet="The Moscow Times")
    notes = Article("notes.txt", NOTES, NOTES, "text", title=None, published=None, outlet=None)
    with store.session() as s:
        store_article(s, talks, [
            _quote(TALKS, "we are ready to talk", "Dmitry Peskov", "Kremlin spokesperson Dmitry Peskov",
                   role="Kremlin spokesperson"),
            _quote(TALKS, "there will be no delay", "Peskov", cue="told", via=(("Interfax", "told"),),
                   mention_after=40),
            _quote(TALKS, "the delegation arrived on Thursday", None, kind="indirect", cue="According to",
                   via=(("RIA Novosti", "according_to"),), confidence=0.6),
        ])
        store_article(s, visit, [
            _quote(VISIT, "the visit is not secret", "Maria Zakharova",
                   "Foreign Ministry spokeswoman Maria Zakharova", role="Foreign Ministry spokeswoman"),
            _quote(VISIT, "contacts with Hamas continue", "Zakharova", cue="told", via=(("TASS", "told"),),
                   confidence=0.5, mention_after=60),
            _quote(VISIT, "the Kremlin has no comment on AND OR NOT (tricky): col:x -y *", "Peskov", kind="mixed"),
        ])
        store_article(s, notes, [
            _quote(NOTES, "first line\tcolumn\nsecond line, with a comma", "Oksana Lutsenko", role="Analyst",
                   via=(("Reuters", "told"),)),
        ])


def url_of(store: Store) -> str:
    return store.engine.url.render_as_string(hide_password=False)


def invoke(*args: str, db: str | None = None) -> Result:
    """Run a command as `quotes ...` would; stdout and stderr apart."""
    argv = [*args, "--db", db] if db is not None else list(args)
    # A wide terminal for --table, so rows do not wrap mid-word in assertions.
    return CliRunner(env={"COLUMNS": "200"}).invoke(cli, argv)


def ok(*args: str, db: str | None = None) -> Result:
    result = invoke(*args, db=db)
    assert result.exit_code == 0, (result.output, result.stderr, result.exception)
    return result


def as_json(*args: str, db: str) -> Any:
    return json.loads(ok(*args, "--json", db=db).stdout)
