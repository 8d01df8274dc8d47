from __future__ import annotations

import json
import pickle
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest
from click.testing import CliRunner
from eval_fixtures import ARTICLE, brat_annotation, brat_predictions

from quotes.cli.eval_cmd import eval_command
from quotes.errors import InputError, QuotesError
from quotes.nlp.doc import ParsedDoc


def write_predictions(path: Path, article: str = "corpus/dev/text/city_bridge.txt") -> Path:
    lines = [json.dumps(a.to_json(article)) for a in brat_predictions()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def invoke(*args: str) -> tuple[int, str, BaseException | None]:
    result = CliRunner().invoke(eval_command, list(args))
    return result.exit_code, result.output, result.exception


def test_json_report_from_saved_predictions(brat_split: Path, tmp_path: Path) -> None:
    predictions = write_predictions(tmp_path / "pred.jsonl")
    code, output, _ = invoke(str(brat_split), "--predictions", str(predictions), "--json")
    assert code == 0
    data = json.loads(output)
    assert data["gold"] == str(brat_split)
    assert data["predictions"] == str(predictions)
    assert data["articles"] == 1
    assert data["overall"]["content"]["f1"] == 0.75
    assert data["overall"]["end_to_end"]["tp_gold"] == 2
    assert data["by_kind"]["mixed"]["content"]["recall"] == 1.0
    assert "errors" not in data


def test_table_report(brat_split: Path, tmp_path: Path) -> None:
    predictions = write_predictions(tmp_path / "pred.jsonl")
    code, output, _ = invoke(str(brat_split), "--predictions", str(predictions))
    assert code == 0
    assert "1 articles" in output
    rows = {line.split()[0]: line.split() for line in output.splitlines() if line.strip()}
    # kind, gold, pred, P, R, F1 for the overall row
    assert rows["all"][:6] == ["all", "4", "4", "75.0", "75.0", "75.0"]
    assert "kinds of matched quotes" in output


def test_errors_and_limit(brat_split: Path, tmp_path: Path) -> None:
    (brat_split / "text" / "zz_later.txt").write_text(ARTICLE, encoding="utf-8")
    (brat_split / "attributions" / "zz_later_x.ann").write_text(brat_annotation(), encoding="utf-8")
    predictions = write_predictions(tmp_path / "pred.jsonl")
    args = [str(brat_split), "--predictions", str(predictions), "--json", "--errors", "3"]
    data = json.loads(invoke(*args)[1])
    assert data["articles"] == 2
    assert data["gold_quotes"] == 8
    data = json.loads(invoke(*args, "--limit", "1")[1])
    assert data["articles"] == 1
    assert data["notes"] == []  # predictions for articles cut by --limit are not "without gold"
    assert [len(data["errors"][k]) for k in ("false_positives", "false_negatives", "speaker_errors")] == [1, 1, 1]


def test_seed_gold_through_the_cli(seed_gold: Path, tmp_path: Path) -> None:
    text = seed_gold.with_name("oslo-talks.md").read_text(encoding="utf-8")
    start = text.index("We remain hopeful")
    record = {"article": "seeds/oslo-talks.md", "kind": "direct", "content": "We remain hopeful,"}
    record |= {"content_span": [start, start + 18], "speaker": "Kari Berg"}
    predictions = tmp_path / "seed.jsonl"
    predictions.write_text(json.dumps(record) + "\n", encoding="utf-8")
    data = json.loads(invoke(str(seed_gold.parent), "--predictions", str(predictions), "--json")[1])
    assert data["overall"]["content"]["precision"] == 1.0
    assert data["overall"]["speaker"]["accuracy"] == 1.0
    assert data["by_kind"]["direct"]["end_to_end"]["recall"] == 1.0


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("{not json", "pred.jsonl:1: invalid JSON"),
        ('["a list"]', "pred.jsonl:1: a prediction record must be a JSON object"),
        ('{"kind": "direct", "content": "x", "content_span": [0, 1]}', 'pred.jsonl:1: record has no "article"'),
        ('{"article": "a.txt", "kind": "direct", "content": "x", "content_span": [3]}', "content_span must be"),
        ('{"article": "a.txt", "content": "x", "content_span": [0, 1]}', '"kind" must be a string'),
    ],
)
def test_bad_prediction_records(brat_split: Path, tmp_path: Path, line: str, problem: str) -> None:
    predictions = tmp_path / "pred.jsonl"
    predictions.write_text(line + "\n", encoding="utf-8")
    code, _, exc = invoke(str(brat_split), "--predictions", str(predictions))
    assert code != 0
    assert isinstance(exc, InputError)
    assert problem in str(exc)


def test_predictions_that_name_no_gold_article(brat_split: Path, tmp_path: Path) -> None:
    predictions = write_predictions(tmp_path / "pred.jsonl", article="other/story.txt")
    _, _, exc = invoke(str(brat_split), "--predictions", str(predictions))
    assert isinstance(exc, QuotesError)
    assert "none of its 1 articles is a gold article" in str(exc)


def test_help_states_the_conventions() -> None:
    output = " ".join(invoke("--help")[1].split())
    assert "first .ann file by sorted file name" in output
    assert "--predictions" in output and "--limit" in output and "--models" in output


@pytest.mark.parametrize(
    ("make", "message"),
    [
        ("missing", "no such file or directory"),
        ("no_attributions", "not a PolNeAR split folder: no attributions/ inside"),
        ("malformed", "city_bridge_a1.ann:1: malformed line"),
    ],
)
def test_main_prints_one_line_for_bad_gold(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, make: str, message: str
) -> None:
    from quotes.cli.main import main  # noqa: PLC0415 - registers every command, so imported where needed

    split = tmp_path / "split"
    if make != "missing":
        (split / "text").mkdir(parents=True)
        (split / "text" / "city_bridge.txt").write_text(ARTICLE, encoding="utf-8")
    if make == "malformed":
        (split / "attributions").mkdir()
        (split / "attributions" / "city_bridge_a1.ann").write_text("T1 no tab\n", encoding="utf-8")
    monkeypatch.setattr(sys, "argv", ["quotes", "eval", str(split), "--predictions", str(tmp_path / "p.jsonl")])
    with pytest.raises(SystemExit) as stopped:
        main()
    assert stopped.value.code == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("error: ") and message in err
    assert "Traceback" not in err


# ---------------------------------------------------------------- scripts/eval_cached.py


def test_eval_cached_script(
    load_script: Callable[[str], ModuleType], brat_split: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "city_bridge.pkl").write_bytes(pickle.dumps(ParsedDoc(ARTICLE, ())))
    script = load_script("eval_cached")
    args = [str(cache), str(brat_split), "--json", "--errors", "2", "--extractor", "eval_fixtures:fixture_extract"]
    assert script.main(args) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["overall"]["content"]["f1"] == 0.75
    assert data["errors"]["false_negatives"][0]["gold"]["ref"] == "E4"

    assert script.main([*args[:2], "--extractor", "eval_fixtures:fixture_extract"]) == 0
    assert "75.0" in capsys.readouterr().out


def test_eval_cached_script_without_cached_parses(load_script: Callable[[str], ModuleType],
    brat_split: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "cache").mkdir()
    script = load_script("eval_cached")
    args = [str(tmp_path / "cache"), str(brat_split), "--extractor", "eval_fixtures:fixture_extract"]
    assert script.main(args) == 1
    assert "no NAME.pkl for any of the 1 gold articles" in capsys.readouterr().err


def test_saved_predictions_keep_their_pieces_and_bad_pieces_are_refused() -> None:
    from quotes.evaluate.predictions import attribution_from_json  # noqa: PLC0415
    from quotes.extract.types import Attribution  # noqa: PLC0415

    made = Attribution(kind="direct", content="A, he said. B", content_span=(0, 13), content_pieces=((0, 1), (12, 13)))
    assert attribution_from_json(made.to_json("a.txt")) == made
    record = made.to_json("a.txt") | {"content_pieces": [[0, 1], [12, 20]]}
    with pytest.raises(ValueError, match="outside content_span"):
        attribution_from_json(record)
