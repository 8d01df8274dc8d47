"""scripts/cross_validate.py: learned parts refitted per fold, every article scored by parts that never saw it."""

from __future__ import annotations

import json
import pickle
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest
from extract_conll import parse

from quotes.extract import acceptance, boundaries, tagger

REID_SAID_HE_VISITED = """
Reid Reid PROPN NNP 2 nsubj S-PERSON
said say VERB VBD 0 root
he he PRON PRP 4 nsubj
visited visit VERB VBD 2 ccomp
Iowa Iowa PROPN NNP 4 obj S-GPE
. . PUNCT . 2 punct
"""


def _split(tmp_path: Path, articles: int) -> tuple[Path, Path]:
    doc = parse(REID_SAID_HE_VISITED)
    split, cache = tmp_path / "train", tmp_path / "cache"
    (split / "text").mkdir(parents=True)
    (split / "attributions").mkdir()
    cache.mkdir()
    start, end = doc.text.index("he"), doc.text.index(".")
    ann = [
        "T1\tSource 0 4\tReid",
        "T2\tCue 5 9\tsaid",
        f"T3\tContent {start} {end}\t{doc.text[start:end]}",
        "T4\tAttribution 5 9\tsaid",
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
    ]
    for i in range(articles):
        (split / "text" / f"article{i}.txt").write_text(doc.text, encoding="utf-8")
        (split / "attributions" / f"article{i}_a.ann").write_text("\n".join(ann) + "\n", encoding="utf-8")
        (cache / f"article{i}.pkl").write_bytes(pickle.dumps(doc))
    return split, cache


def test_every_article_is_scored_once_and_the_shipped_parts_come_back(load_script: Callable[[str], ModuleType],
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("sklearn")
    split, cache = _split(tmp_path, 4)
    shipped_end = boundaries.model()
    assert load_script("cross_validate").main([str(cache), str(split), "--folds", "2"]) == 0
    out = capsys.readouterr().out
    assert "4 articles" in out and "2 of 2 folds" in out
    # Each fold's refitted parts were in use only while its articles were extracted.
    assert boundaries.model() is shipped_end
    assert tagger._tagger() is tagger._shipped_tagger()
    assert acceptance.model() is acceptance._shipped_model()


def test_fold_files_are_kept_and_reused_and_the_examples_written(
    load_script: Callable[[str], ModuleType], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("sklearn")
    split, cache = _split(tmp_path, 4)
    models, examples = tmp_path / "models", tmp_path / "examples.jsonl"
    args = [str(cache), str(split), "--folds", "2", "--models", str(models), "--examples", str(examples)]
    assert load_script("cross_validate").main(args) == 0
    kept = {p.name: p.stat().st_mtime_ns for p in models.iterdir()}
    assert sorted(kept) == [
        "content_end_0_of_2.json", "content_end_1_of_2.json", "tagger_0_of_2.crfsuite", "tagger_1_of_2.crfsuite"
    ]
    rows = [json.loads(line) for line in examples.read_text(encoding="utf-8").splitlines()]
    assert sorted(r["article"] for r in rows) == ["article0", "article1", "article2", "article3"]
    assert {r["label"] for r in rows} == {1} and all(r["features"]["cue=say"] == 1.0 for r in rows)
    # Every attribution is right, so there is nothing to fit acceptance on: said, not hidden.
    assert "2 fold(s) left unjudged" in capsys.readouterr().out
    assert load_script("cross_validate").main(args) == 0
    assert {p.name: p.stat().st_mtime_ns for p in models.iterdir()} == kept


def test_refitted_end_weights_replace_the_shipped_ones_until_reset(tmp_path: Path) -> None:
    weights = tmp_path / "content_end.json"
    weights.write_text('{"weights": {"bias": -9.0}}', encoding="utf-8")
    shipped = boundaries.model()
    boundaries.use_model(weights)
    try:
        assert boundaries.model() == {"weights": {"bias": -9.0}}
    finally:
        boundaries.use_model(None)
    assert boundaries.model() is shipped


def test_too_few_articles_for_the_folds_is_one_clear_error(
    load_script: Callable[[str], ModuleType], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    split, cache = _split(tmp_path, 2)
    assert load_script("cross_validate").main([str(cache), str(split), "--folds", "3"]) == 1
    assert capsys.readouterr().err.strip() == f"error: {cache}: 2 cached train article(s), fewer than 3 folds"
