"""The quote-mark scanner (pairs, nesting, apostrophes, paragraphs, unbalanced marks) and robustness."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quotes.extract import extract, find_quotes
from quotes.nlp.doc import ParsedDoc, Sentence, Token, paragraph_spans

CASES = {
    "curly": ("“We will win,” he said.", [("We will win,", False)]),
    "straight": ('He said "yes" and left.', [("yes", False)]),
    "typewriter pairs": ("''We will win,'' he said.", [("We will win,", False)]),
    "nested single": ("“He told me ‘no’ twice,” she said.", [("He told me ‘no’ twice,", False)]),
    "apostrophes are not marks": ("Russia’s position and the voters' view, Putin's too.", []),
    "plural possessive inside": ("“The voters’ choice is clear,” he said.", [("The voters’ choice is clear,", False)]),
    "two quotes": ("“One,” he said. “Two.”", [("One,", False), ("Two.", False)]),
    "over paragraphs": (
        "“First paragraph goes on.\n\n“Second paragraph ends,” he said.",
        [("First paragraph goes on.\n\n“Second paragraph ends,", False)],
    ),
    "unclosed at paragraph end": ("“Never closed here.\n\nPlain prose follows.", [("Never closed here.", True)]),
    "closing without opening": ("never opened,” he said.", [("never opened,", True)]),
    "closing without opening after a closed quote": (
        "''Not true,'' he said. I am not sure why. They do it.''",
        [("Not true,", False), ("I am not sure why. They do it.", True)],
    ),
    "wrong-shaped closing mark": ("“It was here,“ said Jim.", [("It was here,", False)]),
    "headline single quotes": ("Sanders: ‘We will fight on’", [("We will fight on", False)]),
    "odd straight marks": ('He said "yes and then left.', [("yes and then left.", True)]),
}


@pytest.mark.parametrize("text, expected", list(CASES.values()), ids=list(CASES))
def test_quote_spans(text: str, expected: list[tuple[str, bool]]) -> None:
    found = find_quotes(text)
    assert [(text[q.inner_start:q.inner_end], q.recovered) for q in found] == expected


def test_multi_paragraph_quote_counts_its_paragraphs() -> None:
    (quote,) = find_quotes("“One.\n\n“Two.\n\n“Three,” he said.")
    assert quote.paragraphs == 3 and not quote.recovered


MARKS = st.sampled_from(['"', "“", "”", "‘", "’", "'", "''", "``", "\n\n", "\n", " ", ",", ".", "«", "»", "„"])
TEXT = st.lists(st.one_of(MARKS, st.text(max_size=6)), max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_scanner_never_raises_and_stays_in_bounds(text: str) -> None:
    previous_start = -1
    for quote in find_quotes(text):
        assert 0 <= quote.start <= quote.inner_start <= quote.inner_end <= quote.end <= len(text)
        assert quote.inner_end > quote.inner_start
        assert quote.start >= previous_start
        previous_start = quote.start


def _unparsed_doc(text: str) -> ParsedDoc:
    """Whitespace tokens, one sentence per line, no tags or heads: what a tokenize-only parse gives."""
    sentences = []
    for match in re.finditer(r"[^\n]+", text):
        tokens = tuple(
            Token(i, m.group(), match.start() + m.start(), match.start() + m.end())
            for i, m in enumerate(re.finditer(r"\S+", match.group()))
        )
        if tokens:
            sentences.append(Sentence(len(sentences), tokens, parsed=False))
    return ParsedDoc(text, tuple(sentences), (), paragraph_spans(text))


@settings(max_examples=200, deadline=None)
@given(TEXT)
def test_extract_never_raises_on_unparsed_text(text: str) -> None:
    for attribution in extract(_unparsed_doc(text)):
        start, end = attribution.content_span
        assert 0 <= start < end <= len(text)
        assert text[start:end] == attribution.content
        assert 0.0 <= attribution.confidence <= 1.0
