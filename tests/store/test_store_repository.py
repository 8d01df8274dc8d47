"""Repository functions on both backends: listing with filters, search, entities, review actions."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from store_helpers import article, peskov_article, quote

from quotes.errors import QuotesError
from quotes.store import QuoteFilter, QuoteView, Store, repository
from quotes.store.repository import NotFound, fts5_query, search_terms, tsquery
from quotes.store.writer import store_article

SECOND = (
    'Foreign Ministry spokeswoman Maria Zakharova said "the visit is not secret". '
    'Zakharova told TASS "contacts with Hamas continue". '
    'Peskov said "the Kremlin has no comment on AND OR NOT (tricky)".'
)


@pytest.fixture
def filled(store: Store) -> Store:
    art, atts = peskov_article()
    t = SECOND
    with store.session() as s:
        store_article(s, art, atts)  # type: ignore[arg-type]
        store_article(
            s,
            article("moscow/2.txt", t, title="Visit", published="2023-11-02", outlet="The Moscow Times"),
            [
                quote(t, "the visit is not secret", speaker="Maria Zakharova",
                      mention="Foreign Ministry spokeswoman Maria Zakharova", role="Foreign Ministry spokeswoman"),
                quote(t, "contacts with Hamas continue", speaker="Zakharova", cue="told", via=(("TASS", "told"),),
                      confidence=0.5),
                quote(t, "the Kremlin has no comment on AND OR NOT (tricky)", speaker="Peskov", kind="mixed"),
            ],
        )
    return store


def _contents(items: tuple[QuoteView, ...]) -> list[str]:
    return [q.content for q in items]


def test_views_are_frozen_plain_values(filled: Store) -> None:
    with filled.sessions() as s:
        q = repository.list_quotes(s).items[0]
    assert dataclasses.is_dataclass(q)
    with pytest.raises(dataclasses.FrozenInstanceError):
        q.status = "accepted"  # type: ignore[misc]
    assert all(type(c).__module__ == "quotes.store.views" for c in q.channels)


def test_list_orders_newest_article_first_then_text_order(filled: Store) -> None:
    with filled.sessions() as s:
        page = repository.list_quotes(s)
    assert page.total == 6
    assert [q.article_source for q in page.items] == ["moscow/2.txt"] * 3 + ["moscow/1.txt"] * 3
    assert [q.position for q in page.items] == [0, 1, 2, 0, 1, 2]


def test_filters(filled: Store) -> None:
    with filled.sessions() as s:
        def contents(**kw: object) -> list[str]:
            return sorted(_contents(repository.list_quotes(s, QuoteFilter(**kw)).items))  # type: ignore[arg-type]

        assert len(contents(speaker="Dmitry Peskov")) == 3
        assert contents(speaker="peskov") == contents(speaker="Dmitry Peskov")  # alias, any case
        assert contents(speaker="Zakharova") == ["contacts with Hamas continue", "the visit is not secret"]
        assert contents(outlet="TASS") == ["contacts with Hamas continue"]
        assert contents(kind="mixed") == ["the Kremlin has no comment on AND OR NOT (tricky)"]
        assert len(contents(kind=("direct", "mixed"))) == 5
        assert contents(article="moscow/1.txt") == contents(since=date(2023, 10, 1), until=date(2023, 10, 31))
        assert len(contents(since=date(2023, 11, 1))) == 3
        assert contents(min_confidence=0.9) == sorted(
            ["we are ready to talk", "there will be no delay", "the visit is not secret",
             "the Kremlin has no comment on AND OR NOT (tricky)"]
        )
        assert contents(max_confidence=0.9) == ["contacts with Hamas continue", "the delegation arrived on Thursday"]
        assert contents(speaker="Nobody") == []
        first_id = repository.get_article(s, "moscow/1.txt").id  # type: ignore[union-attr]
        assert len(contents(article=first_id)) == 3
        assert contents(status="accepted") == []


def test_pagination_covers_everything_once(filled: Store) -> None:
    seen: list[int] = []
    with filled.sessions() as s:
        offset = 0
        while True:
            page = repository.list_quotes(s, offset=offset, limit=4)
            assert page.total == 6
            seen.extend(q.id for q in page.items)
            if not page.has_more:
                break
            offset += len(page.items)
    assert len(seen) == len(set(seen)) == 6


def test_search_content_and_speaker(filled: Store) -> None:
    with filled.sessions() as s:
        assert _contents(repository.search(s, "Hamas").items) == ["contacts with Hamas continue"]
        # Speaker names count: every quote by Zakharova, and words from both fields together.
        assert repository.search(s, "zakharova").total == 2
        assert _contents(repository.search(s, "Zakharova secret").items) == ["the visit is not secret"]
        assert repository.search(s, "Peskov").total == 3
        assert repository.search(s, "Peskov", QuoteFilter(kind="mixed")).total == 1
        assert _contents(repository.search(s, "conta", prefix=True).items) == ["contacts with Hamas continue"]
        assert repository.search(s, "conta").total == 0
        assert repository.search(s, "").total == 0


def test_sqlite_search_with_a_filter_runs_the_full_text_match_once(filled: Store) -> None:
    """With a filter, SQLite would otherwise run the MATCH once per quote the filter keeps (35 s at 100,000
    quotes): the plan must start from the full-text table."""
    if filled.engine.dialect.name != "sqlite":
        pytest.skip("a SQLite query plan")
    with filled.sessions() as s:
        stmt, _ = repository.matching_ids(s, ["peskov"], prefix=False)
        stmt = repository._apply_filter(s, stmt, QuoteFilter(kind="mixed", status="pending"))
        compiled = stmt.compile(s.get_bind(), compile_kwargs={"literal_binds": True})
        plan = [row[-1] for row in s.connection().exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}")]
    scans = [step for step in plan if step.startswith(("SCAN", "SEARCH"))]
    assert scans and "quotes_fts" in scans[0], plan


@pytest.mark.parametrize(
    "query",
    ['"', "'", 'AND', "OR NOT", "(tricky", "tricky)", "NEAR(a b)", "a:b", "*", "-x", "col:", "^", "!", "&", "|",
     "'; DROP TABLE quotes; --", 'Kremlin" OR "x', "\\", "%", "_", "\x00"],
)
def test_search_treats_operators_and_quotes_as_text(filled: Store, query: str) -> None:
    with filled.sessions() as s:
        page = repository.search(s, query)
    words = {w.lower() for w in search_terms(query)}
    for q in page.items:
        haystack = f"{q.content} {q.speaker} {q.speaker_mention}".lower()
        assert all(w in haystack for w in words)
    if query == "AND":
        assert _contents(page.items) == ["the Kremlin has no comment on AND OR NOT (tricky)"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=30))
def test_search_never_fails_on_any_input(filled: Store, query: str) -> None:
    with filled.sessions() as s:
        page = repository.search(s, query)
    assert page.total == len(page.items) or page.total > len(page.items)


def test_query_builders_escape() -> None:
    assert search_terms('say "hi" AND (x) -y col:z') == ["say", "hi", "AND", "x", "y", "col", "z"]
    assert fts5_query(["say", "AND"]) == '"say" "AND"'
    assert fts5_query(["talk"], prefix=True) == '"talk" *'
    assert tsquery(["Say", "AND"], prefix=True) == "say & and:*"


def test_quote_context(filled: Store) -> None:
    with filled.sessions() as s:
        q = repository.search(s, "delay").items[0]
        ctx = repository.get_quote_context(s, q.id)
        assert ctx is not None
        assert ctx.before.endswith('Peskov told Interfax "')
        assert ctx.after.startswith('". According to')
        assert ctx.article.source == "moscow/1.txt" and ctx.article.quotes == 3
        assert ctx.text[q.content_span[0] : q.content_span[1]] == q.content
        assert repository.get_quote_context(s, 10_000) is None
        assert repository.get_quote(s, 10_000) is None


def test_speakers_and_outlets_with_counts(filled: Store) -> None:
    with filled.sessions() as s:
        speakers = repository.list_speakers(s).items
        assert [(e.name, e.quotes) for e in speakers] == [("Dmitry Peskov", 3), ("Maria Zakharova", 2)]
        assert speakers[0].aliases == ("Peskov",) and speakers[0].roles == ("Kremlin spokesperson",)
        assert [e.name for e in repository.list_speakers(s, name="zakh").items] == ["Maria Zakharova"]
        outlets = {e.name: (e.channel_quotes, e.articles) for e in repository.list_outlets(s).items}
        assert outlets == {"The Moscow Times": (0, 2), "Interfax": (1, 0), "RIA Novosti": (1, 0), "TASS": (1, 0)}
        peskov = repository.get_entity(s, speakers[0].id)
        assert peskov == speakers[0]


def test_review_actions_write_the_log(filled: Store) -> None:
    with filled.sessions() as s:
        q = repository.search(s, "Hamas").items[0]
        assert repository.accept(s, q.id, note="checked").status == "accepted"
        assert repository.accept(s, q.id).status == "accepted"  # no change, no second entry
        assert repository.reject(s, q.id).status == "rejected"
        assert repository.set_kind(s, q.id, "indirect").kind == "indirect"
        changed = repository.set_speaker(s, q.id, "Sergei Lavrov")
        assert (changed.speaker, changed.speaker_reviewed) == ("Sergei Lavrov", True)
        log = repository.review_log(s, quote_id=q.id).items
    assert [(e.action, e.old_value, e.new_value) for e in reversed(log)] == [
        ("accept", "pending", "accepted"),
        ("reject", "accepted", "rejected"),
        ("set_kind", "direct", "indirect"),
        ("set_speaker", "Maria Zakharova", "Sergei Lavrov"),
    ]
    # Committed: a new session sees it.
    with filled.sessions() as s:
        assert repository.get_quote(s, q.id).status == "rejected"  # type: ignore[union-attr]
        assert repository.list_quotes(s, QuoteFilter(status="rejected")).total == 1


def test_invalid_review_actions_change_nothing(filled: Store) -> None:
    with filled.sessions() as s:
        q = repository.list_quotes(s).items[0]
        with pytest.raises(QuotesError):
            repository.set_kind(s, q.id, "shouted")
        with pytest.raises(NotFound):
            repository.accept(s, 99_999)
        with pytest.raises(NotFound):
            repository.set_speaker(s, q.id, entity_id=99_999)
        with pytest.raises(QuotesError):
            repository.set_status(s, q.id, "maybe")
        assert repository.review_log(s).total == 0
        assert repository.get_quote(s, q.id) == q


def test_merge_entities(filled: Store) -> None:
    with filled.sessions() as s:
        q = repository.search(s, "Hamas").items[0]
        lavrov = repository.set_speaker(s, q.id, "Lavrov")
        zakharova = repository.list_speakers(s, name="Maria Zakharova").items[0]
        merged = repository.merge_entities(s, zakharova.id, lavrov.speaker_id or 0)
        assert (merged.name, merged.quotes) == ("Maria Zakharova", 2)
        assert "Lavrov" in merged.aliases
        assert repository.get_entity(s, lavrov.speaker_id or 0) is None
        assert repository.get_quote(s, q.id).speaker == "Maria Zakharova"  # type: ignore[union-attr]
        assert repository.search(s, "Maria Hamas").total == 1  # search follows the new name
        entry = repository.review_log(s, entity_id=zakharova.id).items[0]
        assert entry.action == "merge" and entry.old_value.startswith("Lavrov")  # type: ignore[union-attr]
        with pytest.raises(QuotesError):
            repository.merge_entities(s, zakharova.id, zakharova.id)
    # A later article naming the merged-away entity links to the kept one.
    text = 'Lavrov said "we spoke".'
    with filled.session() as s:
        store_article(s, article("moscow/3.txt", text), [quote(text, "we spoke", speaker="Lavrov")])
    with filled.sessions() as s:
        assert repository.list_quotes(s, QuoteFilter(speaker=zakharova.id)).total == 3


def test_rename_entity_keeps_old_name_as_alias(filled: Store) -> None:
    with filled.sessions() as s:
        peskov = repository.list_speakers(s).items[0]
        renamed = repository.rename_entity(s, peskov.id, "Dmitry S. Peskov")
        assert renamed.name == "Dmitry S. Peskov" and "Dmitry Peskov" in renamed.aliases
        assert repository.search(s, "Dmitry S Peskov").total == 3
        with pytest.raises(QuotesError, match="merge"):
            repository.rename_entity(s, peskov.id, "Maria Zakharova")


def test_stats_and_articles(filled: Store) -> None:
    with filled.sessions() as s:
        st_ = repository.stats(s)
        assert (st_.articles, st_.quotes) == (2, 6)
        assert dict(st_.by_kind) == {"direct": 4, "indirect": 1, "mixed": 1}
        arts = repository.list_articles(s).items
        assert [(a.source, a.quotes, a.publisher) for a in arts] == [
            ("moscow/2.txt", 3, "The Moscow Times"),
            ("moscow/1.txt", 3, "The Moscow Times"),
        ]
