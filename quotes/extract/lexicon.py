"""Word lists shipped as plain text in ``quotes/extract/data`` and loaded once.

Each file holds one entry a line; ``#`` starts a comment; entries are lower-cased.
Tab-separated files map the first column to the second.
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any


def shipped_json(filename: str) -> dict[str, Any] | None:
    """A learned model shipped as ``data/<filename>`` (JSON); None when the file is missing."""
    path = files("quotes.extract") / "data" / filename
    if not path.is_file():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


def _lines(name: str) -> list[str]:
    raw = (files("quotes.extract") / "data" / f"{name}.txt").read_text(encoding="utf-8")
    out = []
    for line in raw.splitlines():
        entry = line.split("#", 1)[0].strip()
        if entry:
            out.append(entry.lower())
    return out


@cache
def words(name: str) -> frozenset[str]:
    """The entries of ``data/<name>.txt`` as a set."""
    return frozenset(line.split("\t")[0].strip() for line in _lines(name))


@cache
def table(name: str) -> dict[str, str]:
    """``data/<name>.txt`` read as ``key<TAB>value`` lines."""
    out = {}
    for line in _lines(name):
        key, _, value = line.partition("\t")
        out[key.strip()] = value.strip()
    return out


def speech_verbs() -> frozenset[str]:
    return words("speech_verbs")


def cognition_verbs() -> frozenset[str]:
    return words("cognition_verbs")


def stance_verbs() -> frozenset[str]:
    return words("stance_verbs")


def cue_verbs() -> frozenset[str]:
    return _all_cue_verbs()


@cache
def _all_cue_verbs() -> frozenset[str]:
    return speech_verbs() | cognition_verbs() | stance_verbs()


def pronouns() -> dict[str, str]:
    return table("pronouns")
