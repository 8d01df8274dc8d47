"""Faster versions of stanza internals that give the same parse.

stanza spends much of a CPU parse on work whose result is thrown away at prediction time
or on pure-Python loops. Each replacement here returns what stanza's own code returns
(tests/nlp/test_speedups.py compares them); ``install()`` swaps them in once per process,
when the models are first loaded.
"""

from __future__ import annotations

from typing import Any

_ORIGINAL: dict[str, Any] = {}


def install() -> None:
    """Swap the faster functions into stanza (idempotent)."""
    from stanza.models.common import char_model, chuliu_edmonds, crf, data, vocab  # noqa: PLC0415
    from stanza.models.depparse import head_constraints, model  # noqa: PLC0415
    from stanza.models.tokenization import utils as tokenization  # noqa: PLC0415

    if _ORIGINAL:
        return
    _ORIGINAL["char_forward"] = char_model.CharacterModel.forward
    _ORIGINAL["long_tensor"] = data.get_long_tensor
    _ORIGINAL["vocab_map"] = vocab.BaseVocab.map
    vocab.BaseVocab.map = _vocab_map
    for module in _tensor_builders():
        module.get_long_tensor = long_tensor
    _ORIGINAL["tokenize_predict"] = tokenization.predict
    _ORIGINAL["one_root"] = chuliu_edmonds.chuliu_edmonds_one_root
    _ORIGINAL["tarjan"] = chuliu_edmonds.tarjan
    _ORIGINAL["crf_forward"] = crf.CRFLoss.forward
    _ORIGINAL["graph_predict"] = model.GraphParser.predict
    _ORIGINAL["composite_id2unit"] = vocab.CompositeVocab.id2unit
    for module in (model, head_constraints):
        if getattr(module, "chuliu_edmonds_one_root", None) is _ORIGINAL["one_root"]:
            module.chuliu_edmonds_one_root = fast_one_root
    chuliu_edmonds.tarjan = functional_graph_cycles
    crf.CRFLoss.forward = _crf_forward
    model.GraphParser.predict = _graph_predict
    vocab.CompositeVocab.id2unit = _composite_id2unit
    tokenization.predict = tokenize_predict
    char_model.CharacterModel.forward = _char_forward


def uninstall() -> None:
    """Put stanza's own functions back (to compare against them)."""
    from stanza.models.common import char_model, chuliu_edmonds, crf, vocab  # noqa: PLC0415
    from stanza.models.depparse import head_constraints, model  # noqa: PLC0415
    from stanza.models.tokenization import utils as tokenization  # noqa: PLC0415

    if not _ORIGINAL:
        return
    char_model.CharacterModel.forward = _ORIGINAL["char_forward"]
    vocab.BaseVocab.map = _ORIGINAL["vocab_map"]
    for module in _tensor_builders():
        module.get_long_tensor = _ORIGINAL["long_tensor"]
    tokenization.predict = _ORIGINAL["tokenize_predict"]
    for module in (model, head_constraints):
        if getattr(module, "chuliu_edmonds_one_root", None) is fast_one_root:
            module.chuliu_edmonds_one_root = _ORIGINAL["one_root"]
    chuliu_edmonds.tarjan = _ORIGINAL["tarjan"]
    crf.CRFLoss.forward = _ORIGINAL["crf_forward"]
    model.GraphParser.predict = _ORIGINAL["graph_predict"]
    vocab.CompositeVocab.id2unit = _ORIGINAL["composite_id2unit"]
    _ORIGINAL.clear()


VOCAB_CACHE_LIMIT = 200_000  # ids remembered per vocabulary; keeps memory flat on endless corpora


def _vocab_map(self: Any, units: Any) -> list[Any]:
    """stanza's ``BaseVocab.map`` (units to ids) remembering the id of each unit seen: the same words
    and characters are normalised and looked up again in every batch."""
    cache = self.__dict__.get("_quotes_ids")
    if cache is None:
        cache = self.__dict__["_quotes_ids"] = {}
    unit2id = self.unit2id
    out = []
    for unit in units:
        try:
            found = cache.get(unit)
        except TypeError:  # an unhashable unit
            out.append(unit2id(unit))
            continue
        if found is None:
            found = unit2id(unit)
            # only plain ids: a composite vocabulary returns a fresh list each time
            if isinstance(found, int) and len(cache) < VOCAB_CACHE_LIMIT:
                cache[unit] = found
        out.append(found)
    return out


def _tensor_builders() -> list[Any]:
    """The stanza modules that build padded id tensors with ``get_long_tensor`` (each imported it by name)."""
    from stanza.models.common import char_model, data  # noqa: PLC0415
    from stanza.models.depparse import data as depparse_data  # noqa: PLC0415
    from stanza.models.lemma import data as lemma_data  # noqa: PLC0415
    from stanza.models.mwt import data as mwt_data  # noqa: PLC0415
    from stanza.models.ner import data as ner_data  # noqa: PLC0415
    from stanza.models.ner import model as ner_model  # noqa: PLC0415
    from stanza.models.pos import data as pos_data  # noqa: PLC0415

    modules = [data, char_model, depparse_data, lemma_data, mwt_data, ner_data, ner_model, pos_data]
    return [m for m in modules if hasattr(m, "get_long_tensor")]


def long_tensor(tokens_list: list[Any], batch_size: int, pad_id: int = 0) -> Any:
    """stanza's ``get_long_tensor``: (nested) lists of ids padded into one int64 tensor. stanza converts
    each row to a tensor of its own, which costs more than the parse for the character ids of
    thousands of words; numpy fills the same array in one pass per row."""
    import numpy as np  # noqa: PLC0415
    import torch  # noqa: PLC0415

    sizes = []
    level = tokens_list
    while isinstance(level[0], list):
        sizes.append(max(len(row) for row in level))
        level = [item for row in level for item in row]
    out = np.full((batch_size, *sizes), pad_id, dtype=np.int64)
    for i, row in enumerate(tokens_list):
        if len(row):
            out[i, : len(row)] = row
    return torch.from_numpy(out)


def fast_one_root(scores: Any) -> Any:
    """stanza's ``chuliu_edmonds_one_root`` with two shortcuts to the same tree. When every word's best
    head already forms a tree with exactly one root, no other single-root tree scores higher, so the
    cycle search is skipped; when the best tree found without the single-root rule has one root, it
    is the answer too. Otherwise stanza's search runs."""
    import numpy as np  # noqa: PLC0415
    from stanza.models.common import chuliu_edmonds as ce  # noqa: PLC0415

    work = scores.astype(np.float64)
    ce.prepare_scores(work)
    tree = np.argmax(work, axis=1)
    reach = tree
    for _ in range(len(tree).bit_length()):
        reach = reach[reach]  # pointer doubling: after k rounds, each word's 2**k-th ancestor
    if not reach.any() and np.count_nonzero(tree[1:] == 0) == 1 and np.isfinite(work[np.arange(len(tree)), tree]).all():
        return tree
    # The best tree with any number of roots, when it has one root, is also the best single-root tree.
    # It takes a few contractions (one per real cycle); stanza's single-root search starts from scores
    # that forbid every root arc and so contracts nearly the whole sentence.
    tree = ce.chuliu_edmonds(work)
    if np.count_nonzero(tree[1:] == 0) == 1:
        return tree
    original = _ORIGINAL.get("one_root") or ce.chuliu_edmonds_one_root
    return original(scores)


def functional_graph_cycles(tree: Any) -> list[Any]:
    """The cycles of a head array (``tree[i]`` is the head of word ``i``), as stanza's ``tarjan``
    returns them: boolean masks, ordered by each cycle's smallest index.

    Every word has exactly one head, so a cycle is found by walking up from each word until the
    walk meets a word already seen. stanza's Tarjan search reaches a cycle only from the cycle's
    own smallest index, so it lists cycles in that order too; the tree search pops the last one,
    and the same order keeps its result the same."""
    import numpy as np  # noqa: PLC0415

    heads = tree.tolist()
    n = len(heads)
    state = [0] * n  # 0 unseen, 1 on the current walk, 2 done
    found: list[tuple[int, list[int]]] = []
    for start in range(n):
        if state[start]:
            continue
        walk = []
        node = start
        while state[node] == 0:
            state[node] = 1
            walk.append(node)
            node = heads[node]
        if state[node] == 1:  # the walk closed on itself: node starts a cycle
            cycle = walk[walk.index(node) :]
            if len(cycle) > 1:
                found.append((min(cycle), cycle))
        for visited in walk:
            state[visited] = 2
    out = []
    for _, cycle in sorted(found):
        mask = np.zeros(n, dtype=bool)
        mask[cycle] = True
        out.append(mask)
    return out


def _composite_id2unit(self: Any, ids: Any) -> Any:
    """UFeats and XPOS labels are rebuilt from their parts for every word; a few hundred distinct
    combinations cover a corpus, so each is built once per vocabulary."""
    try:
        key = tuple(ids)
    except TypeError:  # a single id, which stanza allows for one-part vocabularies
        key = (ids,)
    cache = self.__dict__.setdefault("_quotes_units", {})
    unit = cache.get(key)
    if unit is None:
        unit = cache[key] = _ORIGINAL["composite_id2unit"](self, ids)
    return unit


def _crf_forward(self: Any, inputs: Any, masks: Any, tag_indices: Any) -> Any:
    """At prediction time the tagger reads only the transition matrix; the training loss (a
    forward pass over every tag sequence) is skipped."""
    if self.training:
        return _ORIGINAL["crf_forward"](self, inputs, masks, tag_indices)
    return inputs.new_zeros(()), self._transitions


def _graph_predict(self: Any, *inputs: Any, resolve_head_constraints: bool = False) -> Any:
    """The graph parser's prediction with relation labels scored only for the head each word gets.

    stanza scores every relation for every (word, candidate head) pair and keeps, besides the
    argmax, a log-softmax over all of them that only the head-constraint repair reads. The tree
    comes from the arc scores alone, so labelling the chosen arcs afterwards gives the same
    labels for a fraction of the work."""
    if resolve_head_constraints or self.training or self.args.get("use_arc_embedding"):
        return _ORIGINAL["graph_predict"](self, *inputs, resolve_head_constraints=resolve_head_constraints)
    import torch  # noqa: PLC0415
    import torch.nn.functional as F  # noqa: PLC0415
    from stanza.models.common.vocab import VOCAB_PREFIX_SIZE  # noqa: PLC0415
    from stanza.models.depparse import model as depparse_model  # noqa: PLC0415

    # stanza's argument order: word, word_mask, wordchars, wordchars_mask, upos, xpos, ufeats,
    # pretrained, lemma, head, deprel, word_orig_idx, sentlens, wordlens, text
    word, head, sentlens = inputs[0], inputs[9], inputs[12]
    lstm_outputs = self.drop(self.embed(*inputs))
    unlabeled = self.unlabeled(lstm_outputs, lstm_outputs).squeeze(3)
    if self.args["linearization"] or self.args["distance"]:
        positions = torch.arange(word.size(1), device=head.device)
        head_offset = positions.view(1, 1, -1).expand(word.size(0), -1, -1) - positions.view(1, -1, 1).expand(
            word.size(0), -1, -1
        )
    if self.args["linearization"]:
        lin_scores = self.linearization(lstm_outputs, lstm_outputs).squeeze(3)
        unlabeled += F.logsigmoid(lin_scores * torch.sign(head_offset).float())
    if self.args["distance"]:
        dist_scores = self.distance(lstm_outputs, lstm_outputs).squeeze(3)
        dist_pred = 1 + F.softplus(dist_scores)
        unlabeled += -torch.log((torch.abs(head_offset).float() - dist_pred) ** 2 / 2 + 1)
    diag = torch.eye(head.size(-1) + 1, dtype=torch.bool, device=head.device).unsqueeze(0)
    unlabeled.masked_fill_(diag, -float("inf"))
    arc_log_probs = F.log_softmax(unlabeled, 2).cpu().numpy()

    trees = [depparse_model.chuliu_edmonds_one_root(arc_log_probs[i][:n, :n]) for i, n in enumerate(sentlens)]
    labels = _label_chosen_arcs(self.deprel, lstm_outputs, trees)
    vocab = self.vocab["deprel"]
    out = []
    for i, tree in enumerate(trees):
        hs = tree[1:]
        deprels = vocab.unmap([int(label) + VOCAB_PREFIX_SIZE for label in labels[i]])
        out.append([[hs[j], deprels[j]] for j in range(sentlens[i] - 1)])
    return out


def _label_chosen_arcs(scorer: Any, states: Any, trees: list[Any]) -> list[list[int]]:
    """Best relation for each word and its chosen head (``trees[i][j]`` heads word ``j`` of sentence
    ``i``; index 0 is the root), from a pairwise DeepBiaffineScorer: the bilinear form stanza
    evaluates for every pair of positions, evaluated for one pair per real word."""
    import torch  # noqa: PLC0415
    import torch.nn.functional as F  # noqa: PLC0415

    sentence = torch.cat([torch.full((len(t) - 1,), i, dtype=torch.long) for i, t in enumerate(trees)])
    word = torch.cat([torch.arange(1, len(t), dtype=torch.long) for t in trees])
    head = torch.cat([torch.from_numpy(t[1:]).long() for t in trees])
    device = states.device
    sentence, word, head = sentence.to(device), word.to(device), head.to(device)

    def hidden(layer: Any, rows: Any) -> Any:
        out = scorer.hidden_func(layer(rows))
        return torch.cat([out, out.new_ones(out.shape[0], 1)], -1)

    bilinear = scorer.scorer.W_bilin
    weight = getattr(bilinear, "_quotes_weight_oij", None)
    if weight is None:  # (I, J, O) -> the (O, I, J) layout torch's bilinear takes, made once
        weight = bilinear.weight.detach().permute(2, 0, 1).contiguous()
        bilinear._quotes_weight_oij = weight
    scores = F.bilinear(hidden(scorer.W1, states[sentence, word]), hidden(scorer.W2, states[sentence, head]),
                        weight, bilinear.bias)
    best = scores.argmax(1).tolist()
    out, start = [], 0
    for tree in trees:
        out.append(best[start : start + len(tree) - 1])
        start += len(tree) - 1
    return out


def tokenize_predict(
    trainer: Any, data_generator: Any, batch_size: int, max_seqlen: int, use_regex_tokens: bool, num_workers: int
) -> tuple[list[Any], list[list[str]]]:
    """stanza's tokenizer prediction (``stanza.models.tokenization.utils.predict``) without its padding.

    stanza puts up to ``batch_size`` paragraphs in a batch padded to the longest and, when the longest
    is over ``max_seqlen`` characters, runs every row of the batch window after window until that one
    paragraph is done: one long paragraph in an article makes the character LSTMs read thirty-odd
    rows of padding for each of its characters. Here every row is read for its own length, with
    the single pad after the paragraph that stanza's batches always give it, and a long paragraph
    is read in stanza's windows (each ends after the last sentence break found in it). The rows
    of a batch do not affect each other, so the predictions are stanza's own."""
    import numpy as np  # noqa: PLC0415
    import torch  # noqa: PLC0415
    from stanza.models.tokenization.utils import update_pred_regex  # noqa: PLC0415

    model = trainer.model
    model.eval()
    device = next(model.parameters()).device
    pad = data_generator.vocab.unit2id("<PAD>")
    # (unit ids, labels, features, characters) of each paragraph, in the order stanza gives them
    paragraphs = [data_generator.para_to_sentences(p)[0] for p in data_generator.data]
    sizes = [len(p[3]) for p in paragraphs]
    done = [0] * len(paragraphs)
    pieces: list[list[Any]] = [[] for _ in paragraphs]
    while True:
        active = [i for i, n in enumerate(sizes) if done[i] < n]
        if not active:
            break
        # characters read from each paragraph this round, and the window length (one pad more for
        # a paragraph that fits in one window)
        take = {i: min(sizes[i] - done[i], max_seqlen) for i in active}
        window = {i: sizes[i] + 1 if sizes[i] + 1 <= max_seqlen else take[i] for i in active}
        active.sort(key=lambda i: -window[i])
        for first in range(0, len(active), batch_size):
            rows = active[first : first + batch_size]
            width = window[rows[0]]
            units = torch.full((len(rows), width), pad, dtype=torch.int64)
            features = torch.zeros((len(rows), width, paragraphs[rows[0]][2].shape[-1]), dtype=torch.float32)
            for k, i in enumerate(rows):
                start, n = done[i], take[i]
                units[k, :n] = torch.from_numpy(paragraphs[i][0][start : start + n])
                features[k, :n] = torch.from_numpy(paragraphs[i][2][start : start + n])
            with torch.no_grad():
                scores = model(units.to(device), features.to(device), [window[i] for i in rows], None)
            predicted = scores.cpu().numpy().argmax(axis=2)
            for k, i in enumerate(rows):
                n = take[i]
                labels = predicted[k, :n]
                advance = n
                if sizes[i] + 1 > max_seqlen and done[i] < sizes[i] - max_seqlen:
                    breaks = np.where((labels == 2) | (labels == 4))[0]
                    if len(breaks):
                        advance = int(breaks.max()) + 1
                pieces[i].append(labels[:advance])
                done[i] += advance
    all_preds, all_raw = [], []
    for i, paragraph in enumerate(paragraphs):
        raw = list(paragraph[3])
        labels = np.concatenate(pieces[i]) if pieces[i] else np.zeros(0, dtype=np.int64)
        if len(raw):  # a paragraph ends a sentence (stanza's rule)
            labels[-1] = 2 if labels[-1] < 2 else 4 if labels[-1] > 2 else labels[-1]
        all_preds.append(update_pred_regex(raw, labels) if use_regex_tokens else labels)
        all_raw.append(raw)
    return all_preds, all_raw


def _char_forward(self: Any, chars: Any, chars_mask: Any, word_orig_idx: Any, sentlens: Any, wordlens: Any) -> Any:
    """stanza's ``CharacterModel.forward`` (a word's vector from an LSTM over its characters) run once
    per distinct word of the batch instead of once per word: "the", "said" and the punctuation fill
    much of a batch. The words come sorted by length, longest first, and their first occurrences keep
    that order, as the packed LSTM needs."""
    if self.training:
        return _ORIGINAL["char_forward"](self, chars, chars_mask, word_orig_idx, sentlens, wordlens)
    import torch  # noqa: PLC0415
    from stanza.models.common.utils import tensor_unsort  # noqa: PLC0415
    from torch.nn.utils.rnn import PackedSequence, pack_padded_sequence, pack_sequence, pad_packed_sequence  # noqa: PLC0415

    first: dict[tuple[int, ...], int] = {}
    distinct: list[int] = []
    inverse: list[int] = []
    for row, (ids, length) in enumerate(zip(chars.tolist(), wordlens, strict=True)):
        key = tuple(ids[:length])
        slot = first.get(key)
        if slot is None:
            slot = first[key] = len(distinct)
            distinct.append(row)
        inverse.append(slot)
    rows = torch.tensor(distinct, dtype=torch.long, device=chars.device)
    lengths = [wordlens[row] for row in distinct]
    embs = self.dropout(self.char_emb(chars[rows]))
    batch = embs.size(0)
    layers = self.num_dir * self.args["char_num_layers"]
    hidden = self.args["char_hidden_dim"]
    output = self.charlstm(
        pack_padded_sequence(embs, lengths, batch_first=True),
        lengths,
        hx=(self.charlstm_h_init.expand(layers, batch, hidden).contiguous(),
            self.charlstm_c_init.expand(layers, batch, hidden).contiguous()),
    )
    if self.attn:
        reps = output[0]
        weights = torch.sigmoid(self.char_attn(self.dropout(reps.data)))
        padded, _ = pad_packed_sequence(PackedSequence(reps.data * weights, reps.batch_sizes), batch_first=True)
        distinct_res = padded.sum(1)
    else:
        h, _ = output[1]
        distinct_res = h[-2:].transpose(0, 1).contiguous().view(batch, -1)
    res = distinct_res[torch.tensor(inverse, dtype=torch.long, device=chars.device)]
    res = tensor_unsort(res, word_orig_idx)
    res = pack_sequence(res.split(sentlens))
    if self.pad:
        res = pad_packed_sequence(res, batch_first=True)[0]
    return res
