"""Where a content right of its cue stops: the learned end model, its shipped file and its training script."""

from __future__ import annotations

import json
import math
import pickle
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from types import ModuleType

import pytest
from extract_conll import parse

from quotes.extract import boundaries, extract, tagger
from quotes.extract.candidates import Candidate
from quotes.extract.engine import boilerplate_sentences, raw_candidates
from quotes.extract.quotemarks import find_quotes
from quotes.extract.syntax import SentenceView
from quotes.nlp.doc import ParsedDoc

DEFENDED_IN_INTERVIEW = """
Reid Reid PROPN NNP 2 nsubj S-PERSON
defended defend VERB VBD 0 root
Cruz Cruz PROPN NNP 2 obj S-PERSON
in in ADP IN 6 case
an a DET DT 6 det
interview interview NOUN NN 2 obl
. . PUNCT . 2 punct
"""

LED_BY_NAME_APPOSITION = """
Interfax Interfax PROPN NNP 2 nsubj S-ORG
reported report VERB VBD 0 root
that that SCONJ IN 7 mark
the the DET DT 5 det
delegation delegation NOUN NN 7 nsubj:pass
was be AUX VBD 7 aux:pass
led lead VERB VBN 2 ccomp
by by ADP IN 9 case
Marzouk Marzouk PROPN NNP 7 obl:agent S-PERSON
, , PUNCT , 13 punct
a a DET DT 13 det
senior senior ADJ JJ 13 amod
member member NOUN NN 2 parataxis
. . PUNCT . 2 punct
"""

# Stops before any phrase that hangs on the cue itself ("in an interview"), and nowhere else.
_CUE_ADJUNCT_MODEL = {"weights": {"bias": -6.0, "topdep,place=obl,cue": 9.0, "topdep,place=parataxis,cue": 9.0}}


def _only_content(doc: ParsedDoc) -> str:
    found = extract(doc)
    assert len(found) == 1, [a.content for a in found]
    return found[0].content


def test_no_model_keeps_the_finder_content(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(boundaries, "model", lambda: None)
    assert _only_content(parse(DEFENDED_IN_INTERVIEW)) == "Cruz in an interview"


def test_content_stops_where_the_model_says(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(boundaries, "model", lambda: _CUE_ADJUNCT_MODEL)
    assert _only_content(parse(DEFENDED_IN_INTERVIEW)) == "Cruz"


def test_an_apposition_is_never_cut_off(monkeypatch: pytest.MonkeyPatch) -> None:
    # The parser hung "a senior member" on the cue; it still describes the name before it.
    monkeypatch.setattr(boundaries, "model", lambda: _CUE_ADJUNCT_MODEL)
    assert _only_content(parse(LED_BY_NAME_APPOSITION)) == "that the delegation was led by Marzouk, a senior member"


def test_a_content_may_run_past_the_finder_end(monkeypatch: pytest.MonkeyPatch) -> None:
    # A model that never stops lets the content run to the end of the sentence.
    monkeypatch.setattr(boundaries, "model", lambda: {"weights": {"bias": -9.0}})
    doc = parse(DEFENDED_IN_INTERVIEW)
    quotes = find_quotes(doc.text)
    cand = raw_candidates(doc, quotes, boilerplate_sentences(doc))[0]
    short = replace(cand, content=(cand.content[0], doc.text.index(" an")))
    assert doc.text[slice(*short.content)] == "Cruz in"
    assert doc.text[slice(*boundaries.trim_end(doc, short, quotes).content)] == "Cruz in an interview"


def test_the_end_chosen_overlaps_the_likely_ends_by_half() -> None:
    # Stopping after 10 or after 40 characters is equally likely; an end at 20 overlaps either by half,
    # so it is the one most likely to match, though it is itself the least likely stop.
    assert boundaries.best_end(0, {10: 0.45, 20: 0.1, 40: 0.45}) == 20


def test_the_chosen_end_carries_its_chance_of_a_match(monkeypatch: pytest.MonkeyPatch) -> None:
    assert boundaries.match_chance(0, 20, {10: 0.45, 20: 0.1, 40: 0.45}) == pytest.approx(1.0)
    assert boundaries.match_chance(0, 10, {10: 0.45, 20: 0.1, 40: 0.45}) == pytest.approx(0.55)
    # The acceptance model reads it: a content whose end the model doubts is less often right.
    monkeypatch.setattr(boundaries, "model", lambda: _CUE_ADJUNCT_MODEL)
    doc = parse(DEFENDED_IN_INTERVIEW)
    quotes = find_quotes(doc.text)
    cand = raw_candidates(doc, quotes, boilerplate_sentences(doc))[0]
    assert cand.end_chance is None
    trimmed = boundaries.trim_end(doc, cand, quotes)
    assert doc.text[slice(*trimmed.content)] == "Cruz"
    # The model stops before "in" and before "an" each at hazard h = 1 / (1 + e^-3); "Cruz" matches an
    # annotated "Cruz" or "Cruz in" (half of it), so only running past both misses: 1 - (1 - h)^2.
    hazard = 1 / (1 + math.exp(-3))
    assert trimmed.end_chance == pytest.approx(1 - (1 - hazard) ** 2)


def _chances(doc: ParsedDoc, content: dict[str, float]) -> tagger.Marginals:
    """Label chances for the one sentence: ``content`` by word, the rest of each token's chance on O."""
    rows = []
    for tok in doc.sentences[0].tokens:
        chance = content.get(tok.text, 0.0)
        rows.append({"Content": chance, "O": 1.0 - chance})
    return {0: rows}


def test_the_tagger_content_chances_move_the_end(monkeypatch: pytest.MonkeyPatch) -> None:
    # Stop wherever the tagger gives the next word under a fifth of a chance to be content.
    monkeypatch.setattr(boundaries, "model", lambda: {"weights": {"bias": -9.0, "tc=0": 18.0}})
    doc = parse(DEFENDED_IN_INTERVIEW)
    quotes = find_quotes(doc.text)
    cand = raw_candidates(doc, quotes, boilerplate_sentences(doc))[0]
    inside = dict.fromkeys(["Cruz", "in", "an", "interview"], 0.9)

    def ends_with(marginals: tagger.Marginals) -> str:
        return doc.text[slice(*boundaries.trim_end(doc, cand, quotes, marginals).content)]

    assert ends_with(_chances(doc, inside)) == "Cruz in an interview"
    assert ends_with(_chances(doc, {**inside, "in": 0.05, "an": 0.05, "interview": 0.05})) == "Cruz"


def test_features_read_the_content_chance_at_and_before_the_cut() -> None:
    doc = parse(DEFENDED_IN_INTERVIEW)
    view = SentenceView(doc, doc.sentences[0])
    chances = [0.0, 0.0, 0.95, 0.3, 0.1, 0.1, 0.0]
    feats = boundaries.features(view, 2, 3, 1, "object", 5, chances)
    assert {"tc=1", "tc_prev=4", "tc_prev,tc=4,1", "tc_ahead=0"} <= set(feats)
    # A likely cue or speaker just ahead ("an interview" here) opens another report.
    cue_or_source = [0.0, 0.0, 0.0, 0.0, 0.0, 0.9, 0.0]
    feats = boundaries.features(view, 2, 3, 1, "object", 5, chances, cue_or_source)
    assert {"tr_ahead=4", "tr_ahead,tc=4,1"} <= set(feats)
    assert not [f for f in boundaries.features(view, 2, 3, 1, "object", 5) if f.startswith("tc")]


DEFENDED_ON_THURSDAY = """
Reid Reid PROPN NNP 2 nsubj S-PERSON
defended defend VERB VBD 0 root
Cruz Cruz PROPN NNP 2 obj S-PERSON
on on ADP IN 5 case
Thursday Thursday PROPN NNP 2 obl S-DATE
. . PUNCT . 2 punct
"""


def _view(conll: str) -> SentenceView:
    doc = parse(conll)
    return SentenceView(doc, doc.sentences[0])


def test_features_read_a_named_time_or_place_ahead_and_the_kind_of_cue_it_hangs_on() -> None:
    feats = set(boundaries.features(_view(DEFENDED_ON_THURSDAY), 2, 3, 1, "object", 4))
    # "on Thursday" hangs on the stance verb "defended": when, not what.
    assert {"ner,place=DATE,cue", "kind,topdep=stance,obl"} <= feats
    assert "ner,place=O,cue" in boundaries.features(_view(DEFENDED_IN_INTERVIEW), 2, 3, 1, "object", 5)


def test_among_ends_that_match_as_often_the_likeliest_wins() -> None:
    assert boundaries.best_end(100, {110: 0.2, 112: 0.6, 114: 0.2}) == 112
    assert boundaries.best_end(100, {110: 0.7, 190: 0.3}) == 110


def test_shipped_model_holds_weights_only() -> None:
    model = boundaries.model()
    assert model is not None
    weights = model["weights"]
    assert weights and all(isinstance(v, float) for v in weights.values())
    # Feature names are short and spaceless: word classes, relations and single closed-class words, no text.
    assert all(len(name) <= 80 and " " not in name for name in weights)


def test_training_script_writes_the_model_format(
    load_script: Callable[[str], ModuleType], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("sklearn")
    doc = parse(DEFENDED_IN_INTERVIEW)
    split = tmp_path / "train"
    (split / "text").mkdir(parents=True)
    (split / "attributions").mkdir()
    cache = tmp_path / "cache"
    cache.mkdir()
    for i in range(4):
        name = f"article{i}"
        (split / "text" / f"{name}.txt").write_text(doc.text, encoding="utf-8")
        (cache / f"{name}.pkl").write_bytes(pickle.dumps(doc))
        cruz, end = doc.text.index("Cruz"), doc.text.index(".")
        ann = [
            "T1\tSource 0 4\tReid",
            "T2\tCue 5 13\tdefended",
            f"T3\tContent {cruz} {end}\t{doc.text[cruz:end]}",
            "T4\tAttribution 5 13\tdefended",
            "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
        ]
        (split / "attributions" / f"{name}_a.ann").write_text("\n".join(ann) + "\n", encoding="utf-8")
    out = tmp_path / "content_end.json"
    script = load_script("train_content_end")
    assert script.main([str(cache), str(split), "-o", str(out)]) == 0
    model = json.loads(out.read_text(encoding="utf-8"))
    assert model["articles"] == 4 and model["examples"] == 4 * 4
    assert model["weights"] and all(isinstance(v, float) for v in model["weights"].values())
    # Same data, same file.
    first = out.read_bytes()
    assert script.main([str(cache), str(split), "-o", str(out)]) == 0
    assert out.read_bytes() == first
    assert "4 articles" in capsys.readouterr().out
    assert not [name for name in model["weights"] if name.startswith("tc")]
    # With taggers fitted without each article's fold, the end model learns from their content chances.
    for fold in (0, 1):
        held = ["--holdout=2", f"--fold={fold}", "--cache", str(cache)]
        tagger_file = tmp_path / f"tagger_{fold}_of_2.crfsuite"
        assert load_script("train_tagger").main([str(split), *held, "-o", str(tagger_file)]) == 0
    args = [str(cache), str(split), "--taggers", str(tmp_path), "--tagger-folds", "2", "-o", str(out)]
    assert script.main(args) == 0
    assert [name for name in json.loads(out.read_text(encoding="utf-8"))["weights"] if name.startswith("tc")]
    assert tagger._tagger() is tagger._shipped_tagger()


SAID_ACCORDING_TO = """
Peskov Peskov PROPN NNP 2 nsubj S-PERSON
said say VERB VBD 0 root
talks talk NOUN NNS 5 nsubj
would would AUX MD 5 aux
end end VERB VB 2 ccomp
, , PUNCT , 9 punct
according accord VERB VBG 9 case
to to ADP IN 7 fixed
Politico Politico PROPN NNP 2 obl S-ORG
. . PUNCT . 2 punct
"""


def test_a_content_never_runs_on_into_according_to(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(boundaries, "model", lambda: {"weights": {"bias": -9.0}})
    found = extract(parse(SAID_ACCORDING_TO))
    assert [a.content for a in found] == ["talks would end"]


COALITION_SHOWS_UP = """
Reid Reid PROPN NNP 2 nsubj S-PERSON
said say VERB VBD 0 root
that that SCONJ IN 13 mark
the the DET DT 5 det
coalition coalition NOUN NN 13 nsubj
of of ADP IN 7 case
minorities minority NOUN NNS 5 nmod
, , PUNCT , 10 punct
young young ADJ JJ 10 amod
people people NOUN NNS 7 conj
and and CCONJ CC 12 cc
women woman NOUN NNS 7 conj
show show VERB VBP 2 ccomp
up up ADP RP 13 compound:prt
. . PUNCT . 2 punct
"""


def test_features_count_the_arcs_a_cut_would_break() -> None:
    doc = parse(COALITION_SHOWS_UP)
    view = SentenceView(doc, doc.sentences[0])
    words = [t.text for t in view.tokens]
    first, last = words.index("that"), words.index("up")

    def arcs(before: str) -> list[str]:
        feats = boundaries.features(view, first, words.index(before), 1, "complement", last)
        return [f for f in feats if f.startswith("arcs=")]

    # Before "and": "that" and "coalition" wait for their verb, and "women" loses its head "minorities".
    assert arcs("and") == ["arcs=2,1"]
    assert arcs("show") == ["arcs=2,0"]
    assert arcs(".") == ["arcs=0,0"]


GREETED_IN_INTERVIEW = DEFENDED_IN_INTERVIEW.replace("defended defend", "greeted greet")


def test_tagger_contents_stop_where_the_model_says(monkeypatch: pytest.MonkeyPatch) -> None:
    doc = parse(GREETED_IN_INTERVIEW)
    assert extract(doc) == []  # "greet" is no cue the rules know
    cue = (doc.text.index("greeted"), doc.text.index(" Cruz"))
    content = (doc.text.index("Cruz"), doc.text.index("."))
    tagged = Candidate(content, cue, "greet", 0, None, "tagger", 0.4)
    monkeypatch.setattr(tagger, "candidates", lambda *args: [tagged])
    monkeypatch.setattr(boundaries, "model", lambda: _CUE_ADJUNCT_MODEL)
    assert _only_content(doc) == "Cruz"
