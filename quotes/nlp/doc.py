"""Frozen, stanza-free representation of a parsed article.

Extraction rules only ever see these classes, so they can be tested on
hand-written CoNLL-U and never depend on a model being installed.
All character offsets are Python string offsets into ``ParsedDoc.text``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Token:
    """One syntactic word (after multi-word token expansion)."""

    index: int  # position in its sentence, 0-based
    text: str
    start: int
    end: int
    lemma: str = ""
    upos: str = ""
    xpos: str = ""
    head: int = -1  # index of the head word in the sentence; -1 for the root or unparsed
    deprel: str = ""
    ner: str = "O"  # BIOES tag as stanza emits it ("B-PERSON", "S-ORG", "O")
    feats: str = ""


@dataclass(frozen=True, slots=True)
class Entity:
    text: str
    type: str
    start: int
    end: int
    sentence: int  # index of the sentence holding it
    first: int  # token index range [first, last] inside that sentence
    last: int


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    tokens: tuple[Token, ...]
    paragraph: int = 0
    parsed: bool = True  # False when only tokenised (no tags, no heads)

    @property
    def start(self) -> int:
        return self.tokens[0].start if self.tokens else 0

    @property
    def end(self) -> int:
        return self.tokens[-1].end if self.tokens else 0

    def children(self, head: int) -> list[Token]:
        return [t for t in self.tokens if t.head == head]

    def subtree(self, index: int) -> list[Token]:
        """Tokens dominated by ``index`` (itself included), in text order."""
        keep = {index}
        changed = True
        while changed:
            changed = False
            for tok in self.tokens:
                if tok.index not in keep and tok.head in keep:
                    keep.add(tok.index)
                    changed = True
        return [t for t in self.tokens if t.index in keep]

    def root(self) -> Token | None:
        for tok in self.tokens:
            if tok.head == -1 and tok.deprel in ("root", ""):
                return tok
        return None


@dataclass(frozen=True, slots=True)
class ParsedDoc:
    text: str
    sentences: tuple[Sentence, ...]
    entities: tuple[Entity, ...] = ()
    paragraphs: tuple[tuple[int, int], ...] = field(default=())

    def tokens(self) -> Iterator[Token]:
        for sent in self.sentences:
            yield from sent.tokens

    def sentence_at(self, offset: int) -> Sentence | None:
        for sent in self.sentences:
            if sent.start <= offset < sent.end:
                return sent
        return None

    def entities_in(self, sentence: int) -> list[Entity]:
        return [e for e in self.entities if e.sentence == sentence]


def entities_from_bioes(sentences: tuple[Sentence, ...], text: str) -> tuple[Entity, ...]:
    """Group BIOES tags on tokens into entity spans."""
    found: list[Entity] = []
    for sent in sentences:
        first: int | None = None
        kind = ""
        for tok in sent.tokens:
            tag = tok.ner or "O"
            prefix, _, label = tag.partition("-")
            if prefix in ("S", "U"):
                found.append(
                    Entity(text[tok.start : tok.end], label, tok.start, tok.end, sent.index, tok.index, tok.index)
                )
                first = None
            elif prefix == "B":
                first, kind = tok.index, label
            elif prefix in ("E", "L") and first is not None and label == kind:
                begin = sent.tokens[first]
                found.append(
                    Entity(text[begin.start : tok.end], kind, begin.start, tok.end, sent.index, first, tok.index)
                )
                first = None
            elif prefix == "I" and first is not None and label == kind:
                continue
            else:
                first = None
    return tuple(found)


def paragraph_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Spans of blank-line separated paragraphs (whitespace trimmed)."""
    spans: list[tuple[int, int]] = []
    pos = 0
    length = len(text)
    while pos < length:
        while pos < length and text[pos].isspace():
            pos += 1
        if pos >= length:
            break
        start = pos
        end = _paragraph_end(text, pos)
        stop = end
        while stop > start and text[stop - 1].isspace():
            stop -= 1
        spans.append((start, stop))
        pos = end
    return tuple(spans)


def _paragraph_end(text: str, pos: int) -> int:
    """Offset of the first blank line (a newline followed by only whitespace up to a newline)."""
    length = len(text)
    while pos < length:
        nl = text.find("\n", pos)
        if nl == -1:
            return length
        probe = nl + 1
        while probe < length and text[probe] in " \t\r":
            probe += 1
        if probe >= length or text[probe] == "\n":
            return nl
        pos = nl + 1
    return length


def paragraph_index(paragraphs: tuple[tuple[int, int], ...], offset: int) -> int:
    for i, (start, end) in enumerate(paragraphs):
        if offset < end:
            return i if offset >= start else max(i - 1, 0)
    return max(len(paragraphs) - 1, 0)
