"""Small modal dialogs: a text field with completion, a choice, the filters and the key help."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Button, Checkbox, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from quotes.extract.types import KINDS
from quotes.tui.keymap import ACTIONS


class AskText(ModalScreen[str | None]):
    """Ask for one line of text (Enter saves, Escape cancels); an empty answer is allowed."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(
        self, title: str, value: str = "", *, hint: str = "", suggester: Suggester | None = None, placeholder: str = ""
    ) -> None:
        super().__init__()
        self.title_text = title
        self.value = value
        self.hint = hint
        self.suggester = suggester
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as box:
            box.border_title = self.title_text
            yield Input(self.value, placeholder=self.placeholder, suggester=self.suggester, id="answer", compact=True)
            if self.hint:
                yield Static(self.hint, classes="hint")
            with Horizontal(classes="buttons"):
                yield Button("Save", id="save", variant="primary", compact=True)
                yield Button("Cancel", id="cancel", compact=True)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip())

    @on(Button.Pressed, "#save")
    def _save(self) -> None:
        self.dismiss(self.query_one("#answer", Input).value.strip())

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class Choose(ModalScreen[str | None]):
    """Pick one of a few values (arrows and Enter, or the first letter, or a click)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, choices: tuple[str, ...], current: str | None = None, hint: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.choices = choices
        self.current = current
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as box:
            box.border_title = self.title_text
            yield OptionList(*(Option(c, id=c) for c in self.choices), id="choices")
            if self.hint:
                yield Static(self.hint, classes="hint")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        if self.current in self.choices:
            options.highlighted = self.choices.index(self.current)

    def on_key(self, event: events.Key) -> None:
        if not event.character:
            return
        for choice in self.choices:
            if choice.startswith(event.character.lower()):
                # Stop here, or the key would reach the screen below once this one closes.
                event.stop()
                event.prevent_default()
                self.dismiss(choice)
                return

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


def ask_kind(current: str | None) -> Choose:
    return Choose("Kind of quote", KINDS, current, "d direct · m mixed · i indirect · Esc cancel")


class Confirm(ModalScreen[bool]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "no", "Cancel"), Binding("y", "yes", "Yes")]

    def __init__(self, title: str, message: str) -> None:
        super().__init__()
        self.title_text = title
        self.message = message

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as box:
            box.border_title = self.title_text
            yield Static(self.message)
            with Horizontal(classes="buttons"):
                yield Button("Yes (y)", id="yes", variant="warning", compact=True)
                yield Button("Cancel (Esc)", id="no", compact=True)

    @on(Button.Pressed, "#yes")
    def action_yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#no")
    def action_no(self) -> None:
        self.dismiss(False)


@dataclass(frozen=True)
class Filters:
    """The filter dialog's fields, as typed."""

    status: str | None = None
    kind: str | None = None
    speaker: str = ""
    outlet: str = ""
    article: str = ""
    low_confidence: bool = False

    @property
    def active(self) -> bool:
        return self != Filters()

    def describe(self) -> str:
        parts = [
            f"{name}: {value}"
            for name, value in (
                ("status", self.status),
                ("kind", self.kind),
                ("speaker", self.speaker),
                ("outlet", self.outlet),
                ("article", self.article),
            )
            if value
        ]
        if self.low_confidence:
            parts.append("low confidence")
        return " · ".join(parts)


class FilterDialog(ModalScreen[Filters | None]):
    """Every filter at once; Enter in any field applies them."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(
        self, current: Filters, speaker_suggester: Suggester | None, outlet_suggester: Suggester | None
    ) -> None:
        super().__init__()
        self.current = current
        self.speaker_suggester = speaker_suggester
        self.outlet_suggester = outlet_suggester

    def compose(self) -> ComposeResult:
        c = self.current
        with Vertical(classes="dialog wide") as box:
            box.border_title = "Filter quotes"
            with Grid(id="filter-grid"):
                yield Label("Status")
                yield Select(
                    [(s, s) for s in ("pending", "accepted", "rejected")],
                    value=c.status or Select.NULL,
                    prompt="any",
                    id="f-status",
                    compact=True,
                )
                yield Label("Kind")
                yield Select(
                    [(k, k) for k in KINDS], value=c.kind or Select.NULL, prompt="any", id="f-kind", compact=True
                )
                yield Label("Speaker")
                yield Input(
                    c.speaker,
                    placeholder="name or alias",
                    suggester=self.speaker_suggester,
                    id="f-speaker",
                    compact=True,
                )
                yield Label("Outlet")
                yield Input(
                    c.outlet,
                    placeholder="channel or publisher",
                    suggester=self.outlet_suggester,
                    id="f-outlet",
                    compact=True,
                )
                yield Label("Article")
                yield Input(c.article, placeholder="source path or URL, or article id", id="f-article", compact=True)
                yield Label("")
                yield Checkbox("Low confidence only (below 0.70)", c.low_confidence, id="f-low", compact=True)
            with Horizontal(classes="buttons"):
                yield Button("Apply", id="apply", variant="primary", compact=True)
                yield Button("Clear all", id="clear", compact=True)
                yield Button("Cancel", id="cancel", compact=True)

    def _value(self, select_id: str) -> str | None:
        value = self.query_one(select_id, Select).value
        return value if isinstance(value, str) else None

    def _filters(self) -> Filters:
        return Filters(
            status=self._value("#f-status"),
            kind=self._value("#f-kind"),
            speaker=self.query_one("#f-speaker", Input).value.strip(),
            outlet=self.query_one("#f-outlet", Input).value.strip(),
            article=self.query_one("#f-article", Input).value.strip(),
            low_confidence=self.query_one("#f-low", Checkbox).value,
        )

    @on(Input.Submitted)
    @on(Button.Pressed, "#apply")
    def _apply(self) -> None:
        self.dismiss(self._filters())

    @on(Button.Pressed, "#clear")
    def _clear(self) -> None:
        self.dismiss(Filters())

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class HelpScreen(ModalScreen[None]):
    """Every action with the keys it has now (after any keymap file)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q,question_mark", "close", "Close")]

    def __init__(self, keys: dict[str, str], keymap_note: str) -> None:
        super().__init__()
        self.keys = keys  # action id -> displayed keys
        self.keymap_note = keymap_note

    def compose(self) -> ComposeResult:
        table = Text()
        group = ""
        for a in ACTIONS:
            if a.group != group:
                group = a.group
                table.append(f"\n{group}\n", style="bold #61afef")
            table.append(f"  {self.keys.get(a.id, ''):<14}", style="bold")
            table.append(f"{a.description:<26}")
            table.append(f"{a.id}\n", style="#7f848e")
        table.append("\nMouse\n", style="bold #61afef")
        table.append("  click a row to open it; the buttons under the article act on it;\n")
        table.append("  click the tabs to switch views.\n")
        with VerticalScroll(classes="dialog help") as box:
            box.border_title = "Keys"
            box.border_subtitle = "Esc closes"
            yield Static(self.keymap_note, classes="hint")
            yield Static(table)

    def action_close(self) -> None:
        self.dismiss(None)
