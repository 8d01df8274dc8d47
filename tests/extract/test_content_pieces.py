"""Contents interrupted by their own attribution clause come out as pieces without that clause."""

from __future__ import annotations

import pytest
from extract_conll import parse

from quotes.extract import extract, tagger


@pytest.fixture(autouse=True)
def rules_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tagger, "candidates", lambda *args: [])


# '"A," X said, <a long aside>. "B."': the second quotation goes on with the first, the aside stays out.
JOINED_PAST_ASIDE = """
“ " PUNCT `` 3 punct
We we PRON PRP 3 nsubj
win win VERB VBP 7 ccomp
, , PUNCT , 3 punct
” " PUNCT '' 3 punct
Ms. Ms. PROPN NNP 7 nsubj B-PERSON
Acosta Acosta PROPN NNP 6 flat E-PERSON
said say VERB VBD 0 root
after after ADP IN 11 case
the the DET DT 11 det
long long ADJ JJ 11 amod
meeting meeting NOUN NN 7 obl
in in ADP IN 14 case
Ohio Ohio PROPN NNP 11 nmod S-GPE
. . PUNCT . 7 punct

“ " PUNCT `` 3 punct
They they PRON PRP 3 nsubj
lose lose VERB VBP 0 root
. . PUNCT . 3 punct
” " PUNCT '' 3 punct
"""

# "This campaign, he says, is different": the clause between the commas is no part of what he says.
PARENTHETICAL = """
This this DET DT 2 det
campaign campaign NOUN NN 7 nsubj
, , PUNCT , 5 punct
he he PRON PRP 5 nsubj
says say VERB VBZ 7 parataxis
, , PUNCT , 5 punct
is be AUX VBZ 8 cop
different different ADJ JJ 0 root
. . PUNCT . 8 punct
"""

# "Trump has been criticized by his rivals for skipping the state": the subject and the for-phrase.
PASSIVE_AGENT_FOR = """
Trump Trump PROPN NNP 4 nsubj:pass S-PERSON
has have AUX VBZ 4 aux
been be AUX VBN 4 aux:pass
criticized criticize VERB VBN 0 root
by by ADP IN 7 case
his his PRON PRP$ 7 nmod:poss
rivals rival NOUN NNS 4 obl:agent
for for SCONJ IN 9 mark
skipping skip VERB VBG 4 advcl
the the DET DT 11 det
state state NOUN NN 9 obj
. . PUNCT . 4 punct
"""

# "She said that taxes will rise": one piece, so no pieces.
PLAIN = """
She she PRON PRP 2 nsubj
said say VERB VBD 0 root
that that SCONJ IN 6 mark
taxes tax NOUN NNS 6 nsubj
will will AUX MD 6 aux
rise rise VERB VB 2 ccomp
. . PUNCT . 2 punct
"""

# "Nabisco is expected to cut workers": subject and complement around the raising cue.
RAISING = """
Nabisco Nabisco PROPN NNP 3 nsubj:pass S-ORG
is be AUX VBZ 3 aux:pass
expected expect VERB VBN 0 root
to to PART TO 5 mark
cut cut VERB VB 3 xcomp
277 277 NUM CD 7 nummod
workers worker NOUN NNS 5 obj
. . PUNCT . 3 punct
"""

# "Direct mail is considered an effective technique": a passive cue with no agent says it of its subject.
PASSIVE_NO_AGENT = """
Direct direct ADJ JJ 2 amod
mail mail NOUN NN 4 nsubj:pass
is be AUX VBZ 4 aux:pass
considered consider VERB VBN 0 root
an a DET DT 7 det
effective effective ADJ JJ 7 amod
technique technique NOUN NN 4 xcomp
. . PUNCT . 4 punct
"""

# 'Clinton, a top aide said, "is very confident"': a bare subject before the clause, its predicate quoted after.
SUBJECT_THEN_QUOTED_PREDICATE = """
Clinton Clinton PROPN NNP 10 nsubj S-PERSON
, , PUNCT , 1 punct
a a DET DT 5 det
top top ADJ JJ 5 amod
aide aide NOUN NN 6 nsubj
said say VERB VBD 0 root
, , PUNCT , 6 punct
“ " PUNCT `` 10 punct
is be AUX VBZ 10 cop
confident confident ADJ JJ 6 ccomp
” " PUNCT '' 10 punct
. . PUNCT . 6 punct
"""

# '"Only you," she said, would use ...': a quoted subject whose predicate resumes after the clause, unquoted.
QUOTED_SUBJECT_THEN_PREDICATE = """
“ " PUNCT `` 3 punct
Only only ADV RB 3 advmod
you you PRON PRP 10 nsubj
, , PUNCT , 3 punct
” " PUNCT '' 3 punct
she she PRON PRP 7 nsubj
said say VERB VBD 0 root
, , PUNCT , 10 punct
would would AUX MD 10 aux
use use VERB VB 7 ccomp
the the DET DT 12 det
occasion occasion NOUN NN 10 obj
. . PUNCT . 7 punct
"""

CASES = {
    "quotation joined past a long aside": (JOINED_PAST_ASIDE, "direct", ["We win,", "They lose."]),
    "parenthetical attribution": (PARENTHETICAL, "indirect", ["This campaign", "is different"]),
    "passive with an agent and a for-phrase": (PASSIVE_AGENT_FOR, "indirect", ["Trump", "for skipping the state"]),
    "raising": (RAISING, "indirect", ["Nabisco", "to cut 277 workers"]),
    "passive with no agent": (PASSIVE_NO_AGENT, "indirect", ["Direct mail", "an effective technique"]),
    "subject, attribution, quoted predicate": (
        SUBJECT_THEN_QUOTED_PREDICATE, "mixed", ["Clinton", "“is confident”"]
    ),
    "quoted subject, attribution, predicate": (
        QUOTED_SUBJECT_THEN_PREDICATE, "mixed", ["“Only you,”", "would use the occasion"]
    ),
    "one piece": (PLAIN, "indirect", []),
}


@pytest.mark.parametrize("spec, kind, pieces", list(CASES.values()), ids=list(CASES))
def test_content_pieces(spec: str, kind: str, pieces: list[str]) -> None:
    doc = parse(spec)
    found = extract(doc)
    assert len(found) == 1
    got = found[0]
    assert got.kind == kind
    assert [doc.text[start:end] for start, end in got.content_pieces] == pieces
    start, end = got.content_span
    assert all(start <= s < e <= end for s, e in got.content_pieces)
    assert doc.text[start:end] == got.content
    assert got.to_json("a.txt")["content_pieces"] == [list(p) for p in got.content_pieces]


def test_a_raising_content_is_proposed_right_of_its_cue_so_that_its_end_can_be_chosen() -> None:
    from quotes.extract.quotemarks import find_quotes  # noqa: PLC0415
    from quotes.extract.verbs import verb_candidates  # noqa: PLC0415

    doc = parse(RAISING)
    (cand,) = verb_candidates(doc, find_quotes(doc.text))
    assert cand.cue is not None and cand.content[0] >= cand.cue[1]
    assert cand.lead is not None and doc.text[cand.lead[0] : cand.lead[1]] == "Nabisco"


# "…, with at least six of the hostages confirmed to be Russian citizens": a participle with no auxiliary or
# subject of its own; no one is named as confirming, and the noun phrase it follows is what is confirmed.
REDUCED_PASSIVE = """
Many many ADJ JJ 3 nsubj:pass
were be AUX VBD 3 aux:pass
held hold VERB VBN 0 root
, , PUNCT , 8 punct
with with ADP IN 8 case
at at ADP IN 8 case
least least ADJ JJS 8 nmod
six six NUM CD 3 obl
of of ADP IN 11 case
the the DET DT 11 det
hostages hostage NOUN NNS 8 nmod
confirmed confirm VERB VBN 8 acl
to to PART TO 16 mark
be be AUX VB 16 cop
Russian Russian ADJ JJ 16 amod
citizens citizen NOUN NNS 12 xcomp
. . PUNCT . 3 punct
"""


def test_a_reduced_passive_reports_the_phrase_it_follows_with_no_speaker() -> None:
    from quotes.extract.quotemarks import find_quotes  # noqa: PLC0415
    from quotes.extract.verbs import verb_candidates  # noqa: PLC0415

    doc = parse(REDUCED_PASSIVE)
    (cand,) = verb_candidates(doc, find_quotes(doc.text))
    assert cand.rule == "raising" and cand.speaker is None
    assert cand.lead is not None and doc.text[cand.lead[0] : cand.lead[1]] == "at least six of the hostages"
    assert doc.text[cand.content[0] : cand.content[1]] == "to be Russian citizens"
