from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quotes.evaluate import jaccard, match_greedy, trim_span, trim_spans
from quotes.evaluate.matching import same_extent

TEXT = '  “We will win,” she said. (Maybe…) "Yes!" '


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        ("“We will win,”", "We will win"),
        ("We will win", "We will win"),
        ("  “We will win,” ", "We will win"),
        ("(Maybe…)", "Maybe"),
        ('"Yes!" ', "Yes"),
        ("she said.", "she said"),
        ("“", None),  # nothing but a quote mark
        (" ", None),
    ],
)
def test_trim_span(fragment: str, expected: str | None) -> None:
    start = TEXT.index(fragment)
    trimmed = trim_span(TEXT, (start, start + len(fragment)))
    assert (TEXT[trimmed[0] : trimmed[1]] if trimmed else None) == expected


def test_trim_spans_merges_overlapping_fragments_and_drops_empty_ones() -> None:
    text = "abc, def. ghi"
    assert trim_spans(text, [(5, 13), (0, 6), (3, 4)]) == ((0, 13),)
    assert trim_spans(text, [(10, 13), (0, 4)]) == ((0, 3), (10, 13))


@pytest.mark.parametrize(
    ("gold", "predicted", "expected"),
    [
        ([(0, 10)], [(0, 10)], 1.0),
        ([(0, 10)], [(0, 5)], 0.5),
        ([(0, 10)], [(5, 15)], 5 / 15),
        ([(0, 10)], [(10, 20)], 0.0),  # touching is not overlapping
        ([(0, 4), (6, 10)], [(0, 10)], 0.8),  # the gap of a discontinuous gold counts against
        ([(0, 4), (6, 10)], [(0, 4)], 0.5),
        ([], [(0, 3)], 0.0),
    ],
)
def test_jaccard(gold: list[tuple[int, int]], predicted: list[tuple[int, int]], expected: float) -> None:
    assert jaccard(gold, predicted) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("predicted", "threshold", "matched"),
    [
        ([(0, 5)], 0.5, True),  # exactly at the threshold matches
        ([(0, 4)], 0.5, False),  # 0.4
        ([(0, 4)], 0.4, True),
        ([(0, 9)], 0.95, False),  # 0.9
        ([(0, 20)], 0.5, True),  # 10 / 20
        ([(0, 21)], 0.5, False),  # 10 / 21
    ],
)
def test_match_threshold(predicted: list[tuple[int, int]], threshold: float, matched: bool) -> None:
    pairs = match_greedy([((0, 10),)], [tuple(predicted)], threshold)
    assert bool(pairs) is matched


@pytest.mark.parametrize(
    ("gold", "predicted", "expected"),
    [
        # Two predictions over one gold: only the better one is taken.
        ([[(0, 10)]], [[(0, 6)], [(0, 9)]], [(0, 1)]),
        # One prediction over two golds: the better overlap wins, the other gold stays unmatched.
        ([[(0, 10)], [(0, 12)]], [[(0, 12)]], [(1, 0)]),
        # Best overlap first, not gold order: taken in order, gold 0 would grab pred 0 (0.82)
        # and leave gold 1 with nothing above the threshold.
        ([[(0, 10)], [(1, 11)]], [[(1, 11)], [(0, 6)]], [(0, 1), (1, 0)]),
        # Equal overlaps: earlier gold, then earlier prediction.
        ([[(0, 10)], [(0, 10)]], [[(0, 10)], [(0, 10)]], [(0, 0), (1, 1)]),
        ([[(0, 10)]], [[(20, 30)]], []),
    ],
)
def test_match_greedy_is_one_to_one(
    gold: list[list[tuple[int, int]]], predicted: list[list[tuple[int, int]]], expected: list[tuple[int, int]]
) -> None:
    pairs = match_greedy([tuple(g) for g in gold], [tuple(p) for p in predicted])
    assert [(g, p) for g, p, _ in pairs] == expected


@pytest.mark.parametrize(
    ("gold", "predicted", "exact"),
    [
        ([(0, 10)], [(0, 10)], True),
        ([(0, 10)], [(0, 9)], False),
        ([(0, 4), (6, 10)], [(0, 10)], True),  # outer ends agree across a gap
        ([(0, 4), (6, 10)], [(0, 4)], False),
        ([], [], False),
    ],
)
def test_same_extent(gold: list[tuple[int, int]], predicted: list[tuple[int, int]], exact: bool) -> None:
    assert same_extent(gold, predicted) is exact


_spans = st.lists(st.tuples(st.integers(0, 50), st.integers(1, 20)), min_size=1, max_size=3).map(
    lambda items: trim_spans("x" * 80, [(s, s + n) for s, n in items])
)


@given(_spans, _spans)
def test_jaccard_is_symmetric_and_bounded(a: tuple[tuple[int, int], ...], b: tuple[tuple[int, int], ...]) -> None:
    assert jaccard(a, b) == pytest.approx(jaccard(b, a))
    assert 0.0 <= jaccard(a, b) <= 1.0
    assert jaccard(a, a) == 1.0


@given(st.lists(_spans, max_size=6), st.lists(_spans, max_size=6))
def test_match_greedy_never_reuses_either_side(gold: list, predicted: list) -> None:
    pairs = match_greedy(gold, predicted)
    assert len({g for g, _, _ in pairs}) == len(pairs)
    assert len({p for _, p, _ in pairs}) == len(pairs)
    assert all(score >= 0.5 for _, _, score in pairs)
