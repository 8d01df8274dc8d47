"""A linear-chain CRF over the parse that tags Content, Cue and Source tokens (BIO, one sentence a sequence).

It finds indirect speech the rule finders have no construction for ("took to Twitter to ...",
"criticism of ..."): the engine adds its Content spans that no rule candidate touches, with a lower
confidence; a span that shares some text with a rule candidate competes with it as a rival. The model
is trained on PolNeAR train by scripts/train_tagger.py; without the model file (or without
python-crfsuite) the extractor runs on its rules alone.
"""

from __future__ import annotations

import re
import threading
from dataclasses import replace
from functools import cache, lru_cache
from importlib.resources import as_file, files
from pathlib import Path
from typing import Any

from quotes.extract import lexicon
from quotes.extract.candidates import Candidate, Mention, cue_lemma, extend_to_quote_end, make_mention
from quotes.extract.quotemarks import QuoteSpan
from quotes.extract.syntax import SentenceView, noun_phrase
from quotes.extract.types import Span, overlap
from quotes.extract.verbs import parse_subject
from quotes.nlp.doc import ParsedDoc, Sentence, Token

MODEL_FILE = "attribution_tagger.crfsuite"
CLUSTER_FILE = "word_clusters.tsv"
LABELS = ("Content", "Cue", "Source")
# The tagger alone is far less precise than the rules, so it adds only cued spans; the acceptance model drops
# the unlikely ones, which let these bars come down from 4 tokens and 0.8 (6-fold cross-validated over train:
# +0.2 content F1; 1 token or 0.4 gave the same).
MIN_MARGINAL = 0.5
MIN_TOKENS = 2
CONFIDENCE = 0.45

# A crfsuite Tagger keeps the last sequence's lattice between calls: one sequence at a time.
_LOCK = threading.Lock()

_SHAPE_UPPER = re.compile(r"[A-Z]")
_SHAPE_LOWER = re.compile(r"[a-z]")
_SHAPE_DIGIT = re.compile(r"[0-9]")


@lru_cache(maxsize=1 << 16)
def _shape(word: str) -> str:
    short = _SHAPE_DIGIT.sub("d", _SHAPE_LOWER.sub("x", _SHAPE_UPPER.sub("X", word)))
    return re.sub(r"(.)\1+", r"\1\1", short)[:6]


def _cue_class(tok: Token) -> str:
    """Which extractor lexicon the token's lemma is in; '' when none."""
    lemma = cue_lemma(tok) if tok.upos == "VERB" else tok.lemma.lower()
    if lemma in lexicon.speech_verbs():
        return "speech"
    if lemma in lexicon.cognition_verbs():
        return "cognition"
    if lemma in lexicon.stance_verbs():
        return "stance"
    if lemma in lexicon.words("speech_nouns") or lemma in lexicon.words("attribution_nouns"):
        return "noun"
    return ""


@cache
def _clusters() -> dict[str, tuple[str, str]]:
    """Word -> (fine, coarse) cluster ids of the bundled word vectors (``scripts/train_word_clusters.py``)."""
    path = files("quotes.extract") / "data" / CLUSTER_FILE
    if not path.is_file():
        return {}
    rows = (line.split("\t") for line in path.read_text(encoding="utf-8").splitlines() if line)
    return {word: (fine, coarse) for word, fine, coarse in rows}


def _cluster_pair(word: str) -> tuple[str, str]:
    """The word's fine cluster and its group among 64, coarser ("said" and "groused" share one, not the other)."""
    return _clusters().get(word.lower(), ("-", "-"))


def _cluster(word: str) -> str:
    return _cluster_pair(word)[0]


def _coarse_cluster(word: str) -> str:
    return _cluster_pair(word)[1]


def _far(n: int) -> str:
    return next((str(bound) for bound in (0, 1, 2, 3, 5, 8, 13, 21) if n <= bound), "more")


def _bucket(n: int) -> str:
    return str(n) if abs(n) <= 3 else ("far+" if n > 0 else "far-")


def _quoted_mask(sent: Sentence, quotes: list[QuoteSpan]) -> list[bool]:
    return [any(q.inner_start <= t.start < q.inner_end for q in quotes) for t in sent.tokens]


def _ancestor_cue(sent: Sentence, tok: Token, classes: list[str]) -> tuple[str, str, int, str]:
    """The nearest ancestor whose lemma is in a cue lexicon: its class, lemma, depth (0 when none) and the
    relation by which the branch holding ``tok`` hangs on it, after the side of the cue it lies on (a complement is
    content, an adjunct is not)."""
    seen = 0
    head = tok.head
    branch = tok
    while 0 <= head < len(sent.tokens) and seen < 8:
        seen += 1
        anc = sent.tokens[head]
        kind = classes[head]
        if kind:
            side = "<" if tok.index < anc.index else ">"
            return kind, anc.lemma.lower(), seen, side + branch.deprel.partition(":")[0]
        branch = anc
        head = anc.head
    return "", "", 0, ""


def _own(sent: Sentence, tok: Token, quoted: bool, classes: list[str]) -> list[str]:
    """``classes`` holds each token's ``_cue_class``, worked out once a sentence."""
    head = sent.tokens[tok.head] if 0 <= tok.head < len(sent.tokens) else None
    kind, anc_lemma, depth, branch = _ancestor_cue(sent, tok, classes)
    fine, coarse = _cluster_pair(tok.lemma)
    feats = [
        "w=" + tok.text.lower(),
        "sh=" + _shape(tok.text),
        "suf=" + tok.text.lower()[-3:],
        "l=" + tok.lemma.lower(),
        "c=" + fine,
        "c2=" + coarse,
        "u=" + tok.upos,
        "x=" + tok.xpos,
        "d=" + tok.deprel,
        "q=" + str(int(quoted)),
        "ner=" + tok.ner.partition("-")[2],
        "ck=" + classes[tok.index],
        "ak=" + kind,
        "ad=" + (_bucket(depth) if depth else "-"),
        "al=" + anc_lemma,
        "ab=" + branch,
        "ab|ak=" + branch + "|" + kind,
    ]
    if head is None:
        feats.append("root")
    else:
        head_fine, head_coarse = _cluster_pair(head.lemma)
        feats += [
            "hl=" + head.lemma.lower(),
            "hc=" + head_fine,
            "hc2=" + head_coarse,
            "hd=" + head.deprel,
            "hu=" + head.upos,
            "hk=" + classes[tok.head],
            "dist=" + _bucket(tok.head - tok.index),
            "d|hl=" + tok.deprel + "|" + head.lemma.lower(),
        ]
    return feats


def sentence_features(doc: ParsedDoc, sent: Sentence, quotes: list[QuoteSpan]) -> list[list[str]]:
    """One list of 'name=value' strings a token: the token's own features, then its neighbours' (±2)."""
    quoted = _quoted_mask(sent, quotes)
    toks = sent.tokens
    classes = [_cue_class(t) for t in toks]
    own = [_own(sent, t, quoted[i], classes) for i, t in enumerate(toks)]
    n = len(toks)
    cue_at = [i for i, kind in enumerate(classes) if kind]
    out = []
    for i, tok in enumerate(toks):
        nearest = min(cue_at, key=lambda j: abs(j - i), default=None)
        feats = [
            "bias",
            # How far the nearest cue word is, and on which side: statements sit next to their cue.
            "cd=" + ("-" if nearest is None else ("<" if nearest < i else ">") + _far(abs(nearest - i))),
            "pos=" + ("first" if i == 0 else "last" if i == n - 1 else _bucket(min(i, n - 1 - i))),
            "sent=" + _bucket(sent.index),
            "par=" + _bucket(sent.paragraph),
        ]
        feats += own[i]
        for off in (-2, -1, 1, 2):
            j = i + off
            if 0 <= j < n:
                other = toks[j]
                feats += [
                    f"{off}:w={other.text.lower()}",
                    f"{off}:u={other.upos}",
                    f"{off}:d={other.deprel}",
                    f"{off}:q={int(quoted[j])}",
                    f"{off}:ck={classes[j]}",
                    f"{off}:c={_cluster(other.lemma)}",
                ]
            else:
                feats.append(f"{off}:edge")
        if i > 0:
            feats.append("w-1|w=" + toks[i - 1].text.lower() + "|" + tok.text.lower())
        if tok.index < n - 1:
            feats.append("w|w+1=" + tok.text.lower() + "|" + toks[i + 1].text.lower())
        out.append(feats)
    return out


def gold_tags(sent: Sentence, spans: dict[str, list[Span]]) -> list[str]:
    """BIO tags of a sentence's tokens from gold character spans by label (a token belongs to the span its
    first character is in)."""
    tags = ["O"] * len(sent.tokens)
    owner: list[tuple[str, int] | None] = [None] * len(sent.tokens)
    for label in LABELS:
        for k, (start, end) in enumerate(spans.get(label, ())):
            for i, tok in enumerate(sent.tokens):
                if owner[i] is None and start <= tok.start < end:
                    owner[i] = (label, k)
    for i, own in enumerate(owner):
        if own is None:
            continue
        begins = i == 0 or owner[i - 1] != own
        tags[i] = ("B-" if begins else "I-") + own[0]
    return tags


# A model put in place of the shipped file by use_model().
_refitted: list[Any] = []


def _tagger() -> Any | None:
    return _refitted[-1] if _refitted else _shipped_tagger()


@cache
def _shipped_tagger() -> Any | None:
    try:
        import pycrfsuite  # noqa: PLC0415 - loaded on first use; the rules work without it
    except ImportError:
        return None
    resource = files("quotes.extract") / "data" / MODEL_FILE
    if not resource.is_file():
        return None
    tagger = pycrfsuite.Tagger()
    with as_file(resource) as path:
        tagger.open(str(path))
    return tagger


def use_model(path: str | Path | None) -> None:
    """Tag with the model in ``path`` instead of the shipped one (None: the shipped one again); for measuring
    a model refitted without the articles scored (``scripts/cross_validate.py``). Needs python-crfsuite."""
    _refitted.clear()
    if path is not None:
        import pycrfsuite  # noqa: PLC0415 - as in _shipped_tagger

        tagger = pycrfsuite.Tagger()
        tagger.open(str(path))
        _refitted.append(tagger)


def available() -> bool:
    return _tagger() is not None


# The tagger's label chances of each token, by sentence index; filled as sentences are tagged, so the
# acceptance model reads the same chances without tagging a sentence twice.
Marginals = dict[int, list[dict[str, float]]]


def tag_sentence(
    doc: ParsedDoc, sent: Sentence, quotes: list[QuoteSpan], marginals: Marginals | None = None
) -> list[tuple[str, float]]:
    """Each token's tag and the marginal probability of its label (B- and I- summed); every label's
    chances go into ``marginals``."""
    tagger = _tagger()
    if tagger is None or not sent.tokens:
        return [("O", 1.0)] * len(sent.tokens)
    xseq = sentence_features(doc, sent, quotes)
    with _LOCK:
        tags = tagger.tag(xseq)
        chances: list[dict[str, float]] = []
        labels = tagger.labels()
        for i in range(len(tags)):
            probs: dict[str, float] = {}
            for y in labels:
                label = y.partition("-")[2] or "O"
                probs[label] = probs.get(label, 0.0) + tagger.marginal(y, i)
            chances.append(probs)
    if marginals is not None:
        marginals[sent.index] = chances
    out = []
    for tag, probs in zip(tags, chances, strict=True):
        label = tag.partition("-")[2]
        out.append((tag, probs[label] if label else 1.0))
    return out


def label_marginals(
    doc: ParsedDoc, sent: Sentence, quotes: list[QuoteSpan], marginals: Marginals
) -> list[dict[str, float]]:
    """Each token's chance of each label (Content, Cue, Source, O), from ``marginals`` when the sentence
    was tagged already."""
    if sent.index not in marginals:
        tag_sentence(doc, sent, quotes, marginals)
    return marginals.get(sent.index) or [{"O": 1.0} for _ in sent.tokens]


def _runs(tags: list[tuple[str, float]], label: str) -> list[tuple[int, int, float]]:
    """Token ranges [first, last] tagged ``label``, with their mean marginal."""
    runs: list[tuple[int, int, float]] = []
    first: int | None = None
    for i, (tag, _) in enumerate([*tags, ("O", 1.0)]):
        prefix, _, lab = tag.partition("-")
        if first is not None and (lab != label or prefix == "B"):
            probs = [p for _, p in tags[first:i]]
            runs.append((first, i - 1, sum(probs) / len(probs)))
            first = None
        if lab == label and first is None:
            first = i
    return runs


def _overlaps(span: Span, taken: list[Span]) -> bool:
    return any(overlap(span, t) for t in taken)


def candidates(
    doc: ParsedDoc, quotes: list[QuoteSpan], taken: list[Span], skip: set[int], marginals: Marginals | None = None
) -> list[Candidate]:
    """What the tagger adds to the rule candidates (whose pieces are ``taken``), sentence by sentence; the
    label chances of the sentences tagged go into ``marginals``."""
    if _tagger() is None:
        return []
    out: list[Candidate] = []
    for sent in doc.sentences:
        if sent.index in skip or not sent.parsed:
            continue
        found = sentence_candidates(sent, tag_sentence(doc, sent, quotes, marginals), taken)
        # 'Mark Blumenthal: “A. B. C.”': a quotation opened in the content runs on over its sentences.
        found = [
            replace(c, content=span, recovered_quote=recovered)
            for c in found
            for span, recovered in [extend_to_quote_end(c.content, quotes)]
        ]
        if found:
            view = SentenceView(doc, sent)
            found = [replace(c, speaker=_parsed_speaker(view, c, quotes) or c.speaker) for c in found]
        out += found
        taken = taken + [c.content for c in found]
    return out


# Pronouns that stand for a thing or a clause, not for whoever speaks.
_NON_SPEAKERS = frozenset({"it", "that", "this", "which", "what"})


def _parsed_speaker(view: SentenceView, cand: Candidate, quotes: list[QuoteSpan]) -> Mention | None:
    """The subject the parse gives the tagged cue's verb, outside the content. The tagger's nearest Source
    is often another clause's subject ("Clinton, though she praised Garland, stopped short of ...")."""
    if cand.cue is None:
        return None
    verb = next((t for t in view.tokens if cand.cue[0] <= t.start < cand.cue[1] and t.upos == "VERB"), None)
    subject = parse_subject(view, verb, quotes) if verb is not None else None
    if subject is None or subject.upos not in ("PROPN", "NOUN", "PRON") or subject.text.lower() in _NON_SPEAKERS:
        return None
    if cand.content[0] <= subject.start < cand.content[1]:
        return None
    return make_mention(view, noun_phrase(view, subject))


def sentence_candidates(sent: Sentence, tags: list[tuple[str, float]], taken: list[Span]) -> list[Candidate]:
    """Content spans in one tagged sentence that are long and sure enough, have a tagged Cue (required) and
    Source in the sentence (the nearest ones to the content) and share at most half their text with each of
    ``taken``, unless they hold all of it and more. One that shares some text is set aside as a rival
    (``Candidate.rival``)."""
    contents = [r for r in _runs(tags, "Content") if r[1] - r[0] + 1 >= MIN_TOKENS and r[2] >= MIN_MARGINAL]
    if not contents:
        return []
    cues = _runs(tags, "Cue")
    sources = _runs(tags, "Source")
    toks = sent.tokens
    out: list[Candidate] = []
    for first, last, prob in contents:
        span = (toks[first].start, toks[last].end)
        shares = [t for t in taken if overlap(span, t)]
        words = toks[first : last + 1]
        if any(overlap(span, t) > 0.5 * (span[1] - span[0]) and not _reads_further(t, words) for t in shares):
            continue
        # Partly what the rules took (their speaker, their cue, the edge of their content) or a longer reading
        # of a content of theirs: a rival that the acceptance model weighs against theirs (cross-validated over
        # train: +0.35 content F1; also taking those that lie mostly inside what the rules took scored 0.15 less).
        set_aside = "tagged" if shares else ""
        cue = _nearest(cues, first, last)
        if cue is None:
            continue  # a content with no cue of its own is mostly the rest of a statement the rules found
        source = _nearest(sources, first, last)
        cue_span = (toks[cue[0]].start, toks[cue[1]].end)
        mention = None
        if source is not None:
            mention = Mention(sent.index, source[0], source[1], toks[source[0]].start, toks[source[1]].end)
        lemma = toks[cue[1]].lemma.lower()
        rule, cue_kept = "tagger", cue_span
        if _overlaps(cue_span, taken):
            if any(_quoted_word(t.text) for t in toks[first : last + 1]):
                cue_kept = None  # more quoted words of a statement the rules found: its cue stays theirs
            else:
                # Unquoted words by a cue the rules used: the tagger's other reading of what that cue
                # introduces; acceptance keeps the likelier of the two (one_per_cue).
                rule = "tagger-rival"
        out.append(Candidate(span, cue_kept, lemma, sent.index, mention, rule, CONFIDENCE * prob, rival=set_aside))
        if not set_aside:
            taken = [*taken, span]
    return out


def _reads_further(taken: Span, words: tuple[Token, ...]) -> bool:
    """``words`` hold all of ``taken`` and a word more (not just its quote marks)."""
    if not (words[0].start <= taken[0] and taken[1] <= words[-1].end):
        return False
    return any(t.upos != "PUNCT" and (t.end <= taken[0] or t.start >= taken[1]) for t in words)


def _quoted_word(word: str) -> bool:
    return "''" in word or any(mark in word for mark in '"“”«»')


def _nearest(runs: list[tuple[int, int, float]], first: int, last: int) -> tuple[int, int, float] | None:
    outside = [r for r in runs if r[1] < first or r[0] > last]
    if not outside:
        return None
    return min(outside, key=lambda r: first - r[1] if r[1] < first else r[0] - last)
