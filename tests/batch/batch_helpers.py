"""A small corpus whose parses are on disk (CoNLL-U), so batches run the real extractor without stanza."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from sqlalchemy import text

from quotes.batch import Analyzer, Batch, BatchSummary, PreParsed
from quotes.nlp.conllu import read_conllu
from quotes.store.db import Store

DATA = Path(__file__).with_name("data")


def texts() -> dict[str, str]:
    """Article name -> the text its CoNLL-U parse rebuilds."""
    return {p.stem: read_conllu(p.read_text(encoding="utf-8")).text for p in sorted(DATA.glob("*.conllu"))}


def make_corpus(root: Path, copies: int = 1) -> tuple[Path, Path]:
    """Write articles (each text ``copies`` times, in subfolders) and the parse folder; returns (articles, parses)."""
    parses = root / "parses"
    shutil.copytree(DATA, parses)
    articles = root / "articles"
    for i in range(copies):
        folder = articles / f"batch{i:03d}"
        folder.mkdir(parents=True)
        for name, body in texts().items():
            (folder / f"{name}.txt").write_text(body, encoding="utf-8")
    return articles, parses


def add_parse(parses: Path, name: str, conllu: str) -> str:
    """Store one more parse; returns the text it rebuilds."""
    (parses / f"{name}.conllu").write_text(conllu, encoding="utf-8")
    return read_conllu(conllu).text


def run(store: Store | None, paths: list[Any], parses: Path, **kw: Any) -> BatchSummary:
    batch = Batch(Analyzer(parsed=PreParsed(parses)), store, **kw)
    return batch.run([str(p) for p in paths])


# Everything but ids, timestamps and run ids: what two equivalent batches must both have stored.
DUMP = {
    "articles": """SELECT a.source, a.url, a.title, a.published, a.format, a.text, a.sha256, o.name
                   FROM articles a LEFT JOIN entities o ON o.id = a.outlet_id""",
    "quotes": """SELECT a.source, q.position, q.kind, q.content, q.content_start, q.content_end, q.cue, q.cue_start,
                        q.cue_end, e.name, q.speaker, q.speaker_mention, q.speaker_start, q.speaker_end,
                        q.speaker_type, q.role, q.confidence, q.status, q.speaker_reviewed, q.kind_reviewed, q.stale
                 FROM quotes q JOIN articles a ON a.id = q.article_id LEFT JOIN entities e ON e.id = q.speaker_id""",
    "entities": "SELECT name, key, type FROM entities",
    "aliases": "SELECT e.name, al.alias, al.key FROM entity_aliases al JOIN entities e ON e.id = al.entity_id",
    "roles": "SELECT e.name, r.role FROM entity_roles r JOIN entities e ON e.id = r.entity_id",
    "channels": """SELECT a.source, q.position, e.name, c.role, c.mention, c.start, c."end", c.position
                   FROM quote_channels c JOIN quotes q ON q.id = c.quote_id JOIN articles a ON a.id = q.article_id
                   JOIN entities e ON e.id = c.entity_id""",
    "input_errors": "SELECT source, problem FROM input_errors",
    "review_log": "SELECT action, field, old_value, new_value FROM review_log",
}


def dump(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    with store.engine.connect() as conn:
        return {
            name: sorted((tuple(str(v) for v in row) for row in conn.execute(text(sql))), key=repr)
            for name, sql in DUMP.items()
        }
