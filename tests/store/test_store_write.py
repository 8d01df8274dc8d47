"""Storing extraction results: articles, quotes, entities across articles, channels, errors, re-extraction."""

from __future__ import annotations

import socket
import subprocess
import sys

from sqlalchemy import func, select
from store_helpers import PESKOV_TEXT, article, peskov_article, quote

from quotes.store import QuoteFilter, Store, repository
from quotes.store.entities import Resolver
from quotes.store.models import Alias, ArticleRecord, Entity, EntityRole, InputErrorRecord, QuoteRecord, Run
from quotes.store.review_queries import set_channel
from quotes.store.writer import (
    known_hashes,
    record_input_error,
    settle_dead_runs,
    start_run,
    store_article,
    text_sha256,
)


def _entities(store: Store) -> dict[str, str]:
    with store.sessions() as s:
        return {e.name: e.type for e in s.scalars(select(Entity))}


def test_article_and_quotes_are_stored_in_text_order(store: Store) -> None:
    art, atts = peskov_article()
    with store.session() as s:
        run = start_run(s, models="test")
        result = store_article(s, art, list(reversed(atts)), run)  # type: ignore[arg-type]
    assert (result.outcome, result.quotes) == ("new", 3)
    with store.sessions() as s:
        a = s.scalars(select(ArticleRecord)).one()
        assert (a.source, a.title, a.sha256, str(a.published)) == (
            "moscow/1.txt",
            "Talks",
            text_sha256(PESKOV_TEXT),
            "2023-10-26",
        )
        rows = s.scalars(select(QuoteRecord).order_by(QuoteRecord.position)).all()
        assert [q.content for q in rows] == [
            "we are ready to talk",
            "there will be no delay",
            "the delegation arrived on Thursday",
        ]
        first = rows[0]
        assert PESKOV_TEXT[first.content_start : first.content_end] == first.content
        assert (first.cue, first.speaker_mention, first.role, first.status) == (
            "said",
            "Kremlin spokesperson Dmitry Peskov",
            "Kremlin spokesperson",
            "pending",
        )
        assert all(q.run_id == run for q in rows)


def test_same_person_is_one_entity_and_roles_stay_out_of_names(store: Store) -> None:
    art, atts = peskov_article()
    with store.session() as s:
        store_article(s, art, atts)  # type: ignore[arg-type]
    second = 'Peskov said "nothing has changed". Dmitry Peskov also said "wait".'
    with store.session() as s:
        store_article(
            s,
            article("moscow/2.txt", second),
            [
                quote(second, "nothing has changed", speaker="Peskov"),
                quote(second, "wait", speaker="Dmitry Peskov"),
            ],
        )
    third = 'Peskov said "later".'
    with store.session() as s:
        store_article(s, article("moscow/3.txt", third), [quote(third, "later", speaker="Peskov")])
    with store.sessions() as s:
        people = s.scalars(select(Entity).where(Entity.type == "person")).all()
        assert [e.name for e in people] == ["Dmitry Peskov"]
        peskov = people[0]
        assert {a.alias for a in s.scalars(select(Alias).where(Alias.entity_id == peskov.id))} == {"Peskov"}
        assert [r.role for r in s.scalars(select(EntityRole))] == ["Kremlin spokesperson"]
        speakers = {q.speaker_id for q in s.scalars(select(QuoteRecord).where(QuoteRecord.speaker.is_not(None)))}
        assert speakers == {peskov.id}
        assert s.scalar(select(func.count(QuoteRecord.id)).where(QuoteRecord.speaker == "Dmitry Peskov")) == 5


def test_one_transaction_for_many_articles_links_people_as_separate_ones_do(store: Store) -> None:
    """A batch stores a chunk of articles in one transaction with one Resolver: what it learns
    from an earlier article (a new alias, a new entity) holds for the later ones."""
    first = 'Peskov said "soon".'  # a bare surname, before the full name is known: its own entity
    second = 'Dmitry Peskov said "yes". Peskov added "no".'  # "Peskov" becomes an alias of the full name
    third = 'Peskov said "later". Dmitry Peskov said "again".'
    with store.session() as s:
        resolver = Resolver(s)
        store_article(s, article("1.txt", first), [quote(first, "soon", speaker="Peskov")], None, resolver)
        store_article(
            s,
            article("2.txt", second),
            [quote(second, "yes", speaker="Dmitry Peskov"), quote(second, "no", speaker="Peskov")],
            None,
            resolver,
        )
        store_article(
            s,
            article("3.txt", third),
            [quote(third, "later", speaker="Peskov"), quote(third, "again", speaker="Dmitry Peskov")],
            None,
            resolver,
        )
    with store.sessions() as s:
        by_article = {
            (a, q): name
            for a, q, name in s.execute(
                select(ArticleRecord.source, QuoteRecord.content, Entity.name)
                .join(QuoteRecord, QuoteRecord.article_id == ArticleRecord.id)
                .join(Entity, Entity.id == QuoteRecord.speaker_id)
            )
        }
        aliases = {a.alias for a in s.scalars(select(Alias))}
    assert by_article == {
        ("1.txt", "soon"): "Peskov",
        ("2.txt", "yes"): "Dmitry Peskov",
        ("2.txt", "no"): "Dmitry Peskov",
        ("3.txt", "later"): "Dmitry Peskov",
        ("3.txt", "again"): "Dmitry Peskov",
    }
    assert aliases == {"Peskov"}


def test_aliases_learned_earlier_in_the_transaction_link_and_can_be_ambiguous(store: Store) -> None:
    """New entities and aliases wait in the session until the article's flush; a later article in the
    same transaction still finds them, and an alias two of them share matches neither."""
    texts = {
        "1.txt": 'Dmitry Peskov said "yes". Peskov added "no".',
        "2.txt": 'Peskov said "soon".',
        "3.txt": 'Hillary Clinton said "a". Clinton added "b".',
        "4.txt": 'Bill Clinton said "c". Clinton added "d".',
        "5.txt": 'Clinton said "e".',
    }
    quotes = {
        "1.txt": [("yes", "Dmitry Peskov", None), ("no", "Dmitry Peskov", "Peskov")],
        "2.txt": [("soon", "Peskov", None)],
        "3.txt": [("a", "Hillary Clinton", None), ("b", "Hillary Clinton", "Clinton")],
        "4.txt": [("c", "Bill Clinton", None), ("d", "Bill Clinton", "Clinton")],
        "5.txt": [("e", "Clinton", None)],
    }
    with store.session() as s:
        resolver = Resolver(s)
        for source, text in texts.items():
            atts = [quote(text, c, speaker=name, mention=mention) for c, name, mention in quotes[source]]
            store_article(s, article(source, text), atts, None, resolver)
    with store.sessions() as s:
        speakers = dict(
            s.execute(select(QuoteRecord.content, Entity.name).join(Entity, Entity.id == QuoteRecord.speaker_id)).all()
        )
        aliases = sorted((a.entity.name, a.alias) for a in s.scalars(select(Alias)))
    assert speakers == {
        "yes": "Dmitry Peskov",
        "no": "Dmitry Peskov",
        "soon": "Dmitry Peskov",
        "a": "Hillary Clinton",
        "b": "Hillary Clinton",
        "c": "Bill Clinton",
        "d": "Bill Clinton",
        "e": "Clinton",
    }
    assert aliases == [("Bill Clinton", "Clinton"), ("Dmitry Peskov", "Peskov"), ("Hillary Clinton", "Clinton")]


def test_ambiguous_surname_is_not_merged(store: Store) -> None:
    text = 'Hillary Clinton said "yes". Bill Clinton said "no". Clinton said "maybe".'
    with store.session() as s:
        store_article(
            s,
            article("a.txt", text),
            [
                quote(text, "yes", speaker="Hillary Clinton"),
                quote(text, "no", speaker="Bill Clinton"),
                quote(text, "maybe", speaker="Clinton"),
            ],
        )
    assert set(_entities(store)) == {"Hillary Clinton", "Bill Clinton", "Clinton"}


def test_channels_link_to_outlet_entities_with_their_role(store: Store) -> None:
    art, atts = peskov_article()
    with store.session() as s:
        store_article(s, art, atts)  # type: ignore[arg-type]
    types = _entities(store)
    assert types["Interfax"] == types["RIA Novosti"] == types["The Moscow Times"] == "outlet"
    with store.sessions() as s:
        page = repository.list_quotes(s, QuoteFilter(outlet="interfax"))
        assert [(c.name, c.role) for q in page.items for c in q.channels] == [("Interfax", "told")]
        via_ria = repository.list_quotes(s, QuoteFilter(outlet="RIA Novosti")).items
        assert via_ria[0].channels[0].role == "according_to"
        # The publisher counts as an outlet of every quote in its articles.
        assert repository.list_quotes(s, QuoteFilter(outlet="the moscow times")).total == 3


def test_unchanged_article_is_left_alone(store: Store) -> None:
    art, atts = peskov_article()
    with store.session() as s:
        store_article(s, art, atts)  # type: ignore[arg-type]
        hashes = known_hashes(s)
    assert hashes == {"moscow/1.txt": text_sha256(PESKOV_TEXT)}
    with store.session() as s:
        again = store_article(s, art, atts[:1])  # type: ignore[arg-type]
    assert again.outcome == "unchanged"
    with store.sessions() as s:
        assert repository.stats(s).quotes == 3


def test_the_same_text_found_by_another_extractor_is_stored_again(store: Store) -> None:
    art, atts = peskov_article()
    with store.session() as s:
        store_article(s, art, atts, extractor="old")  # type: ignore[arg-type]
        assert known_hashes(s, "old") == {"moscow/1.txt": text_sha256(PESKOV_TEXT)}
        assert known_hashes(s, "new") == {}
    with store.session() as s:
        assert store_article(s, art, atts, extractor="old").outcome == "unchanged"  # type: ignore[arg-type]
        assert store_article(s, art, atts[:1], extractor="new").outcome == "updated"  # type: ignore[arg-type]
    with store.sessions() as s:
        assert repository.stats(s).quotes == 1
        assert known_hashes(s, "new") == {"moscow/1.txt": text_sha256(PESKOV_TEXT)}


def test_reviews_survive_re_extraction_of_a_changed_article(store: Store) -> None:
    art, atts = peskov_article()
    with store.session() as s:
        store_article(s, art, atts)  # type: ignore[arg-type]
    with store.sessions() as s:
        ids = {q.content: q.id for q in repository.list_quotes(s).items}
        repository.accept(s, ids["we are ready to talk"])
        repository.reject(s, ids["the delegation arrived on Thursday"])
        repository.set_speaker(s, ids["there will be no delay"], "Maria Zakharova")
    # An edited article: a new lead sentence shifts every offset; one quote is reworded slightly,
    # one disappears, one is new.
    changed = (
        "MOSCOW (Update) - Talks were confirmed. "
        'Kremlin spokesperson Dmitry Peskov said "we are ready to talk now". '
        'Peskov told Interfax "there will be no delay". '
        'Lavrov said "we welcome them".'
    )
    new_atts = [
        quote(changed, "we are ready to talk now", speaker="Dmitry Peskov", mention="Dmitry Peskov"),
        quote(changed, "there will be no delay", speaker="Peskov", cue="told", via=(("Interfax", "told"),)),
        quote(changed, "we welcome them", speaker="Sergei Lavrov", mention="Lavrov"),
    ]
    with store.session() as s:
        result = store_article(s, article("moscow/1.txt", changed), new_atts)
    assert (result.outcome, result.kept) == ("updated", 2)
    with store.sessions() as s:
        by_id = {q.id: q for q in repository.list_quotes(s, limit=100).items}
        ready = by_id[ids["we are ready to talk"]]
        assert (ready.content, ready.status, ready.stale) == ("we are ready to talk now", "accepted", False)
        assert changed[ready.content_span[0] : ready.content_span[1]] == ready.content
        delay = by_id[ids["there will be no delay"]]
        assert (delay.speaker, delay.speaker_reviewed, delay.status) == ("Maria Zakharova", True, "pending")
        assert delay.content_span == (changed.index("there will"), changed.index("there will") + 22)
        gone = by_id[ids["the delegation arrived on Thursday"]]
        assert (gone.status, gone.stale) == ("rejected", True)
        fresh = [q for q in by_id.values() if q.content == "we welcome them"]
        assert len(fresh) == 1 and fresh[0].status == "pending" and fresh[0].id not in ids.values()
        # The review log still points at the same quotes.
        log = repository.review_log(s).items
        assert {e.quote_id for e in log} == {ids["we are ready to talk"], ids["there will be no delay"], gone.id}


def test_a_channel_set_in_review_survives_re_extraction(store: Store) -> None:
    art, atts = peskov_article()
    with store.session() as s:
        store_article(s, art, atts)  # type: ignore[arg-type]
    with store.sessions() as s:
        ids = {q.content: q.id for q in repository.list_quotes(s).items}
        set_channel(s, ids["there will be no delay"], "TASS")
        set_channel(s, ids["the delegation arrived on Thursday"], None)
    changed = PESKOV_TEXT + " Nothing else happened."
    with store.session() as s:
        result = store_article(s, article("moscow/1.txt", changed), atts)  # same extraction: Interfax, RIA Novosti
    assert result.outcome == "updated"
    with store.sessions() as s:
        by_id = {q.id: q for q in repository.list_quotes(s, limit=100).items}
        assert [c.name for c in by_id[ids["there will be no delay"]].channels] == ["TASS"]
        assert by_id[ids["the delegation arrived on Thursday"]].channels == ()
        # A quote nobody touched gets the channels of the new extraction.
        assert by_id[ids["we are ready to talk"]].channels == ()


def test_unreviewed_quotes_are_replaced_on_re_extraction(store: Store) -> None:
    art, atts = peskov_article()
    with store.session() as s:
        store_article(s, art, atts)  # type: ignore[arg-type]
    changed = PESKOV_TEXT + " Nothing else happened."
    with store.session() as s:
        store_article(s, article("moscow/1.txt", changed), [quote(changed, "there will be no delay", speaker="Peskov")])
    with store.sessions() as s:
        assert [q.content for q in repository.list_quotes(s).items] == ["there will be no delay"]
        # The search index follows deletions.
        assert repository.search(s, "delegation").total == 0
        assert repository.search(s, "delay").total == 1


def test_input_errors_are_one_row_per_source_and_cleared_on_success(store: Store) -> None:
    with store.session() as s:
        run = start_run(s)
        record_input_error(s, "bad.txt", "empty file", run)
        record_input_error(s, "bad.txt", "binary file, not text", run)
        record_input_error(s, "other.txt", "permission denied", run)
    with store.sessions() as s:
        assert [(e.source, e.problem) for e in repository.list_errors(s).items] == [
            ("bad.txt", "binary file, not text"),
            ("other.txt", "permission denied"),
        ]
    text = 'Peskov said "fine".'
    with store.session() as s:
        store_article(s, article("bad.txt", text), [quote(text, "fine", speaker="Peskov")])
    with store.sessions() as s:
        assert [e.source for e in s.scalars(select(InputErrorRecord))] == ["other.txt"]


def test_a_failed_transaction_leaves_nothing_behind(store: Store) -> None:
    art, atts = peskov_article()
    try:
        with store.session() as s:
            store_article(s, art, atts)  # type: ignore[arg-type]
            raise RuntimeError("crash before commit")
    except RuntimeError:
        pass
    with store.sessions() as s:
        stats = repository.stats(s)
        assert (stats.articles, stats.quotes, stats.entities) == (0, 0, 0)


def test_overlong_names_are_cut_to_fit_every_backend(store: Store) -> None:
    name = "Spokesperson " * 60
    text = f'{name} said "ok".'
    with store.session() as s:
        store_article(s, article("long.txt", text), [quote(text, "ok", speaker=name.strip(), cue="x" * 600)])
    with store.sessions() as s:
        q = repository.list_quotes(s).items[0]
        assert q.speaker is not None and len(q.speaker) <= 512 and q.cue is None


def test_a_run_whose_process_died_is_marked_killed(store: Store) -> None:
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()  # its pid now names no process
    here = socket.gethostname()
    with store.session() as s:
        dead = start_run(s, models="test")
        s.get(Run, dead).pid = gone.pid  # type: ignore[union-attr]
        alive = start_run(s, models="test")  # this process
        elsewhere = start_run(s, models="test")
        s.get(Run, elsewhere).host = here + "-other"  # type: ignore[union-attr]
    with store.sessions() as s:
        shown = {r.id: r.status for r in repository.list_runs(s)}
    assert shown == {dead: "killed", alive: "running", elsewhere: "running"}
    with store.session() as s:
        assert settle_dead_runs(s) == [dead]
    with store.sessions() as s:
        assert {r.id: r.status for r in s.scalars(select(Run))} == shown
