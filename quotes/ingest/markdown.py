"""Markdown to parse text of the same length.

Markup characters are replaced by spaces rather than removed, so every offset in
the parse text is also an offset in the original file and points at the same
character. Newlines are never touched, so paragraphs stay where they were.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_LINK = re.compile(r"\[([^\]\n]*)\]\(([^)\n]*)\)")
_REF_LINK = re.compile(r"\[([^\]\n]+)\]\[[^\]\n]*\]")
_AUTOLINK = re.compile(r"<(?:https?://|mailto:|www\.)[^>\s]*>")
_HTML_TAG = re.compile(r"</?[A-Za-z][^>\n]*>")
_HEADING = re.compile(r"^([ \t]{0,3}#{1,6})(?=[ \t]|$)", re.M)
_SETEXT = re.compile(r"^[ \t]*(=+|-+)[ \t]*$", re.M)
_BLOCKQUOTE = re.compile(r"^([ \t]{0,3}>[ \t]?)+", re.M)
_BULLET = re.compile(r"^([ \t]*[-*+])[ \t]+", re.M)
_EMPHASIS = re.compile(r"\*\*|__|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])|(?<![\w_])_(?=\S)|(?<=\S)_(?![\w_])")
_CODE = re.compile(r"`+")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*(\n|\Z)", re.S)
_URL_LINE = re.compile(r"^[ \t]*(original url|source|url)[ \t]*:[ \t]*$", re.I | re.M)
_TITLE = re.compile(r"^[ \t]{0,3}#[ \t]+(.+?)[ \t#]*$", re.M)
_BARE_URL = re.compile(r"https?://[^\s>)]+")


@dataclass(frozen=True)
class MarkdownText:
    parse_text: str  # same length as the source; markup blanked
    title: str | None
    url: str | None
    front_matter: dict[str, str]


def _blank(chars: list[str], start: int, end: int) -> None:
    for i in range(start, end):
        if chars[i] not in "\n\r":
            chars[i] = " "


def strip_markdown(source: str) -> MarkdownText:
    chars = list(source)
    front: dict[str, str] = {}
    fm = _FRONT_MATTER.match(source)
    if fm:
        for line in fm.group(1).splitlines():
            key, sep, value = line.partition(":")
            if sep and key.strip():
                front[key.strip().lower()] = value.strip().strip("\"'")
        _blank(chars, 0, fm.end())

    url = front.get("url") or front.get("original_url")
    for m in _IMAGE.finditer(source):
        _blank(chars, m.start(), m.end())
    for m in _LINK.finditer(source):
        if source[m.start() - 1 : m.start()] == "!":
            continue
        _blank(chars, m.start(), m.start(1))  # "["
        _blank(chars, m.end(1), m.end())  # "](target)"
    for m in _REF_LINK.finditer(source):
        _blank(chars, m.start(), m.start(1))
        _blank(chars, m.end(1), m.end())
    for m in _AUTOLINK.finditer(source):
        url = url or source[m.start() + 1 : m.end() - 1]
        _blank(chars, m.start(), m.end())
    for m in _URL_LINE.finditer(source):
        # "Original url:" labels the link that follows; it is metadata, not prose.
        _blank(chars, m.start(), m.end())
        after = _BARE_URL.search(source, m.end(), min(len(source), m.end() + 400))
        if after:
            url = url or after.group(0)
            _blank(chars, after.start(), after.end())
    for pattern in (_HTML_TAG, _HEADING, _SETEXT, _BLOCKQUOTE, _CODE):
        for m in pattern.finditer(source):
            _blank(chars, m.start(), m.end())
    for m in _BULLET.finditer(source):
        _blank(chars, m.start(1), m.end(1))
    for m in _EMPHASIS.finditer(source):
        _blank(chars, m.start(), m.end())

    title_match = _TITLE.search(source)
    title = front.get("title") or (title_match.group(1).strip() if title_match else None)
    return MarkdownText("".join(chars), title, url, front)
