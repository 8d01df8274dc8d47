"""The detail pane highlights each piece of an interrupted content, never the clause that interrupts it."""

from __future__ import annotations

from rich.text import Text

from quotes.extract.types import Attribution
from quotes.ingest.readers import Article
from quotes.store import Store, repository
from quotes.store.writer import store_article
from quotes.tui.widgets.detail import CONTENT_STYLE, highlighted

VOTE = '"We win," Ms. Acosta said after the vote. "They lose." Mr. Berg said "it is close".'


def _span(part: str) -> tuple[int, int]:
    start = VOTE.index(part)
    return (start, start + len(part))


def _content_chars(text: Text) -> set[int]:
    return {i for s in text.spans if s.style == CONTENT_STYLE for i in range(s.start, s.end)}


def test_each_piece_is_highlighted_and_the_clause_is_not(empty_store: Store) -> None:
    first, second, whole = _span("We win,"), _span("They lose."), _span("it is close")
    with empty_store.session() as s:
        store_article(
            s,
            Article("vote.txt", VOTE, VOTE, "text", title="Vote"),
            [
                Attribution(
                    "direct",
                    VOTE[first[0] : second[1]],
                    (first[0], second[1]),
                    cue="said",
                    cue_span=_span("said"),
                    speaker="Ms. Acosta",
                    speaker_mention="Ms. Acosta",
                    speaker_span=_span("Ms. Acosta"),
                    content_pieces=(first, second),
                ),
                Attribution("direct", "it is close", whole, speaker="Mr. Berg", speaker_span=_span("Mr. Berg")),
            ],
        )
    with empty_store.sessions() as s:
        contexts = [repository.get_quote_context(s, q.id) for q in repository.list_quotes(s).items]
    split, single = sorted((c for c in contexts if c is not None), key=lambda c: c.quote.position)
    marked = _content_chars(highlighted(split))
    assert marked == set(range(*first)) | set(range(*second))
    assert "".join(VOTE[i] for i in sorted(marked)) == "We win,They lose."
    # A content in one piece is highlighted whole, as before.
    assert _content_chars(highlighted(single)) == set(range(*whole))
