"""The review keys: every action has an id, default keys and a description; a TOML file remaps them.

The file is ``$QUOTES_KEYMAP`` or ``~/.config/quotes/keys.toml``: a flat table (or a
``[keys]`` table) of action id to keys, several keys separated by commas::

    accept = "a,enter"
    next_pending = "ctrl+n"
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

from textual.binding import Binding


@dataclass(frozen=True)
class KeyAction:
    id: str  # the name users write in keys.toml
    keys: str  # Textual key names, comma separated
    action: str  # the screen action it runs
    description: str
    footer: bool = False  # shown in the footer (the rest are on the help screen)
    group: str = "Review"


ACTIONS: tuple[KeyAction, ...] = (
    KeyAction("accept", "a", "accept", "Accept", footer=True),
    KeyAction("reject", "x", "reject", "Reject", footer=True),
    KeyAction("reset", "backspace", "reset", "Back to pending"),
    KeyAction("undo", "u,ctrl+z", "undo", "Undo", footer=True),
    KeyAction("edit_speaker", "s", "edit_speaker", "Speaker", footer=True, group="Edit"),
    KeyAction("edit_kind", "t", "edit_kind", "Kind", footer=True, group="Edit"),
    KeyAction("edit_channel", "o", "edit_channel", "Channel", group="Edit"),
    KeyAction("merge", "m", "merge", "Merge speaker", group="Edit"),
    KeyAction("next_pending", "n", "next_pending", "Next unreviewed", footer=True, group="Move"),
    KeyAction("prev_pending", "N", "prev_pending", "Previous unreviewed", group="Move"),
    KeyAction("down", "j", "cursor_down", "Next quote", group="Move"),
    KeyAction("up", "k", "cursor_up", "Previous quote", group="Move"),
    KeyAction("first", "g,home", "first", "First quote", group="Move"),
    KeyAction("last", "G,end", "last", "Last quote", group="Move"),
    KeyAction("next_page", "pagedown,ctrl+d", "next_page", "Next page", group="Move"),
    KeyAction("prev_page", "pageup,ctrl+u", "prev_page", "Previous page", group="Move"),
    KeyAction("search", "slash", "search", "Search", footer=True, group="Find"),
    KeyAction("filter", "f", "filter", "Filter", footer=True, group="Find"),
    KeyAction("clear", "c", "clear_filters", "Clear filters and search", group="Find"),
    KeyAction("quotes_view", "1", "show_quotes", "Quotes view", group="Views"),
    KeyAction("speakers_view", "2", "show_speakers", "Speakers view", group="Views"),
    KeyAction("toggle_view", "v", "toggle_view", "Switch view", footer=True, group="Views"),
    KeyAction("refresh", "r,f5", "refresh", "Refresh", group="Views"),
    KeyAction("help", "question_mark,f1", "help", "Keys", footer=True, group="Views"),
    KeyAction("quit", "q", "app.quit", "Quit", footer=True, group="Views"),
)


def bindings() -> list[Binding]:
    """The screen's bindings, each with its id so a keymap can rebind it."""
    return [Binding(a.keys, a.action, a.description, show=a.footer, id=a.id) for a in ACTIONS]


def keymap_path() -> Path:
    given = os.environ.get("QUOTES_KEYMAP")
    if given:
        return Path(given).expanduser()
    config = os.environ.get("XDG_CONFIG_HOME") or "~/.config"
    return Path(config).expanduser() / "quotes" / "keys.toml"


@dataclass(frozen=True)
class LoadedKeymap:
    keymap: dict[str, str]  # binding id -> keys, for App.set_keymap
    path: Path | None  # the file read, if any
    problems: tuple[str, ...]


def parse_keymap(text: str) -> tuple[dict[str, str], list[str]]:
    """Action id -> keys from TOML text, and what was wrong with it."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return {}, [f"not valid TOML: {exc}"]
    table = data.get("keys", data) if isinstance(data.get("keys"), dict) else data
    known = {a.id for a in ACTIONS}
    keymap: dict[str, str] = {}
    problems: list[str] = []
    for name, value in table.items():
        if name not in known:
            problems.append(f"unknown action {name!r}")
        elif not isinstance(value, str) or not value.strip():
            problems.append(f'{name}: keys must be a non-empty string like "a,ctrl+a"')
        else:
            keymap[name] = ",".join(k.strip() for k in value.split(",") if k.strip())
    return keymap, problems


def load_keymap(path: Path | None = None) -> LoadedKeymap:
    path = path or keymap_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return LoadedKeymap({}, None, ())
    except OSError as exc:
        return LoadedKeymap({}, path, (f"cannot read: {exc}",))
    keymap, problems = parse_keymap(text)
    return LoadedKeymap(keymap, path, tuple(problems))
