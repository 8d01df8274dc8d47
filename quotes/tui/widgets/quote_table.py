"""The quote list: one page of quotes at a time; moving past either end asks for the next page."""

from __future__ import annotations

from rich.text import Text
from textual.message import Message
from textual.widgets import DataTable

from quotes.store.review_queries import LOW_CONFIDENCE
from quotes.store.views import EntityView, QuoteView

STATUS_MARKS = {"pending": "●", "accepted": "✓", "rejected": "✗"}
STATUS_STYLES = {"pending": "#e5c07b", "accepted": "bold #98c379", "rejected": "bold #e06c75"}


def clip(value: str | None, width: int) -> str:
    value = " ".join((value or "").split())
    return value if len(value) <= width else value[: width - 1] + "…"


def status_text(status: str) -> Text:
    mark = STATUS_MARKS.get(status, "?")
    return Text(f"{mark} {status}", style=STATUS_STYLES.get(status, ""))


def confidence_text(confidence: float) -> Text:
    return Text(f"{confidence:.2f}", style="#e06c75" if confidence < LOW_CONFIDENCE else "", justify="right")


class QuoteTable(DataTable[str | Text]):
    """A DataTable of QuoteViews keyed by quote id."""

    COLUMNS = (
        ("status", "Status", 10),
        ("speaker", "Speaker", 18),
        ("cue", "Cue", 10),
        ("kind", "Kind", 8),
        ("conf", "Conf", 4),
        ("excerpt", "Quote", 0),  # takes the width the others leave
        ("article", "Article", 16),
        ("outlet", "Outlet", 14),
    )
    MIN_EXCERPT = 24

    class Edge(Message):
        """The cursor tried to leave the page: ``step`` is +1 (past the end) or -1 (before the start)."""

        def __init__(self, step: int) -> None:
            super().__init__()
            self.step = step

    def __init__(self, **kwargs: object) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)  # type: ignore[arg-type]
        self.quotes: tuple[QuoteView, ...] = ()
        self.excerpt_width = 40

    def on_mount(self) -> None:
        self._add_columns()

    def _add_columns(self) -> None:
        for key, label, width in self.COLUMNS:
            self.add_column(label, key=key, width=width or self.excerpt_width)

    def on_resize(self) -> None:
        fixed = sum(width for _key, _label, width in self.COLUMNS)
        # Each column has one cell of padding either side; the vertical scrollbar takes two.
        width = max(self.MIN_EXCERPT, self.size.width - fixed - 2 * len(self.COLUMNS) - 2)
        if width != self.excerpt_width:
            self.excerpt_width = width
            row = self.cursor_row
            self.clear(columns=True)
            self._add_columns()
            self.show(self.quotes, row)

    def show(self, quotes: tuple[QuoteView, ...], row: int) -> None:
        self.quotes = quotes
        self.clear()
        for q in quotes:
            self.add_row(*self._cells(q), key=str(q.id))
        if quotes:
            self.move_cursor(row=max(0, min(row, len(quotes) - 1)), animate=False, scroll=True)

    def _cells(self, q: QuoteView) -> tuple[str | Text, ...]:
        speaker = Text(clip(q.speaker, 18)) if q.speaker else Text("—", style="dim")
        if q.speaker_reviewed:
            speaker.stylize("italic")
        article = q.article_title or q.article_source
        outlet = q.channels[0].name if q.channels else q.publisher
        return (
            status_text(q.status),
            speaker,
            clip(q.cue, 10),
            q.kind,
            confidence_text(q.confidence),
            clip(q.content, self.excerpt_width),
            clip(article, 16),
            clip(outlet, 14),
        )

    def replace(self, quote: QuoteView) -> bool:
        """Show a changed quote in its row, if it is on this page."""
        for i, q in enumerate(self.quotes):
            if q.id == quote.id:
                self.quotes = (*self.quotes[:i], quote, *self.quotes[i + 1 :])
                for (key, _label, _width), value in zip(self.COLUMNS, self._cells(quote), strict=True):
                    self.update_cell(str(quote.id), key, value)
                return True
        return False

    @property
    def current(self) -> QuoteView | None:
        if not self.quotes or not 0 <= self.cursor_row < len(self.quotes):
            return None
        return self.quotes[self.cursor_row]

    def action_cursor_down(self) -> None:
        if self.quotes and self.cursor_row >= len(self.quotes) - 1:
            self.post_message(self.Edge(+1))
        else:
            super().action_cursor_down()

    def action_cursor_up(self) -> None:
        if self.quotes and self.cursor_row <= 0:
            self.post_message(self.Edge(-1))
        else:
            super().action_cursor_up()

    def action_page_down(self) -> None:
        if self.quotes and self.cursor_row >= len(self.quotes) - 1:
            self.post_message(self.Edge(+1))
        else:
            super().action_page_down()

    def action_page_up(self) -> None:
        if self.quotes and self.cursor_row <= 0:
            self.post_message(self.Edge(-1))
        else:
            super().action_page_up()


class SpeakerTable(DataTable[str | Text]):
    """Entities that speak, with their quote counts and aliases."""

    COLUMNS = (
        ("name", "Speaker", 28),
        ("type", "Type", 12),
        ("quotes", "Quotes", 7),
        ("via", "Via", 5),
        ("aliases", "Aliases", 34),
        ("roles", "Roles", 30),
    )

    def __init__(self, **kwargs: object) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)  # type: ignore[arg-type]
        self.entities: tuple[EntityView, ...] = ()

    def on_mount(self) -> None:
        for key, label, width in self.COLUMNS:
            self.add_column(label, key=key, width=width)

    def show(self, entities: tuple[EntityView, ...], keep: int | None = None) -> None:
        row = next((i for i, e in enumerate(entities) if e.id == keep), 0)
        self.entities = entities
        self.clear()
        for e in entities:
            self.add_row(
                clip(e.name, 28),
                e.type,
                Text(f"{e.quotes:,}", justify="right"),
                Text(f"{e.channel_quotes:,}" if e.channel_quotes else "", justify="right"),
                clip(", ".join(e.aliases), 34),
                clip(", ".join(e.roles), 30),
                key=str(e.id),
            )
        if entities:
            self.move_cursor(row=row, animate=False)

    @property
    def current(self) -> EntityView | None:
        if not self.entities or not 0 <= self.cursor_row < len(self.entities):
            return None
        return self.entities[self.cursor_row]
