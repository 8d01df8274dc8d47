"""How likely each found attribution is to be right, learned from PolNeAR train; the unlikely ones are dropped.

Every finder errs in its own way: a cue verb's object is sometimes a statement and
sometimes a thing ("endorsed Clinton" against "lifted a curfew"), a short tagged
span is less often right than a long quotation. A logistic regression over what
each attribution is made of (the finder, the cue word, the content's length and
first word, the speaker, whether it sits inside another's content) and over the
attribution tagger's marginals around its content gives the chance that the
content matches an annotator's. That chance becomes the attribution's
``confidence``; an attribution below the model's threshold is dropped. Keeping an
attribution raises F1 only while its chance of being right is above about half
the F1 itself, so the threshold sits near a third.

The weights live in ``data/acceptance.json`` (``scripts/train_acceptance.py``
fits them on out-of-fold predictions, see ``scripts/cross_validate.py``);
without the file the finders' own confidences stand, nothing they chose is dropped and no rival is kept.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

from quotes.extract import lexicon, tagger
from quotes.extract.candidates import Candidate
from quotes.extract.quotemarks import QuoteSpan
from quotes.extract.types import Attribution, overlap
from quotes.nlp.doc import ParsedDoc, Sentence

MODEL_FILE = "acceptance.json"
# The content's first word counts by itself when it is one of these classes ("that", "to", "if", "about").
_FUNCTION_CLASSES = frozenset({"SCONJ", "ADP", "PART", "PRON", "DET", "ADV", "AUX"})
_PRONOUNS = frozenset({"i", "me", "my", "we", "us", "our", "you", "your", "he", "him", "his", "she", "her", "hers",
                       "it", "its", "they", "them", "their", "theirs", "who", "whom", "this", "that"})
_NEGATIONS = frozenset({"not", "never", "n't"})
_QUOTE_MARKS = frozenset('"“”«»')
# A quotation whose marks did not pair up keeps its flag of doubt whatever the model says (see judge).
RECOVERED = "recovered=True"
RECOVERED_FACTOR = 0.6
# A reading set aside (``Candidate.rival``): kept only if likelier than every attribution it overlaps.
RIVAL = "rival"
# Content longer than this is a long quotation: its words are not looked at one by one.
_LONGEST_READ = 3000

Features = dict[str, float]

_refitted: list[dict[str, Any] | None] = []


def model() -> dict[str, Any] | None:
    """The weights in use: the shipped ones, refitted ones put in place by ``use_model``, or None."""
    return _refitted[-1] if _refitted else _shipped_model()


@cache
def _shipped_model() -> dict[str, Any] | None:
    return lexicon.shipped_json(MODEL_FILE)


def use_model(path: str | Path | None, *, disabled: bool = False) -> None:
    """Judge with the weights in ``path`` instead of the shipped ones (None: the shipped ones again);
    ``disabled``: keep every attribution with its finder's confidence, for collecting training examples."""
    _refitted.clear()
    if disabled:
        _refitted.append(None)
    elif path is not None:
        _refitted.append(json.loads(Path(path).read_text(encoding="utf-8")))


def probability(weights: dict[str, float], feats: Features) -> float:
    z = sum(weights.get(name, 0.0) * value for name, value in feats.items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def judge(
    found: Iterable[tuple[Attribution, Features]], fitted: dict[str, Any] | None = None
) -> list[Attribution]:
    """Attributions with the model's chance as their confidence, those below its threshold left out. A
    quotation recovered from unpaired quote marks has its confidence lowered after the choice: its content's
    bounds are a guess, whatever the odds that it overlaps a statement. ``fitted``: a model to judge with
    instead of the one in use (as ``scripts/train_acceptance.py`` builds it)."""
    weights = fitted if fitted is not None else model()
    if weights is None:
        # Without a model nothing judges between a set-aside candidate and the one that won: the winner stays.
        return [attribution for attribution, feats in found if not feats.get(RIVAL)]
    kept: list[tuple[Attribution, float]] = []
    rivals: set[int] = set()
    for attribution, feats in found:
        chance = probability(weights["weights"], feats)
        if chance >= weights["threshold"]:
            confidence = chance * RECOVERED_FACTOR if feats.get(RECOVERED) else chance
            if feats.get(RIVAL):
                rivals.add(len(kept))
            kept.append((replace(attribution, confidence=round(confidence, 4)), chance))
    return one_per_cue(kept, rivals)


def one_per_cue(judged: list[tuple[Attribution, float]], set_aside: set[int] | None = None) -> list[Attribution]:
    """A cue introduces one statement (PolNeAR gives one cue two contents once in 19,831): of attributions
    whose cues share words, such as a rule's content and the tagger's other reading of the same cue, only
    the likeliest stays (the earlier on a tie). So does one of a candidate the finders' choice set aside
    (index in ``set_aside``) and any other whose content shares more than half of the shorter's. The
    likeliest are kept first, so one that lost to a likelier attribution takes none out with it."""
    set_aside = set_aside or set()
    kept: list[int] = []
    for i in sorted(range(len(judged)), key=lambda i: -judged[i][1]):
        attribution = judged[i][0]
        if not any(
            _shares_cue(attribution, judged[j][0])
            or ((i in set_aside or j in set_aside) and _shares_content(attribution, judged[j][0]))
            for j in kept
        ):
            kept.append(i)
    return [judged[i][0] for i in sorted(kept)]


def _shares_cue(a: Attribution, b: Attribution) -> bool:
    return a.cue_span is not None and b.cue_span is not None and overlap(a.cue_span, b.cue_span) > 0


def _shares_content(a: Attribution, b: Attribution) -> bool:
    shorter = min(a.content_span[1] - a.content_span[0], b.content_span[1] - b.content_span[0])
    return overlap(a.content_span, b.content_span) > 0.5 * shorter


def _length(n: int, bounds: tuple[int, ...] = (1, 2, 3, 5, 8, 12, 20, 30, 50)) -> str:
    return next((str(bound) for bound in bounds if n <= bound), "more")


def features(
    doc: ParsedDoc,
    cand: Candidate,
    attribution: Attribution,
    nested: bool,
    recovered: bool,
    marginals: tagger.Marginals,
    quotes: list[QuoteSpan],
) -> Features:
    """What the model reads of one attribution; ``nested``: its content lies inside a longer one's;
    ``recovered``: its quotation's marks did not pair up. ``marginals`` caches the tagger's label marginals
    by sentence index."""
    start, end = attribution.content_span
    rule, kind = cand.rule, attribution.kind
    spanned = _content_sentences(doc, start, end)
    words = [t for s in spanned for t in s.tokens if start <= t.start and t.end <= end]
    size = _length(len(words))
    feats: Features = {
        "bias": 1.0,
        f"rule={rule}": 1.0,
        f"kind={kind}": 1.0,
        f"rule,kind={rule},{kind}": 1.0,
        f"cue={cand.cue_lemma}": 1.0,
        f"len={size}": 1.0,
        f"rule,len={rule},{_length(len(words), (2, 5, 12, 30))}": 1.0,
        f"speaker={'none' if cand.speaker is None else 'found'}": 1.0,
        f"speaker_type={attribution.speaker_type}": 1.0,
        f"resolved={attribution.speaker is not None}": 1.0,
        f"headline={cand.sentence == 0}": 1.0,
        f"recovered={recovered}": 1.0,
        f"passive={cand.passive}": 1.0,
        f"channels={min(len(cand.channels), 2)}": 1.0,
        f"quote_marks={any(mark in attribution.content for mark in _QUOTE_MARKS)}": 1.0,
        f"nested={nested}": 1.0,
        f"rule,nested={rule},{nested}": 1.0,
    }
    if cand.rival:
        feats[RIVAL] = 1.0
        feats[f"rival={cand.rival}"] = 1.0
        feats[f"rival,rule={cand.rival},{rule}"] = 1.0
    if words:
        first = words[0]
        feats[f"first={first.text.lower() if first.upos in _FUNCTION_CLASSES else first.upos}"] = 1.0
        feats[f"first_pos={first.upos}"] = 1.0
        feats[f"last_pos={words[-1].upos}"] = 1.0
        has_verb = any(t.upos in ("VERB", "AUX") for t in words)
        feats[f"has_verb={has_verb}"] = 1.0
        feats[f"rule,has_verb={rule},{has_verb}"] = 1.0
    roots = [
        (t, s.tokens[t.head] if t.head >= 0 else None)
        for s in spanned
        for t in s.tokens
        if start <= t.start and t.end <= end and not (t.head >= 0 and start <= s.tokens[t.head].start < end)
    ]
    if roots:
        root, governor = roots[0]
        on_cue = governor is not None and cand.cue is not None and cand.cue[0] <= governor.start < cand.cue[1]
        relation = root.deprel.partition(":")[0]
        feats[f"root_rel={relation}"] = 1.0
        feats[f"root_rel,on_cue={relation},{on_cue}"] = 1.0
        feats[f"roots={min(len(roots), 4)}"] = 1.0
    if attribution.speaker_mention:
        feats[f"speaker_pronoun={attribution.speaker_mention.lower() in _PRONOUNS}"] = 1.0
    sent = doc.sentences[cand.sentence] if cand.sentence < len(doc.sentences) else None
    if cand.cue is None:
        feats["cue_side=none"] = 1.0
    else:
        feats[f"cue_side={'before' if cand.cue[0] < start else 'after'}"] = 1.0
        cue_words = [t for t in sent.tokens if t.start < cand.cue[1] and t.end > cand.cue[0]] if sent else []
        feats[f"cue_words={min(len(cue_words), 4)}"] = 1.0
        if cue_words:
            feats[f"cue_pos={cue_words[-1].upos}"] = 1.0
            feats[f"cue_past={'Tense=Past' in cue_words[0].feats}"] = 1.0
        negated = sent is not None and any(
            t.lemma.lower() in _NEGATIONS and abs(t.start - cand.cue[0]) < 15 for t in sent.tokens
        )
        feats[f"negated={negated}"] = 1.0
    if cand.end_chance is None:
        feats["end_chance=none"] = 1.0
    else:
        feats["end_chance"] = cand.end_chance
        feats[f"end_chance={min(int(cand.end_chance * 5), 4)}"] = 1.0
    feats.update(_tagger_features(doc, cand, start, end, spanned, marginals, quotes))
    return feats


def _content_sentences(doc: ParsedDoc, start: int, end: int) -> list[Sentence]:
    """The sentences a content spans; none for a long quotation, whose words are not read one by one."""
    if end - start > _LONGEST_READ:
        return []
    return [s for s in doc.sentences if s.end > start and s.start < end]


def _tagger_features(
    doc: ParsedDoc, cand: Candidate, start: int, end: int, spanned: list[Sentence], marginals: tagger.Marginals,
    quotes: list[QuoteSpan],
) -> Features:
    """How much the tagger agrees: its Content chance inside the content, at its ends and just outside
    them, its Cue chance on the cue and its Source chance on the speaker."""
    if not tagger.available():
        return {}

    def sentence_marginals(index: int) -> list[dict[str, float]]:
        return tagger.label_marginals(doc, doc.sentences[index], quotes, marginals)

    inside: list[float] = []
    for sent in spanned:
        if sent.parsed:
            for tok, probs in zip(sent.tokens, sentence_marginals(sent.index), strict=True):
                if start <= tok.start and tok.end <= end:
                    inside.append(probs.get("Content", 0.0))
    before = after = None
    cue: list[float] = []
    source: list[float] = []
    speaker = cand.speaker
    if speaker is not None and doc.sentences[speaker.sentence].parsed:
        chances = sentence_marginals(speaker.sentence)
        source = [chances[i].get("Source", 0.0) for i in range(speaker.first, speaker.last + 1)]
    sent = doc.sentences[cand.sentence] if cand.sentence < len(doc.sentences) else None
    if sent is not None and sent.parsed:
        for tok, probs in zip(sent.tokens, sentence_marginals(sent.index), strict=True):
            if tok.end <= start:
                before = probs.get("Content", 0.0)
            if tok.start >= end and after is None:
                after = probs.get("Content", 0.0)
            if cand.cue is not None and cand.cue[0] <= tok.start < cand.cue[1]:
                cue.append(probs.get("Cue", 0.0))
    values = {
        "tag_inside": sum(inside) / len(inside) if inside else None,
        "tag_first": inside[0] if inside else None,
        "tag_last": inside[-1] if inside else None,
        "tag_before": before,
        "tag_after": after,
        "tag_cue": max(cue) if cue else None,
        "tag_source": max(source) if source else None,
        "tag_low": sum(p < 0.5 for p in inside) / len(inside) if inside else None,
    }
    out: Features = {}
    for name, value in values.items():
        if value is None:
            out[f"{name}=none"] = 1.0
            continue
        out[name] = value
        out[f"{name}={min(int(value * 5), 4)}"] = 1.0
        out[f"{name},rule={cand.rule}"] = value
    return out
