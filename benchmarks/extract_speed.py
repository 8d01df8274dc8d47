"""Speed of `quotes extract` against a plain stanza parse of every sentence, on a fixed corpus.

Each mode runs in a fresh process, one after the other, on the same articles:

* ``baseline``: the same stanza models, stock stanza, full tokenize,mwt,pos,lemma,depparse,ner on
  every document, nothing else (no extraction, no database); worker processes and documents per
  task as `quotes extract` uses them;
* ``all``: `quotes extract --parse all` (the code `quotes extract` runs: ``quotes.batch.Batch``),
  storing into a fresh SQLite file and writing JSON lines;
* ``gated``: `quotes extract --parse gated`, the same way.

Reported per mode: wall time (model loading included), CPU time (the process and its workers),
articles/s, words/s, time per stage (read,
parse, extract, store; parse and extract are summed over the worker processes) and peak memory
(resident memory of the process and its workers together, sampled every 0.1 s). When the corpus is
a PolNeAR split folder's ``text/``, each mode's predictions are also scored as
`quotes eval SPLIT --predictions` would.

    python benchmarks/extract_speed.py                                  # PolNeAR dev, else seeds/
    python benchmarks/extract_speed.py --limit 20 --modes gated,all
    python benchmarks/extract_speed.py --corpus ../shared/data/polnear/train/text --limit 800 \\
        --modes gated --write-results                                   # memory on a bigger corpus

Not a test: the numbers depend on the machine and on whatever else it is running (the load
average is reported with them). ``--write-results`` puts the tables in benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import concurrent.futures as cf
import json
import multiprocessing
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime
from pathlib import Path
from typing import Any

from machine import describe

ROOT = Path(__file__).resolve().parents[1]
# Every mode imports the same copy of the code, taken when the benchmark starts, so the working tree
# can change while it runs (its workers, spawned, run this file again and see the same variable).
SNAPSHOT = "QUOTES_BENCHMARK_SOURCE"
sys.path.insert(0, os.environ.get(SNAPSHOT, str(ROOT)))

from quotes.batch import DEFAULT_TASK, STAGES, Analyzer, Batch, Sink, default_workers  # noqa: E402

DEV = ROOT.parent / "shared" / "data" / "polnear" / "dev" / "text"
MODES = ("baseline", "all", "gated")
SECTION = "## Extract speed"


# ---------------------------------------------------------------- memory


def _tree(root: int) -> list[int]:
    """``root`` and every process below it."""
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        parents.setdefault(ppid, []).append(int(entry))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(parents.get(pid, []))
    return out


def _rss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


class PeakMemory:
    """Samples the resident memory of this process and its children together."""

    def __init__(self, interval: float = 0.1) -> None:
        self.interval = interval
        self.peak_kib = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        me = os.getpid()
        while not self._stop.is_set():
            self.peak_kib = max(self.peak_kib, sum(_rss_kib(p) for p in _tree(me)))
            self._stop.wait(self.interval)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


# ---------------------------------------------------------------- one mode, in its own process

_stock: Any = None


def _stock_init(threads: int) -> None:
    import torch  # noqa: PLC0415

    torch.set_num_threads(threads)


def _stock_parse(texts: list[str]) -> tuple[int, float]:
    """Stock stanza (none of quotes' changes), loaded on first use as `quotes extract` loads its models."""
    global _stock
    import stanza  # noqa: PLC0415

    started = time.perf_counter()
    if _stock is None:
        from quotes.nlp.models import resolve_models  # noqa: PLC0415

        full = "tokenize,mwt,pos,lemma,depparse,ner"
        _stock = stanza.Pipeline(use_gpu=False, logging_level="ERROR", **resolve_models().pipeline_kwargs(full))
    docs = _stock([stanza.Document([], text=t) for t in texts if t.strip()])
    return sum(len(d.sentences) for d in docs), time.perf_counter() - started


def _baseline(files: list[str], workers: int) -> dict[str, Any]:
    from quotes.ingest.readers import Article, read_paths  # noqa: PLC0415

    stages = dict.fromkeys(STAGES, 0.0)
    started = time.perf_counter()
    texts = [a.parse_text for a in read_paths(files) if isinstance(a, Article)]
    stages["read"] = time.perf_counter() - started
    threads = max(1, default_workers() // workers)
    ctx = multiprocessing.get_context("spawn")
    with cf.ProcessPoolExecutor(workers, mp_context=ctx, initializer=_stock_init, initargs=(threads,)) as pool:
        tasks = [texts[i : i + DEFAULT_TASK] for i in range(0, len(texts), DEFAULT_TASK)]
        for _, seconds in pool.map(_stock_parse, tasks):
            stages["parse"] += seconds
    return {"articles": len(texts), "quotes": None, "stages": stages, "wall": time.perf_counter() - started}


class _Jsonl(Sink):
    def __init__(self, path: Path) -> None:
        self.out = path.open("w", encoding="utf-8")

    def article(self, done: Any, summary: Any) -> None:
        for attribution in done.attributions:
            self.out.write(json.dumps(attribution.to_json(article=done.article.source), ensure_ascii=False) + "\n")


def _extract(mode: str, files: list[str], workers: int, scratch: Path) -> dict[str, Any]:
    from quotes.store.db import open_store  # noqa: PLC0415

    started = time.perf_counter()
    store = open_store(f"sqlite:///{scratch / f'{mode}.db'}")
    sink = _Jsonl(scratch / f"{mode}.jsonl")
    try:
        summary = Batch(Analyzer(parse_mode=mode), store, workers=workers, sink=sink).run(files)
    finally:
        sink.out.close()
        store.close()
    return {
        "articles": summary.stored + summary.updated,
        "errors": len(summary.errors),
        "quotes": summary.quotes,
        "stages": summary.stages,
        "wall": time.perf_counter() - started,
        "predictions": str(scratch / f"{mode}.jsonl"),
    }


def child(mode: str, files_json: str, workers: int, scratch: str) -> None:
    files = json.loads(Path(files_json).read_text())
    with PeakMemory() as memory:
        result = _baseline(files, workers) if mode == "baseline" else _extract(mode, files, workers, Path(scratch))
    result["peak_mib"] = memory.peak_kib / 1024
    # Peak of each process on its own: this one (reading, storing) and the largest worker (parsing).
    result["main_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result["worker_mib"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    # CPU seconds of this process and its (finished) workers: steadier than wall time on a busy machine.
    result["cpu"] = sum(
        usage.ru_utime + usage.ru_stime
        for usage in (resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN))
    )
    print(json.dumps(result))


# ---------------------------------------------------------------- the parent: corpus, runs, report


def load() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"


def corpus_files(corpus: Path, limit: int | None) -> list[str]:
    exts = {".txt", ".md", ".html", ".htm", ".jsonl"}
    files = sorted(p for p in corpus.rglob("*") if p.is_file() and p.suffix in exts and ".gold" not in p.name)
    return [str(p) for p in files[:limit]]


def words_in(files: list[str]) -> int:
    from quotes.ingest.readers import Article, read_paths  # noqa: PLC0415

    return sum(len(a.text.split()) for a in read_paths(files) if isinstance(a, Article))


def run_mode(mode: str, files_json: Path, workers: int, scratch: Path) -> dict[str, Any]:
    argv = [sys.executable, __file__, "--child", mode, "--files", str(files_json), "--workers", str(workers),
            "--scratch", str(scratch)]
    before = load()
    env = {**os.environ, SNAPSHOT: str(scratch / "source")}
    done = subprocess.run(argv, capture_output=True, text=True, check=False, env=env)
    if done.returncode != 0:
        raise SystemExit(f"{mode} run failed:\n{done.stderr[-3000:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["load"] = f"{before} → {load()}"
    return result


def score_predictions(corpus: Path, files: list[str], path: str) -> dict[str, float] | None:
    """Content and end-to-end F1 when the corpus is a PolNeAR split's text/ folder."""
    split = corpus.parent
    if corpus.name != "text" or not (split / "attributions").is_dir():
        return None
    from quotes.evaluate import load_gold, read_predictions, score  # noqa: PLC0415

    names = {Path(f).stem for f in files}
    gold = [g for g in load_gold(str(split)) if g.name in names]
    predictions = read_predictions(path)
    overall = score(gold, {g.name: predictions.get(g.name, []) for g in gold}).to_dict()["overall"]
    return {"content_f1": overall["content"]["f1"], "e2e_f1": overall["end_to_end"]["f1"]}


def report(args: argparse.Namespace, corpus: Path, files: list[str], words: int,
           results: dict[str, list[dict[str, Any]]]) -> str:
    def mean(mode: str, key: str) -> float:
        return sum(r[key] for r in results[mode]) / len(results[mode])

    rows = [
        "| mode | wall (s) | CPU (s) | articles/s | words/s | read (s) | parse (s) | extract (s) | store (s) "
        "| extract + store, % of wall | peak memory, all processes (MiB) | main process | largest worker "
        "| quotes | content F1 | e2e F1 |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    runs = [(f"{mode} #{i + 1}" if len(results[mode]) > 1 else mode, r)
            for i in range(args.repeat) for mode in results for r in results[mode][i : i + 1]]
    for mode, r in runs:
        st = r["stages"]
        f1 = r.get("f1") or {}
        share = (st["extract"] / args.workers + st["store"]) / r["wall"] * 100
        rows.append(
            f"| {mode} | {r['wall']:.1f} | {r['cpu']:.1f} | {r['articles'] / r['wall']:.2f} | {words / r['wall']:.0f} "
            + "".join(f"| {st[s]:.1f} " for s in STAGES)
            + f"| {share:.1f} | {r['peak_mib']:.0f} | {r['main_mib']:.0f} | {r['worker_mib']:.0f} "
            f"| {r['quotes'] if r['quotes'] is not None else '–'} "
            f"| {f1.get('content_f1', '–')} | {f1.get('e2e_f1', '–')} |"
        )
    lines = [
        f"### {corpus.relative_to(ROOT.parent) if corpus.is_relative_to(ROOT.parent) else corpus}, "
        f"{len(files)} articles ({words:,} words), modes {', '.join(results)}",
        "",
        f"`python benchmarks/extract_speed.py {' '.join(a for a in sys.argv[1:] if a != '--write-results')}`, "
        f"{datetime.now().astimezone():%Y-%m-%d %H:%M %Z}; {args.workers} worker processes, "
        f"{args.repeat} run(s) per mode, taking turns, in the order shown.",
        f"Machine: {describe()}. Load average (1, 5, 15 min) before → after each run: "
        + "; ".join(f"{m} {r['load']}" for m, r in runs) + ".",
        "",
        *rows,
        "",
    ]
    walls = {m: mean(m, "wall") for m in results}
    cpus = {m: mean(m, "cpu") for m in results}
    ratios = [f"{m} is {walls['baseline'] / walls[m]:.2f}× the baseline's speed "
              f"({cpus['baseline'] / cpus[m]:.2f}× in CPU time)" for m in results
              if m != "baseline" and "baseline" in walls]
    if "all" in walls and "gated" in walls:
        ratios.append(f"gated is {walls['all'] / walls['gated']:.2f}× `--parse all` "
                      f"({cpus['all'] / cpus['gated']:.2f}× in CPU time)")
    if ratios:
        lines += ["Measured in this run (means over its runs): " + "; ".join(ratios) + ".", ""]
    return "\n".join(lines)


def write_results(section: str) -> Path:
    """Put this run's table in RESULTS.md under SECTION, replacing an earlier table of the same corpus and modes."""
    results = Path(__file__).with_name("RESULTS.md")
    text = results.read_text(encoding="utf-8") if results.exists() else "# Benchmark results\n"
    key = section.splitlines()[0]
    if SECTION not in text:
        note = "Written by `python benchmarks/extract_speed.py --write-results`."
        text = text.rstrip("\n") + f"\n\n{SECTION}\n\n{note}\n"
    head, _, rest = text.partition(SECTION)
    body, sep, after = rest.partition("\n## ")
    parts = body.split("\n### ")
    kept = [p for p in parts[1:] if "### " + p.splitlines()[0] != key]
    body = "\n### ".join([parts[0].rstrip("\n") + "\n", *[p.rstrip("\n") + "\n" for p in kept], section[4:]])
    results.write_text(head + SECTION + body.rstrip("\n") + "\n" + (sep + after if sep else ""), encoding="utf-8")
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, help="folder of articles (default: PolNeAR dev texts, else seeds/)")
    parser.add_argument("--limit", type=int, help="only the first N files, by name")
    parser.add_argument("--modes", default=",".join(MODES), help="comma-separated, from baseline,all,gated")
    parser.add_argument("--repeat", type=int, default=1, help="runs per mode, in turn; the fastest is reported")
    parser.add_argument("--workers", type=int, default=default_workers(), help="worker processes (default: cores)")
    parser.add_argument("--write-results", action="store_true", help="update benchmarks/RESULTS.md")
    parser.add_argument("--child", choices=MODES, help=argparse.SUPPRESS)
    parser.add_argument("--files", help=argparse.SUPPRESS)
    parser.add_argument("--scratch", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.files, args.workers, args.scratch)
        return

    corpus = (args.corpus or (DEV if DEV.is_dir() else ROOT / "seeds")).resolve()
    files = corpus_files(corpus, args.limit)
    if not files:
        raise SystemExit(f"{corpus}: no articles")
    modes = [m.strip() for m in args.modes.split(",") if m.strip()]
    if unknown := set(modes) - set(MODES):
        raise SystemExit(f"unknown modes: {', '.join(sorted(unknown))}")
    words = words_in(files)
    results: dict[str, list[dict[str, Any]]] = {m: [] for m in modes}
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        files_json = scratch / "files.json"
        files_json.write_text(json.dumps(files))
        shutil.copytree(ROOT / "quotes", scratch / "source" / "quotes", ignore=shutil.ignore_patterns("__pycache__"))
        for turn in range(args.repeat):
            for mode in modes:
                for leftover in scratch.glob(f"{mode}.*"):
                    leftover.unlink()
                result = run_mode(mode, files_json, args.workers, scratch)
                if "predictions" in result:
                    result["f1"] = score_predictions(corpus, files, result["predictions"])
                results[mode].append(result)
                print(f"run {turn + 1} {mode}: {result['wall']:.1f}s, CPU {result['cpu']:.1f}s, "
                      f"peak {result['peak_mib']:.0f} MiB, "
                      f"stages {', '.join(f'{k} {v:.1f}' for k, v in result['stages'].items())}, "
                      f"F1 {result.get('f1')}, load {result['load']}", file=sys.stderr, flush=True)
    section = report(args, corpus, files, words, results)
    print(section)
    if args.write_results:
        print(f"updated {write_results(section)}", file=sys.stderr)


if __name__ == "__main__":
    main()
