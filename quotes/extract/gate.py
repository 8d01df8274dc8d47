"""Which sentences of an article need a full parse: a pure function of the text and its sentence spans.

The finders only read parsed sentences, and a parse is the expensive step, so a sentence
is parsed only when it can hold or support an attribution: it has a quote mark, a word
that can be a cue (any inflection of a cue verb outside quotation marks, a verb with a
"that" clause, "according to", an owned attribution noun, a headline colon or dash), or
it is context: the sentence before and after a quote, the rest of the paragraph when the
quote has no cue of its own (its speaker is told elsewhere), and the first sentence that
writes the full name a bare surname in a parsed sentence resolves to. Everything else is
tokenised only. The surface test errs
towards parsing: a false pick costs time, a missed one costs an attribution.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from functools import cache

from quotes.extract import lexicon
from quotes.extract.frames import SUPPORT_NOUNS
from quotes.extract.quotemarks import find_quotes

Span = tuple[int, int]

REASONS = ("quote", "cue", "according", "owned-noun", "headline", "quote-context", "paragraph", "full-name")

_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?")
# Paragraphs as the quote finder sees them: a newline ends one (scraped news often has no blank lines).
_LINE = re.compile(r"[^\n]*\S[^\n]*")
_QUOTE_MARK = re.compile(r"``|''|[\"“”„«»‘]")
_POSSESSORS = frozenset({"his", "her", "their", "its", "my", "our", "your"})
_HEADLINE_DASHES = ("–", "—", " - ", "--")
_VOWELS = frozenset("aeiou")
# Past forms the extractor never reads as cues (see verbs._takes_that_clause), and adjectives in -ed.
_NOT_REPORTING = frozenset({"had", "made", "ensured", "used", "needed", "meant", "so-called", "concerned",
                            "based", "related", "interested", "tired", "aimed", "dedicated", "pleased",
                            "convinced", "worried", "surprised", "shocked", "disappointed", "satisfied"})
# "he's projecting": 's after these is "is" or "has", not a possessive.
_CONTRACTED = frozenset({"he", "she", "it", "that", "who", "what", "there", "here", "where", "let"})
# "Dmitry Peskov", "Donald J. Trump": a capitalised word (and maybe an initial) before a capitalised surname.
_FULL_NAME = re.compile(r"\b([A-Z][a-z]+\.?)\s+(?:[A-Z]\.\s+)?([A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b")
_CAPITALISED = re.compile(r"\b[A-Z][a-z]+(?:-[A-Z][a-z]+)?\b")
# Words after which a cue form is a noun, not a verb ("the report", "his plan", "a call").
_NOUN_BEFORE = frozenset({"the", "a", "an", "this", "these", "those", "his", "her", "their", "its", "our", "my",
                          "your", "every", "each", "no", "any", "another", "such"})

# Past forms the inflection rules cannot build, for verbs in the cue lists (lemma -> forms).
_IRREGULAR = {
    "say": ("said",),
    "tell": ("told",),
    "write": ("wrote", "written"),
    "think": ("thought",),
    "know": ("knew", "known"),
    "see": ("saw", "seen"),
    "show": ("shown",),
    "find": ("found",),
    "understand": ("understood",),
    "seek": ("sought",),
    "swear": ("swore", "sworn"),
    "forget": ("forgot", "forgotten"),
    "foresee": ("foresaw", "foreseen"),
    "speak": ("spoke", "spoken"),
    "forecast": ("forecast",),
    "broadcast": ("broadcast",),
    "rebuild": ("rebuilt",),
    "hold": ("held",),
    "mean": ("meant",),
    "feel": ("felt",),
    "lead": ("led",),
    "undertake": ("undertook", "undertaken"),
    "withdraw": ("withdrew", "withdrawn"),
}


def inflections(lemma: str) -> set[str]:
    """Surface forms a verb lemma can take (over-generating is harmless: it only parses more)."""
    forms = {lemma, *_IRREGULAR.get(lemma, ())}
    if " " in lemma:
        return forms
    if lemma.endswith("e"):
        forms |= {lemma + "s", lemma + "d", lemma[:-1] + "ing"}
    elif lemma.endswith("y") and len(lemma) > 2 and lemma[-2] not in _VOWELS:
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    else:
        plural = lemma + "es" if lemma.endswith(("s", "sh", "ch", "x", "z", "o")) else lemma + "s"
        forms |= {plural, lemma + "ed", lemma + "ing"}
        if len(lemma) >= 3 and lemma[-1] not in _VOWELS | {"w", "x", "y"} and lemma[-2] in _VOWELS \
                and lemma[-3] not in _VOWELS:
            # "admit" -> "admitted", "slam" -> "slamming"
            forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return forms


@cache
def cue_forms() -> frozenset[str]:
    """Every surface form of every cue verb the extractor knows (speech, cognition, stance)."""
    out: set[str] = set()
    for lemma in lexicon.cue_verbs():
        out |= inflections(lemma)
    return frozenset(out)


@cache
def _not_first_names() -> frozenset[str]:
    """Words before a surname that make no full name: titles ("President Trump") and sentence openers."""
    titles = {t.rstrip(".") for t in lexicon.words("titles")}
    return frozenset(titles | {"the", "a", "an", "mr", "mrs", "ms", "dr", "in", "on", "at", "but", "and", "as",
                               "when", "if", "while", "after", "before", "since", "for", "to", "by", "with"})


@cache
def _noun_forms() -> frozenset[str]:
    nouns = lexicon.words("attribution_nouns")
    return frozenset(nouns | {n + "s" for n in nouns})


def sentence_reasons(text: str, spans: Sequence[Span]) -> list[set[str]]:
    """For each sentence, why it needs a full parse (an empty set: tokenising is enough)."""
    n = len(spans)
    reasons: list[set[str]] = [set() for _ in range(n)]
    if n == 0:
        return reasons
    starts = [s for s, _ in spans]

    def sentence_of(offset: int) -> int:
        return max(bisect_right(starts, offset) - 1, 0)

    quotes = find_quotes(text)
    inside = [(q.inner_start, q.inner_end) for q in quotes]
    cue_words = [False] * n
    for i, (start, end) in enumerate(spans):
        chunk = text[start:end]
        words = [(m.group(), start + m.start()) for m in _WORD.finditer(chunk)]
        lower = [w.lower() for w, _ in words]
        if _QUOTE_MARK.search(chunk):
            reasons[i].add("quote")
        headline_case = sum(w[:1].isupper() for w, _ in words) > 0.6 * len(words)
        if any(_cue_at(words, k, inside, headline_case) for k in range(len(words))):
            reasons[i].add("cue")
            cue_words[i] = True
        if _verb_that(lower) or _stance_or_support(words, lower, inside):
            reasons[i].add("cue")
            cue_words[i] = True
        if "according to" in " ".join(lower):
            reasons[i].add("according")
            cue_words[i] = True
        if _owned_noun(chunk, lower):
            reasons[i].add("owned-noun")
        if _headline(chunk, i):
            reasons[i].add("headline")

    lines = [(m.start(), m.end()) for m in _LINE.finditer(text)]
    quote_sentences: set[int] = set()
    for q in quotes:
        first, last = sentence_of(q.start), sentence_of(max(q.end - 1, q.start))
        # Sentences wholly inside a long quote hold no cue the finders read; its ends carry the attribution.
        for i in (first, last):
            reasons[i].add("quote")
        quote_sentences.update((first, last))
        if not any(cue_words[i] for i in range(first, last + 1)):
            _add_paragraph(lines, spans, reasons, first, last)
    for i in quote_sentences:
        for j in (i - 1, i + 1):
            if 0 <= j < n:
                reasons[j].add("quote-context")
    _add_full_names(text, spans, reasons)
    return reasons


def _add_full_names(text: str, spans: Sequence[Span], reasons: list[set[str]]) -> None:
    """A bare surname ("Peskov said") resolves to the first full name ending in it anywhere in the article
    ("Dmitry Peskov"), which the entity tagger must see: parse the first sentence that writes it."""
    first_full: dict[str, int] = {}
    for i, (start, end) in enumerate(spans):
        for m in _FULL_NAME.finditer(text, start, end):
            if m.group(1).lower().rstrip(".") not in _not_first_names():
                first_full.setdefault(m.group(2), i)
    wanted = {first_full[w] for i, (start, end) in enumerate(spans) if reasons[i]
              for w in _CAPITALISED.findall(text, start, end) if w in first_full}
    for i in wanted:
        if not reasons[i]:
            reasons[i].add("full-name")


def select_sentences(text: str, spans: Sequence[Span]) -> list[bool]:
    """The ``select`` argument of ``Parser.parse_many``: True for sentences that need a full parse."""
    return [bool(r) for r in sentence_reasons(text, spans)]


def _cue_at(words: list[tuple[str, int]], k: int, inside: list[Span], headline_case: bool) -> bool:
    """Word ``k`` can be a cue verb the finders read: a cue form, outside quotation marks (speech reported
    inside a quote is the quoted speaker's), and not a noun or a name by its surroundings ("the state",
    "a plan", "United States", "Washington Post")."""
    word, offset = words[k]
    if word.lower() not in cue_forms():
        return False
    if any(a <= offset < b for a, b in inside):
        return False
    if k > 0:
        before = words[k - 1][0]
        low = before.lower()
        if low in _NOUN_BEFORE or (low.endswith(("'s", "’s")) and low[:-2] not in _CONTRACTED):
            return False
        if word.istitle() and before[:1].isupper() and not headline_case:
            return False
    return True


def _verb_that(lower: list[str]) -> bool:
    """Any verb with a "that" clause right after it can report ("quipped that", "discovered that")."""
    for k in range(len(lower) - 1):
        if lower[k + 1] == "that" and lower[k].endswith("ed") and lower[k] not in _NOT_REPORTING:
            return True
    return False


def _stance_or_support(words: list[tuple[str, int]], lower: list[str], inside: list[Span]) -> bool:
    """A stance adjective ("critical of", "worried that") or support received ("the support of women")
    outside quotation marks."""
    adjectives = lexicon.words("stance_adjectives")
    for k, word in enumerate(lower):
        support = word in SUPPORT_NOUNS and k + 1 < len(lower) and lower[k + 1] in ("of", "from")
        if (word in adjectives or support) and not any(a <= words[k][1] < b for a, b in inside):
            return True
    return False


def _owned_noun(chunk: str, words: list[str]) -> bool:
    """An attribution noun with a possessor ("Trump's criticism", "her promise")."""
    if not any(w in _noun_forms() for w in words):
        return False
    return any(w in _POSSESSORS or w.endswith(("'s", "’s")) for w in words) or "s' " in chunk or "s’ " in chunk


def _headline(chunk: str, index: int) -> bool:
    """"Clinton: ..." (a colon among the first words) or, near the top, "Claim – Source"."""
    colon = chunk.find(":")
    if colon > 0 and len(chunk[:colon].split()) <= 7:
        return True
    return index <= 2 and any(d in chunk for d in _HEADLINE_DASHES)


def _add_paragraph(lines: list[Span], spans: Sequence[Span], reasons: list[set[str]], first: int, last: int) -> None:
    """A quote with no cue inside: its speaker is named elsewhere in its paragraph."""
    begin, end = spans[first][0], spans[last][1]
    lo = next((a for a, b in lines if a <= begin < b), begin)
    hi = next((b for a, b in lines if a < end <= b), end)
    for i, (start, stop) in enumerate(spans):
        if start < hi and stop > lo and not first <= i <= last:
            reasons[i].add("paragraph")
