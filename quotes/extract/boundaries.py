"""Where a content that runs to the right of its cue stops, scored by a model learned from PolNeAR train.

The finders let a content run to the end of its clause; annotators stop earlier
at trailing adjuncts of the reporting verb ("defended Cruz | in an interview"),
"compared with ..." and second reports, and go on past some places where the
finders stop (a coordinated second predicate, a list after a comma). Each
token after the first, up to the end of the sentence, is scored as the place
where the content stops (a discrete hazard: logistic weights over parse
features and over where the finder stopped, see ``scripts/train_content_end.py``).
Together the hazards give a probability for each end; the content takes the end
most likely to overlap the annotators' by half, which is what a match needs
(``best_end``). The weights live in ``data/content_end.json``; the file is read
on first use.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

from quotes.extract import lexicon, tagger
from quotes.extract.candidates import Candidate, cue_kind, cue_lemma
from quotes.extract.quotemarks import QuoteSpan
from quotes.extract.syntax import SentenceView, drop_trailing_punct, is_finite, is_punct, is_quote
from quotes.nlp.doc import ParsedDoc, Token

MODEL_FILE = "content_end.json"
# Word classes whose words carry the boundary themselves ("while", "in", ","); others count by class only.
_CLOSED = frozenset({"ADP", "SCONJ", "CCONJ", "PUNCT", "PRON", "DET", "AUX", "PART", "SYM"})


# Weights put in place of the shipped file by use_model().
_refitted: list[dict[str, Any]] = []


def model() -> dict[str, Any] | None:
    """The weights in use: the shipped ones, or None when the file is missing (then no content is cut)."""
    return _refitted[-1] if _refitted else _shipped_model()


@cache
def _shipped_model() -> dict[str, Any] | None:
    return lexicon.shipped_json(MODEL_FILE)


def use_model(path: str | Path | None) -> None:
    """Cut contents with the weights in ``path`` instead of the shipped ones (None: the shipped ones again);
    for measuring weights refitted without the articles scored (``scripts/cross_validate.py``)."""
    _refitted.clear()
    if path is not None:
        _refitted.append(json.loads(Path(path).read_text(encoding="utf-8")))


def _word(tok: Token | None) -> str:
    if tok is None:
        return "<none>"
    if tok.upos in _CLOSED or is_punct(tok):
        return tok.text.lower()
    return tok.upos


def _place(head: int, first: int, index: int, cue: int) -> str:
    """Where a head sits relative to the content: the cue, before the content, inside it so far, or later."""
    if head < 0:
        return "root"
    if head == cue:
        return "cue"
    if head < first:
        return "before"
    if head < index:
        return "inside"
    return "after"


def _length(n: int) -> str:
    for bound in (1, 2, 4, 8, 16, 32):
        if n <= bound:
            return str(bound)
    return "more"


def _rule_place(index: int, rule_last: int) -> str:
    if index <= rule_last:
        return "in"
    return "stop" if index == rule_last + 1 else "out"


def features(
    view: SentenceView, first: int, index: int, cue: int, rule: str, rule_last: int,
    content_chances: list[float] | None = None, other_chances: list[float] | None = None,
) -> list[str]:
    """Features of stopping right before token ``index`` the content that starts at token ``first`` and that
    the finder let run to token ``rule_last``; ``content_chances``: the tagger's chance that each token of the
    sentence is content, ``other_chances`` that it is a cue or a source."""
    toks = view.tokens
    tok = toks[index]
    prev = toks[index - 1]
    nxt = toks[index + 1] if index + 1 < len(toks) else None
    # The phrase that begins here: climb while the head lies to the right inside the sentence.
    top = tok
    for _ in range(len(toks)):
        if not (index < top.head < len(toks)):
            break
        top = toks[top.head]
    place = _place(top.head, first, index, cue)
    w, pw, nw = _word(tok), _word(prev), _word(nxt)
    rp = _rule_place(index, rule_last)
    out = [
        "bias", f"rp={rp}", f"rp,w={rp},{w}", f"rp,pw={rp},{pw}", f"rp,place={rp},{place}", f"rp,rule={rp},{rule}",
        f"rp,topdep={rp},{top.deprel}", f"rp,w,nw={rp},{w},{nw}", f"place,w,nw={place},{w},{nw}",
        f"nlemma={nxt.lemma.lower() if nxt is not None and nxt.upos == 'VERB' else nw}",
        f"w={w}", f"pw={pw}", f"nw={nw}", f"pw,w={pw},{w}", f"w,nw={w},{nw}",
        f"xpos={tok.xpos}", f"dep={tok.deprel}", f"topdep={top.deprel}", f"place={place}",
        f"topdep,place={top.deprel},{place}", f"w,place={w},{place}", f"pw,place={pw},{place}",
        f"len={_length(index - first)}", f"rule={rule}", f"rule,w={rule},{w}",
        f"selfplace={_place(tok.head, first, index, cue)}",
        f"ner,place={_entity_ahead(toks, index)},{place}",
    ]
    if place == "cue":
        # What may hang on a cue as its statement differs by its kind ("accused X of Y", "said in Iowa").
        out.append(f"kind,topdep={cue_kind(cue_lemma(toks[cue]))},{top.deprel}")
    # The dependency arcs a cut here would break: words kept whose head lies past the cut, words cut off whose
    # head is kept ("that the coalition of minorities, young people | and women show up" keeps "coalition"
    # without its verb).
    kept_open = sum(1 for t in toks[first:index] if t.head >= index and not is_punct(t))
    cut_off = sum(1 for t in toks[index:] if first <= t.head < index and not is_punct(t))
    arcs = f"{min(kept_open, 2)},{min(cut_off, 2)}"
    out += [f"arcs={arcs}", f"arcs,rp={arcs},{rp}", f"arcs,w={arcs},{w}"]
    if tok.upos == "VERB" and cue_lemma(tok) in lexicon.cue_verbs():
        out.append(f"cueverb,rp={rp}")
    if tok.xpos in ("VBD", "VBZ", "VBP", "MD") and any(t.deprel.startswith("nsubj") for t in view.children(index)):
        out.append("finite_with_subject")
    if content_chances is not None:
        here, before = _chance_bin(content_chances[index]), _chance_bin(content_chances[index - 1])
        ahead = content_chances[index : index + 3]
        out += [f"tc={here}", f"tc_prev={before}", f"tc_prev,tc={before},{here}", f"tc,rp={here},{rp}",
                f"tc_ahead={_chance_bin(sum(ahead) / len(ahead))}", f"tc,w={here},{w}"]
        if other_chances is not None:
            report = _chance_bin(max(other_chances[index : index + 4]))
            out += [f"tr_ahead={report}", f"tr_ahead,tc={report},{here}"]
    return out


def _entity_ahead(toks: tuple[Token, ...], index: int) -> str:
    """The entity type of the first named word among the next three ("on Thursday", "in Iowa"), or O."""
    return next((t.ner.partition("-")[2] for t in toks[index : index + 3] if t.ner != "O"), "O")


def _chance_bin(chance: float) -> int:
    return min(int(chance * 5), 4)


def score(weights: dict[str, float], feats: list[str]) -> float:
    z = sum(weights.get(f, 0.0) for f in feats)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def cue_token(view: SentenceView, cand: Candidate) -> int:
    """Index of the cue's head word (its lemma), or -1."""
    if cand.cue is None:
        return -1
    inside = [t for t in view.tokens if cand.cue[0] <= t.start < cand.cue[1]]
    for tok in inside:
        if tok.lemma.lower() == cand.cue_lemma.split(" ")[0]:
            return tok.index
    return inside[-1].index if inside else -1


def scan_range(doc: ParsedDoc, cand: Candidate) -> tuple[SentenceView, int, int] | None:
    """(sentence, first content token, last content token) when the content runs to the right of the cue
    inside the cue's sentence: the only contents whose end is read from the parse."""
    if cand.cue is None or cand.content[0] < cand.cue[1]:
        return None
    sent = doc.sentences[cand.sentence]
    if not sent.parsed or cand.content[1] > sent.end:
        return None
    inside = [t for t in sent.tokens if t.start >= cand.content[0] and t.end <= cand.content[1]]
    if len(inside) < 2 or is_quote(inside[0]):
        return None  # a quotation sets its own bounds
    return SentenceView(doc, sent), inside[0].index, inside[-1].index


def _new_attribution_at(toks: tuple[Token, ...], index: int) -> bool:
    """", according to X" or a semicolon: a content never runs on past them."""
    tok = toks[index]
    nxt = toks[index + 1].text.lower() if index + 1 < len(toks) else ""
    return tok.text == ";" or tok.text.lower() == "according" or (tok.text in (",", "—", "–") and nxt == "according")


def _apposition_end(view: SentenceView, first: int, index: int) -> int | None:
    """Last token of an apposition to a noun of the content so far that token ``index`` (or the comma or dash
    at ``index``) opens; None when none opens there."""
    toks = view.tokens
    start = index + 1 if toks[index].text in (",", "—", "–", "(") else index
    for tok in toks[start:]:
        if tok.deprel == "appos" and first <= tok.head < index:
            sub = view.subtree(tok.index)
            if sub[0].index == start:
                return sub[-1].index
    # "led by Moussa Abu Marzouk, a senior member of ...": a verbless noun phrase closing the sentence after a
    # name is an apposition however the parser attached it.
    anchor = index if start > index else index - 1
    if anchor < 1 or (start == index and toks[anchor].text not in (",", "—", "–", "(")):
        return None
    rest = [t for t in toks[start:] if not is_punct(t)]
    if (toks[anchor - 1].upos in ("NOUN", "PROPN") and rest and rest[0].upos in ("DET", "ADJ", "NOUN", "PROPN", "NUM")
            and all(t.upos not in ("VERB", "AUX", "SCONJ") and t.text.lower() not in ("and", "but", "who", "which")
                    for t in rest)):
        return len(toks) - 1
    return None


def positions(view: SentenceView, first: int, last: int, quotes: list[QuoteSpan]) -> Iterator[tuple[int, bool]]:
    """The tokens before which the content may stop, in order, each with whether it must stop there.

    Quotations and appositions are never cut; ", according to X" and a semicolon past the finder's end
    always stop the content."""
    toks = view.tokens
    skip_to = first
    for index in range(first + 1, len(toks)):
        tok = toks[index]
        if index <= skip_to or is_quote(tok) or any(q.inner_start <= tok.start < q.inner_end for q in quotes):
            continue
        if index > last and _new_attribution_at(toks, index):
            yield index, True
            return
        apposition = _apposition_end(view, first, index)
        if apposition is not None:
            skip_to = apposition
            continue
        yield index, False


def tag_chances(
    doc: ParsedDoc, view: SentenceView, quotes: list[QuoteSpan], marginals: tagger.Marginals | None
) -> tuple[list[float], list[float]] | None:
    """The tagger's chance that each token of the sentence is content, and that it is a cue or a source
    (where another report begins); None without a tagger."""
    if not tagger.available():
        return None
    chances = tagger.label_marginals(doc, view.sent, quotes, {} if marginals is None else marginals)
    content = [probs.get("Content", 0.0) for probs in chances]
    report = [probs.get("Cue", 0.0) + probs.get("Source", 0.0) for probs in chances]
    return content, report


def trim_end(
    doc: ParsedDoc, cand: Candidate, quotes: list[QuoteSpan], marginals: tagger.Marginals | None = None
) -> Candidate:
    """``cand`` with its content cut where annotators most likely stop (see ``best_end``); ``marginals``:
    the tagger's label chances by sentence, filled as sentences are tagged."""
    params = model()
    found = scan_range(doc, cand) if params is not None else None
    if params is None or found is None:
        return cand
    view, first, last = found
    chances, others = tag_chances(doc, view, quotes, marginals) or (None, None)
    weights: dict[str, float] = params["weights"]
    cue = cue_token(view, cand)
    toks = view.tokens
    # Where the content stops, as a distribution: the chance of stopping before each place is its hazard
    # times the chance of having run on that far.
    ends: dict[int, float] = {}
    going_on = 1.0
    for index, forced in positions(view, first, last, quotes):
        hazard = 1.0 if forced else score(weights, features(view, first, index, cue, cand.rule, last, chances, others))
        _add_end(ends, toks, first, index - 1, going_on * hazard)
        going_on *= 1.0 - hazard
        if going_on < MIN_CHANCE:
            break
    else:
        _add_end(ends, toks, first, len(toks) - 1, going_on)
    if not ends:
        return cand
    end = best_end(toks[first].start, ends)
    return replace(cand, content=(cand.content[0], end), end_chance=match_chance(toks[first].start, end, ends))


# Below this chance of running on, later places are not scored.
MIN_CHANCE = 1e-4
# The share of the longer span two contents with the same start must share to match (`quotes eval`'s default).
MATCH = 0.5
# How much a likelier exact end weighs against a likelier match (content F1 counts a match at half overlap);
# cross-validated over train, 0.25 gave 0.2 more content F1 than 0.5 and 1.3 less exact-span F1.
EXACT_WEIGHT = 0.25


def _add_end(ends: dict[int, float], toks: tuple[Token, ...], first: int, last: int, chance: float) -> None:
    last = drop_trailing_punct(toks, first, last)
    if is_punct(toks[last]) and not is_quote(toks[last]):
        return
    ends[toks[last].end] = ends.get(toks[last].end, 0.0) + chance


def _overlap(start: int, end: int, other: int) -> float:
    return (min(end, other) - start) / max(1, max(end, other) - start)


def match_chance(start: int, end: int, ends: dict[int, float]) -> float:
    """The chance that a content from ``start`` to ``end`` overlaps the annotators' by half."""
    return sum(chance for other, chance in ends.items() if _overlap(start, end, other) >= MATCH)


def best_end(start: int, ends: dict[int, float]) -> int:
    """The end offset most likely to overlap the annotators' content by half (the two share ``start``), with a
    weight on being the exact end that breaks near ties between ends towards the likeliest one."""
    return max(ends, key=lambda end: match_chance(start, end, ends) + EXACT_WEIGHT * ends[end])


def cut_after_quote_comma(doc: ParsedDoc, cand: Candidate, quotes: list[QuoteSpan]) -> Candidate:
    """'said that there is “only one strong conservative,” adding that ...': a quotation that closes on a comma
    inside its marks, followed by a participle, "according to" or a new clause (subject and finite verb), ends
    the reported content; what follows belongs to the reporting sentence."""
    if cand.cue is None or cand.content[0] < cand.cue[1]:
        return cand
    sent = doc.sentences[cand.sentence]
    if not sent.parsed or cand.content[1] > sent.end:
        return cand
    text = doc.text
    toks = sent.tokens
    for q in quotes:
        if q.start < cand.content[0] or q.end >= cand.content[1] or q.recovered:
            continue
        if not text[q.inner_start:q.inner_end].rstrip().endswith(","):
            continue
        nxt = next((t for t in toks if t.start >= q.end), None)
        if nxt is None or nxt.start >= cand.content[1]:
            continue
        if nxt.xpos == "VBG" or nxt.text.lower() == "according" or _clause_starts(toks, nxt.index):
            return replace(cand, content=(cand.content[0], q.end))
    return cand


# A relative clause ("which led to ...") still describes the quoted words: no new clause of the reporting sentence.
_RELATIVES = frozenset({"which", "who", "whom", "whose", "that", "where"})


def _clause_starts(toks: tuple[Token, ...], index: int) -> bool:
    """A subject (a few noun-phrase words) and then a finite verb start at token ``index``."""
    pos = index
    while pos < len(toks) and pos - index < 8 and toks[pos].text.lower() not in _RELATIVES and (
            toks[pos].upos in ("DET", "ADJ", "NOUN", "PROPN", "PRON", "NUM") or toks[pos].text in ("'s", "’s")):
        pos += 1
    while pos < len(toks) and toks[pos].upos == "ADV":
        pos += 1
    return pos > index and pos < len(toks) and is_finite(toks[pos])

