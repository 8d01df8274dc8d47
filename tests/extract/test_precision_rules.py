"""Rules against false attributions and misplaced speakers, each on a hand-made parse of the failure."""

from __future__ import annotations

import pytest
from extract_conll import assert_attributions, assert_no_attribution

from quotes.extract import tagger


@pytest.fixture(autouse=True)
def rules_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """The learned tagger may find some of these spans too; each case here checks the rule on its own."""
    monkeypatch.setattr(tagger, "candidates", lambda *args: [])


# "continues to trail": aspect, not a statement.
CONTINUES_TO_TRAIL = """
Sanders Sanders PROPN NNP 2 nsubj S-PERSON
continues continue VERB VBZ 0 root
to to PART TO 4 mark
trail trail VERB VB 2 xcomp
Clinton Clinton PROPN NNP 4 obj S-PERSON
by by ADP IN 8 case
300 300 NUM CD 8 nummod
delegates delegate NOUN NNS 4 obl
. . PUNCT . 2 punct
"""

# "continued to insist that": the verb it continues is itself a cue.
CONTINUES_TO_INSIST = """
Clinton Clinton PROPN NNP 2 nsubj S-PERSON
continued continue VERB VBD 0 root
to to PART TO 4 mark
insist insist VERB VB 2 xcomp
that that SCONJ IN 8 mark
she she PRON PRP 8 nsubj
would would AUX MD 8 aux
win win VERB VB 4 ccomp
. . PUNCT . 2 punct
"""

# The parser hangs the subject on the relative clause's verb; the name before the aside still speaks.
RELATIVE_ASIDE = """
Mr. Mr. PROPN NNP 6 nsubj:pass
Cruz Cruz PROPN NNP 1 flat S-PERSON
, , PUNCT , 1 punct
whose whose DET WP$ 5 det
finish finish NOUN NN 6 nsubj:pass
was be AUX VBD 6 aux:pass
seen see VERB VBN 0 root
as as ADP IN 9 case
a a DET DT 9 det
disappointment disappointment NOUN NN 7 obl
, , PUNCT , 12 punct
said say VERB VBD 7 conj
that that SCONJ IN 15 mark
he he PRON PRP 15 nsubj
won win VERB VBD 12 ccomp
. . PUNCT . 7 punct
"""

# "That said, ...": a discourse marker, not a statement by "That".
THAT_SAID = """
That that PRON DT 2 nsubj
said say VERB VBD 0 root
, , PUNCT , 2 punct
Cruz Cruz PROPN NNP 6 nsubj S-PERSON
cannot can AUX MD 6 aux
win win VERB VB 2 ccomp
the the DET DT 8 det
nomination nomination NOUN NN 6 obj
. . PUNCT . 2 punct
"""

# "than, say, Mr. Cruz's plan": "say" between commas means "for example".
SAY_FOR_EXAMPLE = """
Its its PRON PRP$ 2 nmod:poss
prospects prospect NOUN NNS 5 nsubj
are be AUX VBP 5 cop
no no ADV RB 5 advmod
better good ADJ JJR 0 root
than than ADP IN 13 case
, , PUNCT , 8 punct
say say VERB VB 13 acl
, , PUNCT , 8 punct
Mr. Mr. PROPN NNP 13 nmod:poss
Cruz Cruz PROPN NNP 10 flat S-PERSON
’s ’s PART POS 10 case
plan plan NOUN NN 5 obl
. . PUNCT . 5 punct
"""

# 'on Fox News’s “Sunday Morning Futures,” Issa said ...': the quoted words name a show; the content follows the cue.
SHOW_TITLE = """
Sunday Sunday PROPN NNP 12 obl:tmod S-DATE
on on ADP IN 7 case
Fox Fox PROPN NNP 4 compound B-ORG
News News PROPN NNP 7 nmod:poss E-ORG
’s ’s PART POS 4 case
“ " PUNCT `` 7 punct
Futures Futures PROPN NNP 12 nsubj
, , PUNCT , 7 punct
” " PUNCT '' 7 punct
Rep. Rep. PROPN NNP 12 nsubj
Issa Issa PROPN NNP 10 flat S-PERSON
said say VERB VBD 0 root
Clinton Clinton PROPN NNP 14 nsubj S-PERSON
lied lie VERB VBD 12 ccomp
about about ADP IN 16 case
Benghazi Benghazi PROPN NNP 14 obl S-GPE
. . PUNCT . 12 punct
"""

# "A showing could push the race into a convention": only someone pushes for something.
SHOWING_COULD_PUSH = """
A a DET DT 2 det
showing showing NOUN NN 4 nsubj
could could AUX MD 4 aux
push push VERB VB 0 root
the the DET DT 6 det
race race NOUN NN 4 obj
into into ADP IN 9 case
a a DET DT 9 det
convention convention NOUN NN 4 obl
. . PUNCT . 4 punct
"""

# A reporter's dateline: "Lerer reported from Los Angeles".
REPORTED_FROM = """
Lerer Lerer PROPN NNP 2 nsubj S-PERSON
reported report VERB VBD 0 root
from from ADP IN 5 case
Los Los PROPN NNP 5 compound B-GPE
Angeles Angeles PROPN NNP 2 obl E-GPE
. . PUNCT . 2 punct
"""

# A date after the cue says when, not what: the content is the clause before the comma.
ANNOUNCED_ON_A_DAY = """
All all DET DT 4 det
eleven eleven NOUN NN 4 compound
public public ADJ JJ 4 amod
libraries library NOUN NNS 8 nsubj
will will AUX MD 8 aux
open open VERB VB 0 root
on on ADP IN 8 case
Sundays Sunday PROPN NNP 6 obl S-GPE
, , PUNCT , 12 punct
the the DET DT 11 det
board board NOUN NN 12 nsubj:pass
announced announce VERB VBN 6 advcl
on on ADP IN 14 case
Thursday Thursday PROPN NNP 12 obl S-DATE
. . PUNCT . 6 punct
"""

# The entity tagger missed the day: "talked on Monday" says when, not what about.
TALKED_ON_A_DAY = """
The the DET DT 2 det
mayor mayor NOUN NN 3 nsubj
talked talk VERB VBD 0 root
on on ADP IN 5 case
Monday Monday PROPN NNP 3 obl
. . PUNCT . 3 punct
"""

CASES = {
    "a cue verb continued": (
        CONTINUES_TO_INSIST,
        [("indirect", "to insist that she would win", "continued", "Clinton")],
    ),
    "speaker before a relative-clause aside": (
        RELATIVE_ASIDE,
        [("indirect", "that he won", "said", "Mr. Cruz")],
    ),
    "a quoted show title is no quotation before the cue": (
        SHOW_TITLE,
        [("indirect", "Clinton lied about Benghazi", "said", "Rep. Issa")],
    ),
    "a date after the cue is no object": (
        ANNOUNCED_ON_A_DAY,
        [("indirect", "All eleven public libraries will open on Sundays", "announced", "the board")],
    ),
}

NO_ATTRIBUTION = {
    "continue with a verb that reports nothing": CONTINUES_TO_TRAIL,
    "that said is a discourse marker": THAT_SAID,
    "say between commas means for example": SAY_FOR_EXAMPLE,
    "push needs someone pushing": SHOWING_COULD_PUSH,
    "reported from a place is a byline": REPORTED_FROM,
    "a day after the cue is no object": TALKED_ON_A_DAY,
}


@pytest.mark.parametrize("spec, expected", list(CASES.values()), ids=list(CASES))
def test_rule(spec: str, expected: list[tuple[str, str, str | None, str | None]]) -> None:
    assert_attributions(spec, expected)


@pytest.mark.parametrize("spec", list(NO_ATTRIBUTION.values()), ids=list(NO_ATTRIBUTION))
def test_no_attribution(spec: str) -> None:
    assert_no_attribution(spec)
