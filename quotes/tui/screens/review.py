"""The main screen: the quote list with its detail pane, and the speakers view.

Every database call runs in a thread worker with a session of its own and posts a
message carrying frozen views back; the screen only ever holds those views.
Only the visible page of quotes is fetched, so a store of any size opens at once.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from time import monotonic
from typing import Any, ClassVar

from rich.text import Text
from sqlalchemy.exc import SQLAlchemyError
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Button, DataTable, Footer, Input, Static, TabbedContent, TabPane, Tabs

from quotes.errors import QuotesError
from quotes.store import repository, review_queries
from quotes.store.db import Store
from quotes.store.review_queries import LOW_CONFIDENCE, ReviewQuery, StatusCounts
from quotes.store.views import QuoteFilter, QuoteView
from quotes.tui.keymap import ACTIONS, bindings
from quotes.tui.messages import (
    ContextLoaded,
    CountsLoaded,
    Failed,
    Merged,
    PageLoaded,
    PendingFound,
    QuoteChanged,
    SpeakersLoaded,
    UndoStep,
)
from quotes.tui.screens.dialogs import AskText, Confirm, FilterDialog, Filters, HelpScreen, ask_kind
from quotes.tui.widgets.detail import DetailPane
from quotes.tui.widgets.quote_table import QuoteTable, SpeakerTable
from quotes.tui.widgets.suggest import EntitySuggester

PAGE = 100
SPEAKERS_PAGE = 500
SEARCH_DELAY = 0.3  # seconds of no typing before search-as-you-type runs
DETAIL_DELAY = 0.05  # seconds the cursor rests on a row before its article loads

EMPTY_STORE = (
    "No quotes in this database yet.\n\n"
    "Run  quotes extract PATH  to find quotes in your articles.\n"
    "They appear here as they are stored (press r to look again)."
)
NO_MATCH = "No quotes match.\n\nPress c to clear the filters and the search, or f to change them."

# Actions that act on the quote list; hidden and ignored while the speakers view is shown.
QUOTE_ACTIONS = {
    "accept",
    "reject",
    "reset",
    "edit_speaker",
    "edit_kind",
    "edit_channel",
    "next_pending",
    "prev_pending",
    "next_page",
    "prev_page",
    "search",
    "filter",
}


def to_query(filters: Filters, search: str) -> ReviewQuery:
    article: int | str | None = None
    if filters.article:
        article = int(filters.article) if filters.article.isdigit() else filters.article
    return ReviewQuery(
        QuoteFilter(
            speaker=filters.speaker or None,
            outlet=filters.outlet or None,
            kind=filters.kind,
            status=filters.status,
            article=article,
        ),
        search=search,
        max_confidence=LOW_CONFIDENCE if filters.low_confidence else None,
    )


def db_label(store: Store) -> str:
    """The database for the title bar: a SQLite file by name, a server by its URL without password."""
    if store.dialect == "sqlite":
        return Path(store.engine.url.database or ":memory:").name
    return store.url


class ReviewScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [*bindings(), Binding("escape", "focus_list", "List", show=False)]
    # Keys act on the highlighted quote, so the list is what gets focus when nothing else has it.
    AUTO_FOCUS = "QuoteTable"

    def __init__(self, store: Store, *, refresh_every: float = 5.0) -> None:
        super().__init__()
        self.store = store
        self.refresh_every = refresh_every
        self.filters = Filters()
        self.search_text = ""
        self.query_spec = ReviewQuery()
        self.page_offset = 0
        self.page_total = 0
        self.counts: StatusCounts | None = None
        self.undo_steps: list[UndoStep] = []
        self._page_generation = 0
        self._detail_generation = 0
        self._speakers_generation = 0
        self._search_timer: Timer | None = None
        self._detail_timer: Timer | None = None
        self._last_move = 0.0
        self._new_quotes = False
        self._speaker_suggester = EntitySuggester(store)
        self._outlet_suggester = EntitySuggester(store, outlets=True)
        self._keep_quote: int | None = None  # the quote to put the cursor back on after a reload

    # ------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        with Horizontal(id="topbar"):
            yield Static(Text.assemble(("quotes review", "bold"), ("  ·  " + db_label(self.store), "#7f848e")))
            yield Static(id="counts")
        with TabbedContent(id="views", initial="quotes-tab"):
            with TabPane("Quotes", id="quotes-tab"):
                with Horizontal(id="searchbar"):
                    yield Input(placeholder="/ search quotes and speakers", id="search", compact=True)
                    yield Static(id="filter-summary")
                with Vertical(id="list-area"):
                    yield QuoteTable(id="quotes")
                    yield Static(id="pager")
                    yield DetailPane(id="detail")
                yield Static(id="empty")
            with TabPane("Speakers", id="speakers-tab"):
                with Horizontal(id="speaker-searchbar"):
                    yield Input(placeholder="type to narrow speakers by name", id="speaker-search", compact=True)
                    yield Static(id="speaker-pager")
                yield SpeakerTable(id="speakers")
                yield Static(
                    "Enter shows a speaker's quotes · m merges the highlighted speaker into another",
                    id="speaker-hint",
                )
        yield Footer()

    def on_mount(self) -> None:
        # Views switch with keys or clicks; the tab row taking focus would only steal keys from the list.
        self.query_one(Tabs).can_focus = False
        self.query_one("#empty").display = False
        self.load_counts()
        self.reload(row=0)
        self.query_one(QuoteTable).focus()
        if self.refresh_every > 0:
            self.set_interval(self.refresh_every, self.load_counts)

    @property
    def table(self) -> QuoteTable:
        return self.query_one(QuoteTable)

    @property
    def on_quotes(self) -> bool:
        return self.query_one(TabbedContent).active == "quotes-tab"

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.on_quotes or action not in QUOTE_ACTIONS

    # ------------------------------------------------------------ workers (threads; plain values out)

    def _db(self, job: Callable[[Any], None]) -> None:
        """Run ``job(session)`` with a session of its own; report database trouble instead of crashing."""
        try:
            with self.store.sessions() as session:
                job(session)
        except (QuotesError, SQLAlchemyError) as exc:
            self.post_message(Failed(str(getattr(exc, "orig", None) or exc)))

    @work(thread=True, group="page")
    def load_page(self, generation: int, query: ReviewQuery, offset: int, row: int) -> None:
        self._db(
            lambda s: self.post_message(
                PageLoaded(generation, review_queries.review_page(s, query, offset=offset, limit=PAGE), row)
            )
        )

    @work(thread=True, group="detail")
    def load_context(self, generation: int, quote_id: int) -> None:
        self._db(lambda s: self.post_message(ContextLoaded(generation, repository.get_quote_context(s, quote_id))))

    @work(thread=True, group="counts")
    def load_counts(self) -> None:
        self._db(lambda s: self.post_message(CountsLoaded(review_queries.status_counts(s))))

    @work(thread=True, group="speakers")
    def load_speakers(self, generation: int, name: str, keep: int | None) -> None:
        self._db(
            lambda s: self.post_message(
                SpeakersLoaded(generation, review_queries.speakers_page(s, name, limit=SPEAKERS_PAGE), keep)
            )
        )

    @work(thread=True, group="write")
    def write(self, quote: QuoteView, field: str, label: str, change: Callable[[Any], QuoteView]) -> None:
        def job(session: Any) -> None:
            self.post_message(QuoteChanged(change(session), UndoStep(field, quote, label)))

        self._db(job)

    @work(thread=True, group="write")
    def write_undo(self, step: UndoStep) -> None:
        before = step.before

        def job(session: Any) -> None:
            note = f"undo {step.label}"
            if step.field == "status":
                changed = repository.set_status(session, before.id, before.status, note)
            elif step.field == "kind":
                changed = repository.set_kind(session, before.id, before.kind, note)
            elif step.field == "channel":
                name = before.channels[0].name if before.channels else None
                changed = review_queries.set_channel(session, before.id, name, note)
            elif before.speaker_id is not None and repository.get_entity(session, before.speaker_id):
                changed = repository.set_speaker(session, before.id, entity_id=before.speaker_id, note=note)
            else:
                # The entity is gone (merged away) or there was none: go back by name.
                changed = repository.set_speaker(session, before.id, before.speaker, note=note)
            self.post_message(QuoteChanged(changed, None, f"Undone: {step.label}"))

        self._db(job)

    @work(thread=True, group="pending")
    def find_pending(self, query: ReviewQuery, position: int, backwards: bool) -> None:
        self._db(
            lambda s: self.post_message(
                PendingFound(review_queries.next_pending(s, query, position, backwards=backwards), backwards)
            )
        )

    @work(thread=True, group="write")
    def write_merge(self, source_id: int, source_name: str, target_name: str) -> None:
        def job(session: Any) -> None:
            target = review_queries.find_entity(session, target_name)
            if target is None:
                self.post_message(Failed(f"No speaker called {target_name!r}: merge needs one that exists."))
            elif target.id == source_id:
                self.post_message(Failed(f"{source_name} and {target_name} are already the same speaker."))
            else:
                self.post_message(Merged(repository.merge_entities(session, target.id, source_id), source_name))

        self._db(job)

    # ------------------------------------------------------------ loading and showing

    def reload(self, offset: int | None = None, row: int | None = None) -> None:
        """Fetch a page (the current one by default), keeping the cursor on the same quote when it is there."""
        current = self.table.current
        if row is None:
            row = self.table.cursor_row if self.table.quotes else 0
            self._keep_quote = current.id if current else None
        else:
            self._keep_quote = None
        self._page_generation += 1
        self.load_page(self._page_generation, self.query_spec, self.page_offset if offset is None else offset, row)

    @on(PageLoaded)
    def _page_loaded(self, message: PageLoaded) -> None:
        if message.generation != self._page_generation:
            return  # a newer request is on its way
        page = message.page
        self.page_offset, self.page_total = page.offset, page.total
        self._new_quotes = False
        row = message.row if message.row >= 0 else len(page.items) - 1
        if self._keep_quote is not None:
            row = next((i for i, q in enumerate(page.items) if q.id == self._keep_quote), row)
        self.table.show(page.items, row)
        self._show_empty(not page.items)
        if self.focused is None and page.items:
            # The focus asked for on mount is refused when the tab's content is not laid out yet.
            self.table.focus()
        self._update_pager()
        if not page.items:
            self.query_one(DetailPane).clear()

    def _show_empty(self, empty: bool) -> None:
        store_empty = self.counts is not None and self.counts.total == 0
        message = EMPTY_STORE if store_empty or not (self.filters.active or self.search_text) else NO_MATCH
        self.query_one("#empty", Static).update(message)
        self.query_one("#empty").display = empty
        self.query_one("#list-area").display = not empty

    def _update_pager(self) -> None:
        shown = len(self.table.quotes)
        if shown:
            first, last = self.page_offset + 1, self.page_offset + shown
            text = f" {first:,}–{last:,} of {self.page_total:,} quotes"
        else:
            text = " no quotes"
        if self.page_total > PAGE:
            text += "   ·   PgDn/PgUp pages, g/G first/last"
        pager = Text(text, style="#7f848e")
        if self._new_quotes:
            pager.append("   ·   quotes were added or removed: r refreshes", style="#e5c07b")
        self.query_one("#pager", Static).update(pager)
        summary = self.filters.describe()
        if self.search_text:
            summary = f"search: {self.search_text}" + (f" · {summary}" if summary else "")
        self.query_one("#filter-summary", Static).update(Text(summary, style="#e5c07b"))

    @on(DataTable.RowHighlighted, "#quotes")
    def _row_highlighted(self, _: DataTable.RowHighlighted) -> None:
        # A single move loads at once; while j is held, only where the cursor comes to rest.
        now = monotonic()
        if self._detail_timer is not None:
            self._detail_timer.stop()
        if now - self._last_move > DETAIL_DELAY:
            self._load_detail()
        else:
            self._detail_timer = self.set_timer(DETAIL_DELAY, self._load_detail)
        self._last_move = now

    @property
    def settled(self) -> bool:
        """Nothing is due: no delayed load waits to run and the detail pane shows the highlighted quote,
        scrolled to it (database workers are the app's to report)."""
        if self._detail_timer is not None or self._search_timer is not None:
            return False
        current = self.table.current if self.on_quotes else None
        detail = self.query_one(DetailPane)
        shown = detail.context
        if detail.scroll_pending:
            return False
        return current is None or (shown is not None and shown.quote.id == current.id)

    def _load_detail(self) -> None:
        self._detail_timer = None
        quote = self.table.current
        if quote is None:
            return
        self._detail_generation += 1
        self.load_context(self._detail_generation, quote.id)

    @on(ContextLoaded)
    def _context_loaded(self, message: ContextLoaded) -> None:
        if message.generation != self._detail_generation:
            return
        detail = self.query_one(DetailPane)
        if message.context is None:
            detail.clear("This quote is no longer in the store (re-extracted?). Press r to refresh.")
        else:
            detail.show(message.context)

    @on(CountsLoaded)
    def _counts_loaded(self, message: CountsLoaded) -> None:
        before, self.counts = self.counts, message.counts
        c = message.counts
        self.query_one("#counts", Static).update(
            Text.assemble(
                ("● ", "#e5c07b"),
                f"{c.pending:,} pending   ",
                ("✓ ", "#98c379"),
                f"{c.accepted:,} accepted   ",
                ("✗ ", "#e06c75"),
                f"{c.rejected:,} rejected   ",
                (f"{c.articles:,} articles", "#7f848e"),
            )
        )
        changed = before is not None and c.total != before.total
        if changed and not self.table.quotes:
            # A batch is filling an empty list: show its quotes without waiting for a key.
            self.reload(row=0)
        elif not self.table.quotes and self.query_one("#empty").display:
            # Only the message may change (empty store or no match); before the first page
            # arrives the list stays, so its focus is not handed to the search box.
            self._show_empty(True)
        elif changed:
            # Rows do not move under the reviewer's cursor; the pager says there is more to see.
            self._new_quotes = True
            self._update_pager()

    @on(QuoteChanged)
    def _quote_changed(self, message: QuoteChanged) -> None:
        if message.step is not None:
            self.undo_steps.append(message.step)
        if message.note:
            self.notify(message.note, timeout=3)
        self.table.replace(message.quote)
        current = self.table.current
        if current is not None and current.id == message.quote.id:
            self._load_detail()
        self.load_counts()

    @on(Failed)
    def _failed(self, message: Failed) -> None:
        self.notify(message.problem, severity="error", timeout=6)

    @on(Merged)
    def _merged(self, message: Merged) -> None:
        e = message.entity
        self.notify(f"Merged {message.gone} into {e.name}: {e.quotes:,} quotes now.", timeout=4)
        self.reload()
        self._reload_speakers(keep=e.id)

    # ------------------------------------------------------------ paging and moving

    @on(QuoteTable.Edge)
    def _edge(self, message: QuoteTable.Edge) -> None:
        if message.step > 0 and self.page_offset + len(self.table.quotes) < self.page_total:
            self.reload(self.page_offset + PAGE, 0)
        elif message.step < 0 and self.page_offset > 0:
            self.reload(max(0, self.page_offset - PAGE), -1)

    def _active_table(self) -> DataTable[Any]:
        return self.table if self.on_quotes else self.query_one(SpeakerTable)

    def action_cursor_down(self) -> None:
        self._active_table().action_cursor_down()

    def action_cursor_up(self) -> None:
        self._active_table().action_cursor_up()

    def action_first(self) -> None:
        if not self.on_quotes:
            self.query_one(SpeakerTable).move_cursor(row=0)
        elif self.page_offset == 0:
            self.table.move_cursor(row=0)
        else:
            self.reload(0, 0)

    def action_last(self) -> None:
        if not self.on_quotes:
            speakers = self.query_one(SpeakerTable)
            speakers.move_cursor(row=max(0, speakers.row_count - 1))
            return
        last_offset = max(0, (self.page_total - 1) // PAGE * PAGE)
        if last_offset == self.page_offset:
            self.table.move_cursor(row=max(0, len(self.table.quotes) - 1))
        else:
            self.reload(last_offset, -1)

    def action_next_page(self) -> None:
        if self.page_offset + len(self.table.quotes) < self.page_total:
            self.reload(self.page_offset + PAGE, 0)
        else:
            self.table.move_cursor(row=max(0, len(self.table.quotes) - 1))

    def action_prev_page(self) -> None:
        if self.page_offset > 0:
            self.reload(max(0, self.page_offset - PAGE), 0)
        else:
            self.table.move_cursor(row=0)

    def action_next_pending(self) -> None:
        self.find_pending(self.query_spec, self.page_offset + max(self.table.cursor_row, 0), False)

    def action_prev_pending(self) -> None:
        self.find_pending(self.query_spec, self.page_offset + max(self.table.cursor_row, 0), True)

    @on(PendingFound)
    def _pending_found(self, message: PendingFound) -> None:
        if message.position is None:
            where = "above" if message.backwards else "below"
            self.notify(f"No unreviewed quotes {where} this one.", timeout=3)
            return
        offset, row = divmod(message.position, PAGE)
        if offset * PAGE == self.page_offset:
            self.table.move_cursor(row=row)
        else:
            self.reload(offset * PAGE, row)

    def action_focus_list(self) -> None:
        self._active_table().focus()

    # ------------------------------------------------------------ review actions

    def _current(self) -> QuoteView | None:
        quote = self.table.current if self.on_quotes else None
        if quote is None and self.on_quotes:
            self.notify("No quote selected.", severity="warning", timeout=2)
        return quote

    def _set_status(self, status: str, verb: str) -> None:
        quote = self._current()
        if quote is None:
            return
        if quote.status != status:
            self.write(quote, "status", f"{verb} #{quote.id}", lambda s: repository.set_status(s, quote.id, status))
        # Keep the reviewer moving: the next quote is the likely next decision.
        self.table.action_cursor_down()

    def action_accept(self) -> None:
        self._set_status("accepted", "accept")

    def action_reject(self) -> None:
        self._set_status("rejected", "reject")

    def action_reset(self) -> None:
        quote = self._current()
        if quote is not None and quote.status != "pending":
            self.write(quote, "status", f"reset #{quote.id}", lambda s: repository.set_status(s, quote.id, "pending"))

    def action_edit_speaker(self) -> None:
        quote = self._current()
        if quote is None:
            return
        kind = quote.speaker_type if quote.speaker_type in ("person", "organization", "group", "outlet") else "person"

        def done(name: str | None) -> None:
            if name is None or name == (quote.speaker or ""):
                return
            self.write(
                quote,
                "speaker",
                f"speaker of #{quote.id}",
                lambda s: repository.set_speaker(s, quote.id, name or None, type=kind),
            )

        self.app.push_screen(
            AskText(
                f"Speaker of #{quote.id}",
                quote.speaker or "",
                hint="→ takes the completion · empty means no speaker · Esc cancels",
                suggester=self._speaker_suggester,
                placeholder="a known speaker, or a new name",
            ),
            done,
        )

    def action_edit_kind(self) -> None:
        quote = self._current()
        if quote is None:
            return

        def done(kind: str | None) -> None:
            if kind and kind != quote.kind:
                self.write(quote, "kind", f"kind of #{quote.id}", lambda s: repository.set_kind(s, quote.id, kind))

        self.app.push_screen(ask_kind(quote.kind), done)

    def action_edit_channel(self) -> None:
        quote = self._current()
        if quote is None:
            return
        current = quote.channels[0].name if quote.channels else ""

        def done(name: str | None) -> None:
            if name is None or name == current:
                return
            self.write(
                quote,
                "channel",
                f"channel of #{quote.id}",
                lambda s: review_queries.set_channel(s, quote.id, name or None),
            )

        self.app.push_screen(
            AskText(
                f"Channel of #{quote.id}",
                current,
                hint="The outlet it came through (“told Interfax”) · empty removes it · Esc cancels",
                suggester=self._outlet_suggester,
                placeholder="an outlet or agency",
            ),
            done,
        )

    def action_merge(self) -> None:
        if self.on_quotes:
            quote = self._current()
            if quote is None:
                return
            if quote.speaker_id is None or quote.speaker is None:
                self.notify("This quote's speaker is not a known entity; set one with s first.", severity="warning")
                return
            source_id, source_name = quote.speaker_id, quote.speaker
        else:
            entity = self.query_one(SpeakerTable).current
            if entity is None:
                return
            source_id, source_name = entity.id, entity.name

        def confirmed(target: str, ok: bool | None) -> None:
            if ok:
                self.write_merge(source_id, source_name, target)

        def named(target: str | None) -> None:
            if not target:
                return
            self.app.push_screen(
                Confirm(
                    "Merge speakers",
                    f"Merge {source_name} into {target}?\n\nEvery quote of {source_name} moves to {target}, and "
                    f"{source_name} becomes one of its aliases. A merge cannot be undone.",
                ),
                lambda ok: confirmed(target, ok),
            )

        self.app.push_screen(
            AskText(
                f"Merge {source_name} into…",
                hint="The speaker to keep (→ takes the completion) · Esc cancels",
                suggester=self._speaker_suggester,
                placeholder="the speaker that stays",
            ),
            named,
        )

    def action_undo(self) -> None:
        if not self.undo_steps:
            self.notify("Nothing to undo.", timeout=2)
            return
        self.write_undo(self.undo_steps.pop())

    # ------------------------------------------------------------ finding

    def action_search(self) -> None:
        self.query_one("#search", Input).focus()

    @on(Input.Changed, "#search")
    def _search_typed(self, event: Input.Changed) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
        value = event.value
        self._search_timer = self.set_timer(SEARCH_DELAY, lambda: self._apply_search(value))

    @on(Input.Submitted, "#search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
        self._apply_search(event.value)
        self.table.focus()

    def _apply_search(self, value: str) -> None:
        self._search_timer = None
        value = value.strip()
        if value == self.search_text:
            return
        self.search_text = value
        self._requery()

    def _requery(self) -> None:
        self.query_spec = to_query(self.filters, self.search_text)
        self.reload(0, 0)

    def action_filter(self) -> None:
        def done(filters: Filters | None) -> None:
            if filters is not None and filters != self.filters:
                self.filters = filters
                self._requery()

        self.app.push_screen(FilterDialog(self.filters, self._speaker_suggester, self._outlet_suggester), done)

    def action_clear_filters(self) -> None:
        self.filters = Filters()
        self.search_text = ""
        with self.prevent(Input.Changed):
            self.query_one("#search", Input).value = ""
        self._requery()

    def filter_speaker(self, name: str) -> None:
        """Show only this speaker's quotes, in the quotes view."""
        self.filters = Filters(speaker=name)
        self.search_text = ""
        with self.prevent(Input.Changed):
            self.query_one("#search", Input).value = ""
        self._requery()
        self.action_show_quotes()

    # ------------------------------------------------------------ views

    def action_show_quotes(self) -> None:
        self.query_one(TabbedContent).active = "quotes-tab"
        self.table.focus()
        self.refresh_bindings()

    def action_show_speakers(self) -> None:
        self.query_one(TabbedContent).active = "speakers-tab"
        self.query_one(SpeakerTable).focus()
        self.refresh_bindings()

    def action_toggle_view(self) -> None:
        if self.on_quotes:
            self.action_show_speakers()
        else:
            self.action_show_quotes()

    @on(TabbedContent.TabActivated)
    def _tab_activated(self, event: TabbedContent.TabActivated) -> None:
        if event.pane.id == "speakers-tab" and not self.query_one(SpeakerTable).entities:
            self._reload_speakers()
        self.refresh_bindings()

    def _reload_speakers(self, keep: int | None = None) -> None:
        current = self.query_one(SpeakerTable).current
        self._speakers_generation += 1
        name = self.query_one("#speaker-search", Input).value.strip()
        self.load_speakers(self._speakers_generation, name, keep or (current.id if current else None))

    @on(SpeakersLoaded)
    def _speakers_loaded(self, message: SpeakersLoaded) -> None:
        if message.generation != self._speakers_generation:
            return
        page = message.page
        self.query_one(SpeakerTable).show(page.items, message.keep)
        shown = f"{len(page.items):,} of {page.total:,} speakers" if page.total else "no speakers yet"
        self.query_one("#speaker-pager", Static).update(Text(shown, style="#7f848e"))

    @on(Input.Changed, "#speaker-search")
    def _speaker_search(self, _: Input.Changed) -> None:
        self._reload_speakers()

    @on(Input.Submitted, "#speaker-search")
    def _speaker_search_done(self, _: Input.Submitted) -> None:
        self.query_one(SpeakerTable).focus()

    @on(DataTable.RowSelected, "#speakers")
    def _speaker_chosen(self, _: DataTable.RowSelected) -> None:
        entity = self.query_one(SpeakerTable).current
        if entity is not None:
            self.filter_speaker(entity.name)

    # ------------------------------------------------------------ refresh, help, mouse

    def action_refresh(self) -> None:
        self.load_counts()
        self.reload()
        if self.query_one(SpeakerTable).entities or not self.on_quotes:
            self._reload_speakers()

    def action_help(self) -> None:
        keymap: dict[str, str] = getattr(self.app, "keymap_overrides", {})
        keys = {
            a.id: "  ".join(self.app.get_key_display(Binding(k, "")) for k in keymap.get(a.id, a.keys).split(","))
            for a in ACTIONS
        }
        note = getattr(self.app, "keymap_note", "")
        self.app.push_screen(HelpScreen(keys, note))

    @on(Button.Pressed, "#detail Button")
    def _button(self, event: Button.Pressed) -> None:
        actions: dict[str, Callable[[], None]] = {
            "btn-accept": self.action_accept,
            "btn-reject": self.action_reject,
            "btn-speaker": self.action_edit_speaker,
            "btn-kind": self.action_edit_kind,
            "btn-channel": self.action_edit_channel,
            "btn-merge": self.action_merge,
            "btn-undo": self.action_undo,
        }
        if event.button.id in actions:
            actions[event.button.id]()
