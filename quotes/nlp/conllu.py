"""Build a ParsedDoc from CoNLL-U, so extraction rules can be tested without a model.

The document text is rebuilt from the surface tokens: a space after each token
unless MISC says ``SpaceAfter=No``, sentences joined by a space, and a blank line
before every ``# newpar`` / ``# newdoc``. NER tags are read from MISC as
``NER=B-PERSON`` (or stanza's lower-case ``ner=``).
"""

from __future__ import annotations

from dataclasses import dataclass

from quotes.nlp.doc import ParsedDoc, Sentence, Token, entities_from_bioes, paragraph_spans


class ConlluError(ValueError):
    pass


@dataclass
class _Word:
    index: int
    form: str
    lemma: str
    upos: str
    xpos: str
    feats: str
    head: int
    deprel: str
    misc: dict[str, str]


def _misc(field: str) -> dict[str, str]:
    if field in ("_", ""):
        return {}
    out = {}
    for part in field.split("|"):
        key, sep, value = part.partition("=")
        if sep:
            out[key] = value
    return out


def _underscore(value: str) -> str:
    return "" if value == "_" else value


def read_conllu(source: str) -> ParsedDoc:
    """Parse CoNLL-U text into a ParsedDoc with offsets into a rebuilt text."""
    blocks: list[tuple[bool, list[str]]] = []
    new_par = False
    current: list[str] = []
    for number, raw in enumerate(source.splitlines(), start=1):
        line = raw.rstrip("\r")
        if not line.strip():
            if current:
                blocks.append((new_par, current))
                current, new_par = [], False
            continue
        if line.startswith("#"):
            if not current and ("newpar" in line or "newdoc" in line):
                new_par = True
            continue
        if len(line.split("\t")) != 10:
            raise ConlluError(f"line {number}: expected 10 tab-separated columns, got {len(line.split(chr(9)))}")
        current.append(line)
    if current:
        blocks.append((new_par, current))

    pieces: list[str] = []
    length = 0
    sentences: list[Sentence] = []
    paragraph = 0
    for sent_index, (starts_par, lines) in enumerate(blocks):
        if sent_index:
            sep = "\n\n" if starts_par else " "
            if starts_par:
                paragraph += 1
            pieces.append(sep)
            length += len(sep)
        tokens, text, length = _sentence(sent_index, lines, length)
        pieces.append(text)
        sentences.append(Sentence(sent_index, tuple(tokens), paragraph))
    full = "".join(pieces)
    sents = tuple(sentences)
    return ParsedDoc(full, sents, entities_from_bioes(sents, full), paragraph_spans(full))


def _sentence(sent_index: int, lines: list[str], offset: int) -> tuple[list[Token], str, int]:
    words: list[_Word] = []
    spans: dict[int, tuple[int, int]] = {}
    text = ""
    pending_range: tuple[int, int, int, int] | None = None  # first, last, start, end of a multi-word token
    for line in lines:
        cols = line.split("\t")
        ident = cols[0]
        if "." in ident:  # empty nodes carry no surface text
            continue
        misc = _misc(cols[9])
        if "-" in ident:
            first, last = (int(x) for x in ident.split("-"))
            start = offset + len(text)
            text += cols[1]
            pending_range = (first, last, start, offset + len(text))
            if misc.get("SpaceAfter") != "No":
                text += " "
            continue
        index = int(ident)
        if pending_range and pending_range[0] <= index <= pending_range[1]:
            spans[index] = (pending_range[2], pending_range[3])
        else:
            start = offset + len(text)
            text += cols[1]
            spans[index] = (start, offset + len(text))
            if misc.get("SpaceAfter") != "No":
                text += " "
        head = cols[6]
        words.append(
            _Word(index, cols[1], _underscore(cols[2]), _underscore(cols[3]), _underscore(cols[4]),
                  _underscore(cols[5]), int(head) if head.isdigit() else 0, _underscore(cols[7]), misc)
        )
    text = text.rstrip(" ")
    tokens = [
        Token(
            index=w.index - 1,
            text=w.form,
            start=spans[w.index][0],
            end=spans[w.index][1],
            lemma=w.lemma,
            upos=w.upos,
            xpos=w.xpos,
            head=w.head - 1,
            deprel=w.deprel,
            ner=w.misc.get("NER", w.misc.get("ner", "O")),
            feats=w.feats,
        )
        for w in words
    ]
    return tokens, text, offset + len(text)


def write_conllu(doc: ParsedDoc) -> str:
    """Serialise a ParsedDoc as CoNLL-U (offsets and NER kept in MISC); inverse of read for tests and caches."""
    out: list[str] = []
    last_par = -1
    for sent in doc.sentences:
        if sent.paragraph != last_par and sent.index:
            out.append("# newpar")
        last_par = sent.paragraph
        out.append(f"# sent_id = {sent.index + 1}")
        for tok in sent.tokens:
            misc = [f"start_char={tok.start}", f"end_char={tok.end}"]
            if tok.ner and tok.ner != "O":
                misc.append(f"NER={tok.ner}")
            nxt = sent.tokens[tok.index + 1] if tok.index + 1 < len(sent.tokens) else None
            if nxt is not None and nxt.start == tok.end and nxt.start != tok.start:
                misc.append("SpaceAfter=No")
            out.append("\t".join([
                str(tok.index + 1), tok.text, tok.lemma or "_", tok.upos or "_", tok.xpos or "_",
                tok.feats or "_", str(tok.head + 1), tok.deprel or "_", "_", "|".join(misc),
            ]))
        out.append("")
    return "\n".join(out) + "\n"
