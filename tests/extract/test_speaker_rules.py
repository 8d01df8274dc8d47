"""Rules that find the speaker where the parse loses or misplaces the subject, each on a hand-made parse."""

from __future__ import annotations

import pytest
from extract_conll import assert_attributions

from quotes.extract import tagger


@pytest.fixture(autouse=True)
def rules_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """The learned tagger may find some of these spans too; each case here checks the rule on its own."""
    monkeypatch.setattr(tagger, "candidates", lambda *args: [])


# "X, Y, bluntly suggested": an adverb between the aside and the verb, and no parsed subject.
ADVERB_AFTER_ASIDE = """
The the DET DT 3 det
campaign campaign NOUN NN 3 compound
chief chief NOUN NN 9 dislocated
, , PUNCT , 5 punct
Paul Paul PROPN NNP 3 appos B-PERSON
Manafort Manafort PROPN NNP 5 flat E-PERSON
, , PUNCT , 5 punct
bluntly bluntly ADV RB 9 advmod
suggested suggest VERB VBD 0 root
that that SCONJ IN 13 mark
the the DET DT 12 det
style style NOUN NN 13 nsubj
amounted amount VERB VBD 9 ccomp
to to ADP IN 16 case
an a DET DT 16 det
act act NOUN NN 13 obl
. . PUNCT . 9 punct
"""

# '"...," said Dan Golvach when he left': a subordinate clause right after the inverted speaker.
INVERTED_THEN_WHEN = """
“ “ PUNCT `` 4 punct
Prices price NOUN NNS 4 nsubj
will will AUX MD 4 aux
rise rise VERB VB 7 ccomp
, , PUNCT , 4 punct
” ” PUNCT '' 4 punct
said say VERB VBD 0 root
Dan Dan PROPN NNP 7 obj B-PERSON
Golvach Golvach PROPN NNP 8 flat E-PERSON
when when SCONJ WRB 12 mark
he he PRON PRP 12 nsubj
left leave VERB VBD 7 advcl
. . PUNCT . 7 punct
"""

# "an official who spoke to discuss strategy said": the parser takes the relative clause's last noun as subject.
RELATIVE_WITHOUT_COMMAS = """
An a DET DT 2 det
official official NOUN NN 11 dislocated
who who PRON WP 4 nsubj
spoke speak VERB VBD 2 acl:relcl
anonymously anonymously ADV RB 4 advmod
to to PART TO 7 mark
discuss discuss VERB VB 4 xcomp
internal internal ADJ JJ 9 amod
strategy strategy NOUN NN 11 nsubj
Wednesday Wednesday PROPN NNP 11 obl:tmod S-DATE
said say VERB VBD 0 root
the the DET DT 13 det
talks talk NOUN NNS 14 nsubj
continue continue VERB VBP 11 ccomp
. . PUNCT . 11 punct
"""

# '"...," said Black': the tagger takes the name for an adjective; its entity tag still marks a person.
INVERTED_NAME_AS_ADJECTIVE = """
“ “ PUNCT `` 4 punct
Prices price NOUN NNS 4 nsubj
will will AUX MD 4 aux
rise rise VERB VB 7 ccomp
, , PUNCT , 4 punct
” ” PUNCT '' 4 punct
said say VERB VBD 0 root
Black black ADJ JJ 7 ccomp S-PERSON
. . PUNCT . 7 punct
"""

# "As reported by Western Journalism, Y": a bare participle, not marked passive, with a by-agent.
AS_REPORTED_BY = """
As as SCONJ IN 2 mark
reported report VERB VBN 8 advcl
by by ADP IN 5 case
Western Western PROPN NNP 5 compound B-ORG
Journalism Journalism PROPN NNP 2 obl:agent E-ORG
, , PUNCT , 2 punct
there there PRON EX 8 expl
are be VERB VBP 0 root
150 150 NUM CD 10 nummod
delegates delegate NOUN NNS 8 nsubj
at at ADP IN 12 case
stake stake NOUN NN 10 nmod
. . PUNCT . 8 punct
"""

# "Smith, whose brothers’ company failed, said": a possessive apostrophe inside the aside is no quotation.
ASIDE_WITH_POSSESSIVE = """
Smith Smith PROPN NNP 7 nsubj S-PERSON
, , PUNCT , 1 punct
whose whose PRON WP$ 6 nmod:poss
brothers brother NOUN NNS 6 nmod:poss
’ ’ PART POS 4 case
company company NOUN NN 7 nsubj
failed fail VERB VBD 9 dislocated
, , PUNCT , 7 punct
said say VERB VBD 0 root
that that SCONJ IN 12 mark
prices price NOUN NNS 12 nsubj
rose rise VERB VBD 9 ccomp
. . PUNCT . 9 punct
"""

# "Trump called on her to resign and said ...": the parser marks the head verb's subject passive, with no
# passive auxiliary; the conjoined cue shares that subject.
CONJOINED_AFTER_FALSE_PASSIVE = """
Trump Trump PROPN NNP 2 nsubj:pass S-PERSON
called call VERB VBD 0 root
on on ADP IN 4 case
her she PRON PRP 2 obl
to to PART TO 6 mark
resign resign VERB VB 2 advcl
and and CCONJ CC 8 cc
said say VERB VBD 2 conj
that that SCONJ IN 13 mark
her she PRON PRP$ 11 nmod:poss
mind mind NOUN NN 13 nsubj:pass
is be AUX VBZ 13 aux:pass
shot shoot VERB VBN 8 ccomp
. . PUNCT . 2 punct
"""

# "Several said ...": a lone quantifier the tagger takes for an adverb is the subject.
QUANTIFIER_SUBJECT = """
Several several ADJ JJ 2 advmod
said say VERB VBD 0 root
that that SCONJ IN 5 mark
prices price NOUN NNS 5 nsubj
rose rise VERB VBD 2 ccomp
. . PUNCT . 2 punct
"""

# "A new poll released Friday found ...": the parser takes the date for the subject and the participle for the
# main verb.
PARTICIPLE_THEN_DATE = """
A a DET DT 3 det
new new ADJ JJ 3 amod
poll poll NOUN NN 4 nsubj
released release VERB VBD 0 root
Friday Friday PROPN NNP 6 nsubj S-DATE
found find VERB VBD 4 ccomp
that that SCONJ IN 9 mark
support support NOUN NN 9 nsubj
rose rise VERB VBD 6 ccomp
. . PUNCT . 4 punct
"""

CASES = {
    "an adverb between the aside and the verb": (
        ADVERB_AFTER_ASIDE,
        [("indirect", "that the style amounted to an act", "suggested", "The campaign chief")],
    ),
    "a subordinate clause after an inverted speaker": (
        INVERTED_THEN_WHEN,
        [("direct", "Prices will rise,", "said", "Dan Golvach")],
    ),
    "a relative clause without commas before the verb": (
        RELATIVE_WITHOUT_COMMAS,
        [("indirect", "the talks continue", "said", "An official")],
    ),
    "an inverted name tagged as an adjective": (
        INVERTED_NAME_AS_ADJECTIVE,
        [("direct", "Prices will rise,", "said", "Black")],
    ),
    "a possessive apostrophe inside an aside": (
        ASIDE_WITH_POSSESSIVE,
        [("indirect", "that prices rose", "said", "Smith")],
    ),
    "a conjoined cue after a verb parsed passive without an auxiliary": (
        CONJOINED_AFTER_FALSE_PASSIVE,
        [("indirect", "that her mind is shot", "said", "Trump")],
    ),
    "a lone quantifier before the verb": (
        QUANTIFIER_SUBJECT,
        [("indirect", "that prices rose", "said", "Several")],
    ),
    "a date after a participle taken for the subject": (
        PARTICIPLE_THEN_DATE,
        [("indirect", "that support rose", "found", "A new poll")],
    ),
    "as reported by an agent": (
        AS_REPORTED_BY,
        [("indirect", "there are 150 delegates at stake", "reported", "Western Journalism")],
    ),
}


@pytest.mark.parametrize("spec, expected", list(CASES.values()), ids=list(CASES))
def test_rule(spec: str, expected: list[tuple[str, str, str | None, str | None]]) -> None:
    assert_attributions(spec, expected)
