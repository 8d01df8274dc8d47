"""Write hand-made parses compactly and turn them into ParsedDocs through read_conllu.

One token a line: ``form lemma UPOS XPOS head deprel [NER]`` (head 1-based, 0 for
the root); a line ``#par`` starts a new paragraph, a blank line a new sentence.
No space is written before closing punctuation or after an opening quote mark.
"""

from __future__ import annotations

from quotes.nlp.conllu import read_conllu
from quotes.nlp.doc import ParsedDoc

_NO_SPACE_BEFORE = {",", ".", ":", ";", "?", "!", "”", "'s", "’s", "n't", "%", ")"}
_NO_SPACE_AFTER = {"“", "("}


def _sentence(lines: list[str]) -> list[str]:
    rows = [line.split() for line in lines]
    out = []
    for i, cols in enumerate(rows):
        form, lemma, upos, xpos, head, deprel = cols[:6]
        ner = cols[6] if len(cols) > 6 else "O"
        misc = [f"NER={ner}"] if ner != "O" else []
        nxt = rows[i + 1] if i + 1 < len(rows) else None
        # A hyphen token ("state - run") joins its neighbours: "state-run".
        # A possessive ending ("brothers ’", tagged POS) is glued to its noun.
        glued = nxt is not None and (nxt[0] in _NO_SPACE_BEFORE or nxt[3] in ("HYPH", "POS")
                                     or form in _NO_SPACE_AFTER or xpos == "HYPH")
        if glued:
            misc.append("SpaceAfter=No")
        out.append("\t".join([str(i + 1), form, lemma, upos, xpos, "_", head, deprel, "_", "|".join(misc) or "_"]))
    return out


def parse(spec: str) -> ParsedDoc:
    """A ParsedDoc from the compact notation above."""
    blocks: list[str] = []
    current: list[str] = []
    new_par = False
    for raw in spec.strip("\n").splitlines():
        line = raw.strip()
        if line == "#par":
            new_par = True
            continue
        if not line:
            if current:
                blocks.append(("# newpar\n" if new_par else "") + "\n".join(_sentence(current)))
                current, new_par = [], False
            continue
        current.append(line)
    if current:
        blocks.append(("# newpar\n" if new_par else "") + "\n".join(_sentence(current)))
    return read_conllu("\n\n".join(blocks) + "\n")


def assert_attributions(spec: str, expected: list[tuple[str, str, str | None, str | None]]) -> None:
    """The extractor finds exactly ``expected`` (kind, content, cue, speaker mention) in the parse,
    each content span pointing at its text."""
    from quotes.extract import extract  # noqa: PLC0415

    doc = parse(spec)
    found = extract(doc)
    assert [(a.kind, a.content, a.cue, a.speaker_mention) for a in found] == expected
    for got in found:
        assert doc.text[got.content_span[0] : got.content_span[1]] == got.content


def assert_no_attribution(spec: str) -> None:
    from quotes.extract import extract  # noqa: PLC0415

    assert [(a.content, a.cue) for a in extract(parse(spec))] == []
