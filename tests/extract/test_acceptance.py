"""The acceptance model: its chance becomes the confidence, the unlikely are dropped; how it is fitted."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest
from extract_conll import parse
from test_constructions import SAID_THAT, UNCLOSED_QUOTE

from quotes.extract import acceptance, extract
from quotes.extract.engine import extract_unjudged
from quotes.extract.types import Attribution


def _model(tmp_path: Path, weights: dict[str, float], threshold: float = 0.5) -> Path:
    path = tmp_path / "acceptance.json"
    path.write_text(json.dumps({"threshold": threshold, "weights": weights}), encoding="utf-8")
    return path


def test_the_chance_becomes_the_confidence_and_the_unlikely_are_dropped(tmp_path: Path) -> None:
    doc = parse(SAID_THAT)
    # The finders' choice set "continue talks" aside as a report inside the content; "rival" weighs it down.
    unjudged, _ = extract_unjudged(doc)
    assert unjudged[1]["rule=complement"] == 1.0 and unjudged[1]["cue=say"] == 1.0
    acceptance.use_model(_model(tmp_path, {"bias": 1.0, "cue=say": 1.0, "rival": -3.0}))
    (judged,) = extract(doc)
    assert judged.content == "that Moscow would continue talks"
    assert judged.confidence == pytest.approx(0.8808, abs=1e-4)  # 1 / (1 + e^-2)
    acceptance.use_model(_model(tmp_path, {"bias": 1.0, "cue=say": -2.0, "rival": -3.0}))
    assert extract(doc) == []  # chance 0.27, under the threshold
    # A model handed over directly judges in place of the one in use.
    (kept,) = acceptance.judge(extract_unjudged(doc), {"threshold": 0.5, "weights": {"bias": 2.0, "rival": -4.0}})
    assert kept.confidence == pytest.approx(0.8808, abs=1e-4)


def _said(content: tuple[int, int], cue: tuple[int, int] | None) -> Attribution:
    return Attribution(kind="indirect", content="x", content_span=content, cue="said" if cue else None, cue_span=cue)


def test_of_attributions_sharing_cue_words_the_likeliest_stays() -> None:
    rule, rival = _said((10, 40), (5, 9)), _said((42, 60), (0, 9))
    other, cueless = _said((70, 90), (62, 66)), _said((95, 99), None)
    judged = [(rule, 0.6), (rival, 0.7), (other, 0.4), (cueless, 0.4)]
    assert acceptance.one_per_cue(judged) == [rival, other, cueless]
    # On a tie the earlier one stays.
    assert acceptance.one_per_cue([(rule, 0.5), (rival, 0.5)]) == [rule]


# "Peskov said Kyiv rejected the plan": the report of "rejected" lies inside the content of "said".
NESTED_REPORT = """
Peskov Peskov PROPN NNP 2 nsubj S-PERSON
said say VERB VBD 0 root
Kyiv Kyiv PROPN NNP 4 nsubj S-GPE
rejected reject VERB VBD 2 ccomp
the the DET DT 6 det
plan plan NOUN NN 4 obj
. . PUNCT . 2 punct
"""


def test_a_report_set_aside_inside_another_is_judged_against_the_one_that_won(tmp_path: Path) -> None:
    doc = parse(NESTED_REPORT)
    outer, inner = extract_unjudged(doc)
    assert (outer[0].content, outer[0].cue) == ("Kyiv rejected the plan", "said")
    assert acceptance.RIVAL not in outer[1]
    assert (inner[0].content, inner[0].cue) == ("the plan", "rejected")
    assert inner[1]["rival=inside"] == inner[1][acceptance.RIVAL] == 1.0
    # Both clear the threshold; only the likelier of the two stays.
    acceptance.use_model(_model(tmp_path, {"bias": 1.0, "rival": 1.0}))
    assert [a.content for a in extract(doc)] == ["the plan"]
    acceptance.use_model(_model(tmp_path, {"bias": 1.0, "rival": -0.5}))
    assert [a.content for a in extract(doc)] == ["Kyiv rejected the plan"]


def test_a_set_aside_candidate_competes_only_with_contents_it_mostly_shares() -> None:
    outer, inner, apart = _said((10, 60), (5, 9)), _said((30, 60), (20, 29)), _said((70, 90), (62, 66))
    judged = [(outer, 0.6), (inner, 0.7), (apart, 0.4)]
    assert acceptance.one_per_cue(judged, {1}) == [inner, apart]
    assert acceptance.one_per_cue([(outer, 0.8), (inner, 0.7), (apart, 0.4)], {1}) == [outer, apart]
    # Without being set aside, neither competes: nesting alone is no conflict.
    assert acceptance.one_per_cue(judged) == [outer, inner, apart]


def test_an_attribution_that_lost_to_a_likelier_one_takes_none_out_with_it() -> None:
    # "RIA reported that A, and B were said to have C": the tagger's longer reading of the report loses to
    # the rule's and must not take the nested "were said" out with it.
    report, reading, nested = _said((10, 40), (2, 9)), _said((10, 80), None), _said((50, 80), (42, 49))
    judged = [(report, 0.9), (reading, 0.75), (nested, 0.6)]
    assert acceptance.one_per_cue(judged, {1}) == [report, nested]


def test_features_read_how_the_content_hangs_on_its_cue_and_whether_the_tagger_sees_a_source() -> None:
    unjudged, _ = extract_unjudged(parse(SAID_THAT))
    feats = unjudged[1]
    # "continue" heads "that Moscow would continue talks" and hangs on the cue "said" as its complement.
    assert feats["root_rel=ccomp"] == feats["root_rel,on_cue=ccomp,True"] == feats["roots=1"] == 1.0
    assert 0.0 <= feats["tag_source"] <= 1.0  # the tagger's Source chance on "Peskov"
    assert 0.0 <= feats["tag_low"] <= 1.0  # the share of content words the tagger doubts


def test_without_a_model_every_attribution_keeps_its_finder_confidence() -> None:
    doc = parse(SAID_THAT)
    acceptance.use_model(None, disabled=True)
    unjudged = extract_unjudged(doc)
    assert extract(doc) == [attribution for attribution, feats in unjudged if acceptance.RIVAL not in feats]
    # A report the finders' choice set aside ("continue talks" inside the content of "said") stays out.
    assert len(unjudged) == 2 and len(extract(doc)) == 1


def test_a_recovered_quotation_keeps_its_flag_of_doubt(tmp_path: Path) -> None:
    acceptance.use_model(_model(tmp_path, {"bias": 3.0}))
    (recovered,) = extract(parse(UNCLOSED_QUOTE))
    closed = extract(parse(UNCLOSED_QUOTE.replace("\n\n#par", "\n” \" PUNCT '' 2 punct\n\n#par")))[0]
    assert closed.confidence == pytest.approx(0.9526, abs=1e-4)
    assert recovered.confidence == pytest.approx(0.9526 * acceptance.RECOVERED_FACTOR, abs=1e-4)


@pytest.mark.judged
def test_the_shipped_model_doubts_a_recovered_quotation_more_than_a_closed_one() -> None:
    assert acceptance.model() is not None
    (recovered,) = extract(parse(UNCLOSED_QUOTE))
    closed = extract(parse(UNCLOSED_QUOTE.replace("\n\n#par", "\n” \" PUNCT '' 2 punct\n\n#par")))[0]
    assert recovered.content == closed.content == "We win again."
    assert recovered.confidence < 0.6 < closed.confidence


def _examples(tmp_path: Path, rows: list[tuple[dict[str, float], int]]) -> Path:
    path = tmp_path / "examples.jsonl"
    lines = [json.dumps({"article": f"a{i % 3}", "features": f, "label": y}) for i, (f, y) in enumerate(rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_fitted_weights_favour_what_is_right_and_load_as_a_model(
    load_script: Callable[[str], ModuleType], tmp_path: Path
) -> None:
    pytest.importorskip("sklearn")
    rows = [({"bias": 1.0, "rule=complement": 1.0}, 1)] * 8 + [({"bias": 1.0, "rule=tagger": 1.0}, 0)] * 8
    rows += [({"bias": 1.0, "rule=tagger": 1.0}, 1), ({"bias": 1.0, "rule=complement": 1.0}, 0)]
    out = tmp_path / "model.json"
    assert load_script("train_acceptance").main([str(_examples(tmp_path, rows)), "-o", str(out)]) == 0
    model = json.loads(out.read_text(encoding="utf-8"))
    assert model["examples"] == 18 and model["articles"] == 3 and model["threshold"] == 0.3
    assert model["weights"]["rule=complement"] > 0 > model["weights"]["rule=tagger"]
    acceptance.use_model(out)
    right = acceptance.probability(model["weights"], {"bias": 1.0, "rule=complement": 1.0})
    assert right > 0.5 > acceptance.probability(model["weights"], {"bias": 1.0, "rule=tagger": 1.0})
    assert acceptance.model() == model


def test_examples_of_one_label_only_are_one_clear_error(
    load_script: Callable[[str], ModuleType], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _examples(tmp_path, [({"bias": 1.0}, 1)] * 4)
    assert load_script("train_acceptance").main([str(path)]) == 1
    assert capsys.readouterr().err.strip() == f"error: {path}: the examples need both right and wrong attributions"
    missing = tmp_path / "none.jsonl"
    assert load_script("train_acceptance").main([str(missing)]) == 1
    assert capsys.readouterr().err.strip() == f"error: {missing}: no such file of examples"
