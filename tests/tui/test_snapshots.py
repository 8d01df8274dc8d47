"""Snapshots of the review app's screens, grouped by feature.

Fixed terminal size, fixed data, no clock on screen. After a deliberate change to the
look, regenerate with ``pytest tests/tui --snapshot-update`` and look at the SVGs.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from test_review_app import goto, settle
from textual.pilot import Pilot
from textual.widgets import Input
from tui_helpers import SIZE, make_app

from quotes.store import Store

Snap = Callable[..., bool]


def steps(*actions: Callable[[Pilot[None]], Awaitable[Any]] | str) -> Callable[[Pilot[None]], Awaitable[None]]:
    """Keys (strings) and coroutines run in order, the app settled after each."""

    async def run(pilot: Pilot[None]) -> None:
        await settle(pilot)
        for action in actions:
            if isinstance(action, str):
                await pilot.press(action)
            else:
                await action(pilot)
            await settle(pilot)

    return run


def to(content: str) -> Callable[[Pilot[None]], Awaitable[Any]]:
    return lambda pilot: goto(pilot, content)


def typed(widget_id: str, value: str, *, completes: bool = False) -> Callable[[Pilot[None]], Awaitable[None]]:
    async def run(pilot: Pilot[None]) -> None:
        field = pilot.app.screen.query_one(widget_id, Input)
        field.value = ""
        field.focus()
        await pilot.press(*value)
        # A completion comes from the database in a thread of its own, not a worker: poll for it.
        for _ in range(100 if completes else 0):
            if field._suggestion:
                break
            await pilot.pause(0.02)

    return run


class TestQuoteList:
    def test_opens_on_the_first_quote(self, snap_compare: Snap, review_store: Store) -> None:
        assert snap_compare(make_app(review_store), terminal_size=SIZE, run_before=steps())

    def test_search(self, snap_compare: Snap, review_store: Store) -> None:
        assert snap_compare(
            make_app(review_store), terminal_size=SIZE, run_before=steps("slash", typed("#search", "kremlin"), "enter")
        )

    def test_filtered_to_low_confidence(self, snap_compare: Snap, review_store: Store) -> None:
        async def low(pilot: Pilot[None]) -> None:
            await pilot.click("#f-low")
            await pilot.click("#apply")

        assert snap_compare(make_app(review_store), terminal_size=SIZE, run_before=steps("f", low))


class TestDetail:
    def test_channel_chain_and_highlights(self, snap_compare: Snap, review_store: Store) -> None:
        assert snap_compare(make_app(review_store), terminal_size=SIZE, run_before=steps(to("there will be no delay")))


class TestEditing:
    def test_speaker_dialog_completes_known_names(self, snap_compare: Snap, review_store: Store) -> None:
        assert snap_compare(
            make_app(review_store),
            terminal_size=SIZE,
            run_before=steps(to("exports would keep growing next year"), "s", typed("#answer", "Oks", completes=True)),
        )

    def test_filter_dialog(self, snap_compare: Snap, review_store: Store) -> None:
        assert snap_compare(make_app(review_store), terminal_size=SIZE, run_before=steps("f"))

    def test_merge_confirmation(self, snap_compare: Snap, review_store: Store) -> None:
        assert snap_compare(
            make_app(review_store),
            terminal_size=SIZE,
            run_before=steps(to("contacts with Hamas continue"), "m", typed("#answer", "Dmitry Peskov"), "enter"),
        )


class TestViews:
    def test_speakers(self, snap_compare: Snap, review_store: Store) -> None:
        assert snap_compare(make_app(review_store), terminal_size=SIZE, run_before=steps("2"))

    def test_help_lists_remapped_keys(self, snap_compare: Snap, review_store: Store) -> None:
        app = make_app(review_store, keymap={"accept": "y,enter", "search": "ctrl+f"})
        assert snap_compare(app, terminal_size=SIZE, run_before=steps("question_mark"))

    def test_fresh_database(self, snap_compare: Snap, empty_store: Store) -> None:
        assert snap_compare(make_app(empty_store), terminal_size=SIZE, run_before=steps())
