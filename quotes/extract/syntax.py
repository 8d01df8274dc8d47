"""Small read-only helpers over one parsed sentence: children, subtrees, noun-phrase spans.

The compact parser makes many attachment errors, so every helper here is
defensive: heads outside the sentence are ignored and cycles cannot loop.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from quotes.nlp.doc import ParsedDoc, Sentence, Token

PUNCT_TEXT = frozenset(",.;:!?…-–—()[]{}\"“”„«»‘’'`/")
QUOTE_TEXT = frozenset({'"', "“", "”", "„", "«", "»", "''", "``", "‘", "’", "'"})
# Left-hand pieces of a clause that introduce content rather than belong to it.
CLAUSE_SEPARATORS = frozenset({",", ";", ":", "—", "–", "--", "-"})
POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
# Relations that hang clauses or asides off a noun: a speaker mention stops before them.
_NP_CUT = frozenset({"acl:relcl", "acl", "appos", "parataxis", "dep", "advcl", "ccomp", "xcomp"})
NP_UPOS = frozenset({"PROPN", "NOUN", "PRON", "DET", "ADJ", "NUM"})


def is_punct(tok: Token) -> bool:
    return tok.upos == "PUNCT" or (bool(tok.text) and all(ch in PUNCT_TEXT for ch in tok.text))


def is_quote(tok: Token) -> bool:
    return tok.text in QUOTE_TEXT


def is_finite(tok: Token) -> bool:
    """A verb or auxiliary with a tense of its own ("said", "is", "will"): a clause, not a phrase."""
    return tok.upos in ("VERB", "AUX") and tok.xpos in ("VBD", "VBZ", "VBP", "MD")


@dataclass
class SentenceView:
    """One sentence with child lists built once."""

    doc: ParsedDoc
    sent: Sentence
    kids: dict[int, list[Token]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for tok in self.sent.tokens:
            if 0 <= tok.head < len(self.sent.tokens) and tok.head != tok.index:
                self.kids.setdefault(tok.head, []).append(tok)

    @property
    def tokens(self) -> tuple[Token, ...]:
        return self.sent.tokens

    def children(self, index: int, *deprels: str) -> list[Token]:
        out = self.kids.get(index, [])
        if not deprels:
            return list(out)
        return [t for t in out if t.deprel in deprels or t.deprel.split(":")[0] in deprels]

    def head_of(self, tok: Token) -> Token | None:
        if 0 <= tok.head < len(self.sent.tokens) and tok.head != tok.index:
            return self.sent.tokens[tok.head]
        return None

    def subtree(self, index: int, skip: frozenset[str] = frozenset()) -> list[Token]:
        """Tokens dominated by ``index`` in text order, not descending into relations in ``skip``."""
        keep = {index}
        stack = [index]
        while stack:
            node = stack.pop()
            for child in self.kids.get(node, []):
                if child.index in keep or (child.deprel in skip and node == index):
                    continue
                if child.deprel in skip:
                    continue
                keep.add(child.index)
                stack.append(child.index)
        return [t for t in self.sent.tokens if t.index in keep]

    def dominates(self, ancestor: int, index: int) -> bool:
        seen = set()
        node = index
        while 0 <= node < len(self.sent.tokens) and node not in seen:
            if node == ancestor:
                return True
            seen.add(node)
            node = self.sent.tokens[node].head
        return False

    def text(self, first: int, last: int) -> str:
        return self.doc.text[self.sent.tokens[first].start:self.sent.tokens[last].end]


def drop_trailing_punct(tokens: tuple[Token, ...] | list[Token], first: int, last: int) -> int:
    """The index of the last token of ``first..last`` once trailing punctuation other than quote marks
    is dropped (never before ``first``)."""
    while last > first and is_punct(tokens[last]) and not is_quote(tokens[last]):
        last -= 1
    return last


def noun_phrase(view: SentenceView, head: Token) -> tuple[int, int]:
    """Token range [first, last] of the noun phrase headed by ``head``, without relative clauses and asides."""
    part = view.subtree(head.index, _NP_CUT)
    indices = sorted(t.index for t in part)
    # Keep the contiguous run around the head: the parser sometimes attaches far-away words.
    first = last = head.index
    members = set(indices)
    while first - 1 in members and not _breaks_np(view.tokens[first - 1]):
        first -= 1
    while last + 1 in members and not _breaks_np(view.tokens[last + 1]):
        last += 1
    first, last = _trim_np(view, first, last)
    # "the Security Council on Wednesday": a trailing date is no part of the name.
    while last > head.index and view.tokens[last].ner.endswith("DATE"):
        last -= 1
        while last > head.index and view.tokens[last].upos == "ADP":
            last -= 1
    return first, last


def _breaks_np(tok: Token) -> bool:
    return tok.text in (",", ";", ":", "(", ")", "—", "–") or is_quote(tok)


def _trim_np(view: SentenceView, first: int, last: int) -> tuple[int, int]:
    toks = view.tokens
    while first < last and (is_punct(toks[first]) and toks[first].text not in POSSESSIVE):
        first += 1
    while last > first and is_punct(toks[last]) and toks[last].text != ".":
        last -= 1
    return first, last


def surface_np_left(view: SentenceView, end: int) -> tuple[int, int] | None:
    """The noun phrase ending at token ``end`` (inclusive), read from word classes alone."""
    toks = view.tokens
    pos = end
    # "Trump on Sunday tweeted", "Trump earlier Tuesday backed": the time phrase sits between name and verb.
    while pos >= 0 and (toks[pos].upos in ("ADV", "AUX") or toks[pos].text.lower() in ("not", "n't", "also")
                        or is_time(toks[pos]) or (toks[pos].upos == "ADP" and pos + 1 <= end and
                                                  is_time(toks[pos + 1]))):
        pos -= 1
    if pos >= 0 and toks[pos].text == ")":
        # "Sen. Bernie Sanders (I-Vt.) said": skip a short parenthesis after the name.
        opening = next((i for i in range(pos - 1, max(pos - 8, -1), -1) if toks[i].text == "("), None)
        if opening is not None:
            pos = opening - 1
    last = pos
    if last < 0 or not _np_word(toks[last]):
        return None
    first = last
    while first - 1 >= 0 and last - first < 9:
        prev = toks[first - 1]
        if _np_word(prev) or (prev.text.lower() in ("and", "of", "&") and first - 2 >= 0 and _np_word(toks[first - 2])):
            first -= 1
            continue
        break
    # A determiner or adjective alone is no speaker.
    if not any(t.upos in ("PROPN", "NOUN", "PRON") for t in toks[first:last + 1]):
        return None
    return first, last


def surface_np_right(view: SentenceView, start: int) -> tuple[int, int] | None:
    """The noun phrase starting at token ``start``, for inverted "said Smith"."""
    toks = view.tokens
    if start >= len(toks) or not (_np_word(toks[start]) or _named(toks[start])):
        return None
    last = start
    while last + 1 < len(toks) and last - start < 9 and (_np_word(toks[last + 1]) or _named(toks[last + 1]) or (
            toks[last + 1].text == "." and toks[last].text[:1].isupper() and last + 2 < len(toks))):
        last += 1
    if not any(t.upos in ("PROPN", "NOUN", "PRON") or _named(t) for t in toks[start:last + 1]):
        return None
    return start, last


def _named(tok: Token) -> bool:
    """'said Black': a capitalised word the tagger took for an adjective or verb, inside a person's name."""
    return tok.ner.endswith("PERSON") and tok.text[:1].isupper() and not is_punct(tok)


def is_time(tok: Token) -> bool:
    return tok.ner.endswith(("DATE", "TIME"))


def clean_speaker(view: SentenceView, rng: tuple[int, int]) -> tuple[int, int] | None:
    """Drop what a speaker phrase picked up by mistake: a dateline or label before a dash or colon
    ("ST. LOUIS — Donald Trump", "The Latest: Mourners") and time words at either end."""
    first, last = rng
    toks = view.tokens
    for i in range(last, first - 1, -1):
        if toks[i].text in (":", "—", "–", "--"):
            first = i + 1
            break
    while first <= last and (is_time(toks[first]) or (is_punct(toks[first]) and toks[first].text not in POSSESSIVE)):
        first += 1
    while last >= first and (is_time(toks[last]) or toks[last].upos == "ADP"):
        last -= 1
    return (first, last) if first <= last else None


def _np_word(tok: Token) -> bool:
    if tok.text in POSSESSIVE or tok.text in ("-", "Jr.", "Sr.", "Mr.", "Mrs.", "Ms.", "Dr."):
        return True
    if is_punct(tok):
        return False
    # "state-run media": a participle inside a compound modifier is part of the noun phrase.
    return tok.upos in NP_UPOS or (tok.deprel in ("flat", "compound", "amod") and tok.upos != "AUX")
