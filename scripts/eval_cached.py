"""Score the extractor on pickled ParsedDocs, without running stanza: fast rule development.

    python scripts/parse_corpus.py ../shared/data/polnear/dev/text cache/dev   # once
    python scripts/eval_cached.py cache/dev ../shared/data/polnear/dev --errors 10

CACHE_DIR holds NAME.pkl files (a ParsedDoc each); GOLD is a PolNeAR split folder or
seed gold (a .gold.json file or a folder of them). Gold articles without a cached
parse are left out. --errors N lists N sampled false positives, false negatives and
speaker errors (the same ones on every run).
"""

from __future__ import annotations

import argparse
import importlib
import json
import pickle
import sys
import time
from collections.abc import Callable
from pathlib import Path

from rich.console import Console

from quotes.errors import QuotesError
from quotes.evaluate import format_errors, load_gold, sample_errors, score
from quotes.evaluate.render import render_report
from quotes.extract.types import Attribution
from quotes.nlp.doc import ParsedDoc

Extractor = Callable[[ParsedDoc], list[Attribution]]


def load_extractor(target: str) -> Extractor:
    module_name, _, function_name = target.partition(":")
    module = importlib.import_module(module_name)
    return getattr(module, function_name or "extract")


def load_doc(path: Path) -> ParsedDoc:
    doc = pickle.loads(path.read_bytes())
    if not isinstance(doc, ParsedDoc):
        raise QuotesError(f"{path}: holds a {type(doc).__name__}, not a ParsedDoc")
    return doc


def run(args: argparse.Namespace) -> int:
    extract = load_extractor(args.extractor)
    cache = Path(args.cache_dir)
    if not cache.is_dir():
        raise QuotesError(f"{cache}: no such folder of cached parses")
    gold = load_gold(args.gold)
    cached = [g for g in gold if (cache / f"{g.name}.pkl").is_file()]
    if args.limit:
        cached = cached[: args.limit]
    if not cached:
        raise QuotesError(f"{cache}: no NAME.pkl for any of the {len(gold)} gold articles")
    skipped = len(gold) - len(cached)
    predictions: dict[str, list[Attribution]] = {}
    started = time.perf_counter()
    for article in cached:
        doc = load_doc(cache / f"{article.name}.pkl")
        if len(doc.text) != len(article.text):
            raise QuotesError(f"{article.name}.pkl: parsed text length differs from the gold article; re-parse it")
        try:
            predictions[article.name] = list(extract(doc))
        except Exception:
            print(f"extractor failed on {article.name}", file=sys.stderr)
            raise
    seconds = time.perf_counter() - started
    report = score(cached, predictions, threshold=args.threshold)
    if skipped:
        report.notes.append(f"{skipped} gold article(s) without a cached parse were left out")
    report.notes.append(f"extraction took {seconds:.1f}s for {len(cached)} articles")
    samples = sample_errors(report, args.errors, seed=args.seed) if args.errors else None
    if args.json:
        out = report.to_dict()
        if samples is not None:
            out["errors"] = samples
        print(json.dumps(out, indent=2, ensure_ascii=False))
    else:
        render_report(report, Console(), title=str(args.gold))
        if samples is not None:
            print(format_errors(samples))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("cache_dir", help="folder of NAME.pkl ParsedDocs (scripts/parse_corpus.py)")
    parser.add_argument("gold", help="PolNeAR split folder, .gold.json file, or folder of .gold.json files")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--errors", type=int, default=0, metavar="N", help="list N sampled errors of each class")
    parser.add_argument("--seed", type=int, default=0, help="seed for sampling errors (default 0)")
    parser.add_argument("--limit", type=int, default=0, metavar="N", help="only the first N articles by name")
    parser.add_argument("--threshold", type=float, default=0.5, help="Jaccard needed for a match (default 0.5)")
    parser.add_argument(
        "--extractor", default="quotes.extract:extract", help="MODULE:FUNCTION to score (default: %(default)s)"
    )
    args = parser.parse_args(argv)
    try:
        return run(args)
    except QuotesError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
