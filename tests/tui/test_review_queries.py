"""The queries the review app adds to the store, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from tui_helpers import fill

from quotes.store import QuoteFilter, Store, repository
from quotes.store.review_queries import (
    ReviewQuery,
    entity_names,
    find_entity,
    next_pending,
    review_page,
    set_channel,
    status_counts,
)


@pytest.fixture
def filled(store: Store) -> Store:
    fill(store)
    return store


def contents(store: Store, query: ReviewQuery) -> list[str]:
    with store.sessions() as s:
        return [q.content for q in review_page(s, query).items]


def test_review_page_lists_like_the_repository_and_adds_a_confidence_ceiling(filled: Store) -> None:
    with filled.sessions() as s:
        listed = [q.content for q in repository.list_quotes(s, QuoteFilter(kind="direct")).items]
    assert contents(filled, ReviewQuery(QuoteFilter(kind="direct"))) == listed
    assert contents(filled, ReviewQuery(max_confidence=0.7)) == [
        "exports would keep growing next year",
        "contacts with Hamas continue",
        "the delegation arrived on Thursday evening",
    ]


def test_search_matches_a_prefix_and_keeps_filters(filled: Store) -> None:
    assert contents(filled, ReviewQuery(search="harv")) == ["We expect a record harvest,"]
    assert contents(filled, ReviewQuery(QuoteFilter(speaker="Peskov"), search="rumo")) == [
        "the Kremlin has no comment on rumours"
    ]
    assert contents(filled, ReviewQuery(search='" OR (')) == []  # no words: nothing, not everything


def test_next_pending_skips_reviewed_quotes(filled: Store) -> None:
    with filled.sessions() as s:
        items = review_page(s, ReviewQuery()).items
        repository.accept(s, items[1].id)
        repository.reject(s, items[2].id)
        assert next_pending(s, ReviewQuery(), 0) == 3
        assert next_pending(s, ReviewQuery(), 3, backwards=True) == 0
        assert next_pending(s, ReviewQuery(search="talk"), 0) is None
        counts = status_counts(s)
    assert (counts.total, counts.pending, counts.accepted, counts.rejected, counts.articles) == (8, 6, 1, 1, 3)


def test_entity_names_complete_names_and_aliases(filled: Store) -> None:
    with filled.sessions() as s:
        assert entity_names(s, "d") == ("Dmitry Peskov",)
        assert entity_names(s, "zak") == ("Zakharova",)  # an alias of Maria Zakharova
        assert "Interfax" in entity_names(s, "inter", outlets=True)
        assert entity_names(s, "r", outlets=True) == ("Reuters", "RIA Novosti")
        assert entity_names(s, "%") == ()  # LIKE wildcards are plain characters
        peskov = find_entity(s, "peskov")
        assert peskov is not None and peskov.name == "Dmitry Peskov"
        assert find_entity(s, "Nobody") is None


def test_set_channel_relinks_adds_and_removes_with_log(filled: Store) -> None:
    with filled.sessions() as s:
        quotes = {q.content: q for q in review_page(s, ReviewQuery()).items}
        told = quotes["there will be no delay"]
        changed = set_channel(s, told.id, "TASS")
        assert [(c.name, c.mention, c.role) for c in changed.channels] == [("TASS", "Interfax", "told")]
        plain = quotes["we are ready to talk"]
        added = set_channel(s, plain.id, "Reuters")
        assert [c.name for c in added.channels] == ["Reuters"]
        assert set_channel(s, plain.id, None).channels == ()
        log = repository.review_log(s, quote_id=plain.id).items
    assert [(e.action, e.old_value, e.new_value) for e in reversed(log)] == [
        ("set_channel", None, "Reuters"),
        ("set_channel", "Reuters", None),
    ]
