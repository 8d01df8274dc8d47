"""Learn how likely an attribution is to be right: writes quotes/extract/data/acceptance.json.

    python scripts/cross_validate.py cache/train ../shared/data/polnear/train --examples cache/acceptance.jsonl
    python scripts/train_acceptance.py cache/acceptance.jsonl

The examples are out-of-fold: each train article's attributions as the extractor
finds them with the content-end model and tagger refitted without that article,
labelled 1 when the content matches a PolNeAR content. Fitting on attributions
found by models that had seen their articles would teach the acceptance model to
trust the tagger more than it deserves on new text. A logistic regression over
``quotes.extract.acceptance`` features is fitted on them; the output holds
feature names, weights and the threshold below which an attribution is dropped.
Needs scikit-learn (``pip install -e '.[train]'``).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from quotes.extract.acceptance import MODEL_FILE

DEFAULT_OUT = Path(__file__).resolve().parent.parent / "quotes" / "extract" / "data" / MODEL_FILE
# Keeping an attribution raises F1 while its chance of being right is above half the F1 (about 0.35 here).
# In 6-fold cross-validation over train, 0.25 gave +0.01 content F1 and -0.14 end-to-end, 0.35 -0.03 and +0.10.
THRESHOLD = 0.3
C = 0.3


def fit(examples: Sequence[dict[str, Any]], c: float = C) -> dict[str, float]:
    """Logistic weights by feature name from examples {"features": {...}, "label": 0|1}."""
    from sklearn.feature_extraction import DictVectorizer  # noqa: PLC0415 - a training-only dependency
    from sklearn.linear_model import LogisticRegression  # noqa: PLC0415

    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform([e["features"] for e in examples])
    labels = [e["label"] for e in examples]
    regression = LogisticRegression(C=c, max_iter=5000).fit(matrix, labels)
    weights = dict(zip(vectorizer.get_feature_names_out(), regression.coef_[0], strict=True))
    # Every example has the "bias" feature: the unpenalised intercept joins its weight.
    weights["bias"] = weights.get("bias", 0.0) + regression.intercept_[0]
    return {name: round(float(w), 4) for name, w in sorted(weights.items()) if abs(w) >= 1e-4}


def model_file(weights: dict[str, float], examples: Sequence[dict[str, Any]], threshold: float) -> dict[str, Any]:
    return {
        "about": "quotes acceptance model: logistic weights over quotes.extract.acceptance features, fitted by "
        "scripts/train_acceptance.py on out-of-fold PolNeAR train attributions; attributions whose chance is "
        "below threshold are dropped",
        "articles": len({e["article"] for e in examples}),
        "examples": len(examples),
        "threshold": threshold,
        "weights": weights,
    }


def read_examples(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("examples", help="JSON lines from scripts/cross_validate.py --examples")
    parser.add_argument("-o", "--out", default=str(DEFAULT_OUT))
    parser.add_argument("--c", type=float, default=C, help="inverse regularisation strength")
    parser.add_argument("--threshold", type=float, default=THRESHOLD, help="drop attributions below this chance")
    args = parser.parse_args(argv)
    path = Path(args.examples)
    if not path.is_file():
        print(f"error: {path}: no such file of examples", file=sys.stderr)
        return 1
    try:
        examples = read_examples(path)
    except (json.JSONDecodeError, KeyError) as exc:
        print(f"error: {path}: not examples written by cross_validate.py --examples ({exc})", file=sys.stderr)
        return 1
    if len({e["label"] for e in examples}) < 2:
        print(f"error: {path}: the examples need both right and wrong attributions", file=sys.stderr)
        return 1
    weights = fit(examples, args.c)
    out = model_file(weights, examples, args.threshold)
    Path(args.out).write_text(json.dumps(out, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{out['articles']} articles, {len(examples)} examples, {len(weights)} weights -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
