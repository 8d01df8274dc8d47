"""The review app: open a store, show the review screen, apply the user's key bindings."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType

from quotes.store.db import Store
from quotes.tui.keymap import LoadedKeymap, load_keymap
from quotes.tui.screens.review import ReviewScreen


class ReviewApp(App[None]):
    """Go through extracted quotes and fix them; every change is saved at once."""

    CSS_PATH = Path(__file__).with_name("review.tcss")
    TITLE = "quotes review"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS: ClassVar[list[BindingType]] = [Binding("ctrl+c", "quit", "Quit", show=False, priority=True)]

    def __init__(self, store: Store, *, keymap: LoadedKeymap | None = None, refresh_every: float = 5.0) -> None:
        super().__init__()
        self.store = store
        self.refresh_every = refresh_every
        loaded = keymap if keymap is not None else load_keymap()
        self.keymap_overrides = dict(loaded.keymap)
        self.keymap_problems = loaded.problems
        self.keymap_note = (
            f"Keys from {loaded.path}"
            if loaded.path and loaded.keymap
            else "Remap keys in $QUOTES_KEYMAP or ~/.config/quotes/keys.toml"
        )

    def on_mount(self) -> None:
        self.set_keymap(self.keymap_overrides)
        self.push_screen(ReviewScreen(self.store, refresh_every=self.refresh_every))
        for problem in self.keymap_problems:
            self.notify(f"keymap: {problem}", severity="warning", timeout=8)
