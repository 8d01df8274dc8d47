"""Each construction the extractor reads, on hand-made parses (no model needed)."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from extract_conll import parse

from quotes.extract import Attribution, extract
from quotes.extract.engine import extract_unjudged
from quotes.extract.frames import according_candidates


@dataclass(frozen=True)
class Expected:
    kind: str
    content: str
    cue: str | None
    mention: str | None
    speaker: str | None
    speaker_type: str = "unknown"
    role: str | None = None
    via: tuple[str, ...] = field(default=())


SAID_THAT = """
Peskov Peskov PROPN NNP 2 nsubj S-PERSON
said say VERB VBD 0 root
that that SCONJ IN 6 mark
Moscow Moscow PROPN NNP 6 nsubj S-GPE
would would AUX MD 6 aux
continue continue VERB VB 2 ccomp
talks talk NOUN NNS 6 obj
. . PUNCT . 2 punct
"""

QUOTE_THEN_SPEAKER = """
“ " PUNCT `` 4 punct
We we PRON PRP 4 nsubj
will will AUX MD 4 aux
win win VERB VB 8 ccomp
, , PUNCT , 4 punct
” " PUNCT '' 4 punct
Peskov Peskov PROPN NNP 8 nsubj S-PERSON
said say VERB VBD 0 root
. . PUNCT . 8 punct
"""

INVERTED = """
“ " PUNCT `` 4 punct
We we PRON PRP 4 nsubj
will will AUX MD 4 aux
win win VERB VB 7 ccomp
, , PUNCT , 4 punct
” " PUNCT '' 4 punct
said say VERB VBD 0 root
Maria Maria PROPN NNP 7 nsubj B-PERSON
Zakharova Zakharova PROPN NNP 8 flat E-PERSON
. . PUNCT . 7 punct
"""

CLAUSE_THEN_SPEAKER = """
Moscow Moscow PROPN NNP 3 nsubj S-GPE
will will AUX MD 3 aux
continue continue VERB VB 7 ccomp
talks talk NOUN NNS 3 obj
, , PUNCT , 3 punct
Peskov Peskov PROPN NNP 7 nsubj S-PERSON
said say VERB VBD 0 root
. . PUNCT . 7 punct
"""

# The compact parser attaches "said" under the quoted verb here; the surface reading must still win.
MISPARSED_QUOTE = """
“ " PUNCT `` 4 punct
I I PRON PRP 4 nsubj
can can AUX MD 4 aux
confirm confirm VERB VB 0 root
that that SCONJ IN 8 mark
delegates delegate NOUN NNS 8 nsubj
are be AUX VBP 8 aux
visiting visit VERB VBG 4 ccomp
Moscow Moscow PROPN NNP 8 obj S-GPE
, , PUNCT , 16 punct
” " PUNCT '' 16 punct
Foreign foreign ADJ JJ 13 amod B-ORG
Ministry Ministry PROPN NNP 14 compound E-ORG
spokeswoman spokeswoman NOUN NN 8 nsubj
Maria Maria PROPN NNP 14 flat B-PERSON
Zakharova Zakharova PROPN NNP 15 flat E-PERSON
said say VERB VBD 4 ccomp
at at ADP IN 19 case
briefing briefing NOUN NN 16 obl
. . PUNCT . 4 punct
"""

TOLD_MIXED = """
Kremlin Kremlin PROPN NNP 2 compound S-GPE
spokesperson spokesperson NOUN NN 4 compound
Dmitry Dmitry PROPN NNP 4 compound B-PERSON
Peskov Peskov PROPN NNP 5 nsubj E-PERSON
told tell VERB VBD 0 root
journalists journalist NOUN NNS 5 iobj
that that SCONJ IN 11 mark
Moscow Moscow PROPN NNP 11 nsubj S-GPE
would would AUX MD 11 aux
“ " PUNCT `` 11 punct
continue continue VERB VB 5 ccomp
dialogue dialogue NOUN NN 11 obj
with with ADP IN 14 case
Israel Israel PROPN NNP 12 nmod S-GPE
” " PUNCT '' 11 punct
. . PUNCT . 5 punct
"""

ACCORDING_BEFORE = """
According accord VERB VBG 3 case
to to ADP IN 1 fixed
Politico Politico PROPN NNP 7 obl S-ORG
, , PUNCT , 3 punct
the the DET DT 6 det
talks talk NOUN NNS 7 nsubj
failed fail VERB VBD 0 root
. . PUNCT . 7 punct
"""

ACCORDING_AFTER = """
The the DET DT 2 det
talks talk NOUN NNS 3 nsubj
failed fail VERB VBD 0 root
, , PUNCT , 7 punct
according accord VERB VBG 7 case
to to ADP IN 5 fixed
officials official NOUN NNS 3 obl
. . PUNCT . 3 punct
"""

SAID_TO_HAVE = """
The the DET DT 2 det
delegates delegate NOUN NNS 4 nsubj:pass
were be AUX VBD 4 aux:pass
said say VERB VBN 0 root
to to PART TO 7 mark
have have AUX VB 7 aux
“ " PUNCT `` 7 punct
commended commend VERB VBN 4 xcomp
Putin Putin PROPN NNP 11 nmod:poss S-PERSON
's 's PART POS 9 case
position position NOUN NN 8 obj
. . PUNCT . 4 punct
” " PUNCT '' 4 punct
"""

BELIEVED_TO = """
More more ADJ JJR 4 advmod
than than ADP IN 3 fixed
200 200 NUM CD 4 nummod
people people NOUN NNS 6 nsubj:pass
are be AUX VBP 6 aux:pass
believed believe VERB VBN 0 root
to to PART TO 9 mark
be be AUX VB 9 aux:pass
held hold VERB VBN 6 xcomp
captive captive ADJ JJ 9 xcomp
. . PUNCT . 6 punct
"""

REPORTED_CITING = """
Delegates delegate NOUN NNS 2 nsubj
met meet VERB VBD 0 root
officials official NOUN NNS 2 obj
in in ADP IN 5 case
Moscow Moscow PROPN NNP 2 obl S-GPE
, , PUNCT , 11 punct
state state NOUN NN 9 compound
- - PUNCT HYPH 7 punct
run run VERB VBN 10 amod
media media NOUN NNS 11 nsubj
reported report VERB VBD 2 parataxis
, , PUNCT , 13 punct
citing cite VERB VBG 11 advcl
Russia Russia PROPN NNP 17 nmod:poss B-ORG
's 's PART POS 14 case I-ORG
Foreign foreign ADJ JJ 17 amod I-ORG
Ministry Ministry PROPN NNP 13 obj E-ORG
. . PUNCT . 2 punct
"""

OUTLET_REPORTED = """
Interfax Interfax PROPN NNP 2 nsubj
reported report VERB VBD 0 root
that that SCONJ IN 6 mark
the the DET DT 5 det
delegation delegation NOUN NN 6 nsubj
arrived arrive VERB VBD 2 ccomp
. . PUNCT . 2 punct
"""

TOLD_OUTLET = """
Peskov Peskov PROPN NNP 2 nsubj S-PERSON
told tell VERB VBD 0 root
RIA RIA PROPN NNP 4 compound B-ORG
Novosti Novosti PROPN NNP 2 iobj E-ORG
that that SCONJ IN 8 mark
talks talk NOUN NNS 8 nsubj
would would AUX MD 8 aux
continue continue VERB VB 2 ccomp
. . PUNCT . 2 punct
"""

APOSTROPHES = """
Russia Russia PROPN NNP 3 nmod:poss S-GPE
's 's PART POS 1 case
position position NOUN NN 5 nsubj
is be AUX VBZ 5 cop
clear clear ADJ JJ 8 ccomp
, , PUNCT , 5 punct
Zakharova Zakharova PROPN NNP 8 nsubj S-PERSON
said say VERB VBD 0 root
. . PUNCT . 8 punct
"""


PARENTHETICAL = """
This this DET DT 2 det
campaign campaign NOUN NN 8 nsubj
, , PUNCT , 5 punct
he he PRON PRP 5 nsubj
says say VERB VBZ 8 parataxis
, , PUNCT , 5 punct
is be AUX VBZ 8 cop
different different ADJ JJ 0 root
. . PUNCT . 8 punct
"""

INTERVIEW = """
Peskov Peskov PROPN NNP 2 nsubj S-PERSON
said say VERB VBD 0 root
in in ADP IN 5 case
an a DET DT 5 det
interview interview NOUN NN 2 obl
with with ADP IN 7 case
CNN CNN PROPN NNP 5 nmod S-ORG
that that SCONJ IN 11 mark
talks talk NOUN NNS 11 nsubj
would would AUX MD 11 aux
continue continue VERB VB 2 ccomp
. . PUNCT . 2 punct
"""

ACCORDING_OUTLET_CHANNEL = """
Peskov Peskov PROPN NNP 2 nsubj S-PERSON
said say VERB VBD 0 root
talks talk NOUN NNS 5 nsubj
would would AUX MD 5 aux
continue continue VERB VB 2 ccomp
, , PUNCT , 9 punct
according accord VERB VBG 9 case
to to ADP IN 7 fixed
Politico Politico PROPN NNP 2 obl S-ORG
. . PUNCT . 2 punct
"""

HEADLINE_DASH = """
Hamas Hamas PROPN NNP 2 compound S-ORG
Delegates delegate NOUN NNS 3 nsubj
Arrive arrive VERB VBP 0 root
in in ADP IN 5 case
Moscow Moscow PROPN NNP 3 obl S-GPE
– - PUNCT : 8 punct
Foreign foreign ADJ JJ 8 amod B-ORG
Ministry Ministry PROPN NNP 3 parataxis E-ORG
"""

HEADLINE_COLON = """
Clinton Clinton PROPN NNP 0 root S-PERSON
: : PUNCT : 5 punct
Trump Trump PROPN NNP 5 nsubj S-PERSON
will will AUX MD 5 aux
reverse reverse VERB VB 1 appos
the the DET DT 7 det
ruling ruling NOUN NN 5 obj
. . PUNCT . 1 punct
"""

UNCLOSED_QUOTE = """
Peskov Peskov PROPN NNP 2 nsubj S-PERSON
said say VERB VBD 0 root
: : PUNCT : 6 punct
“ " PUNCT `` 6 punct
We we PRON PRP 6 nsubj
win win VERB VBP 2 ccomp
again again ADV RB 6 advmod
. . PUNCT . 2 punct

#par
Talks talk NOUN NNS 2 nsubj
continue continue VERB VBP 0 root
. . PUNCT . 2 punct
"""

TOLD_NEWSPAPER = """
Owners owner NOUN NNS 2 nsubj
told tell VERB VBD 0 root
the the DET DT 4 det
Gazette Gazette PROPN NNP 2 iobj
that that SCONJ IN 7 mark
they they PRON PRP 7 nsubj
feared fear VERB VBD 2 ccomp
losses loss NOUN NNS 7 obj
. . PUNCT . 2 punct
"""

APPOSED_ROLE = """
“ " PUNCT `` 4 punct
We we PRON PRP 4 nsubj
will will AUX MD 4 aux
win win VERB VB 7 ccomp
, , PUNCT , 4 punct
” " PUNCT '' 4 punct
said say VERB VBD 0 root
Elena Elena PROPN NNP 7 nsubj B-PERSON
Ruiz Ruiz PROPN NNP 8 flat E-PERSON
, , PUNCT , 15 punct
the the DET DT 12 det
department department NOUN NN 15 nmod:poss
's 's PART POS 12 case
chief chief ADJ JJ 15 amod
engineer engineer NOUN NN 8 appos
. . PUNCT . 7 punct
"""

AS_REPORTED = """
As as SCONJ IN 3 mark
Politico Politico PROPN NNP 3 nsubj S-ORG
reported report VERB VBD 6 advcl
, , PUNCT , 6 punct
Trump Trump PROPN NNP 6 nsubj S-PERSON
skipped skip VERB VBD 0 root
the the DET DT 8 det
debate debate NOUN NN 6 obj
. . PUNCT . 6 punct
"""

IN_A_POLL = """
In in ADP IN 4 case
a a DET DT 4 det
Fox Fox PROPN NNP 4 compound S-ORG
poll poll NOUN NN 9 obl
released release VERB VBN 4 acl
Sunday Sunday PROPN NNP 5 obl:tmod S-DATE
, , PUNCT , 9 punct
Cruz Cruz PROPN NNP 9 nsubj S-PERSON
had have VERB VBD 0 root
38 38 NUM CD 11 nummod
percent percent NOUN NN 12 compound
support support NOUN NN 9 obj
. . PUNCT . 9 punct
"""

TRAILS_IN_THE_POLLS = """
Bush Bush PROPN NNP 2 nsubj S-PERSON
trails trail VERB VBZ 0 root
in in ADP IN 5 case
the the DET DT 5 det
polls poll NOUN NNS 2 obl
. . PUNCT . 2 punct
"""

CASES = {
    "said that": (SAID_THAT, Expected("indirect", "that Moscow would continue talks", "said", "Peskov", "Peskov",
                                      "person")),
    "quote then speaker": (QUOTE_THEN_SPEAKER, Expected("direct", "We will win,", "said", "Peskov", "Peskov",
                                                        "person")),
    "inverted said X": (INVERTED, Expected("direct", "We will win,", "said", "Maria Zakharova", "Maria Zakharova",
                                           "person")),
    "clause then speaker": (CLAUSE_THEN_SPEAKER, Expected("indirect", "Moscow will continue talks", "said", "Peskov",
                                                          "Peskov", "person")),
    "misparsed quote, role": (MISPARSED_QUOTE, Expected(
        "direct", "I can confirm that delegates are visiting Moscow,", "said",
        "Foreign Ministry spokeswoman Maria Zakharova", "Maria Zakharova", "person", "Foreign Ministry spokeswoman")),
    "told, mixed": (TOLD_MIXED, Expected(
        "mixed", "that Moscow would “continue dialogue with Israel”", "told", "Kremlin spokesperson Dmitry Peskov",
        "Dmitry Peskov", "person", "Kremlin spokesperson")),
    "according to outlet": (ACCORDING_BEFORE, Expected("indirect", "the talks failed", "According to", "Politico",
                                                       "Politico", "outlet")),
    "according to group": (ACCORDING_AFTER, Expected("indirect", "The talks failed", "according to", "officials",
                                                     "officials", "group")),
    "were said to have": (SAID_TO_HAVE, Expected(
        "mixed", "to have “commended Putin's position.”", "were said", "The delegates", "delegates", "group")),
    # What is believed includes its subject; nobody in the sentence holds the belief.
    "is believed to": (BELIEVED_TO, Expected("indirect", "More than 200 people are believed to be held captive",
                                             "are believed", None, None)),
    "reported, citing": (REPORTED_CITING, Expected(
        "indirect", "Delegates met officials in Moscow", "reported", "Russia's Foreign Ministry",
        "Russia's Foreign Ministry", "organization", via=("state-run media",))),
    "outlet reports": (OUTLET_REPORTED, Expected("indirect", "that the delegation arrived", "reported", "Interfax",
                                                 "Interfax", "outlet")),
    "told an outlet": (TOLD_OUTLET, Expected("indirect", "that talks would continue", "told", "Peskov", "Peskov",
                                             "person", via=("RIA Novosti",))),
    "parenthetical says": (PARENTHETICAL, Expected("indirect", "This campaign, he says, is different", "says", "he",
                                                   None)),
    "said in an interview with": (INTERVIEW, Expected("indirect", "that talks would continue", "said", "Peskov",
                                                      "Peskov", "person", via=("CNN",))),
    "according to as channel": (ACCORDING_OUTLET_CHANNEL, Expected("indirect", "talks would continue", "said",
                                                                   "Peskov", "Peskov", "person", via=("Politico",))),
    "headline claim – source": (HEADLINE_DASH, Expected("indirect", "Hamas Delegates Arrive in Moscow", "–",
                                                        "Foreign Ministry", "Foreign Ministry", "organization")),
    "headline source: claim": (HEADLINE_COLON, Expected("indirect", "Trump will reverse the ruling", ":", "Clinton",
                                                        "Clinton", "person")),
    "told a newspaper": (TOLD_NEWSPAPER, Expected("indirect", "that they feared losses", "told", "Owners", "Owners",
                                                  "group", via=("Gazette",))),
    "role after the name": (APPOSED_ROLE, Expected("direct", "We will win,", "said", "Elena Ruiz", "Elena Ruiz",
                                                   "person", "the department's chief engineer")),
    "as X reported, Y": (AS_REPORTED, Expected("indirect", "Trump skipped the debate", "reported", "Politico",
                                                 "Politico", "outlet")),
    # A poll opening the sentence reports what follows it.
    "in a poll": (IN_A_POLL, Expected("indirect", "Cruz had 38 percent support", "In", "a Fox poll released Sunday",
                                      "Fox poll released Sunday", "unknown")),
    "apostrophe is no quote": (APOSTROPHES, Expected("indirect", "Russia's position is clear", "said", "Zakharova",
                                                     "Zakharova", "person")),
}


def test_a_poll_opening_the_sentence_is_its_source_and_one_later_is_not() -> None:
    doc = parse(IN_A_POLL)
    [found] = according_candidates(doc, [])
    assert (found.rule, found.cue_lemma) == ("according-to", "in")
    assert doc.text[found.speaker.start : found.speaker.end] == "a Fox poll released Sunday"
    assert according_candidates(parse(TRAILS_IN_THE_POLLS), []) == []
    assert extract_unjudged(parse(TRAILS_IN_THE_POLLS)) == []


def _only(found: list[Attribution]) -> Attribution:
    assert len(found) == 1, [a.content for a in found]
    return found[0]


@pytest.mark.parametrize("spec, expected", list(CASES.values()), ids=list(CASES))
def test_construction(spec: str, expected: Expected) -> None:
    doc = parse(spec)
    got = _only(extract(doc))
    assert (got.kind, got.content, got.cue) == (expected.kind, expected.content, expected.cue)
    assert got.speaker_mention == expected.mention
    assert got.speaker == expected.speaker
    assert got.speaker_type == expected.speaker_type
    assert got.role == expected.role
    assert tuple(c.name for c in got.via) == expected.via
    assert doc.text[got.content_span[0]:got.content_span[1]] == got.content
    assert 0.0 <= got.confidence <= 1.0


PRONOUN_FOLLOWS = """
Kremlin Kremlin PROPN NNP 2 compound S-GPE
spokesperson spokesperson NOUN NN 4 compound
Dmitry Dmitry PROPN NNP 4 compound B-PERSON
Peskov Peskov PROPN NNP 5 nsubj E-PERSON
said say VERB VBD 0 root
talks talk NOUN NNS 8 nsubj
would would AUX MD 8 aux
continue continue VERB VB 5 ccomp
. . PUNCT . 5 punct

#par
“ " PUNCT `` 5 punct
We we PRON PRP 3 nsubj
consider consider VERB VBP 9 ccomp
it it PRON PRP 3 obj
necessary necessary ADJ JJ 3 xcomp
, , PUNCT , 3 punct
” " PUNCT '' 3 punct
he he PRON PRP 9 nsubj
said say VERB VBD 0 root
. . PUNCT . 9 punct

#par
Later later ADV RB 3 advmod
, , PUNCT , 1 punct
Peskov Peskov PROPN NNP 4 nsubj S-ORG
added add VERB VBD 0 root
that that SCONJ IN 8 mark
nothing nothing PRON NN 8 nsubj
had have AUX VBD 8 aux
changed change VERB VBN 4 ccomp
. . PUNCT . 4 punct
"""


def test_pronoun_and_surname_resolve_to_the_full_name() -> None:
    found = extract(parse(PRONOUN_FOLLOWS))
    assert [(a.speaker_mention, a.speaker) for a in found] == [
        ("Kremlin spokesperson Dmitry Peskov", "Dmitry Peskov"),
        ("he", "Dmitry Peskov"),
        ("Peskov", "Dmitry Peskov"),
    ]
    # A surname the tagger called ORG is still the person introduced earlier.
    assert found[2].speaker_type == "person"
    assert found[1].kind == "direct"


CONTINUED_QUOTE = """
“ " PUNCT `` 4 punct
We we PRON PRP 4 nsubj
will will AUX MD 4 aux
win win VERB VB 8 ccomp
, , PUNCT , 4 punct
” " PUNCT '' 4 punct
Peskov Peskov PROPN NNP 8 nsubj S-PERSON
said say VERB VBD 0 root
. . PUNCT . 8 punct

#par
“ " PUNCT `` 4 punct
Nobody nobody PRON NN 3 nsubj
doubts doubt VERB VBZ 0 root
it it PRON PRP 3 obj
at at ADP IN 6 case
all all DET DT 3 obl
. . PUNCT . 3 punct
” " PUNCT '' 3 punct
"""


def test_quote_in_the_next_paragraph_keeps_the_speaker() -> None:
    doc = parse(CONTINUED_QUOTE)
    found = extract(doc)
    holding = [a for a in found if "Nobody doubts it at all" in a.content]
    assert len(holding) == 1
    assert holding[0].speaker == "Peskov"
    assert holding[0].kind == "direct"


PHOTO_CREDIT = """
Marzouk Marzouk PROPN NNP 2 nsubj S-PERSON
seen see VERB VBD 0 root
meeting meeting NOUN NN 2 obj
Lavrov Lavrov PROPN NNP 3 nmod S-PERSON
. . PUNCT . 2 punct

Mikhail Mikhail PROPN NNP 2 compound B-PERSON
Japaridze Japaridze PROPN NNP 0 root E-PERSON
/ / PUNCT , 4 cc
TASS TASS PROPN NNP 2 conj
"""


def test_photo_caption_and_credit_are_no_sources() -> None:
    assert extract(parse(PHOTO_CREDIT)) == []


ROLES_AND_SHORT_NAMES = """
Foreign foreign ADJ JJ 2 amod B-ORG
Ministry Ministry PROPN NNP 3 compound E-ORG
spokeswoman spokeswoman NOUN NN 6 nsubj
Maria Maria PROPN NNP 3 flat B-PERSON
Zakharova Zakharova PROPN NNP 4 flat E-PERSON
said say VERB VBD 0 root
talks talk NOUN NNS 9 nsubj
would would AUX MD 9 aux
continue continue VERB VB 6 ccomp
. . PUNCT . 6 punct

The the DET DT 2 det
spokeswoman spokeswoman NOUN NN 3 nsubj
added add VERB VBD 0 root
that that SCONJ IN 7 mark
Moscow Moscow PROPN NNP 7 nsubj S-GPE
was be AUX VBD 7 cop
ready ready ADJ JJ 3 ccomp
. . PUNCT . 3 punct

#par
Russia Russia PROPN NNP 5 nmod:poss B-ORG
's 's PART POS 1 case I-ORG
Foreign foreign ADJ JJ 4 amod I-ORG
Ministry Ministry PROPN NNP 5 nsubj E-ORG
said say VERB VBD 0 root
the the DET DT 7 det
visit visit NOUN NN 9 nsubj
was be AUX VBD 9 cop
useful useful ADJ JJ 5 ccomp
. . PUNCT . 5 punct

The the DET DT 2 det
ministry ministry NOUN NN 3 nsubj
said say VERB VBD 0 root
no no DET DT 5 det
date date NOUN NN 7 nsubj:pass
was be AUX VBD 7 aux:pass
set set VERB VBN 3 ccomp
. . PUNCT . 3 punct
"""


def test_role_descriptions_and_short_names_resolve() -> None:
    found = extract(parse(ROLES_AND_SHORT_NAMES))
    assert [(a.speaker_mention, a.speaker, a.speaker_type) for a in found] == [
        ("Foreign Ministry spokeswoman Maria Zakharova", "Maria Zakharova", "person"),
        ("The spokeswoman", "Maria Zakharova", "person"),
        ("Russia's Foreign Ministry", "Russia's Foreign Ministry", "organization"),
        ("The ministry", "Russia's Foreign Ministry", "organization"),
    ]


def test_unclosed_quote_is_recovered_with_low_confidence() -> None:
    doc = parse(UNCLOSED_QUOTE)
    (found,) = extract(doc)
    assert found.kind == "direct" and found.content == "We win again."
    assert found.confidence < 0.6
    with_closing_mark = UNCLOSED_QUOTE.replace("\n\n#par", "\n” \" PUNCT '' 2 punct\n\n#par")
    closed = extract(parse(with_closing_mark))
    assert closed[0].confidence > found.confidence


def test_empty_document() -> None:
    assert extract(parse("")) == [] if parse("").sentences == () else True


def test_output_is_in_text_order_and_serialises() -> None:
    found = extract(parse(PRONOUN_FOLLOWS))
    starts = [a.content_span[0] for a in found]
    assert starts == sorted(starts)
    record = found[0].to_json("a.md")
    assert record["speaker"] == "Dmitry Peskov" and record["role"] == "Kremlin spokesperson"
