"""The pieces of a content its own attribution clause interrupts: stored, read back, replaced, migrated."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import inspect, select
from store_helpers import article, quote, span

from quotes.extract.types import Attribution
from quotes.store import Store, repository
from quotes.store.db import downgrade, open_store, upgrade
from quotes.store.models import QuoteRecord
from quotes.store.queries import iter_quotes
from quotes.store.views import QuoteView
from quotes.store.writer import store_article

VOTE = '"We win," Ms. Acosta said after the vote. "They lose." Mr. Berg said "it is close".'


def interrupted(text: str) -> Attribution:
    """'"We win," Ms. Acosta said after the vote. "They lose."': one content, two pieces around the clause."""
    first, second = span(text, "We win,"), span(text, "They lose.")
    return Attribution(
        kind="direct",
        content=text[first[0] : second[1]],
        content_span=(first[0], second[1]),
        cue="said",
        cue_span=span(text, "said"),
        speaker="Ms. Acosta",
        speaker_mention="Ms. Acosta",
        speaker_span=span(text, "Ms. Acosta"),
        speaker_type="person",
        confidence=0.9,
        content_pieces=(first, second),
    )


def _stored(store: Store, text: str = VOTE, **options: str) -> None:
    with store.session() as s:
        store_article(
            s,
            article("vote.txt", text),
            [interrupted(text), quote(text, "it is close", speaker="Mr. Berg")],
            **options,  # type: ignore[arg-type]
        )


def _by_content(views: list[QuoteView]) -> dict[str, QuoteView]:
    return {q.content: q for q in views}


def test_pieces_read_back_through_every_path(store: Store) -> None:
    _stored(store)
    joined = 'We win," Ms. Acosta said after the vote. "They lose.'
    with store.sessions() as s:
        paths = {
            "list": _by_content(list(repository.list_quotes(s).items)),
            "stream": _by_content(list(iter_quotes(s, batch_size=1))),
        }
        ids = {content: q.id for content, q in paths["list"].items()}
        paths["get"] = {c: v for c in ids if (v := repository.get_quote(s, ids[c])) is not None}
        paths["context"] = {c: ctx.quote for c in ids if (ctx := repository.get_quote_context(s, ids[c])) is not None}
        # One piece is SQL NULL, not the JSON text 'null'.
        one_piece = s.scalars(select(QuoteRecord.content).where(QuoteRecord.content_pieces.is_(None))).all()
    for name, views in paths.items():
        pieces = views[joined].content_pieces
        assert pieces == (span(VOTE, "We win,"), span(VOTE, "They lose.")), name
        assert [VOTE[a:b] for a, b in pieces] == ["We win,", "They lose."], name
        assert views[joined].content_span == (pieces[0][0], pieces[-1][1]), name
        assert views["it is close"].content_pieces == (), name
    assert one_piece == ["it is close"]


def test_re_extraction_replaces_the_pieces_as_it_does_the_span(store: Store) -> None:
    _stored(store, extractor="v1")
    with store.sessions() as s:
        kept = next(q for q in repository.list_quotes(s).items if q.content_pieces)
        repository.accept(s, kept.id)
    # A changed article: every offset moves, and the reviewed quote is updated in place.
    moved = "Update: " + VOTE
    _stored(store, moved, extractor="v1")
    with store.sessions() as s:
        view = repository.get_quote(s, kept.id)
    assert view is not None and view.status == "accepted"
    assert view.content_pieces == (span(moved, "We win,"), span(moved, "They lose."))
    # The same text found by an extractor that no longer splits it: the quote is one piece again.
    with store.session() as s:
        whole = replace(interrupted(moved), content_pieces=())
        assert store_article(s, article("vote.txt", moved), [whole], extractor="v2").outcome == "updated"
    with store.sessions() as s:
        view = repository.get_quote(s, kept.id)
        assert view is not None and view.content_pieces == ()
        assert s.scalar(select(QuoteRecord.content_pieces).where(QuoteRecord.id == kept.id)) is None


def test_migrating_down_past_the_pieces_keeps_the_quotes(store_url: str) -> None:
    store = open_store(store_url)
    try:
        _stored(store)
        downgrade(store.engine, "0004")
        columns = {c["name"] for c in inspect(store.engine).get_columns("quotes")}
        assert "content_pieces" not in columns and "content_start" in columns
        upgrade(store.engine)
        with store.sessions() as s:
            views = list(repository.list_quotes(s).items)
        # Quotes stored before the column existed read as one piece.
        assert len(views) == 2 and all(q.content_pieces == () for q in views)
    finally:
        store.close()
