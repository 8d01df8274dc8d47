"""The detail pane: who said it, through whom, and the article text with the quote's parts highlighted."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Static

from quotes.store.views import QuoteContext, QuoteView
from quotes.tui.widgets.quote_table import confidence_text, status_text

# One colour per part of an attribution; the legend in the pane's border repeats them.
CONTENT_STYLE = "#1e2127 on #e5c07b"
SPEAKER_STYLE = "bold #1e2127 on #61afef"
CUE_STYLE = "bold #1e2127 on #c678dd"
CHANNEL_STYLE = "bold #1e2127 on #98c379"
LEGEND = (
    f"[{CONTENT_STYLE}] quote [/] [{SPEAKER_STYLE}] speaker [/] [{CUE_STYLE}] cue [/] [{CHANNEL_STYLE}] channel [/]"
)
LABEL = "#7f848e"


def highlighted(ctx: QuoteContext) -> Text:
    """The article text with the quote's content, speaker mention, cue and channels in their colours."""
    q = ctx.quote
    text = Text(ctx.text)
    size = len(ctx.text)

    def mark(span: tuple[int, int] | None, style: str) -> None:
        if span and 0 <= span[0] < span[1] <= size:
            text.stylize(style, *span)

    # Each piece of an interrupted content, so the clause between them ("she said") does not read as quoted.
    for piece in q.content_pieces or (q.content_span,):
        mark(piece, CONTENT_STYLE)
    for channel in q.channels:
        mark(channel.span, CHANNEL_STYLE)
    mark(q.cue_span, CUE_STYLE)
    mark(q.speaker_span, SPEAKER_STYLE)
    return text


def _row(out: Text, label: str, value: str | Text | None, style: str = "") -> None:
    out.append(f"{label:<9}", style=LABEL)
    if isinstance(value, Text):
        out.append_text(value)
    else:
        out.append(value or "—", style=style if value else "dim")
    out.append("\n")


def summary(ctx: QuoteContext) -> Text:
    """The resolved facts of a quote, one per line."""
    q = ctx.quote
    out = Text()
    out.append(f"#{q.id}  ", style="bold")
    out.append_text(status_text(q.status))
    out.append("  ")
    out.append_text(confidence_text(q.confidence))
    if q.stale:
        out.append("  stale", style="bold #e06c75")
    out.append("\n\n")
    speaker = Text(q.speaker or "—", style="bold #61afef" if q.speaker else "dim")
    if q.speaker:
        speaker.append(f"  {q.speaker_type}", style=LABEL)
    if q.speaker_reviewed:
        speaker.append("  ✎", style="#98c379")
    _row(out, "Speaker", speaker)
    _row(out, "Mention", q.speaker_mention)
    _row(out, "Role", q.role)
    _row(out, "Cue", q.cue, "#c678dd")
    kind = Text(q.kind)
    if q.kind_reviewed:
        kind.append("  ✎", style="#98c379")
    _row(out, "Kind", kind)
    chain = Text()
    for i, c in enumerate(q.channels):
        if i:
            chain.append(" → ", style=LABEL)
        chain.append(c.name, style="bold #98c379")
        chain.append(f" ({c.role.replace('_', ' ')})", style=LABEL)
    _row(out, "Channel", chain if q.channels else None)
    _row(out, "Outlet", q.publisher)
    _row(out, "Article", ctx.article.title or ctx.article.source)
    _row(out, "Source", ctx.article.source, "dim")
    _row(out, "Date", q.published.isoformat() if q.published else None)
    if ctx.history:
        # Actions only: times would change under a reviewer's eyes and say little here.
        _row(out, "History", " → ".join(h.action.replace("_", " ") for h in ctx.history[-4:]), "#98c379")
    out.rstrip()
    return out


# Refreshes to wait for the article pane to grow to the new text's height before scrolling anyway.
SCROLL_ATTEMPTS = 20


class DetailPane(Vertical):
    """Facts on the left, the article on the right, action buttons below."""

    context: QuoteContext | None = None
    scroll_pending = False

    def compose(self) -> ComposeResult:
        with Horizontal(id="detail-body"):
            yield Static(id="facts")
            with VerticalScroll(id="article") as article:
                article.border_title = "Article"
                article.border_subtitle = LEGEND
                yield Static(id="article-text")
        with Horizontal(id="actions"):
            yield Button("Accept", id="btn-accept", variant="success", compact=True)
            yield Button("Reject", id="btn-reject", variant="error", compact=True)
            yield Button("Speaker…", id="btn-speaker", compact=True)
            yield Button("Kind…", id="btn-kind", compact=True)
            yield Button("Channel…", id="btn-channel", compact=True)
            yield Button("Merge…", id="btn-merge", compact=True)
            yield Button("Undo", id="btn-undo", compact=True)

    def on_mount(self) -> None:
        self.clear()

    def clear(self, message: str = "") -> None:
        self.query_one("#facts", Static).update(Text(message, style="dim"))
        self.query_one("#article-text", Static).update("")
        self.query_one("#actions").display = False
        self.context = None

    def show(self, ctx: QuoteContext) -> None:
        self.context = ctx
        self.query_one("#actions").display = True
        self.query_one("#facts", Static).update(summary(ctx))
        self.query_one("#article-text", Static).update(highlighted(ctx))
        self.scroll_pending = True
        self.call_after_refresh(self._scroll_to_quote, ctx.quote, SCROLL_ATTEMPTS)

    def _scroll_to_quote(self, quote: QuoteView, attempts_left: int) -> None:
        """Scroll so the quote starts a few lines from the top of the article pane.

        The new text is laid out on a later refresh than the one this waits for when the machine
        is busy; until the pane is tall enough, scrolling would stop short at the old height, so
        try again after the next refresh."""
        ctx = self.context
        if ctx is None or ctx.quote.id != quote.id:
            self.scroll_pending = False
            return
        scroller = self.query_one("#article", VerticalScroll)
        width = self.query_one("#article-text", Static).content_region.width
        target = 0
        if width > 0:
            start = min((s[0] for s in (quote.content_span, quote.speaker_span, quote.cue_span) if s), default=0)
            console = Console(width=width, legacy_windows=False, color_system=None)
            lines = Text(ctx.text[:start]).wrap(console, width) if start else []
            target = max(0, len(lines) - 3)
        if (width <= 0 or scroller.max_scroll_y < target) and attempts_left > 0:
            self.call_after_refresh(self._scroll_to_quote, quote, attempts_left - 1)
            return
        scroller.scroll_to(y=target, animate=False)
        self.scroll_pending = False
