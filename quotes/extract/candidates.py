"""Attribution candidates and what the finders share.

A finder reads one construction and proposes Candidates: content, cue and the
local speaker mention, as offsets into the text. ``verbs`` reads cue verbs,
``frames`` reads "according to", owned nouns and headlines, ``quoted`` reads
quotations; ``engine`` chooses among the candidates and ``speakers`` resolves
them. They combine the dependency parse with surface evidence (quote marks,
commas, word classes) because the compact parser often attaches a cue verb or
its subject to the wrong head; where the two disagree the surface reading wins
for the pieces it can see.
"""

from __future__ import annotations

from dataclasses import dataclass

from quotes.extract import lexicon
from quotes.extract.quotemarks import QuoteSpan
from quotes.extract.syntax import (
    SentenceView,
    is_punct,
    is_quote,
)
from quotes.extract.types import Span
from quotes.nlp.doc import Token


@dataclass(frozen=True, slots=True)
class Mention:
    """A speaker (or channel) as written: a token range inside one sentence."""

    sentence: int
    first: int
    last: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class ChannelHint:
    mention: Mention
    role: str


@dataclass(frozen=True, slots=True)
class Candidate:
    content: Span
    cue: Span | None
    cue_lemma: str
    sentence: int
    speaker: Mention | None
    rule: str  # the construction that produced it
    confidence: float
    channels: tuple[ChannelHint, ...] = ()
    recovered_quote: bool = False
    passive: bool = False
    end_chance: float | None = None  # the content-end model's chance that the chosen end gives a match
    pieces: tuple[Span, ...] = ()  # quotations joined into one content, each its own piece
    # The subject before the cue that belongs to a content right of it ("Trump | is expected | to win"); it
    # joins the content as its first piece once the content's end is chosen.
    lead: Span | None = None
    # Why it was set aside: it lost the finders' choice among overlapping candidates ("inside", "overlap",
    # "swallows") or is a tagged reading touching what the rules found ("tagged"). It still goes to the
    # acceptance model, which may prefer it to what it overlaps.
    rival: str = ""


TIME_WORDS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today",
                         "yesterday", "tonight", "earlier", "later", "recently", "previously", "last", "this", "week",
                         "month", "year", "morning", "afternoon", "evening", "night", "again", "also", "repeatedly",
                         "once", "then", "now", "publicly", "privately", "flatly", "bluntly", "simply", "frankly"})
# Without "march" and "may", which are as often a protest or a name ("talked about the march", "told May").
MONTHS = frozenset({"january", "february", "april", "june", "july", "august", "september", "october", "november",
                    "december", "jan.", "feb.", "aug.", "sept.", "oct.", "nov.", "dec."})


def token_span(view: SentenceView, first: int, last: int) -> Span:
    return (view.tokens[first].start, view.tokens[last].end)


def make_mention(view: SentenceView, rng: tuple[int, int]) -> Mention:
    first, last = rng
    return Mention(view.sent.index, first, last, view.tokens[first].start, view.tokens[last].end)


def inside_quote(offset: int, quotes: list[QuoteSpan]) -> QuoteSpan | None:
    for q in quotes:
        if q.inner_start <= offset < q.inner_end:
            return q
    return None


def quote_ending_at(offset: int, quotes: list[QuoteSpan], slack: int = 2) -> QuoteSpan | None:
    for q in quotes:
        if abs(q.end - offset) <= slack or abs(q.inner_end - offset) <= slack:
            return q
    return None


def quote_starting_at(offset: int, quotes: list[QuoteSpan], slack: int = 2) -> QuoteSpan | None:
    for q in quotes:
        if abs(q.start - offset) <= slack:
            return q
    return None


def is_cue_verb(tok: Token) -> bool:
    if tok.upos not in ("VERB",) or tok.deprel in ("amod", "compound"):
        return False
    return cue_lemma(tok) in lexicon.cue_verbs()


def cue_lemma(tok: Token) -> str:
    """The token's lemma, or a lexicon entry its form inflects when the lemmatizer got it wrong ("echoe")."""
    lemma = tok.lemma.lower()
    verbs = lexicon.cue_verbs()
    if lemma in verbs:
        return lemma
    form = tok.text.lower()
    if form.endswith(("ied", "ies")) and form[:-3] + "y" in verbs:
        return form[:-3] + "y"
    for suffix in ("ing", "ed", "es", "s", "d"):
        if form.endswith(suffix) and len(form) > len(suffix) + 2:
            stem = form[: -len(suffix)]
            for guess in (stem, stem + "e", stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else ""):
                if guess in verbs:
                    return guess
    return lemma


def cue_kind(lemma: str) -> str:
    """'speech', 'cognition' or 'stance'; speech wins when a verb is in several lists."""
    if lemma in lexicon.speech_verbs() or lemma not in lexicon.cue_verbs():
        return "speech"
    if lemma in lexicon.cognition_verbs():
        return "cognition"
    return "stance"


def clause_final(view: SentenceView, cue_last: int) -> bool:
    """The cue ends its clause: only adjuncts ("in an interview on Saturday") or a new participle clause follow."""
    toks = view.tokens
    pos = cue_last + 1
    while pos < len(toks) and not is_punct(toks[pos]) and toks[pos].upos in (
            "ADP", "DET", "ADJ", "NOUN", "PROPN", "NUM", "PART", "ADV", "PRON", "SYM"):
        pos += 1
    if pos >= len(toks) or (is_punct(toks[pos]) and toks[pos].text not in (",", ":")):
        return True
    if toks[pos].text in (",", ":"):
        nxt = toks[pos + 1] if pos + 1 < len(toks) else None
        return nxt is None or nxt.xpos in ("VBG", "VBN") or is_quote(nxt) or is_punct(nxt) or nxt.upos in (
            "ADP", "SCONJ", "PRON", "DET", "PROPN", "NOUN", "ADV", "CCONJ")
    return False


SUBORDINATORS = frozenset({"while", "when", "although", "though", "because", "since", "after", "before", "if",
                            "as", "whereas", "once", "until", "unless"})


def is_complementizer(tok: Token) -> bool:
    low = tok.text.lower()
    if low == "that":
        # "reiterated that approach": a determiner, not a complementizer.
        return tok.upos == "SCONJ" or tok.deprel == "mark"
    return low in ("whether", "if", "how", "why", "what", "when", "who", "where")


def aside_end(view: SentenceView, pos: int) -> int | None:
    toks = view.tokens
    end = pos + 1
    while end < len(toks) and end - pos <= 10 and toks[end].upos in ("DET", "ADJ", "NOUN", "PROPN", "NUM", "ADP"):
        if toks[end].text.lower() == "that":
            break
        end += 1
    if end - 1 > pos and end < len(toks) and (toks[end].text.lower() in ("that", ",", ":") or is_quote(toks[end])):
        return end - 1 if toks[end].text.lower() == "that" else end
    return None


def extend_to_quote_end(content: Span, quotes: list[QuoteSpan]) -> tuple[Span, bool]:
    """A quotation opened inside the content and closed after it (maybe sentences later) belongs to it."""
    for q in quotes:
        if content[0] <= q.start < content[1] and q.end > content[1]:
            return (content[0], q.end), q.recovered
    return content, False
