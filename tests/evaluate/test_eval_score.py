from __future__ import annotations

import json
from pathlib import Path

import pytest
from eval_fixtures import ARTICLE, SEED_ARTICLE, attribution, brat_predictions, span_of

from quotes.errors import QuotesError
from quotes.evaluate import GoldQuote, collect_errors, format_errors, load_polnear, load_seed_gold, sample_errors, score
from quotes.evaluate.gold import SPEAKER_BY_NAME, SPEAKER_BY_SPAN
from quotes.evaluate.score import speaker_is_right
from quotes.extract.types import KINDS, Attribution


def test_score_counts_and_rates(brat_split: Path) -> None:
    gold = load_polnear(brat_split)
    report = score(gold, {"city_bridge": brat_predictions()})
    overall = report.overall
    assert (overall.content.gold, overall.content.predicted, overall.content.hit_gold) == (4, 4, 3)
    assert overall.content.precision == pytest.approx(0.75)
    assert overall.content.recall == pytest.approx(0.75)
    assert overall.exact.hit_gold == 3
    assert (overall.speaker_right, overall.speaker_judged) == (2, 3)
    assert overall.end_to_end.f1 == pytest.approx(0.5)
    (result,) = report.results
    assert result.missed == [3]  # E4
    assert result.spurious == [3]
    assert [round(p.jaccard, 3) for p in result.pairs] == [1.0, round(48 / 62, 3), 1.0]


def test_kind_slices_use_predicted_kind_for_precision_and_gold_kind_for_recall(brat_split: Path) -> None:
    report = score(load_polnear(brat_split), {"city_bridge": brat_predictions()})
    direct, mixed, indirect = (report.slices[k] for k in KINDS)
    # Predicted direct: two, both matched (one of them to a mixed gold quote).
    assert (direct.content.precision, direct.content.recall) == (1.0, 1.0)
    # No prediction says mixed, yet the mixed gold quote was found.
    assert (mixed.content.predicted, mixed.content.precision, mixed.content.recall) == (0, 0.0, 1.0)
    assert (indirect.content.precision, indirect.content.recall) == (0.5, 0.5)
    # End to end: the direct gold quote lost its speaker, the mixed one kept it.
    assert direct.end_to_end.hit_predicted == 1 and direct.end_to_end.hit_gold == 0
    assert mixed.end_to_end.recall == 1.0
    assert report.kind_confusion["mixed"]["direct"] == 1
    assert report.kind_confusion["direct"]["direct"] == 1


def test_no_predictions_for_an_article_means_nothing_found(brat_split: Path) -> None:
    report = score(load_polnear(brat_split), {})
    assert report.overall.content.recall == 0.0
    assert report.overall.content.precision == 0.0
    assert report.overall.content.gold == 4


def test_predictions_for_unknown_articles_are_noted(brat_split: Path) -> None:
    report = score(load_polnear(brat_split), {"elsewhere": [attribution(ARTICLE, "direct", "Costs")]})
    assert report.overall.content.predicted == 0
    assert any("elsewhere" in note for note in report.notes)


def test_span_outside_the_article_is_an_error(brat_split: Path) -> None:
    bad = Attribution("direct", "x", (0, len(ARTICLE) + 5))
    with pytest.raises(QuotesError, match="city_bridge: prediction 0 has content_span"):
        score(load_polnear(brat_split), {"city_bridge": [bad]})


@pytest.mark.parametrize("threshold", [0.0, -1.0, 1.5])
def test_threshold_must_be_a_proper_fraction(brat_split: Path, threshold: float) -> None:
    with pytest.raises(QuotesError, match="threshold"):
        score(load_polnear(brat_split), {}, threshold=threshold)


def test_seed_gold_optional_quote_is_neither_missed_nor_wrong(seed_gold: Path) -> None:
    gold = load_seed_gold(seed_gold)
    predictions = [
        attribution(SEED_ARTICLE, "indirect", "Talks in Oslo"),  # the optional headline
        attribution(SEED_ARTICLE, "direct", "“We remain hopeful,”", speaker="Berg"),
        attribution(SEED_ARTICLE, "mixed", "the talks were “productive.”", speaker="The Foreign Ministry"),
    ]
    report = score(gold, {"oslo-talks": predictions})
    overall = report.overall
    assert (overall.content.gold, overall.content.predicted) == (3, 2)
    assert overall.content.precision == 1.0
    assert overall.content.recall == pytest.approx(2 / 3)
    assert (overall.speaker_right, overall.speaker_judged) == (1, 2)
    assert report.results[0].excused == [0]
    assert report.to_dict()["optional_gold_quotes"] == 1


SPAN_TEXT = "Mayor Ann Lee said he would go. The mayor added more."


def _gold_span(mention: str | None) -> GoldQuote:
    spans = (span_of(SPAN_TEXT, mention),) if mention else ()
    return GoldQuote("indirect", ((19, 30),), "he would go", speaker=mention, speaker_spans=spans)


@pytest.mark.parametrize(
    ("mention", "predicted", "right"),
    [
        ("Mayor Ann Lee", {"speaker_span": span_of(SPAN_TEXT, "Lee")}, True),
        ("Mayor Ann Lee", {"speaker_span": span_of(SPAN_TEXT, "said")}, False),  # adjacent is not overlapping
        ("Mayor Ann Lee", {"speaker": "mayor ann lee", "speaker_span": (100, 110)}, True),  # same name elsewhere
        ("The mayor", {"speaker_mention": "mayor"}, True),  # leading "the" and case ignored
        ("he", {"speaker": "he", "speaker_span": (0, 2)}, False),  # a pronoun is judged by position only
        ("he", {"speaker": "Ann Lee", "speaker_span": span_of(SPAN_TEXT, "he")}, True),
        (None, {}, True),  # no gold source, none predicted
        (None, {"speaker": "Ann Lee"}, False),
    ],
)
def test_speaker_by_span(mention: str | None, predicted: dict[str, object], right: bool) -> None:
    guess = Attribution("indirect", "he would go", (19, 30), **predicted)  # type: ignore[arg-type]
    assert speaker_is_right(_gold_span(mention), guess, SPEAKER_BY_SPAN) is right


NAME_GOLD = GoldQuote("direct", ((0, 5),), "x", speaker="Russia's Foreign Ministry", aliases=("Foreign Ministry",))


@pytest.mark.parametrize(
    ("predicted", "right"),
    [
        ({"speaker": "Russia's Foreign Ministry"}, True),
        ({"speaker": "russia’s foreign  ministry"}, True),  # curly apostrophe, case, spacing
        ({"speaker": "The Foreign Ministry"}, True),  # alias, leading "the"
        ({"speaker_mention": "Foreign Ministry"}, True),  # no resolved name: its mention is used
        ({"speaker": "Kremlin"}, False),
        ({"speaker": "Ministry"}, False),  # part of a name is not the name
        ({}, False),
    ],
)
def test_speaker_by_name(predicted: dict[str, object], right: bool) -> None:
    guess = Attribution("direct", "x", (0, 5), **predicted)  # type: ignore[arg-type]
    assert speaker_is_right(NAME_GOLD, guess, SPEAKER_BY_NAME) is right


def test_report_dict_shape(brat_split: Path) -> None:
    report = score(load_polnear(brat_split), {"city_bridge": brat_predictions()})
    data = report.to_dict()
    json.dumps(data)  # plain JSON types only
    assert set(data) == {
        "articles",
        "gold_quotes",
        "predicted_quotes",
        "optional_gold_quotes",
        "settings",
        "overall",
        "by_kind",
        "kind_confusion",
        "notes",
    }
    assert set(data["by_kind"]) == set(KINDS)
    for block in (data["overall"], *data["by_kind"].values()):
        assert set(block) == {"content", "exact", "speaker", "end_to_end"}
        for metric in ("content", "exact", "end_to_end"):
            assert set(block[metric]) == {"precision", "recall", "f1", "predicted", "gold", "tp_predicted", "tp_gold"}
        assert set(block["speaker"]) == {"accuracy", "correct", "matched"}
    assert data["overall"]["content"]["f1"] == 0.75
    assert data["settings"]["jaccard_threshold"] == 0.5


def test_error_listing(brat_split: Path) -> None:
    report = score(load_polnear(brat_split), {"city_bridge": brat_predictions()})
    errors = collect_errors(report)
    assert [len(errors[k]) for k in ("false_positives", "false_negatives", "speaker_errors")] == [1, 1, 1]
    assert errors["false_negatives"][0]["gold"]["ref"] == "E4"
    assert errors["speaker_errors"][0]["gold"]["speaker"] == "Lee"
    assert sample_errors(report, 5) == sample_errors(report, 5)
    assert all(len(v) == 0 for v in sample_errors(report, 0).values())
    text = format_errors(sample_errors(report, 1))
    assert "false positives (1 shown)" in text and "in a statement" in text


PIECES_ARTICLE = '"We agree," Lee said after the long vote on the budget at the city hall. "Now we build."\n'


def _pieces_split(root: Path) -> Path:
    from eval_fixtures import t_line  # noqa: PLC0415

    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    (root / "text" / "vote.txt").write_text(PIECES_ARTICLE, encoding="utf-8")
    lines = [
        t_line("T1", "Content", '"We agree,"', '"Now we build."', text=PIECES_ARTICLE),
        t_line("T2", "Source", "Lee", text=PIECES_ARTICLE),
        t_line("T3", "Cue", "said", text=PIECES_ARTICLE),
        "E1\tAttribution:T3 Cue:T3 Source:T2 Content:T1",
    ]
    (root / "attributions" / "vote_a1.ann").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


def test_a_content_in_pieces_is_scored_by_its_pieces(tmp_path: Path) -> None:
    gold = load_polnear(_pieces_split(tmp_path / "split"))
    start, end = PIECES_ARTICLE.index("We agree"), PIECES_ARTICLE.index("build.") + len("build.")
    whole = Attribution(kind="direct", content=PIECES_ARTICLE[start:end], content_span=(start, end))
    pieces = (span_of(PIECES_ARTICLE, "We agree,"), span_of(PIECES_ARTICLE, "Now we build."))
    # One span over both quotations is mostly the clause between them: no match.
    assert score(gold, {"vote": [whole]}).overall.content.hit_gold == 0
    in_pieces = Attribution(kind="direct", content=whole.content, content_span=(start, end), content_pieces=pieces)
    report = score(gold, {"vote": [in_pieces]})
    assert report.overall.content.hit_gold == 1
    assert report.overall.exact.hit_gold == 1
