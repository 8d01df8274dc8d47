"""The faster stanza internals give exactly what stanza's own code gives."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pytest
import torch
from stanza.models.common import chuliu_edmonds, crf, data
from stanza.models.common.biaffine import DeepBiaffineScorer
from stanza.models.common.char_model import CharacterModel
from stanza.models.common.vocab import BaseVocab, CompositeVocab

from quotes.nlp import speedups


@pytest.fixture
def stock() -> Iterator[dict[str, object]]:
    """stanza's own functions, whether or not an earlier test installed the faster ones."""
    speedups.uninstall()
    yield {
        "one_root": chuliu_edmonds.chuliu_edmonds_one_root,
        "tarjan": chuliu_edmonds.tarjan,
        "id2unit": CompositeVocab.id2unit,
        "char_forward": CharacterModel.forward,
        "long_tensor": data.get_long_tensor,
        "vocab_map": BaseVocab.map,
    }
    speedups.install()


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


def test_same_tree_as_stanza(stock: dict) -> None:
    rng = np.random.default_rng(7)
    trees = [(n, margin, heads) for n in [*range(2, 40), *range(2, 40), 80, 120]
             for heads, margin in ((_tree_heads(rng, n), 6.0), (_tree_heads(rng, n), 0.5), (None, 0.0))]
    expected = [stock["one_root"](_log_probs(np.random.default_rng(i), n, h, m)) for i, (n, m, h) in enumerate(trees)]
    speedups.install()
    shortcut = 0
    for i, (n, margin, heads) in enumerate(trees):
        scores = _log_probs(np.random.default_rng(i), n, heads, margin)
        assert np.array_equal(speedups.fast_one_root(scores), expected[i]), (n, margin)
        shortcut += heads is not None and margin > 1 and np.array_equal(expected[i], heads)
    assert shortcut > 50  # the argmax shortcut was taken, not only the searches


@pytest.mark.parametrize("seed", range(300))
def test_same_cycles_as_tarjan(stock: dict, seed: int) -> None:
    rng = np.random.default_rng(seed)
    n = int(rng.integers(2, 60))
    tree = rng.integers(0, n, size=n)
    tree[0] = 0
    expected = stock["tarjan"](tree)
    found = speedups.functional_graph_cycles(tree)
    assert len(found) == len(expected)
    assert all(np.array_equal(a, b) for a, b in zip(found, expected, strict=True))


def test_cycles_in_order_of_their_smallest_word() -> None:
    # 0 is the root; 5 -> 6 -> 5 and 2 -> 3 -> 4 -> 2 are cycles; 1 hangs off the second.
    found = speedups.functional_graph_cycles(np.array([0, 3, 3, 4, 2, 6, 5]))
    assert [np.flatnonzero(c).tolist() for c in found] == [[2, 3, 4], [5, 6]]


def test_labels_of_chosen_arcs_match_the_full_pairwise_scores() -> None:
    torch.manual_seed(3)
    scorer = DeepBiaffineScorer(12, 12, 8, 5, pairwise=True).eval()
    torch.nn.init.normal_(scorer.scorer.W_bilin.weight)
    torch.nn.init.normal_(scorer.scorer.W_bilin.bias)
    states = torch.randn(3, 7, 12)
    rng = np.random.default_rng(0)
    trees = [_tree_heads(rng, n) for n in (7, 4, 6)]
    with torch.no_grad():
        full = scorer(states, states).argmax(3)  # (sentence, word, head)
        labels = speedups._label_chosen_arcs(scorer, states, trees)
    for i, tree in enumerate(trees):
        assert labels[i] == [int(full[i, j, tree[j]]) for j in range(1, len(tree))]


def test_crf_keeps_its_loss_for_training_only() -> None:
    speedups.install()
    loss = crf.CRFLoss(4)
    inputs, masks, tags = torch.randn(2, 3, 4), torch.zeros(2, 3, dtype=torch.bool), torch.zeros(2, 3, dtype=torch.long)
    value, transitions = loss.train()(inputs, masks, tags)
    assert value.item() > 0 and transitions is loss._transitions
    value, transitions = loss.eval()(inputs, masks, tags)
    assert value.item() == 0 and transitions is loss._transitions


def test_composite_labels_are_the_same(stock: dict) -> None:
    units = ["Number=Sing|Person=3", "Mood=Ind|Tense=Past", "_"]
    feats = CompositeVocab([[(u,) for u in units]], "en", idx=0, sep="|", keyed=True)
    ids = [feats.unit2id(u) for u in ["Number=Sing|Person=3", "Mood=Ind|Tense=Past", "_", "Number=Sing"]]
    expected = [stock["id2unit"](feats, i) for i in ids]
    speedups.install()
    assert [feats.id2unit(i) for i in ids] == expected
    assert [feats.id2unit(i) for i in ids] == expected  # and again, from the cache


@pytest.mark.parametrize("attention", [True, False])
def test_character_vectors_once_per_distinct_word(stock: dict, attention: bool) -> None:
    torch.manual_seed(5)
    args = {"char_emb_dim": 6, "char_hidden_dim": 5, "char_num_layers": 1, "char_rec_dropout": 0, "dropout": 0.5}
    model = CharacterModel(args, {"char": list(range(20))}, bidirectional=not attention, attention=attention).eval()
    if attention:
        torch.nn.init.normal_(model.char_attn.weight)
    sentences = [[[3, 4, 5], [6, 7, 8, 9], [3, 4, 5], [10]], [[6, 7, 8, 9], [3, 4, 5], [11, 12]], [[3, 4, 5]]]
    words = [w for sentence in sentences for w in sentence]
    # stanza hands the words over sorted by length, longest first, with their original positions
    order = sorted(range(len(words)), key=lambda i: -len(words[i]))
    chars = torch.zeros(len(words), 4, dtype=torch.long)
    for row, i in enumerate(order):
        chars[row, : len(words[i])] = torch.tensor(words[i])
    inputs = (chars, chars == 0, order, [len(s) for s in sentences], [len(words[i]) for i in order])
    with torch.no_grad():
        expected = stock["char_forward"](model, *inputs)
        speedups.install()
        got = model(*inputs)
    assert torch.equal(got.batch_sizes, expected.batch_sizes)
    assert torch.allclose(got.data, expected.data, atol=1e-6)


@pytest.mark.parametrize("seed", range(20))
def test_padded_id_tensors_are_the_same(stock: dict, seed: int) -> None:
    rng = np.random.default_rng(seed)
    words = [rng.integers(1, 90, size=rng.integers(0, 12)).tolist() for _ in range(rng.integers(1, 40))]
    sentences = [rng.integers(1, 900, size=rng.integers(1, 30)).tolist() for _ in range(rng.integers(1, 9))]
    feats = [[rng.integers(0, 5, size=4).tolist() for _ in range(rng.integers(1, 20))] for _ in range(3)]
    cases = ((words, len(words), 0), (sentences, len(sentences) + 2, 0), (feats, 3, 1), (words, len(words), 7))
    for rows, batch, pad in cases:
        expected = stock["long_tensor"](rows, batch, pad_id=pad)
        got = speedups.long_tensor(rows, batch, pad_id=pad)
        assert got.dtype == expected.dtype and torch.equal(got, expected)


def test_vocabulary_ids_are_the_same(stock: dict) -> None:
    from stanza.models.common.vocab import CharVocab  # noqa: PLC0415
    from stanza.models.pos.vocab import WordVocab  # noqa: PLC0415

    sentences = [["The", "Kremlin", "said", "the", "talks", "went", "well", "."], ["the", "THE", "Zakharova", "."]]
    words = WordVocab(sentences, "en", idx=0, cutoff=0, lower=True)
    chars = CharVocab([[[c] for c in "the kremlin said"]], "en", idx=0)
    feats = CompositeVocab([[("Number=Sing|Person=3",), ("_",)]], "en", idx=0, sep="|", keyed=True)
    probes = [("words", words, ["the", "The", "unseen", "Kremlin", "THE", "the"]),
              ("chars", chars, list("the zebra said the")),
              ("feats", feats, ["Number=Sing|Person=3", "_", "Number=Sing|Person=3"])]
    expected = {name: stock["vocab_map"](v, units) for name, v, units in probes}
    speedups.install()
    for name, v, units in probes:
        assert v.map(units) == expected[name], name
        assert v.map(units) == expected[name], name  # and again, from the remembered ids
