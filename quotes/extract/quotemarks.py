"""Find direct-quote spans from quotation marks alone (no parse needed).

Handles curly and straight double marks, the typewriter pairs ``...'' and ''...'',
nested single quotes (they stay inside the outer quote), apostrophes (never read
as double marks), and quotes running over several paragraphs by the news
convention: no closing mark at the end of a paragraph, an opening mark at the
start of the next one. Unbalanced marks never raise: the quote is closed at the
end of its paragraph and flagged as ``recovered``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from quotes.extract.types import Span

# '' and `` before single characters so a doubled apostrophe is one mark.
_DOUBLE_MARK = re.compile(r"``|''|[\"“”„«»]")
_OPENING = frozenset({"“", "„", "«", "``"})
_CLOSING = frozenset({"”", "»"})
_OPEN_BEFORE = frozenset(" \t\n\r([{—–-/")
_CURLY_SINGLE_OPEN = "‘"
_CURLY_SINGLE_CLOSE = "’"


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    start: int  # offset of the opening mark (or where a recovered quote begins)
    end: int  # offset just past the closing mark (or the recovered end)
    inner_start: int  # first character inside the marks
    inner_end: int  # one past the last character inside the marks
    recovered: bool = False  # a mark was missing: the bounds are a guess
    paragraphs: int = 1  # how many paragraphs the quote runs over

    @property
    def inner(self) -> Span:
        return (self.inner_start, self.inner_end)


def _paragraph_bounds(text: str) -> list[tuple[int, int]]:
    """Blank-line separated paragraphs; a single newline also ends one (scraped news often has no blank lines)."""
    bounds: list[tuple[int, int]] = []
    for m in re.finditer(r"[^\n]+", text):
        if m.group().strip():
            bounds.append((m.start(), m.end()))
    return bounds or [(0, len(text))]


def _direction(text: str, start: int, end: int, mark: str) -> str:
    """'open', 'close' or '?' for one mark, from its shape and the characters around it."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    opens = before in _OPEN_BEFORE and not after.isspace()
    closes = not before.isspace() and (after.isspace() or not after.isalnum())
    # A curly mark of the wrong shape ('here,“ said') is read from its surroundings when they are clear.
    if mark in _OPENING:
        return "close" if closes and not opens else "open"
    if mark in _CLOSING:
        return "open" if opens and not closes else "close"
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    return "?"


def find_quotes(text: str) -> list[QuoteSpan]:
    """All top-level quotes in ``text`` in order; never raises, spans always lie within the text."""
    paragraphs = _paragraph_bounds(text)
    para_starts = [p[0] for p in paragraphs]

    def para_of(offset: int) -> int:
        return max(bisect_right(para_starts, offset) - 1, 0)

    found: list[QuoteSpan] = []
    open_at: tuple[int, int] | None = None  # (mark start, mark end)
    open_para = 0  # paragraph where the quote currently is
    first_para = 0
    recovered = False

    def close_unterminated() -> None:
        nonlocal open_at, recovered
        if open_at is None:
            return
        para_end = paragraphs[open_para][1]
        end = _trim_right(text, open_at[1], para_end)
        found.append(QuoteSpan(open_at[0], end, open_at[1], end, True, open_para - first_para + 1))
        open_at, recovered = None, False

    for m in _DOUBLE_MARK.finditer(text):
        start, end, mark = m.start(), m.end(), m.group()
        direction = _direction(text, start, end, mark)
        para = para_of(start)
        if open_at is not None and para != open_para:
            at_para_start = not text[paragraphs[para][0]:start].strip()
            if at_para_start and direction in ("open", "?") and para == open_para + 1:
                # News convention: a quote going on in the next paragraph reopens without closing.
                open_para = para
                continue
            close_unterminated()
        if open_at is None:
            if direction == "close":
                # A closing mark with no opening: the quote most likely began with its paragraph, or, after a
                # quotation closed earlier in the paragraph, with the sentence after the one that closed it
                # ('"A," he said. B."').
                begin = _orphan_begin(text, paragraphs[para][0], start, found)
                if text[begin:start].strip():
                    found.append(QuoteSpan(begin, end, begin, start, True, 1))
                continue
            open_at, open_para, first_para, recovered = (start, end), para, para, False
        elif direction == "open" and mark in _OPENING and para == open_para:
            # A second explicit opening mark while one is open: the first was never closed.
            recovered = True
            close_unterminated()
            open_at, open_para, first_para = (start, end), para, para
        else:
            found.append(QuoteSpan(open_at[0], end, open_at[1], start, recovered, para - first_para + 1))
            open_at, recovered = None, False
    close_unterminated()
    spans = [q for q in found if q.inner_end > q.inner_start] + _single_quotes(text, found, paragraphs)
    return sorted(spans, key=lambda q: q.start)


_SENTENCE_END = re.compile(r"[.!?](?:''|[\"”’'])?\s+(?=\S)")


def _orphan_begin(text: str, para_start: int, mark: int, found: list[QuoteSpan]) -> int:
    """Where a quote closed by an orphan mark at ``mark`` begins: never before a quotation that closed earlier."""
    last = found[-1].end if found and para_start <= found[-1].end <= mark else None
    if last is None:
        return para_start
    stop = _SENTENCE_END.search(text, last, mark)
    return stop.end() if stop is not None else last


def _trim_right(text: str, lower: int, end: int) -> int:
    while end > lower and text[end - 1].isspace():
        end -= 1
    return end


def _single_quotes(text: str, doubles: list[QuoteSpan], paragraphs: list[tuple[int, int]]) -> list[QuoteSpan]:
    """Top-level ‘…’ quotes (headline style); only outside double quotes, as ’ is mostly an apostrophe."""
    out: list[QuoteSpan] = []
    inside = [(q.start, q.end) for q in doubles]
    for start, end in paragraphs:
        pos = start
        while True:
            open_at = text.find(_CURLY_SINGLE_OPEN, pos, end)
            if open_at == -1:
                break
            pos = open_at + 1
            if any(a <= open_at < b for a, b in inside):
                continue
            if open_at > start and not text[open_at - 1].isspace():
                continue
            close = pos
            while True:
                close = text.find(_CURLY_SINGLE_CLOSE, close, end)
                if close == -1:
                    break
                after = text[close + 1] if close + 1 < len(text) else " "
                # An apostrophe sits between letters ("Clinton’s"); a closing mark does not.
                if not after.isalnum() and not text[close - 1].isspace():
                    break
                close += 1
            if close == -1 or close - open_at > 300 or close == open_at + 1:
                continue
            out.append(QuoteSpan(open_at, close + 1, open_at + 1, close, False, 1))
            pos = close + 1
    return out
