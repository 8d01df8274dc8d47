"""The dependency tree shortcut returns exactly the tree stanza's own search returns."""

from __future__ import annotations

import numpy as np
from stanza.models.common.chuliu_edmonds import chuliu_edmonds_one_root

from quotes.nlp import pipeline


def _log_probs(rng: np.random.Generator, n: int, heads: np.ndarray | None, margin: float) -> np.ndarray:
    scores = rng.normal(size=(n, n))
    if heads is not None:
        scores[np.arange(n), heads] += margin
    return (scores - np.log(np.exp(scores).sum(axis=1, keepdims=True))).astype(np.float32)


def _tree_heads(rng: np.random.Generator, n: int) -> np.ndarray:
    """A random single-root tree over words 1..n-1 (index 0 is the root)."""
    heads = np.zeros(n, dtype=int)
    order = rng.permutation(np.arange(1, n))
    for k, word in enumerate(order):
        heads[word] = 0 if k == 0 else order[rng.integers(0, k)]
    return heads


def test_same_tree_as_stanza() -> None:
    if not pipeline._STANZA_ONE_ROOT:
        pipeline._STANZA_ONE_ROOT.append(chuliu_edmonds_one_root)
    rng = np.random.default_rng(7)
    shortcut = 0
    for n in [*range(2, 40), *range(2, 40), 80, 120]:
        for heads, margin in ((_tree_heads(rng, n), 6.0), (_tree_heads(rng, n), 0.5), (None, 0.0)):
            scores = _log_probs(rng, n, heads, margin)
            expected = chuliu_edmonds_one_root(scores)
            assert np.array_equal(pipeline.fast_one_root(scores), expected), (n, margin)
            shortcut += heads is not None and margin > 1 and np.array_equal(expected, heads)
    assert shortcut > 50  # the shortcut was taken, not only the fallback
