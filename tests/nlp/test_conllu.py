from __future__ import annotations

import pytest

from quotes.nlp import read_conllu, write_conllu
from quotes.nlp.conllu import ConlluError

SAMPLE = """\
# newdoc
# text = "We won't stop," Peskov said.
1	"	"	PUNCT	``	_	5	punct	_	SpaceAfter=No
2	We	we	PRON	PRP	_	4	nsubj	_	_
3-4	won't	_	_	_	_	_	_	_	_
3	wo	will	AUX	MD	_	5	aux	_	_
4	n't	not	PART	RB	_	5	advmod	_	_
5	stop	stop	VERB	VB	_	7	ccomp	_	SpaceAfter=No
6	,	,	PUNCT	,	_	5	punct	_	SpaceAfter=No
7	"	"	PUNCT	''	_	5	punct	_	_
8	Peskov	Peskov	PROPN	NNP	_	9	nsubj	_	NER=S-PERSON
9	said	say	VERB	VBD	_	0	root	_	SpaceAfter=No
10	.	.	PUNCT	.	_	9	punct	_	_

# newpar
1	Dmitry	Dmitry	PROPN	NNP	_	3	nsubj	_	NER=B-PERSON
2	Peskov	Peskov	PROPN	NNP	_	1	flat	_	NER=E-PERSON
3	spoke	speak	VERB	VBD	_	0	root	_	SpaceAfter=No
4	.	.	PUNCT	.	_	3	punct	_	_
"""


def test_rebuilds_text_and_offsets() -> None:
    doc = read_conllu(SAMPLE)
    assert doc.text == "\"We won't stop,\" Peskov said.\n\nDmitry Peskov spoke."
    for tok in doc.tokens():
        if tok.text not in ("wo", "n't"):
            assert doc.text[tok.start : tok.end] == tok.text
    # words of a multi-word token share the surface token's span
    wo, nt = doc.sentences[0].tokens[2], doc.sentences[0].tokens[3]
    assert (wo.start, wo.end) == (nt.start, nt.end)
    assert doc.text[wo.start : wo.end] == "won't"


def test_heads_deprels_and_paragraphs() -> None:
    doc = read_conllu(SAMPLE)
    first, second = doc.sentences
    said = first.tokens[8]
    assert (said.text, said.head, said.deprel, said.lemma) == ("said", -1, "root", "say")
    assert first.tokens[7].head == 8
    assert [t.text for t in first.subtree(4)] == ['"', "We", "wo", "n't", "stop", ",", '"']
    assert (first.paragraph, second.paragraph) == (0, 1)
    assert len(doc.paragraphs) == 2


def test_entities_from_ner_misc() -> None:
    doc = read_conllu(SAMPLE)
    assert [(e.text, e.type, e.sentence) for e in doc.entities] == [
        ("Peskov", "PERSON", 0),
        ("Dmitry Peskov", "PERSON", 1),
    ]


def test_write_then_read_keeps_annotation() -> None:
    doc = read_conllu(SAMPLE)
    again = read_conllu(write_conllu(doc))
    assert [t.text for t in again.tokens()] == [t.text for t in doc.tokens()]
    assert [(t.head, t.deprel, t.ner) for t in again.tokens()] == [(t.head, t.deprel, t.ner) for t in doc.tokens()]


@pytest.mark.parametrize(
    "bad",
    ["1\tword\tword\n", "1\tword\tword\tNOUN\tNN\t_\t0\troot\t_\n"],
)
def test_malformed_lines_raise_with_line_number(bad: str) -> None:
    with pytest.raises(ConlluError, match="line 1"):
        read_conllu(bad)
