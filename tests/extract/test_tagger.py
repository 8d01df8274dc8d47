"""The attribution tagger: its features, its gold tags, and how the engine adds what it finds."""

from __future__ import annotations

from pathlib import Path

import pytest
from extract_conll import parse

from quotes.extract import extract, tagger
from quotes.extract.quotemarks import find_quotes

ROOT = Path(__file__).resolve().parents[2]

# "took to Twitter to ..." has no cue verb the rules know.
TOOK_TO_TWITTER = """
Trump Trump PROPN NNP 2 nsubj S-PERSON
took take VERB VBD 0 root
to to ADP IN 4 case
Twitter Twitter PROPN NNP 2 obl S-ORG
to to PART TO 6 mark
celebrate celebrate VERB VB 2 advcl
the the DET DT 9 det
huge huge ADJ JJ 9 amod
crowd crowd NOUN NN 6 obj
. . PUNCT . 2 punct
"""

SAID_QUOTED = """
“ “ PUNCT `` 3 punct
Prices price NOUN NNS 3 nsubj
rose rise VERB VBD 7 ccomp
, , PUNCT , 3 punct
” ” PUNCT '' 3 punct
Smith Smith PROPN NNP 7 nsubj S-PERSON
said say VERB VBD 0 root
. . PUNCT . 7 punct
"""


def _sure(tags: list[str], prob: float = 1.0) -> list[tuple[str, float]]:
    return [(tag, prob if tag != "O" else 1.0) for tag in tags]


def test_features_read_parse_quotes_and_cue_lexicon() -> None:
    doc = parse(SAID_QUOTED)
    sent = doc.sentences[0]
    feats = tagger.sentence_features(doc, sent, find_quotes(doc.text))
    assert len(feats) == len(sent.tokens)
    prices = set(feats[1])
    assert {"w=prices", "l=price", "u=NOUN", "d=nsubj", "q=1", "hl=rise", "ak=speech", "al=say"} <= prices
    assert "-1:w=“" in prices and "1:w=rose" in prices
    # "Prices" lies before the cue in the branch that hangs on it as its complement ("rose"): statement words.
    assert {"ab=<ccomp", "ab|ak=<ccomp|speech"} <= prices
    assert "ab=<nsubj" in set(feats[5])  # "Smith" is the cue's subject
    # The nearest cue word ("said") lies five words to the right of "Prices", one to the left of the stop.
    assert "cd=>5" in prices and "cd=<1" in set(feats[7])
    said = set(feats[6])
    assert {"ck=speech", "q=0", "root", "pos=1", "ab="} <= said
    assert "2:edge" in said
    # Word clusters of the bundled vectors: the word, its head and its neighbours.
    rise = tagger._cluster("rise")
    assert {"c=" + tagger._cluster("price"), "hc=" + rise, "1:c=" + rise} <= prices
    assert {"c2=" + tagger._coarse_cluster("price"), "hc2=" + tagger._coarse_cluster("rise")} <= prices


def test_word_clusters_group_words_of_a_kind() -> None:
    cluster = tagger._cluster
    assert len(tagger._clusters()) > 40_000
    assert cluster("groused") == cluster("quipped") != "-"  # an unseen cue weighs like its neighbours
    assert cluster("Said") == cluster("said")
    assert cluster("said") != cluster("clinton")
    assert cluster("qwzxv") == "-"


def test_coarse_clusters_join_kinds_the_fine_ones_split() -> None:
    coarse = tagger._coarse_cluster
    assert tagger._cluster("said") != tagger._cluster("groused")
    assert coarse("said") == coarse("groused") == coarse("told") != "-"
    assert coarse("said") != coarse("moscow")
    assert len({coarse(word) for word in tagger._clusters()}) == 64
    assert coarse("qwzxv") == "-"


def test_gold_tags_are_bio_by_label() -> None:
    doc = parse(TOOK_TO_TWITTER)
    sent = doc.sentences[0]
    text = doc.text
    spans = {
        "Source": [(0, 5)],
        "Cue": [(text.index("took"), text.index("Twitter") + 7)],
        "Content": [(text.index("celebrate"), text.index("crowd") + 5)],
    }
    assert tagger.gold_tags(sent, spans) == [
        "B-Source",
        "B-Cue",
        "I-Cue",
        "I-Cue",
        "O",
        "B-Content",
        "I-Content",
        "I-Content",
        "I-Content",
        "O",
    ]


def test_tagged_content_comes_with_its_cue_and_source() -> None:
    doc = parse(TOOK_TO_TWITTER)
    sent = doc.sentences[0]
    tags = ["B-Source", "B-Cue", "I-Cue", "I-Cue", "O", "B-Content", "I-Content", "I-Content", "I-Content", "O"]
    [found] = tagger.sentence_candidates(sent, _sure(tags), taken=[])
    text = doc.text
    assert text[found.content[0] : found.content[1]] == "celebrate the huge crowd"
    assert found.cue is not None and text[found.cue[0] : found.cue[1]] == "took to Twitter"
    assert found.speaker is not None and text[found.speaker.start : found.speaker.end] == "Trump"
    assert found.confidence < 0.5


def test_tagged_content_sharing_text_with_the_rules_is_a_rival_unless_it_lies_mostly_in_theirs() -> None:
    doc = parse(TOOK_TO_TWITTER)
    sent, text = doc.sentences[0], doc.text
    tags = ["B-Source", "B-Cue", "I-Cue", "I-Cue", "O", "B-Content", "I-Content", "I-Content", "I-Content", "O"]
    [free] = tagger.sentence_candidates(sent, _sure(tags), taken=[])
    assert free.rival == ""
    crowd = text.index("crowd")
    [rival] = tagger.sentence_candidates(sent, _sure(tags), taken=[(crowd, crowd + len("crowd"))])
    assert rival.rival == "tagged" and rival.content == free.content
    # A longer reading of what the rules took is a rival too; one lying mostly inside it is left out.
    huge = text.index("the huge crowd")
    [longer] = tagger.sentence_candidates(sent, _sure(tags), taken=[(huge, huge + len("the huge crowd"))])
    assert longer.rival == "tagged"
    assert tagger.sentence_candidates(sent, _sure(tags), taken=[(huge - 3, huge + len("the huge crowd."))]) == []
    assert tagger.sentence_candidates(sent, _sure(tags), taken=[free.content]) == []


def test_tagged_content_never_takes_what_the_rules_found() -> None:
    doc = parse(SAID_QUOTED)
    rules = extract(doc)
    assert [(a.content, a.speaker) for a in rules] == [("Prices rose,", "Smith")]
    taken = [rules[0].content_span, rules[0].cue_span, rules[0].speaker_span]
    tags = ["O", "B-Content", "I-Content", "I-Content", "I-Content", "B-Source", "B-Cue", "O"]
    assert tagger.sentence_candidates(doc.sentences[0], _sure(tags), taken=[s for s in taken if s]) == []


QUOTED_AFTER_CUE = """
Trump Trump PROPN NNP 2 nsubj S-PERSON
took take VERB VBD 0 root
to to ADP IN 4 case
Twitter Twitter PROPN NNP 2 obl S-ORG
: : PUNCT : 7 punct
“ “ PUNCT `` 7 punct
celebrate celebrate VERB VB 2 parataxis
the the DET DT 10 det
huge huge ADJ JJ 10 amod
crowd crowd NOUN NN 7 obj
” ” PUNCT '' 7 punct
. . PUNCT . 2 punct
"""


@pytest.mark.parametrize(
    ("spec", "tags", "rival"),
    [
        # unquoted words by a cue the rules already use: another reading of what that cue introduces, a rival
        # with the same cue
        (
            TOOK_TO_TWITTER,
            ["B-Source", "B-Cue", "I-Cue", "I-Cue", "O", "B-Content", "I-Content", "I-Content", "I-Content", "O"],
            True,
        ),
        # quoted words by it: more of what was said, kept without the rules' cue
        (
            QUOTED_AFTER_CUE,
            [
                "B-Source",
                "B-Cue",
                "I-Cue",
                "I-Cue",
                "O",
                "B-Content",
                "I-Content",
                "I-Content",
                "I-Content",
                "I-Content",
                "I-Content",
                "O",
            ],
            False,
        ),
    ],
)
def test_content_by_a_rule_cue_is_a_rival_unless_quoted(spec: str, tags: list[str], rival: bool) -> None:
    doc = parse(spec)
    text = doc.text
    cue = (text.index("took"), text.index("Twitter") + 7)
    found = tagger.sentence_candidates(doc.sentences[0], _sure(tags), taken=[cue])
    assert [(c.cue, c.rule) for c in found] == ([(cue, "tagger-rival")] if rival else [(None, "tagger")])


@pytest.mark.parametrize(
    ("tags", "prob"),
    [
        # one token of content: too short
        (["B-Source", "B-Cue", "I-Cue", "I-Cue", "O", "O", "O", "O", "B-Content", "O"], 1.0),
        # long enough but unsure
        (["B-Source", "B-Cue", "I-Cue", "I-Cue", "O", "B-Content", "I-Content", "I-Content", "I-Content", "O"], 0.4),
        # sure, but no cue of its own
        (["B-Source", "O", "O", "O", "O", "B-Content", "I-Content", "I-Content", "I-Content", "O"], 1.0),
    ],
)
def test_short_unsure_or_cueless_content_is_left_out(tags: list[str], prob: float) -> None:
    doc = parse(TOOK_TO_TWITTER)
    assert tagger.sentence_candidates(doc.sentences[0], _sure(tags, prob), taken=[]) == []


def test_without_model_the_rules_run_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    # No model file installed: the tagger adds nothing and the rules still work.
    monkeypatch.setattr(tagger, "MODEL_FILE", "absent.crfsuite")
    tagger._shipped_tagger.cache_clear()
    try:
        assert not tagger.available()
        assert extract(parse(TOOK_TO_TWITTER)) == []
        assert [a.content for a in extract(parse(SAID_QUOTED))] == ["Prices rose,"]
    finally:
        monkeypatch.undo()
        tagger._shipped_tagger.cache_clear()


def test_shipped_model_is_small_and_loads() -> None:
    path = ROOT / "quotes" / "extract" / "data" / tagger.MODEL_FILE
    assert path.is_file() and path.stat().st_size < 20_000_000
    pytest.importorskip("pycrfsuite")
    tagger._shipped_tagger.cache_clear()
    assert tagger.available()
    doc = parse(TOOK_TO_TWITTER)
    tags = tagger.tag_sentence(doc, doc.sentences[0], [])
    assert len(tags) == len(doc.sentences[0].tokens)
    assert all(0.0 <= p <= 1.0 + 1e-6 for _, p in tags)


def test_tagging_keeps_every_label_chance_for_the_acceptance_model() -> None:
    pytest.importorskip("pycrfsuite")
    doc = parse(TOOK_TO_TWITTER)
    marginals: tagger.Marginals = {}
    tags = tagger.tag_sentence(doc, doc.sentences[0], [], marginals)
    chances = marginals[0]
    assert set(chances[0]) == {"Content", "Cue", "Source", "O"}
    assert all(sum(token.values()) == pytest.approx(1.0) for token in chances)
    for (tag, prob), token in zip(tags, chances, strict=True):
        label = tag.partition("-")[2]
        assert prob == (token[label] if label else 1.0)
    # Asked again, the sentence is not tagged twice.
    assert tagger.label_marginals(doc, doc.sentences[0], [], marginals) is chances


# 'Jones: “A. B.”': the tagger tags the first sentence; the quotation it opens runs on over the next one.
COLON_QUOTE = """
Jones Jones PROPN NNP 0 root S-PERSON
: : PUNCT : 1 punct
“ “ PUNCT `` 5 punct
Polls poll NOUN NNS 5 nsubj
failed fail VERB VBD 1 parataxis
. . PUNCT . 5 punct

They they PRON PRP 2 nsubj
ended end VERB VBD 0 root
early early ADV RB 2 advmod
. . PUNCT . 2 punct
” ” PUNCT '' 2 punct
"""


def test_tagged_content_runs_to_the_end_of_its_quotation(monkeypatch: pytest.MonkeyPatch) -> None:
    doc = parse(COLON_QUOTE)
    first = ["B-Source", "B-Cue", "B-Content", "I-Content", "I-Content", "I-Content"]
    monkeypatch.setattr(tagger, "_tagger", lambda: object())
    monkeypatch.setattr(
        tagger,
        "tag_sentence",
        lambda doc, sent, quotes, marginals=None: _sure(first if sent.index == 0 else ["O"] * len(sent.tokens)),
    )
    [found] = tagger.candidates(doc, find_quotes(doc.text), [], set())
    assert doc.text[found.content[0] : found.content[1]] == "“Polls failed. They ended early.”"


# The tagger's nearest Source is the subject of the aside; the parse gives the cue verb its own subject.
SUBJECT_BEFORE_ASIDE = """
Clinton Clinton PROPN NNP 8 nsubj S-PERSON
, , PUNCT , 1 punct
though though SCONJ IN 5 mark
she she PRON PRP 5 nsubj
praised praise VERB VBD 8 advcl
Garland Garland PROPN NNP 5 obj S-PERSON
, , PUNCT , 5 punct
stopped stop VERB VBD 0 root
short short ADJ JJ 8 xcomp
of of SCONJ IN 11 mark
renominating renominate VERB VBG 8 advcl
him he PRON PRP 11 obj
. . PUNCT . 8 punct
"""


@pytest.mark.parametrize(
    "source_tags, speaker",
    [
        (["O", "O", "O", "B-Source", "O", "O", "O"], "Clinton"),  # the parse overrules the aside's subject
        (["B-Source", "O", "O", "O", "O", "O", "O"], "Clinton"),
    ],
)
def test_tagged_cue_takes_the_subject_the_parse_gives_it(
    monkeypatch: pytest.MonkeyPatch, source_tags: list[str], speaker: str
) -> None:
    doc = parse(SUBJECT_BEFORE_ASIDE)
    tags = [*source_tags, "B-Cue", "I-Cue", "I-Cue", "B-Content", "I-Content", "O"]
    monkeypatch.setattr(tagger, "_tagger", lambda: object())
    monkeypatch.setattr(tagger, "MIN_TOKENS", 1)
    monkeypatch.setattr(tagger, "tag_sentence", lambda doc, sent, quotes, marginals=None: _sure(tags))
    [found] = tagger.candidates(doc, find_quotes(doc.text), [], set())
    assert doc.text[found.content[0] : found.content[1]] == "renominating him"
    assert found.speaker is not None and doc.text[found.speaker.start : found.speaker.end] == speaker
