"""content_pieces in the records the query commands print: a list in JSON, START-END pairs in flat formats."""

from __future__ import annotations

import csv
import io
import json

import pytest
from cli_helpers import as_json, fill, ok, url_of

from quotes.cli.records import QUOTE, QUOTE_FIELDS, SHOWN_QUOTE
from quotes.extract.types import Attribution
from quotes.ingest.readers import Article
from quotes.store.db import Store
from quotes.store.writer import store_article

VOTE = '"We win," Ms. Acosta said after the vote. "They lose."'
FIRST = (VOTE.index("We win,"), VOTE.index("We win,") + len("We win,"))
SECOND = (VOTE.index("They lose."), VOTE.index("They lose.") + len("They lose."))
JOINED = VOTE[FIRST[0] : SECOND[1]]


@pytest.fixture
def pieces_db(store: Store) -> str:
    """The usual seven quotes, one piece each, and one content interrupted by its attribution clause."""
    fill(store)
    with store.session() as s:
        store_article(
            s,
            Article("vote.txt", VOTE, VOTE, "text", title="Vote", published="2023-12-01"),
            [
                Attribution(
                    kind="direct",
                    content=JOINED,
                    content_span=(FIRST[0], SECOND[1]),
                    cue="said",
                    cue_span=(VOTE.index("said"), VOTE.index("said") + 4),
                    speaker="Ms. Acosta",
                    speaker_mention="Ms. Acosta",
                    speaker_span=(VOTE.index("Ms."), VOTE.index("Ms.") + len("Ms. Acosta")),
                    speaker_type="person",
                    content_pieces=(FIRST, SECOND),
                )
            ],
        )
    return url_of(store)


def test_added_fields_come_after_the_first_release_ones() -> None:
    n = len(QUOTE_FIELDS)
    assert QUOTE.fields == (*QUOTE_FIELDS, "content_pieces")
    # `show` keeps its own additions where they were; the added field follows them.
    assert SHOWN_QUOTE.fields[n:] == ("article_url", "before", "after", "history", "content_pieces")


def test_export_and_list_carry_the_pieces(pieces_db: str) -> None:
    exported = [json.loads(line) for line in ok("export", db=pieces_db).stdout.splitlines()]
    assert {r["content"]: r["content_pieces"] for r in exported if r["content_pieces"]} == {
        JOINED: [list(FIRST), list(SECOND)]
    }
    assert sum(r["content_pieces"] == [] for r in exported) == 7  # one piece: an empty list, as `extract` writes
    listed = {r["id"]: r["content_pieces"] for r in as_json("list", db=pieces_db)}
    assert listed == {r["id"]: r["content_pieces"] for r in exported}

    rows = list(csv.DictReader(io.StringIO(ok("export", "--format", "csv", db=pieces_db).stdout)))
    assert list(rows[0]) == list(QUOTE.fields)
    cells = {r["content"]: r["content_pieces"] for r in rows}
    assert cells[JOINED] == f"{FIRST[0]}-{FIRST[1]}; {SECOND[0]}-{SECOND[1]}"
    assert cells["there will be no delay"] == ""

    tsv = ok("list", db=pieces_db).stdout.splitlines()
    assert tsv[1].split("\t")[-1] == f"{FIRST[0]}-{FIRST[1]}; {SECOND[0]}-{SECOND[1]}"  # newest article first


def test_show_carries_the_pieces_last(pieces_db: str) -> None:
    quote = next(r for r in as_json("list", db=pieces_db) if r["content"] == JOINED)
    [shown] = as_json("show", str(quote["id"]), db=pieces_db)
    assert list(shown) == list(SHOWN_QUOTE.fields)
    assert shown["content_pieces"] == [list(FIRST), list(SECOND)]
    assert [VOTE[a:b] for a, b in shown["content_pieces"]] == ["We win,", "They lose."]

