"""Score the extractor on PolNeAR train by k-fold cross-validation of its learned parts.

    python scripts/parse_corpus.py ../shared/data/polnear/train/text cache/train   # once
    python scripts/cross_validate.py cache/train ../shared/data/polnear/train --folds 6

For each fold K the content-end model and the attribution tagger are refitted
without articles K, K+N, K+2N, ... (``--holdout N --fold K`` of their training
scripts), and those articles are extracted with the refitted parts from their
cached parses. The predictions of all folds are scored together, so every
article is scored by parts that never saw it. One fold takes a few minutes
(the tagger's fit); ``--only K`` runs one. Needs what both training scripts
need: ``pip install -e '.[train]'``.
"""

from __future__ import annotations

import argparse
import importlib.util
import pickle
import sys
import tempfile
from pathlib import Path
from types import ModuleType

from rich.console import Console

from quotes.errors import QuotesError
from quotes.evaluate import load_polnear, score
from quotes.evaluate.render import render_report
from quotes.extract import boundaries, extract, tagger
from quotes.extract.types import Attribution

SCRIPTS = Path(__file__).resolve().parent


def _script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, SCRIPTS / f"{name}.py")
    if spec is None or spec.loader is None:
        raise QuotesError(f"{name}.py: cannot load it from {SCRIPTS}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run(args: argparse.Namespace) -> int:
    cache = Path(args.cache_dir)
    if not cache.is_dir():
        raise QuotesError(f"{cache}: no such folder of cached parses")
    # The same list, in the same order, as the training scripts hold out from.
    articles = [a for a in load_polnear(args.gold) if (cache / f"{a.name}.pkl").is_file()]
    if len(articles) < args.folds:
        raise QuotesError(f"{cache}: {len(articles)} cached train article(s), fewer than {args.folds} folds")
    folds = [args.only] if args.only is not None else list(range(args.folds))
    train_end, train_tagger = _script("train_content_end"), _script("train_tagger")
    predictions: dict[str, list[Attribution]] = {}
    with tempfile.TemporaryDirectory() as work:
        try:
            for fold in folds:
                held = [f"--holdout={args.folds}", f"--fold={fold}"]
                end_file, tagger_file = Path(work) / f"content_end_{fold}.json", Path(work) / f"tagger_{fold}.crfsuite"
                if train_end.main([str(cache), args.gold, *held, "-o", str(end_file)]) != 0:
                    return 1
                if train_tagger.main([args.gold, "--cache", str(cache), *held, "-o", str(tagger_file)]) != 0:
                    return 1
                boundaries.use_model(end_file)
                tagger.use_model(tagger_file)
                for article in articles[fold :: args.folds]:
                    doc = pickle.loads((cache / f"{article.name}.pkl").read_bytes())
                    predictions[article.name] = list(extract(doc))
        finally:
            boundaries.use_model(None)
            tagger.use_model(None)
    scored = [a for a in articles if a.name in predictions]
    report = score(scored, predictions)
    report.notes.append(f"{len(folds)} of {args.folds} folds; learned parts refitted without each fold's articles")
    render_report(report, Console(), title=f"{args.gold} (cross-validated)")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("cache_dir", help="folder of NAME.pkl ParsedDocs of the train texts")
    parser.add_argument("gold", help="PolNeAR train split folder")
    parser.add_argument("--folds", type=int, default=6, help="number of folds (default 6)")
    parser.add_argument("--only", type=int, metavar="K", help="run fold K only")
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
