"""The review app driven by keys and clicks; every change is checked in the database afterwards."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from click.testing import CliRunner
from textual.pilot import Pilot
from textual.widgets import Input, Static
from tui_helpers import SIZE, fill, fill_many, make_app

from quotes.extract.types import Attribution
from quotes.ingest.readers import Article
from quotes.store import QuoteFilter, Store, repository
from quotes.store.review_queries import ReviewQuery, next_pending, review_page
from quotes.store.writer import store_article
from quotes.tui.keymap import LoadedKeymap, load_keymap, parse_keymap
from quotes.tui.screens.review import ReviewScreen
from quotes.tui.widgets.quote_table import QuoteTable, SpeakerTable


async def settle(pilot: Pilot[None]) -> None:
    """Let database workers finish and their messages arrive."""
    # pause(0) handles what is queued without waiting for the CPU to go idle (much quicker);
    # a worker's message may start another worker, so go on until none is left.
    await pilot.pause(0)
    for _ in range(100):
        review = next((s for s in pilot.app.screen_stack if isinstance(s, ReviewScreen)), None)
        if len(pilot.app.workers):
            await pilot.app.workers.wait_for_complete()
            await pilot.pause(0)
        elif review is not None and not review.settled:
            await pilot.pause(0.01)  # a message is on its way, or a delayed load is due shortly
        else:
            break
    await pilot.pause()


def screen(pilot: Pilot[None]) -> ReviewScreen:
    found = pilot.app.screen_stack[1]
    assert isinstance(found, ReviewScreen)
    return found


def table(pilot: Pilot[None]) -> QuoteTable:
    return screen(pilot).query_one(QuoteTable)


def db_quote(store: Store, quote_id: int) -> repository.QuoteView:
    with store.sessions() as s:
        view = repository.get_quote(s, quote_id)
    assert view is not None
    return view


def log_actions(store: Store, quote_id: int) -> list[tuple[str, str | None, str | None]]:
    with store.sessions() as s:
        entries = repository.review_log(s, quote_id=quote_id).items
    return [(e.action, e.old_value, e.new_value) for e in reversed(entries)]


async def goto(pilot: Pilot[None], content: str) -> repository.QuoteView:
    """Put the cursor on the row showing this content (as a click would, without the mouse's timing)."""
    rows = [q.content for q in table(pilot).quotes]
    assert content in rows, f"no row shows {content!r}"
    table(pilot).move_cursor(row=rows.index(content))
    await settle(pilot)
    current = table(pilot).current
    assert current is not None and current.content == content
    return current


# ---------------------------------------------------------------- review actions


async def test_accept_and_reject_are_saved_at_once_with_a_log_entry(review_store: Store) -> None:
    app = make_app(review_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        first = table(pilot).current
        assert first is not None
        await pilot.press("a")
        await settle(pilot)
        assert db_quote(review_store, first.id).status == "accepted"
        second = table(pilot).current
        assert second is not None and second.id != first.id  # moved on to the next quote
        await pilot.press("x")
        await settle(pilot)
        assert db_quote(review_store, second.id).status == "rejected"
        assert table(pilot).quotes[0].status == "accepted"  # the row shows it too
    assert log_actions(review_store, first.id) == [("accept", "pending", "accepted")]
    assert log_actions(review_store, second.id) == [("reject", "pending", "rejected")]


async def test_buttons_act_on_the_clicked_row(review_store: Store) -> None:  # mouse
    app = make_app(review_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.click(QuoteTable, offset=(30, 3))  # third row (the header is row 0)
        await settle(pilot)
        clicked = table(pilot).current
        assert clicked is not None and table(pilot).cursor_row == 2
        await pilot.click("#btn-reject")
        await settle(pilot)
    assert db_quote(review_store, clicked.id).status == "rejected"


async def test_edit_speaker_with_completion(review_store: Store) -> None:
    app = make_app(review_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        quote = await goto(pilot, "exports would keep growing next year")
        await pilot.press("s")
        await pilot.pause()
        field = app.screen.query_one("#answer", Input)
        field.value = ""
        await pilot.press(*"Oks")
        # The completion comes from the database in a thread of its own, not a worker: poll for it.
        for _ in range(100):
            if field._suggestion:
                break
            await pilot.pause(0.02)
        assert field._suggestion == "Oksana Lutsenko"
        await pilot.press("right", "enter")  # take the completion, save
        await settle(pilot)
    changed = db_quote(review_store, quote.id)
    assert changed.speaker == "Oksana Lutsenko" and changed.speaker_reviewed
    with review_store.sessions() as s:
        lutsenko = repository.list_speakers(s, name="Lutsenko").items[0]
    assert changed.speaker_id == lutsenko.id
    assert log_actions(review_store, quote.id) == [("set_speaker", "agriculture minister", "Oksana Lutsenko")]


async def test_edit_kind_and_channel(review_store: Store) -> None:
    app = make_app(review_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        quote = await goto(pilot, "there will be no delay")
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("m")  # first letter picks "mixed"
        await settle(pilot)
        await pilot.press("o")
        await pilot.pause()
        app.screen.query_one("#answer", Input).value = "TASS"
        await pilot.press("enter")
        await settle(pilot)
    changed = db_quote(review_store, quote.id)
    assert changed.kind == "mixed" and changed.kind_reviewed
    assert [c.name for c in changed.channels] == ["TASS"]
    assert [a for a, *_ in log_actions(review_store, quote.id)] == ["set_kind", "set_channel"]


async def test_undo_reverts_each_change_in_turn(review_store: Store) -> None:
    app = make_app(review_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        quote = await goto(pilot, "we are ready to talk")
        await pilot.press("t", "i")  # kind -> indirect
        await settle(pilot)
        await pilot.press("a")  # accept (the cursor moves on)
        await settle(pilot)
        assert db_quote(review_store, quote.id).status == "accepted"
        await pilot.press("u")
        await settle(pilot)
        assert db_quote(review_store, quote.id).status == "pending"
        await pilot.press("u")
        await settle(pilot)
        assert db_quote(review_store, quote.id).kind == "direct"
        await pilot.press("u")  # nothing left: says so, changes nothing
        await settle(pilot)
        assert [a for a, *_ in log_actions(review_store, quote.id)] == ["set_kind", "accept", "reset", "set_kind"]
        # A speaker goes back to the very entity it had, not a new one of the same name.
        other = await goto(pilot, "the visit is not secret")
        await pilot.press("s")
        await pilot.pause()
        app.screen.query_one("#answer", Input).value = "Sergei Lavrov"
        await pilot.press("enter")
        await settle(pilot)
        assert db_quote(review_store, other.id).speaker == "Sergei Lavrov"
        await pilot.press("u")
        await settle(pilot)
    restored = db_quote(review_store, other.id)
    assert (restored.speaker, restored.speaker_id) == (other.speaker, other.speaker_id)


async def test_merge_two_speakers_from_the_speakers_view(review_store: Store) -> None:
    app = make_app(review_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        speakers = screen(pilot).query_one(SpeakerTable)
        assert [e.name for e in speakers.entities][:2] == ["Dmitry Peskov", "Maria Zakharova"]
        await pilot.press("G")  # the last: the agriculture minister
        assert speakers.current is not None and speakers.current.name == "agriculture minister"
        await pilot.press("m")
        await pilot.pause()
        app.screen.query_one("#answer", Input).value = "Nobody Known"
        await pilot.press("enter", "y")  # refused: merging needs a speaker that exists
        await settle(pilot)
        assert len(speakers.entities) == 4
        await pilot.press("m")
        await pilot.pause()
        app.screen.query_one("#answer", Input).value = "Oksana Lutsenko"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("y")  # confirm
        await settle(pilot)
        assert [e.name for e in speakers.entities] == ["Dmitry Peskov", "Maria Zakharova", "Oksana Lutsenko"]
    with review_store.sessions() as s:
        kept = repository.list_speakers(s, name="Lutsenko").items[0]
        assert (kept.quotes, kept.aliases) == (2, ("agriculture minister",))
        assert [e.action for e in repository.review_log(s).items] == ["merge"]


# ---------------------------------------------------------------- finding quotes


def shown(pilot: Pilot[None]) -> list[str]:
    return [q.content for q in table(pilot).quotes]


def expected(store: Store, **kw: object) -> list[str]:
    with store.sessions() as s:
        return [q.content for q in repository.list_quotes(s, QuoteFilter(**kw)).items]  # type: ignore[arg-type]


async def test_filter_dialog(review_store: Store) -> None:
    app = make_app(review_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await pilot.pause()
        app.screen.query_one("#f-speaker", Input).focus()
        await pilot.press(*"peskov", "enter")
        await settle(pilot)
        assert shown(pilot) == expected(review_store, speaker="peskov")
        assert len(shown(pilot)) == 3
        await pilot.press("f")
        await pilot.pause()
        app.screen.query_one("#f-speaker", Input).value = ""
        app.screen.query_one("#f-outlet", Input).focus()
        await pilot.press(*"TASS", "enter")
        await settle(pilot)
        assert shown(pilot) == ["contacts with Hamas continue"]
        await pilot.press("c")  # clear
        await settle(pilot)
        assert len(shown(pilot)) == 8


async def test_status_kind_article_and_low_confidence_filters(review_store: Store) -> None:
    app = make_app(review_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("a")  # accept the first row
        await settle(pilot)
        scr = screen(pilot)
        for filters, want in [
            ({"status": "accepted"}, expected(review_store, status="accepted")),
            ({"kind": "indirect"}, expected(review_store, kind="indirect")),
            ({"article": "news/visit.txt"}, expected(review_store, article="news/visit.txt")),
            ({"low_confidence": True}, [q for q in expected(review_store) if q in LOW]),
        ]:
            await pilot.press("f")
            await pilot.pause()
            dialog = app.screen
            if "status" in filters:
                dialog.query_one("#f-status").value = filters["status"]  # type: ignore[attr-defined]
            if "kind" in filters:
                dialog.query_one("#f-kind").value = filters["kind"]  # type: ignore[attr-defined]
            if "article" in filters:
                dialog.query_one("#f-article", Input).value = str(filters["article"])
            if "low_confidence" in filters:
                await pilot.click("#f-low")
            await pilot.click("#apply")
            await settle(pilot)
            assert shown(pilot) == want, filters
            assert want
            await pilot.press("c")
            await settle(pilot)
        assert scr.filters.active is False


LOW = {
    "exports would keep growing next year",
    "contacts with Hamas continue",
    "the delegation arrived on Thursday evening",
}


async def test_search_as_you_type_and_no_match(review_store: Store) -> None:
    app = make_app(review_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        await pilot.press(*"harv")  # a prefix is enough
        await pilot.pause(0.5)
        await settle(pilot)
        assert shown(pilot) == ["We expect a record harvest,"]
        await pilot.press("enter")  # back to the list
        assert isinstance(app.focused, QuoteTable)
        await pilot.press("slash", *"ka OR NOT (", "enter")  # operators are plain words
        await settle(pilot)
        assert shown(pilot) == []
        assert "No quotes match" in str(screen(pilot).query_one("#empty", Static).render())


async def test_next_and_previous_unreviewed(review_store: Store) -> None:
    app = make_app(review_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("j", "a", "a")  # rows 1 and 2 accepted; cursor on row 3
        await settle(pilot)
        await pilot.press("g", "n")
        await settle(pilot)
        assert table(pilot).cursor_row == 3
        await pilot.press("N")
        await settle(pilot)
        assert table(pilot).cursor_row == 0


# ---------------------------------------------------------------- size, fresh and busy stores


async def test_pages_load_as_the_cursor_moves(empty_store: Store) -> None:
    fill_many(empty_store, 50, 5)  # 250 quotes: three pages
    app = make_app(empty_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        scr = screen(pilot)
        assert (scr.page_offset, scr.page_total, len(table(pilot).quotes)) == (0, 250, 100)
        await pilot.press("G")
        await settle(pilot)
        assert (scr.page_offset, table(pilot).cursor_row) == (200, 49)
        last = table(pilot).current
        await pilot.press("j")  # already at the very end: stays
        await settle(pilot)
        assert table(pilot).current == last
        await pilot.press("g", "pageup", "k")
        await settle(pilot)
        assert scr.page_offset == 0
        table(pilot).move_cursor(row=98)
        await pilot.press("j", "j")  # to the last row of the page, then past it
        await settle(pilot)
        assert (scr.page_offset, table(pilot).cursor_row) == (100, 0)
        await pilot.press("k")
        await settle(pilot)
        assert (scr.page_offset, table(pilot).cursor_row) == (0, 99)
        assert "1–100 of 250" in str(scr.query_one("#pager", Static).render())


def test_next_pending_counts_positions_in_list_order(empty_store: Store) -> None:
    fill_many(empty_store, 4, 5)
    with empty_store.sessions() as s:
        page = review_page(s, ReviewQuery(), limit=20)
        for q in page.items[:7]:
            repository.accept(s, q.id)
        assert next_pending(s, ReviewQuery(), 0) == 7
        assert next_pending(s, ReviewQuery(), 7, backwards=True) is None
        assert next_pending(s, ReviewQuery(), 19) is None


async def test_fresh_database_says_what_to_run_then_shows_a_batch_as_it_lands(empty_store: Store) -> None:
    app = make_app(empty_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        empty = screen(pilot).query_one("#empty", Static)
        assert empty.display and "quotes extract PATH" in str(empty.render())
        # A batch writing from another thread and connection, as `quotes extract` would.
        writer = threading.Thread(target=fill, args=(empty_store,))
        writer.start()
        writer.join()
        screen(pilot).load_counts()  # what the periodic refresh runs
        await settle(pilot)
        assert not empty.display
        assert len(table(pilot).quotes) == 8


async def test_new_quotes_are_announced_and_the_refresh_key_shows_them(review_store: Store) -> None:
    app = make_app(review_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        fill_many(review_store, 2, 2)
        screen(pilot).load_counts()  # what the periodic refresh runs
        await settle(pilot)
        assert len(table(pilot).quotes) == 8  # rows stay put under the cursor
        assert "r refreshes" in str(screen(pilot).query_one("#pager", Static).render())
        await pilot.press("r")
        await settle(pilot)
        assert len(table(pilot).quotes) == 12
        assert "r refreshes" not in str(screen(pilot).query_one("#pager", Static).render())


async def test_detail_scrolls_the_article_to_the_quote(empty_store: Store) -> None:
    filler = "\n\n".join(f"Paragraph {i} says nothing in particular about anything at all." for i in range(80))
    text = filler + '\n\nThe mayor said "the bridge opens in May".'
    content = "the bridge opens in May"
    start = text.index(content)
    with empty_store.session() as s:
        store_article(
            s,
            Article("long.txt", text, text, "text", title="Long"),
            [Attribution("direct", content, (start, start + len(content)), speaker="The mayor", confidence=0.9)],
        )
    app = make_app(empty_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        article = screen(pilot).query_one("#article")
        assert article.scroll_y > 100  # 80 paragraphs down, not at the top
        assert article.scroll_y <= article.max_scroll_y


# ---------------------------------------------------------------- keys


async def test_keymap_rebinds_actions(review_store: Store) -> None:
    app = make_app(review_store, keymap={"accept": "y", "down": "ctrl+j"})
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        first = table(pilot).current
        assert first is not None
        await pilot.press("a")  # no longer bound
        await settle(pilot)
        assert db_quote(review_store, first.id).status == "pending"
        await pilot.press("ctrl+j")
        assert table(pilot).cursor_row == 1
        await pilot.press("k", "y")
        await settle(pilot)
        assert db_quote(review_store, first.id).status == "accepted"
        await pilot.press("question_mark")
        await pilot.pause()
        assert "Accept" in "".join(str(w.render()) for w in app.screen.query(Static))


def test_keymap_file_is_found_by_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    keys = tmp_path / "keys.toml"
    keys.write_text('accept = "y"\n', encoding="utf-8")
    monkeypatch.setenv("QUOTES_KEYMAP", str(keys))
    assert load_keymap() == LoadedKeymap({"accept": "y"}, keys, ())
    monkeypatch.delenv("QUOTES_KEYMAP")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "none"))
    assert load_keymap() == LoadedKeymap({}, None, ())  # no file: the defaults, silently


def test_keymap_file_format() -> None:
    keymap, problems = parse_keymap('accept = "y, enter"\nreject = ""\nfly = "f"\n')
    assert keymap == {"accept": "y,enter"}
    assert problems == ['reject: keys must be a non-empty string like "a,ctrl+a"', "unknown action 'fly'"]
    assert parse_keymap('[keys]\nundo = "z"\n') == ({"undo": "z"}, [])
    assert parse_keymap("accept = ")[1][0].startswith("not valid TOML")


def test_review_command_is_registered() -> None:
    from quotes.cli.main import cli  # noqa: PLC0415

    result = CliRunner().invoke(cli, ["review", "--help"])
    assert result.exit_code == 0
    assert "--db URL" in result.output
