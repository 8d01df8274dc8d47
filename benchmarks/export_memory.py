"""Peak memory of `quotes export` at 50k and 200k quotes: streaming should keep it flat.

Fills a SQLite store (created by the real migrations, so the full-text triggers run) with
synthetic articles, entities, quotes and channel links by bulk inserts, then runs
`python -m quotes export` in a fresh process per case and reads that process's peak RSS
from wait4(). A quarter of the articles are dated 2024, so `--since 2024-01-01` exports
exactly a quarter of the quotes from the same database. For contrast, `quotes list --json`
(which collects its page before printing) runs on the same cases.

    python benchmarks/export_memory.py                    # 200k quotes, prints a table
    python benchmarks/export_memory.py --write-results    # also updates benchmarks/RESULTS.md
    python benchmarks/export_memory.py --quotes 1000000 --no-contrast   # a bigger store

Not a test: it takes a minute or two and its numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timezone
from pathlib import Path

from machine import describe, replace_section

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from quotes.store.db import open_store  # noqa: E402
from quotes.store.models import ArticleRecord, ChannelLink, Entity, QuoteRecord  # noqa: E402

QUOTES_PER_ARTICLE = 5
CHUNK = 10_000
WORDS = ("talks", "delegation", "ministry", "grain", "exports", "border", "sanctions", "budget", "election",
         "summit", "ceasefire", "pipeline", "harvest", "visit", "statement", "security", "minister", "market")


def _sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def fill(target: Path | str, quotes: int, seed: int = 7) -> None:
    """A store with ``quotes`` quotes in ``quotes / 5`` articles; every third quote has a channel.

    ``target`` is a SQLite file or a database URL (an empty PostgreSQL database works too)."""
    rng = random.Random(seed)
    url = target if isinstance(target, str) and "://" in target else f"sqlite:///{target}"
    store = open_store(url)
    now = datetime.now(timezone.utc)  # noqa: UP017 - same spelling as the models
    articles = quotes // QUOTES_PER_ARTICLE
    recent = articles // 4
    try:
        with store.engine.begin() as conn:
            speakers = [f"Speaker {i}" for i in range(2000)]
            outlets = [f"Outlet {i}" for i in range(50)]
            conn.execute(
                Entity.__table__.insert(),
                [{"id": i + 1, "name": n, "key": n.casefold(), "type": "person", "created_at": now}
                 for i, n in enumerate(speakers)]
                + [{"id": 2001 + i, "name": n, "key": n.casefold(), "type": "outlet", "created_at": now}
                   for i, n in enumerate(outlets)],
            )
            quote_id = 0
            for start in range(0, articles, CHUNK // QUOTES_PER_ARTICLE):
                stop = min(articles, start + CHUNK // QUOTES_PER_ARTICLE)
                article_rows, quote_rows, channel_rows = [], [], []
                for a in range(start, stop):
                    parts = [_sentence(rng, 12) for _ in range(QUOTES_PER_ARTICLE)]
                    text = " ".join(f'Speaker said "{p}".' for p in parts)
                    article_rows.append({
                        "id": a + 1, "source": f"synthetic/{a}.txt", "title": _sentence(rng, 5),
                        "outlet_id": 2001 + a % 50, "published": date(2024 if a < recent else 2023, 6, 1),
                        "format": "text", "text": text, "sha256": f"{a:064x}", "ingested_at": now,
                        "updated_at": now,
                    })
                    offset = 0
                    for position, part in enumerate(parts):
                        quote_id += 1
                        begin = text.index(part, offset)
                        offset = begin + len(part)
                        speaker = rng.randrange(2000)
                        quote_rows.append({
                            "id": quote_id, "article_id": a + 1, "position": position,
                            "kind": rng.choice(("direct", "direct", "indirect", "mixed")), "content": part,
                            "content_start": begin, "content_end": offset, "cue": "said",
                            "cue_start": begin - 7, "cue_end": begin - 3, "speaker_id": speaker + 1,
                            "speaker": speakers[speaker], "speaker_mention": "Speaker", "speaker_type": "person",
                            "role": "spokesperson" if speaker % 5 == 0 else None,
                            "confidence": round(rng.uniform(0.4, 1.0), 3), "status": "pending",
                            "speaker_reviewed": False, "kind_reviewed": False, "stale": False,
                            "created_at": now, "updated_at": now,
                        })
                        if quote_id % 3 == 0:
                            channel_rows.append({
                                "quote_id": quote_id, "entity_id": 2001 + rng.randrange(50), "role": "told",
                                "mention": "Outlet", "start": 0, "end": 6, "position": 0,
                            })
                conn.execute(ArticleRecord.__table__.insert(), article_rows)
                conn.execute(QuoteRecord.__table__.insert(), quote_rows)
                if channel_rows:
                    conn.execute(ChannelLink.__table__.insert(), channel_rows)
            if conn.dialect.name == "postgresql":
                # Explicit ids leave PostgreSQL's sequences at 1; later inserts would collide.
                for table in ("entities", "articles", "quotes"):
                    sequence = f"pg_get_serial_sequence('{table}', 'id')"
                    conn.exec_driver_sql(f"SELECT setval({sequence}, max(id)) FROM {table}")
    finally:
        store.close()


def peak_rss(argv: list[str]) -> tuple[float, float]:
    """Peak resident memory (MiB) and wall time (s) of one command in a fresh process."""
    started = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode() if proc.stderr else ""
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed: {err}")
    return usage.ru_maxrss / 1024, elapsed  # ru_maxrss is KiB on Linux


def machine() -> str:
    return f"{describe()}, SQLite {sqlite3.sqlite_version}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quotes", type=int, default=200_000, help="quotes in the store (default 200000)")
    parser.add_argument("--dir", type=Path, help="where to build the store (default: a temporary folder)")
    parser.add_argument("--write-results", action="store_true", help="update benchmarks/RESULTS.md")
    parser.add_argument("--no-contrast", action="store_true", help="skip the `quotes list` runs (slow on big stores)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        db = Path(tmp) / "bench.db"
        started = time.perf_counter()
        fill(db, args.quotes)
        fill_s = time.perf_counter() - started
        size_mb = sum(p.stat().st_size for p in Path(tmp).iterdir()) / 1e6
        print(f"filled {db} with {args.quotes} quotes in {fill_s:.0f}s ({size_mb:.0f} MB)", file=sys.stderr)
        quarter = args.quotes // 4
        out = str(Path(tmp) / "out")
        base = [sys.executable, "-m", "quotes"]
        cases = [
            ("`quotes export` (no matching rows: the baseline)", "0",
             [*base, "export", "--db", str(db), "--since", "2100-01-01", "-o", out]),
        ]
        for fmt in ("csv", "jsonl"):
            cases.append((f"`quotes export --format {fmt}`", f"{quarter}",
                          [*base, "export", "--db", str(db), "--format", fmt, "--since", "2024-01-01", "-o", out]))
            cases.append((f"`quotes export --format {fmt}`", f"{args.quotes}",
                          [*base, "export", "--db", str(db), "--format", fmt, "-o", out]))
        if not args.no_contrast:
            cases.append(("`quotes list --json` (collects its rows; for contrast)", f"{quarter}",
                          [*base, "list", "--json", "--db", str(db), "--since", "2024-01-01", "--limit", str(quarter)]))
            cases.append(("`quotes list --json` (collects its rows; for contrast)", f"{args.quotes}",
                          [*base, "list", "--json", "--db", str(db), "--limit", str(args.quotes)]))
        rows = []
        for name, n, argv in cases:
            rss, seconds = peak_rss(argv)
            rows.append((name, n, rss, seconds))
            print(f"{name:<56} {n:>8} rows  peak RSS {rss:7.1f} MiB  {seconds:6.1f} s", file=sys.stderr)

    table = ["| command | rows | peak RSS (MiB) | time (s) |", "|---|---:|---:|---:|"]
    table += [f"| {name} | {n} | {rss:.1f} | {seconds:.1f} |" for name, n, rss, seconds in rows]
    section = "\n".join([
        "## Export memory",
        "",
        f"`python benchmarks/export_memory.py {' '.join(sys.argv[1:])}`, "
        f"{datetime.now().astimezone():%Y-%m-%d %H:%M %Z}.",
        f"Machine: {machine()}.",
        f"Store: SQLite, {args.quotes} synthetic quotes in {args.quotes // QUOTES_PER_ARTICLE} articles "
        f"(one in three with a channel), {size_mb:.0f} MB, filled in {fill_s:.0f} s by bulk inserts.",
        "Each command runs in a fresh process; peak RSS is that process's `ru_maxrss`.",
        "",
        *table,
        "",
    ])
    print(section)
    if args.write_results:
        print(f"updated {replace_section('## Export memory', section)}", file=sys.stderr)


if __name__ == "__main__":
    main()
