"""Rules drawn from error classes on PolNeAR train, each on a hand-made parse that shows the failure it fixes."""

from __future__ import annotations

import pytest
from extract_conll import assert_attributions, assert_no_attribution, parse

from quotes.extract import extract, tagger


@pytest.fixture(autouse=True)
def rules_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """The learned tagger may find some of these spans too; each case here checks the rule on its own."""
    monkeypatch.setattr(tagger, "candidates", lambda *args: [])


# The parser hangs "bombed" inside the reported clause; the fronted "After" clause still ends at the comma.
FRONTED_CLAUSE = """
After after SCONJ IN 3 mark
Obama Obama PROPN NNP 3 nsubj S-PERSON
announced announce VERB VBD 0 root
that that SCONJ IN 8 mark
the the DET DT 6 det
war war NOUN NN 8 nsubj
would would AUX MD 8 aux
end end VERB VB 3 ccomp
, , PUNCT , 12 punct
U.S. U.S. PROPN NNP 11 compound S-GPE
forces force NOUN NNS 12 nsubj
bombed bomb VERB VBD 8 conj
a a DET DT 14 det
hospital hospital NOUN NN 12 obj
. . PUNCT . 3 punct
"""

# A quotation closing on ',”' ends the reported clause when a new clause follows it.
QUOTE_COMMA = """
He he PRON PRP 2 nsubj
called call VERB VBD 0 root
the the DET DT 4 det
plan plan NOUN NN 2 obj
“ " PUNCT `` 7 punct
a a DET DT 7 det
disaster disaster NOUN NN 2 xcomp
, , PUNCT , 7 punct
” " PUNCT '' 7 punct
critics critic NOUN NNS 11 nsubj
laughed laugh VERB VBD 7 acl:relcl
. . PUNCT . 2 punct
"""

# "told AFP": the noun phrase after "told" is the addressee, not an inverted speaker.
TOLD_AFTER_ASIDE = """
“ " PUNCT `` 4 punct
We we PRON PRP 4 nsubj
will will AUX MD 4 aux
win win VERB VB 11 ccomp
, , PUNCT , 4 punct
” " PUNCT '' 4 punct
Peskov Peskov PROPN NNP 11 nsubj S-PERSON
, , PUNCT , 9 punct
63 63 NUM CD 7 appos S-DATE
, , PUNCT , 9 punct
told tell VERB VBD 0 root
AFP AFP PROPN NNP 11 obj S-ORG
. . PUNCT . 11 punct
"""

# The parser takes the dateline for the subject of the story's first sentence.
DATELINE = """
WASHINGTON Washington PROPN NNP 9 nsubj S-GPE
( ( PUNCT -LRB- 3 punct
AP AP PROPN NNP 1 appos S-ORG
) ) PUNCT -RRB- 3 punct
— - PUNCT : 1 punct
Sen. Sen. PROPN NNP 8 compound
Bernie Bernie PROPN NNP 8 compound B-PERSON
Sanders Sanders PROPN NNP 1 appos E-PERSON
met meet VERB VBD 0 root
voters voter NOUN NNS 9 obj
and and CCONJ CC 12 cc
said say VERB VBD 9 conj
talks talk NOUN NNS 15 nsubj
would would AUX MD 15 aux
continue continue VERB VB 12 ccomp
. . PUNCT . 9 punct
"""

HEADLINE_POLL = """
Poll poll NOUN NN 0 root
: : PUNCT : 1 punct
Trump Trump PROPN NNP 4 nsubj S-PERSON
leads lead VERB VBZ 1 appos
Clinton Clinton PROPN NNP 4 obj S-PERSON
in in ADP IN 7 case
Ohio Ohio PROPN NNP 4 obl S-GPE
. . PUNCT . 1 punct
"""

ASKED_ABOUT = """
Clinton Clinton PROPN NNP 3 nsubj:pass S-PERSON
was be AUX VBD 3 aux:pass
asked ask VERB VBN 0 root
about about ADP IN 6 case
a a DET DT 6 det
loan loan NOUN NN 3 obl
from from ADP IN 9 case
Goldman Goldman PROPN NNP 9 compound B-ORG
Sachs Sachs PROPN NNP 6 nmod E-ORG
. . PUNCT . 3 punct
"""

TALKED_ABOUT = """
Sanders Sanders PROPN NNP 2 nsubj S-PERSON
talked talk VERB VBD 0 root
about about ADP IN 5 case
income income NOUN NN 5 compound
inequality inequality NOUN NN 2 obl
. . PUNCT . 2 punct
"""

# "according to an analysis conducted by Crowdpac": what follows the source still describes it.
ACCORDING_SOURCE_DESCRIBED = """
Most most ADJ JJS 2 amod
money money NOUN NN 3 nsubj
came come VERB VBD 0 root
from from ADP IN 5 case
women woman NOUN NNS 3 obl
, , PUNCT , 9 punct
according accord VERB VBG 9 case
to to ADP IN 7 fixed
an a DET DT 9 det
analysis analysis NOUN NN 3 obl
conducted conduct VERB VBN 9 acl
by by ADP IN 12 case
Crowdpac Crowdpac PROPN NNP 10 obl S-ORG
. . PUNCT . 3 punct
"""

# "But, according to the poll, 46 percent ... remain undecided": a connective before the source says nothing.
ACCORDING_AFTER_CONNECTIVE = """
But but CCONJ CC 12 cc
, , PUNCT , 12 punct
according accord VERB VBG 5 case
to to ADP IN 3 fixed
the the DET DT 6 det
poll poll NOUN NN 12 obl
, , PUNCT , 12 punct
46 46 NUM CD 9 nummod
percent percent NOUN NN 12 nsubj
of of ADP IN 11 case
Republicans Republican PROPN NNPS 9 nmod S-NORP
remain remain VERB VBP 0 root
undecided undecided ADJ JJ 12 xcomp
. . PUNCT . 12 punct
"""

# "..., Devine predicted." ends its sentence: the quotation that opens the next one is not what was predicted.
CLAUSE_THEN_NEXT_QUOTE = """
Turnout turnout NOUN NN 3 nsubj
will will AUX MD 3 aux
rise rise VERB VB 0 root
, , PUNCT , 6 punct
Devine Devine PROPN NNP 6 nsubj S-PERSON
predicted predict VERB VBD 3 parataxis
. . PUNCT . 3 punct

“ " PUNCT `` 3 punct
Her she PRON PRP$ 3 nmod:poss
lead lead NOUN NN 4 nsubj
is be AUX VBZ 0 root
real real ADJ JJ 4 xcomp
, , PUNCT , 4 punct
” " PUNCT '' 4 punct
he he PRON PRP 9 nsubj
said say VERB VBD 4 parataxis
. . PUNCT . 4 punct
"""

# A verb of the manner of speaking reports the quotation before it.
QUOTE_THEN_MANNER_VERB = """
“ " PUNCT `` 2 punct
Vote vote VERB VB 7 ccomp
early early ADV RB 2 advmod
, , PUNCT , 2 punct
” " PUNCT '' 2 punct
she she PRON PRP 7 nsubj
exhorted exhort VERB VBD 0 root
. . PUNCT . 7 punct
"""

# The quotation after the attribution goes on with it past a long aside: both quotations are pieces of one
# content (tests/extract/test_content_pieces.py), and the aside's own report stands apart.
CONTINUED_PAST_ASIDE = """
“ " PUNCT `` 3 punct
We we PRON PRP 3 nsubj
need need VERB VBP 9 ccomp
the the DET DT 5 det
chapter chapter NOUN NN 3 obj
now now ADV RB 3 advmod
, , PUNCT , 3 punct
” " PUNCT '' 3 punct
said say VERB VBD 0 root
Ms. Ms. PROPN NNP 11 compound
Acosta Acosta PROPN NNP 9 nsubj S-PERSON
, , PUNCT , 13 punct
referring refer VERB VBG 9 advcl
to to ADP IN 16 case
the the DET DT 16 det
law law NOUN NN 13 obl
that that PRON WDT 20 obj
local local ADJ JJ 19 amod
governments government NOUN NNS 20 nsubj
use use VERB VBP 16 acl:relcl
. . PUNCT . 9 punct

“ " PUNCT `` 2 punct
Give give VERB VB 0 root
us we PRON PRP 2 iobj
the the DET DT 5 det
tool tool NOUN NN 2 obj
right right ADV RB 7 advmod
now now ADV RB 2 advmod
. . PUNCT . 2 punct
” " PUNCT '' 2 punct
"""

# The parser hangs a far comma on "reported": the "as" clause still ends at the comma right after the cue.
AS_REPORTED_FAR_COMMA = """
As as ADP IN 5 mark
The the DET DT 4 det
Washington Washington PROPN NNP 4 compound B-ORG
Post Post PROPN NNP 5 nsubj E-ORG
reported report VERB VBD 10 advcl
, , PUNCT , 5 punct
Sanders Sanders PROPN NNP 10 nsubj S-PERSON
would would AUX MD 10 aux
then then ADV RB 10 advmod
need need VERB VB 0 root
more more ADJ JJR 12 amod
delegates delegate NOUN NNS 10 obj
, , PUNCT , 5 punct
a a DET DT 16 det
high high ADJ JJ 16 amod
bar bar NOUN NN 12 appos
. . PUNCT . 10 punct
"""

# A passive stance with a "by" agent: the agent holds the stance, the passive subject is what it is about.
PASSIVE_AGENT = """
The the DET DT 2 det
proposal proposal NOUN NN 5 nsubj:pass
was be AUX VBD 5 aux:pass
widely widely ADV RB 5 advmod
rejected reject VERB VBN 0 root
by by ADP IN 7 case
voters voter NOUN NNS 5 obl:agent
. . PUNCT . 5 punct
"""

# After the agent, a "for ..." phrase carries what the criticism is about, with the subject.
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

# A sentence opening with the participle cue: its content ends where the main clause begins.
ASKED_FRONTED = """
Asked ask VERB VBN 9 advcl
if if SCONJ IN 5 mark
he he PRON PRP 5 nsubj
was be AUX VBD 5 cop
worried worried ADJ JJ 1 ccomp
, , PUNCT , 9 punct
the the DET DT 8 det
senator senator NOUN NN 9 nsubj
laughed laugh VERB VBD 5 conj
. . PUNCT . 9 punct
"""

# A finding verb that closes the sentence after a comma points back at the clause before it.
RECORDS_SHOW = """
He he PRON PRP 2 nsubj
sold sell VERB VBD 0 root
the the DET DT 4 det
plane plane NOUN NN 2 obj
in in ADP IN 6 case
2010 2010 NUM CD 2 obl S-DATE
, , PUNCT , 9 punct
records record NOUN NNS 9 nsubj
show show VERB VBP 2 parataxis
. . PUNCT . 2 punct
"""


# 'said he still “prays ...”': a quotation opens after the pronoun, so it is the reported clause's subject.
SAID_HE_QUOTE = """
Seaman Seaman PROPN NNP 7 nsubj S-PERSON
, , PUNCT , 4 punct
who who PRON WP 4 nsubj
lives live VERB VBZ 1 acl:relcl
here here ADV RB 4 advmod
, , PUNCT , 4 punct
said say VERB VBD 0 root
he he PRON PRP 11 nsubj
still still ADV RB 11 advmod
“ “ PUNCT `` 11 punct
prays pray VERB VBZ 7 ccomp
for for ADP IN 13 case
Bernie Bernie PROPN NNP 11 obl S-PERSON
. . PUNCT . 7 punct
” ” PUNCT '' 7 punct
"""

# Support someone has: the one supported is the content, the supporters are the source.
SUPPORT_OF = """
Clinton Clinton PROPN NNP 2 nsubj S-PERSON
has have VERB VBZ 0 root
the the DET DT 4 det
support support NOUN NN 2 obj
of of ADP IN 6 case
women woman NOUN NNS 4 nmod
. . PUNCT . 2 punct
"""

# A stance adjective after a copula: its subject holds the stance, its about-phrase or clause is the content.
CRITICAL_OF = """
Republicans Republican PROPN NNPS 4 nsubj S-NORP
have have AUX VBP 4 aux
been be AUX VBN 4 cop
critical critical ADJ JJ 0 root
of of ADP IN 8 case
Clinton Clinton PROPN NNP 8 nmod:poss S-PERSON
’s ’s PART POS 6 case
emails email NOUN NNS 4 obl
. . PUNCT . 4 punct
"""

WORRIED_THAT = """
Voters voter NOUN NNS 3 nsubj
are be AUX VBP 3 cop
worried worried ADJ JJ 0 root
that that SCONJ IN 7 mark
prices price NOUN NNS 7 nsubj
will will AUX MD 7 aux
rise rise VERB VB 3 ccomp
. . PUNCT . 3 punct
"""

ANGRY_ABOUT = """
Voters voter NOUN NNS 3 nsubj
were be AUX VBD 3 cop
angry angry ADJ JJ 0 root
about about ADP IN 6 case
the the DET DT 6 det
war war NOUN NN 3 obl
. . PUNCT . 3 punct
"""

# A question closes its sentence inside the quotation; the attribution is the next sentence.
QUESTION_THEN_SAID = """
“ “ PUNCT `` 3 punct
Why why ADV WRB 3 advmod
is be AUX VBZ 0 root
he he PRON PRP 3 nsubj
attacking attack VERB VBG 3 xcomp
me I PRON PRP 5 obj
? ? PUNCT . 3 punct
” ” PUNCT '' 3 punct

Trump Trump PROPN NNP 2 nsubj S-PERSON
said say VERB VBD 0 root
. . PUNCT . 2 punct
"""

# After a full stop only a verb of saying points back at the quotation.
QUOTE_THEN_LAUGHED = """
“ “ PUNCT `` 3 punct
Nobody nobody PRON NN 3 nsubj
saw see VERB VBD 0 root
it it PRON PRP 3 obj
coming come VERB VBG 3 xcomp
this this DET DT 8 det
year year NOUN NN 5 obl:tmod
. . PUNCT . 3 punct
” ” PUNCT '' 3 punct

He he PRON PRP 2 nsubj
laughed laugh VERB VBD 0 root
. . PUNCT . 2 punct
"""

TRANSCRIPT_TURNS = """
“ " PUNCT `` 2 punct
PENCE pence NOUN NN 6 discourse
: : PUNCT : 2 punct
Well well INTJ UH 6 discourse
, , PUNCT , 4 punct
look look VERB VB 0 root
. . PUNCT . 6 punct

It it PRON PRP 4 nsubj
is be AUX VBZ 4 cop
serious serious ADJ JJ 4 amod
business business NOUN NN 0 root
. . PUNCT . 4 punct

#par
WALLACE Wallace PROPN NNP 0 root S-PERSON
: : PUNCT : 1 punct
We we PRON PRP 4 nsubj
have have VERB VBP 1 parataxis
limited limited ADJ JJ 6 amod
time time NOUN NN 4 obj
. . PUNCT . 1 punct
"""

TRANSCRIPT_REPORT = """
A a NOUN NN 0 root
: : PUNCT : 1 punct
He he PRON PRP 4 nsubj
said say VERB VBD 1 parataxis
the the DET DT 7 det
deal deal NOUN NN 7 nsubj
died die VERB VBD 4 ccomp
. . PUNCT . 1 punct

It it PRON PRP 3 nsubj
was be AUX VBD 3 cop
over over ADJ JJ 0 root
. . PUNCT . 3 punct
"""

# A quotation that fills its line, for the signature tests.
TAXES_QUOTE = """
“ " PUNCT `` 4 punct
Taxes tax NOUN NNS 4 nsubj
are be AUX VBP 4 cop
unfair unfair ADJ JJ 0 root
for for ADP IN 7 case
working work VERB VBG 7 amod
families family NOUN NNS 4 obl
. . PUNCT . 4 punct
” " PUNCT '' 4 punct
"""

SIGNED_QUOTE = TAXES_QUOTE + """
#par
- - PUNCT : 3 punct
Bernie Bernie PROPN NNP 0 root B-PERSON
Sanders Sanders PROPN NNP 2 flat E-PERSON
. . PUNCT . 2 punct
"""

SIGNED_INLINE = """
“ " PUNCT `` 3 punct
He he PRON PRP 3 nsubj
scares scare VERB VBZ 0 root
me I PRON PRP 3 obj
every every DET DT 6 det
day day NOUN NN 3 obl:tmod
. . PUNCT . 3 punct
” " PUNCT '' 3 punct
― ― PUNCT : 10 punct
Esther Esther PROPN NNP 3 parataxis B-PERSON
Tapia Tapia PROPN NNP 10 flat E-PERSON
"""

BYLINE_AFTER_QUOTE = """
The the DET DT 2 det
banner banner NOUN NN 3 nsubj
carried carry VERB VBD 0 root
“ " PUNCT `` 6 punct
a a DET DT 6 det
tax tax NOUN NN 3 obj
on on ADP IN 9 case
every every DET DT 9 det
family family NOUN NN 6 nmod
in in ADP IN 12 case
the the DET DT 12 det
state state NOUN NN 6 nmod
. . PUNCT . 3 punct
” " PUNCT '' 3 punct
-- -- PUNCT : 16 punct
Kim Kim PROPN NNP 3 parataxis B-PERSON
Hjelmgaard Hjelmgaard PROPN NNP 16 flat E-PERSON
. . PUNCT . 3 punct
"""

HEADING_AFTER_QUOTE = TAXES_QUOTE + """
#par
– – PUNCT : 3 punct
An a DET DT 3 det
Immigrant immigrant PROPN NNP 0 root
Himself himself PRON PRP 3 nmod:npmod
– – PUNCT : 3 punct
"""

SAID_SO = """
Half half NOUN NN 2 nsubj
said say VERB VBD 0 root
so so ADV RB 2 advmod
in in ADP IN 5 case
December December PROPN NNP 2 obl S-DATE
. . PUNCT . 2 punct
"""

SAID_THE_SAME = """
While while SCONJ IN 3 mark
most most ADJ JJS 3 nsubj
backed back VERB VBD 7 ccomp
Clinton Clinton PROPN NNP 3 obj S-PERSON
, , PUNCT , 3 punct
few few ADJ JJ 7 nsubj
said say VERB VBD 0 root
the the DET DT 9 det
same same ADJ JJ 7 obj
for for ADP IN 11 case
Sanders Sanders PROPN NNP 7 obl S-PERSON
. . PUNCT . 7 punct
"""

SAYS_NO_MATTER = """
Ryan Ryan PROPN NNP 2 nsubj S-PERSON
says say VERB VBZ 0 root
no no DET DT 4 det
matter matter NOUN NN 7 obl
what what PRON WP 7 obj
Obama Obama PROPN NNP 7 nsubj S-PERSON
does do VERB VBZ 2 ccomp
, , PUNCT , 9 punct
Congress Congress PROPN NNP 10 nsubj S-ORG
acts act VERB VBZ 2 ccomp
. . PUNCT . 2 punct
"""

CASES = {
    "a quotation ending its sentence, then X said": (
        QUESTION_THEN_SAID,
        [("direct", "Why is he attacking me?", "said", "Trump")],
    ),
    "fronted subordinate clause ends at the main clause": (
        FRONTED_CLAUSE,
        [("indirect", "that the war would end", "announced", "Obama")],
    ),
    "quotation closing on a comma ends the content": (
        QUOTE_COMMA,
        [("mixed", "the plan “a disaster,”", "called", "He")],
    ),
    "told X is never inverted": (TOLD_AFTER_ASIDE, [("direct", "We will win,", "told", "Peskov")]),
    "speaker after the dateline": (DATELINE, [("indirect", "talks would continue", "said", "Sen. Bernie Sanders")]),
    "headline source noun": (HEADLINE_POLL, [("indirect", "Trump leads Clinton in Ohio", ":", "Poll")]),
    "an answer word after a verb of saying": (SAID_SO, [("indirect", "so", "said", "Half")]),
    "the same after a verb of saying": (SAID_THE_SAME, [
        ("indirect", "Clinton", "backed", "most"),
        ("indirect", "the same for Sanders", "said", "few"),
    ]),
    "'no' as a determiner after a verb of saying is no answer": (SAYS_NO_MATTER, [
        ("indirect", "no matter what Obama does, Congress acts", "says", "Ryan"),
    ]),
    "a dash and a name sign the quotation above": (SIGNED_QUOTE, [
        ("direct", "Taxes are unfair for working families.", "-", "Bernie Sanders"),
    ]),
    "a dash and a name sign the quotation on their line": (SIGNED_INLINE, [
        ("direct", "He scares me every day.", "―", "Esther Tapia"),
    ]),
    "a transcript label speaks the whole paragraph": (TRANSCRIPT_TURNS, [
        ("indirect", "Well, look. It is serious business", ":", "PENCE"),
        ("indirect", "We have limited time", ":", "WALLACE"),
    ]),
    "a report inside a transcript turn is its own attribution": (TRANSCRIPT_REPORT, [
        ("indirect", "He said the deal died. It was over", ":", "A"),
        ("indirect", "the deal died", "said", "He"),
    ]),
    # The one asked is no speaker: the question is someone else's.
    "preposition belongs to the cue": (
        ASKED_ABOUT,
        [("indirect", "a loan from Goldman Sachs", "was asked about", None)],
    ),
    "object of a prepositional cue": (TALKED_ABOUT, [("indirect", "income inequality", "talked about", "Sanders")]),
    "according to: the source's description is no content": (
        ACCORDING_SOURCE_DESCRIBED,
        [("indirect", "Most money came from women", "according to", "an analysis")],
    ),
    "according to after a connective: the statement follows": (
        ACCORDING_AFTER_CONNECTIVE,
        [("indirect", "46 percent of Republicans remain undecided", "according to", "the poll")],
    ),
    "a cue closing its sentence reports the clause before it, not the next quotation": (
        CLAUSE_THEN_NEXT_QUOTE,
        [
            ("indirect", "Turnout will rise", "predicted", "Devine"),
            ("direct", "Her lead is real,", "said", "he"),
        ],
    ),
    "a manner-of-speaking verb after a quotation": (
        QUOTE_THEN_MANNER_VERB, [("direct", "Vote early,", "exhorted", "she")]
    ),
    "as X reported, with a far comma": (
        AS_REPORTED_FAR_COMMA,
        [("indirect", "Sanders would then need more delegates, a high bar", "reported", "The Washington Post")],
    ),
    "continuation past a long aside": (
        CONTINUED_PAST_ASIDE,
        [
            (
                "direct",
                "We need the chapter now,” said Ms. Acosta, referring to the law that local governments use. “Give "
                "us the tool right now.",
                "said",
                "Ms. Acosta",
            ),
            ("indirect", "the law that local governments use", "referring to", "Ms. Acosta"),
        ],
    ),
    "passive with a by-agent": (PASSIVE_AGENT, [("indirect", "The proposal", "rejected", "voters")]),
    "passive with a by-agent and a for-phrase": (
        PASSIVE_AGENT_FOR,
        [
            (
                "indirect",
                "Trump has been criticized by his rivals for skipping the state",
                "has been criticized",
                "his rivals",
            )
        ],
    ),
    "fronted participle cue": (ASKED_FRONTED, [("indirect", "if he was worried", "Asked", None)]),
    "sentence-final finding verb": (RECORDS_SHOW, [("indirect", "He sold the plane in 2010", "show", "records")]),
    "a quotation after the pronoun: no inversion": (
        SAID_HE_QUOTE,
        [("mixed", "he still “prays for Bernie.”", "said", "Seaman")],
    ),
    "support received": (SUPPORT_OF, [("indirect", "Clinton", "has the support of", "women")]),
    "stance adjective with an about-phrase": (
        CRITICAL_OF,
        [("indirect", "Clinton’s emails", "have been critical of", "Republicans")],
    ),
    "stance adjective with a clause": (WORRIED_THAT, [("indirect", "that prices will rise", "are worried", "Voters")]),
    "an attitude adjective": (ANGRY_ABOUT, [("indirect", "the war", "were angry about", "Voters")]),
}

THE_LATEST = """
The the DET DT 2 det B-ORG
Latest latest NOUN NN 5 nsubj I-ORG
: : PUNCT : 5 punct I-ORG
Kasich Kasich PROPN NNP 5 nsubj E-ORG
scores score VERB VBZ 0 root
all all DET DT 7 det
delegates delegate NOUN NNS 5 obj
. . PUNCT . 5 punct
"""

NAME_LIST = """
Iowa Iowa PROPN NNP 0 root S-GPE
: : PUNCT : 1 punct
Tim Tim PROPN NNP 1 appos B-PERSON
Albrecht Albrecht PROPN NNP 3 flat E-PERSON
, , PUNCT , 6 punct
Brad Brad PROPN NNP 3 conj B-PERSON
Anderson Anderson PROPN NNP 6 flat E-PERSON
, , PUNCT , 9 punct
Rob Rob PROPN NNP 3 conj B-PERSON
Barron Barron PROPN NNP 9 flat E-PERSON
. . PUNCT . 1 punct
"""

EDITORS_NOTE = """
Editor editor NOUN NN 3 nmod:poss
’s ’s PART POS 1 case
note note NOUN NN 0 root
: : PUNCT : 8 punct
Trump Trump PROPN NNP 8 nsubj S-PERSON
has have AUX VBZ 8 aux
repeatedly repeatedly ADV RB 8 advmod
pledged pledge VERB VBN 3 parataxis
to to PART TO 10 mark
ban ban VERB VB 8 xcomp
all all DET DT 12 det
Muslims Muslim PROPN NNPS 10 obj S-NORP
. . PUNCT . 3 punct
"""

SHORT_QUOTE = """
“ " PUNCT `` 2 punct
Scandal Scandal PROPN NNP 7 obl
, , PUNCT , 2 punct
” " PUNCT '' 2 punct
Mr. Mr. PROPN NNP 7 nsubj
Brolin Brolin PROPN NNP 5 flat S-PERSON
gets get VERB VBZ 0 root
. . PUNCT . 7 punct
"""

# "told CNN": a name alone after a verb of saying is whom it was said to.
TOLD_NAME = """
Trump Trump PROPN NNP 2 nsubj S-PERSON
told tell VERB VBD 0 root
CNN CNN PROPN NNP 2 obj S-ORG
. . PUNCT . 2 punct
"""

# A short object of a belief verb that nobody holds ("Know the facts") attributes nothing.
KNOW_THE_FACTS = """
Know know VERB VB 0 root
the the DET DT 3 det
facts fact NOUN NNS 1 obj
. . PUNCT . 1 punct
"""

KICKER_LABEL = """
WATCH watch VERB VB 0 root
: : PUNCT : 1 punct
Clinton Clinton PROPN NNP 4 nsubj S-PERSON
visits visit VERB VBZ 1 parataxis
Ohio Ohio PROPN NNP 4 obj S-GPE
. . PUNCT . 1 punct
"""

NO_ATTRIBUTION = {
    "a kicker before a colon is no speaker": KICKER_LABEL,
    "a quotation, then a sentence with a verb that reports nothing": QUOTE_THEN_LAUGHED,
    "a running-story label is no headline source": THE_LATEST,
    "a list after a colon is no statement": NAME_LIST,
    "editor's note with a curly apostrophe is boilerplate": EDITORS_NOTE,
    "a short quotation before an unknown verb is a title": SHORT_QUOTE,
    "a lone name after a verb of saying is the addressee": TOLD_NAME,
    "a short belief object with no holder": KNOW_THE_FACTS,
}


@pytest.mark.parametrize("spec, expected", list(CASES.values()), ids=list(CASES))
def test_rule(spec: str, expected: list[tuple[str, str, str | None, str | None]]) -> None:
    assert_attributions(spec, expected)


@pytest.mark.parametrize("spec", list(NO_ATTRIBUTION.values()), ids=list(NO_ATTRIBUTION))
def test_no_attribution(spec: str) -> None:
    assert_no_attribution(spec)


def test_a_dash_after_a_quotation_inside_prose_is_a_byline() -> None:
    assert [a.speaker_mention for a in extract(parse(BYLINE_AFTER_QUOTE))] == []


def test_a_dashed_heading_after_a_quotation_signs_nothing() -> None:
    assert [a.speaker_mention for a in extract(parse(HEADING_AFTER_QUOTE))] == []


# "called for amendments when the draft goes ...": the parser tags "when" an adverb; it still opens a clause that
# is no part of what was called for.
CALLED_FOR_WHEN = """
Sanders Sanders PROPN NNP 2 nsubj S-PERSON
called call VERB VBD 0 root
for for ADP IN 4 case
amendments amendment NOUN NNS 2 obl
when when ADV WRB 8 advmod
the the DET DT 7 det
draft draft NOUN NN 8 nsubj
goes go VERB VBZ 2 advcl
to to ADP IN 11 case
the the DET DT 11 det
committee committee NOUN NN 8 obl
. . PUNCT . 2 punct
"""


def test_an_adverb_opening_a_clause_ends_a_nominal_content() -> None:
    from quotes.extract.quotemarks import find_quotes  # noqa: PLC0415
    from quotes.extract.verbs import verb_candidates  # noqa: PLC0415

    doc = parse(CALLED_FOR_WHEN)
    found = verb_candidates(doc, find_quotes(doc.text))
    assert [doc.text[c.content[0] : c.content[1]] for c in found] == ["for amendments"]


# '"Would it work?" Hannity pressed. "Maybe not."': a quotation going on after its attribution continues it whatever
# the verb ("pressed" is no verb of saying proper).
PRESSED_THEN_QUOTE = """
“ " PUNCT `` 4 punct
Would would AUX MD 4 aux
it it PRON PRP 4 nsubj
work work VERB VB 7 ccomp
? ? PUNCT . 4 punct
” " PUNCT '' 4 punct
Hannity Hannity PROPN NNP 7 nsubj S-PERSON
pressed press VERB VBD 0 root
. . PUNCT . 7 punct

“ " PUNCT `` 3 punct
Maybe maybe ADV RB 3 advmod
not not PART RB 0 root
. . PUNCT . 3 punct
” " PUNCT '' 3 punct
"""


def test_a_quotation_after_any_quoted_report_continues_it() -> None:
    doc = parse(PRESSED_THEN_QUOTE)
    found = extract(doc)
    assert len(found) == 1
    assert [doc.text[s:e] for s, e in found[0].content_pieces] == ["Would it work?", "Maybe not."]
    assert found[0].speaker_mention == "Hannity"
