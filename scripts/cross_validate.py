"""Score the extractor on PolNeAR train by k-fold cross-validation of its learned parts.

    python scripts/parse_corpus.py ../shared/data/polnear/train/text cache/train   # once
    python scripts/cross_validate.py cache/train ../shared/data/polnear/train --folds 6

For each fold K the content-end model and the attribution tagger are refitted
without articles K, K+N, K+2N, ... (``--holdout N --fold K`` of their training
scripts), and those articles are extracted with the refitted parts from their
cached parses, before any attribution is judged. The end model reads the
tagger's content chances, each train article's from the tagger refitted without
its fold (``--taggers``), so all N taggers are fitted first (those taggers saw
fold K: a small leak, as for the acceptance model below). The acceptance model that
judges fold K's attributions is then fitted on the other folds' attributions
(``scripts/train_acceptance.py``), labelled by whether they match (those were
found by parts that had seen fold K; a nested refit would take five times as long). The
predictions of all folds are scored together, so every article is scored by
parts that never saw it. Each tagger takes about five minutes to fit, an end
model half a minute; ``--only K`` runs one fold, unjudged (no other fold's
attributions to fit on), still with all N taggers. ``--models DIR`` keeps the
refitted files there and reuses them on the next run; ``--examples FILE``
writes the out-of-fold attributions as the training examples of
``scripts/train_acceptance.py``. Needs what the training
scripts need: ``pip install -e '.[train]'``.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import pickle
import sys
import tempfile
from pathlib import Path
from types import ModuleType
from typing import Any

from rich.console import Console

from quotes.errors import QuotesError
from quotes.evaluate import load_polnear, score
from quotes.evaluate.gold import GoldArticle
from quotes.evaluate.render import render_report
from quotes.evaluate.score import Report
from quotes.extract import acceptance, boundaries, tagger
from quotes.extract.engine import extract_unjudged
from quotes.extract.types import Attribution

SCRIPTS = Path(__file__).resolve().parent
Found = list[tuple[Attribution, acceptance.Features]]


def _script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, SCRIPTS / f"{name}.py")
    if spec is None or spec.loader is None:
        raise QuotesError(f"{name}.py: cannot load it from {SCRIPTS}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _fold_models(fold: int, folds: int, cache: Path, gold: str, models: Path) -> tuple[Path, Path] | None:
    """The content-end weights and tagger refitted without fold ``fold``, fitted unless ``models`` has them.
    The end model reads each article's content chances from the tagger refitted without that article's
    fold, so every fold's tagger comes first."""
    for other in range(folds):
        tagger_file = models / f"tagger_{other}_of_{folds}.crfsuite"
        held = [f"--holdout={folds}", f"--fold={other}"]
        if not tagger_file.is_file() and _script("train_tagger").main(
            [gold, "--cache", str(cache), *held, "-o", str(tagger_file)]
        ):
            return None
    end_file = models / f"content_end_{fold}_of_{folds}.json"
    taggers = ["--taggers", str(models), f"--tagger-folds={folds}"]
    held = [f"--holdout={folds}", f"--fold={fold}"]
    if not end_file.is_file() and _script("train_content_end").main(
        [str(cache), gold, *held, *taggers, "-o", str(end_file)]
    ):
        return None
    return end_file, models / f"tagger_{fold}_of_{folds}.crfsuite"


def _examples(report: Report, found: dict[str, Found]) -> list[dict[str, Any]]:
    """Each attribution's features, labelled 1 when ``report`` (the unjudged attributions scored) matched its
    content to a gold content."""
    out: list[dict[str, Any]] = []
    for result in report.results:
        right = {pair.predicted for pair in result.pairs} | set(result.excused)
        name = result.article.name
        out += [
            {"article": name, "features": feats, "label": int(i in right)} for i, (_, feats) in enumerate(found[name])
        ]
    return out


def _judge_by_fold(
    articles: list[GoldArticle], found: dict[str, Found], examples: list[dict[str, Any]], folds: int
) -> tuple[dict[str, list[Attribution]], int]:
    """Each fold's attributions judged by an acceptance model fitted on the other folds'; the number of folds
    left unjudged (their other folds' examples were all right or all wrong)."""
    fit = _script("train_acceptance")
    fold_of = {a.name: i % folds for i, a in enumerate(articles)}
    judged: dict[str, list[Attribution]] = {}
    unjudged = 0
    for fold in sorted({fold_of[name] for name in found}):
        train = [e for e in examples if fold_of[e["article"]] != fold]
        names = [name for name in found if fold_of[name] == fold]
        if len({e["label"] for e in train}) < 2:
            unjudged += 1
            judged.update({name: [a for a, _ in found[name]] for name in names})
            continue
        model = fit.model_file(fit.fit(train), train, fit.THRESHOLD)
        judged.update({name: acceptance.judge(found[name], model) for name in names})
    return judged, unjudged


def run(args: argparse.Namespace) -> int:
    cache = Path(args.cache_dir)
    if not cache.is_dir():
        raise QuotesError(f"{cache}: no such folder of cached parses")
    # The same list, in the same order, as the training scripts hold out from.
    articles = [a for a in load_polnear(args.gold) if (cache / f"{a.name}.pkl").is_file()]
    if len(articles) < args.folds:
        raise QuotesError(f"{cache}: {len(articles)} cached train article(s), fewer than {args.folds} folds")
    folds = [args.only] if args.only is not None else list(range(args.folds))
    found: dict[str, Found] = {}
    with tempfile.TemporaryDirectory() as work:
        models = Path(args.models) if args.models else Path(work)
        models.mkdir(parents=True, exist_ok=True)
        try:
            acceptance.use_model(None, disabled=True)
            for fold in folds:
                refitted = _fold_models(fold, args.folds, cache, args.gold, models)
                if refitted is None:
                    return 1
                boundaries.use_model(refitted[0])
                tagger.use_model(refitted[1])
                for article in articles[fold :: args.folds]:
                    doc = pickle.loads((cache / f"{article.name}.pkl").read_bytes())
                    found[article.name] = extract_unjudged(doc)
        finally:
            boundaries.use_model(None)
            tagger.use_model(None)
            acceptance.use_model(None)
    scored = [a for a in articles if a.name in found]
    as_found = {name: [a for a, _ in pairs] for name, pairs in found.items()}
    unjudged_report = score(scored, as_found)
    examples = _examples(unjudged_report, found)
    if args.examples:
        with Path(args.examples).open("w", encoding="utf-8") as out:
            out.writelines(json.dumps(e, sort_keys=True) + "\n" for e in examples)
    if args.only is None:
        predictions, unjudged = _judge_by_fold(scored, found, examples, args.folds)
    else:
        predictions, unjudged = as_found, 1
    report = score(scored, predictions)
    report.notes.append(f"{len(folds)} of {args.folds} folds; learned parts refitted without each fold's articles")
    before = unjudged_report.overall.content
    report.notes.append(
        f"before the acceptance model: content P {before.precision:.1%} R {before.recall:.1%} F1 {before.f1:.1%}, "
        f"end-to-end F1 {unjudged_report.overall.end_to_end.f1:.1%}"
    )
    if unjudged:
        report.notes.append(f"{unjudged} fold(s) left unjudged: no other folds' attributions to fit acceptance on")
    render_report(report, Console(), title=f"{args.gold} (cross-validated)")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("cache_dir", help="folder of NAME.pkl ParsedDocs of the train texts")
    parser.add_argument("gold", help="PolNeAR train split folder")
    parser.add_argument("--folds", type=int, default=6, help="number of folds (default 6)")
    parser.add_argument("--only", type=int, metavar="K", help="run fold K only (unjudged)")
    parser.add_argument("--models", metavar="DIR", help="keep each fold's refitted files here and reuse them")
    parser.add_argument("--examples", metavar="FILE", help="write the out-of-fold attributions for train_acceptance.py")
    args = parser.parse_args(argv)
    if args.folds < 2 or (args.only is not None and not 0 <= args.only < args.folds):
        parser.error("--folds must be 2 or more and --only a fold below it")
    try:
        return run(args)
    except QuotesError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
