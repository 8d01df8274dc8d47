"""Span trimming, overlap and one-to-one matching of predicted to gold contents.

Spans are compared as sets of character positions in the article text, after
trimming whitespace, quote marks and other punctuation from both ends of every
fragment, so `“We will win,”` and `We will win` are the same content.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence

from quotes.extract.types import Span

JACCARD_THRESHOLD = 0.5
MATCHING_RULE = "greedy one-to-one: pairs taken by highest Jaccard first (ties: earlier gold, then earlier prediction)"


def _is_trimmable(char: str) -> bool:
    # Unicode punctuation covers straight and curly quote marks, brackets, dashes and ellipses.
    return char.isspace() or unicodedata.category(char).startswith("P")


def trim_span(text: str, span: Span) -> Span | None:
    """``span`` without whitespace and punctuation at either end; None when nothing is left."""
    start, end = max(span[0], 0), min(span[1], len(text))
    while start < end and _is_trimmable(text[start]):
        start += 1
    while end > start and _is_trimmable(text[end - 1]):
        end -= 1
    return (start, end) if start < end else None


def trim_spans(text: str, spans: Iterable[Span]) -> tuple[Span, ...]:
    """Trim each fragment, drop empty ones, and merge the rest into sorted disjoint spans."""
    trimmed = sorted(s for s in (trim_span(text, span) for span in spans) if s is not None)
    merged: list[Span] = []
    for start, end in trimmed:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return tuple(merged)


def covered(spans: Sequence[Span]) -> int:
    return sum(end - start for start, end in spans)


def intersection(a: Sequence[Span], b: Sequence[Span]) -> int:
    """Characters shared by two lists of sorted disjoint spans."""
    shared = 0
    i = j = 0
    while i < len(a) and j < len(b):
        shared += max(0, min(a[i][1], b[j][1]) - max(a[i][0], b[j][0]))
        if a[i][1] <= b[j][1]:
            i += 1
        else:
            j += 1
    return shared


def jaccard(a: Sequence[Span], b: Sequence[Span]) -> float:
    """|A ∩ B| / |A ∪ B| over character positions; 0.0 when either side is empty."""
    shared = intersection(a, b)
    union = covered(a) + covered(b) - shared
    return shared / union if union and shared else 0.0


def same_extent(a: Sequence[Span], b: Sequence[Span]) -> bool:
    """Exact match: the trimmed spans begin and end at the same characters.

    Only the outer ends count, so a contiguous prediction can exactly match a gold
    content that the annotator split around an inserted "he said".
    """
    return bool(a) and bool(b) and a[0][0] == b[0][0] and a[-1][1] == b[-1][1]


def match_greedy(
    gold: Sequence[Sequence[Span]], predicted: Sequence[Sequence[Span]], threshold: float = JACCARD_THRESHOLD
) -> list[tuple[int, int, float]]:
    """One-to-one pairs (gold index, predicted index, Jaccard) with Jaccard ≥ ``threshold``.

    Every candidate pair is ranked by Jaccard and taken when neither side is
    taken yet; the result is sorted by gold index.
    """
    candidates: list[tuple[float, int, int]] = []
    for gi, gold_spans in enumerate(gold):
        if not gold_spans:
            continue
        lo, hi = gold_spans[0][0], gold_spans[-1][1]
        for pi, pred_spans in enumerate(predicted):
            # Cheap rejection before the exact computation: disjoint extents share nothing.
            if not pred_spans or pred_spans[-1][1] <= lo or pred_spans[0][0] >= hi:
                continue
            score = jaccard(gold_spans, pred_spans)
            if score >= threshold:
                candidates.append((-score, gi, pi))
    candidates.sort()
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs: list[tuple[int, int, float]] = []
    for negative, gi, pi in candidates:
        if gi in used_gold or pi in used_pred:
            continue
        used_gold.add(gi)
        used_pred.add(pi)
        pairs.append((gi, pi, -negative))
    pairs.sort()
    return pairs
