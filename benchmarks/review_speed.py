"""How quickly `quotes review` answers on a store of 100k quotes: its queries, and the app driven by keys.

Fills a store with synthetic quotes (`fill` from export_memory.py: the real migrations, so the
full-text triggers run), marks one quote in ten accepted and one in ten rejected, and gives 20
quotes a word no other quote has. Then, on SQLite and on PostgreSQL when a server answers at
127.0.0.1:5432 (a scratch database, dropped at the end):

(a) times each query function the app's thread workers call, each in a session of its own as a
    worker opens one: first, middle and last page, every filter the filter dialog offers, search
    for a common and a rare word, the status counts, one quote's detail, the speakers view, the
    next unreviewed quote, name completion, and accepting a quote (with its review-log entry).
    Cases take turns, one round after another; the first round is not counted.
(b) runs the real app headless under Textual's Pilot and times, from the key press, until the
    quote table holds the new rows and until the detail pane shows the highlighted quote: start
    to first page, ctrl+d (next page), G, g, search (Enter), three filters (Enter in the filter dialog), `a`
    (until its row shows the change) and `2` (until the speakers view holds its rows). The times
    come from the widgets' own `show`, so no fixed sleep is counted.

    python benchmarks/review_speed.py                    # 100k quotes, prints two tables
    python benchmarks/review_speed.py --write-results    # also updates benchmarks/RESULTS.md
    python benchmarks/review_speed.py --quotes 20000 --repeat 3 --app-runs 2 --no-postgres

Not a test: it takes a few minutes and its numbers depend on the machine and its load.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shlex
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from importlib.metadata import version
from pathlib import Path
from typing import Any

from export_memory import QUOTES_PER_ARTICLE, fill
from machine import describe, replace_section

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine, func, select, update  # noqa: E402
from sqlalchemy.exc import SQLAlchemyError  # noqa: E402
from textual.widgets import Checkbox, Input, Select  # noqa: E402

from quotes.store import repository, review_queries  # noqa: E402
from quotes.store.db import Store, open_store  # noqa: E402
from quotes.store.models import QuoteRecord  # noqa: E402
from quotes.tui.app import ReviewApp  # noqa: E402
from quotes.tui.keymap import LoadedKeymap  # noqa: E402
from quotes.tui.screens.dialogs import Filters  # noqa: E402
from quotes.tui.screens.review import PAGE, SPEAKERS_PAGE, ReviewScreen, to_query  # noqa: E402
from quotes.tui.widgets.detail import DetailPane, highlighted, summary  # noqa: E402
from quotes.tui.widgets.quote_table import QuoteTable, SpeakerTable  # noqa: E402

SECTION = "## Review app speed"
SIZE = (130, 40)  # the terminal size the app's tests use
RARE = "referendum"  # in no synthetic quote until prepare() adds it to 20
COMMON = "ceasefire"  # in about half of them
NAME = "Speaker 1234"
SPEAKER = "Speaker 7"
OUTLET = "Outlet 7"
ARTICLE = "synthetic/123.txt"
PG_HOST = "127.0.0.1:5432"
TIMEOUT = 60.0  # seconds to wait for one answer in the app before giving up


# ---------------------------------------------------------------- the store


def prepare(store: Store, quotes: int) -> None:
    """A store part-way through review, with a rare word for search."""
    with store.engine.begin() as conn:
        conn.execute(update(QuoteRecord).where(QuoteRecord.id % 10 == 0).values(status="accepted"))
        conn.execute(update(QuoteRecord).where(QuoteRecord.id % 10 == 1).values(status="rejected"))
        rare = [1 + i * quotes // 20 + 7 for i in range(20)]
        conn.execute(
            update(QuoteRecord).where(QuoteRecord.id.in_(rare)).values(content=QuoteRecord.content + f" {RARE}")
        )
    if store.dialect == "postgresql":
        # What autovacuum does soon after a bulk load; without statistics the planner guesses.
        with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM ANALYZE")


def find_postgres() -> str | None:
    """An admin URL for the server at 127.0.0.1:5432 (trust auth), or None when none answers."""
    for user in ("postgres", "root"):
        url = f"postgresql+psycopg://{user}@{PG_HOST}/postgres"
        engine = create_engine(url, connect_args={"connect_timeout": 3})
        try:
            with engine.connect() as conn:
                conn.exec_driver_sql("SELECT 1")
            return url
        except (SQLAlchemyError, ImportError):
            continue
        finally:
            engine.dispose()
    return None


@contextmanager
def scratch_database(admin_url: str, name: str) -> Iterator[tuple[str, str]]:
    """A new, empty PostgreSQL database, dropped afterwards: its URL and the server's version."""
    if not name.startswith("quotes_bench"):
        raise SystemExit(f"refusing to use {name!r}: the scratch database's name must start with quotes_bench")
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            server = conn.exec_driver_sql("SHOW server_version").scalar_one()
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}"')
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
        try:
            yield admin_url.rsplit("/", 1)[0] + f"/{name}", str(server).split()[0]
        finally:
            with admin.connect() as conn:
                conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        admin.dispose()


# ---------------------------------------------------------------- (a) the queries


@dataclass
class Case:
    label: str
    run: Callable[[Any], object]
    unit: str = "quotes"
    times: list[float] = field(default_factory=list)
    found: str = ""

    def describe(self, result: object) -> str:
        total = getattr(result, "total", None)
        if total is not None:
            return f"{total:,} {self.unit}"
        if isinstance(result, int):
            return f"position {result:,}"
        if isinstance(result, tuple):
            return f"{len(result)} {self.unit}"
        return ""


def query_cases(store: Store, quotes: int) -> list[Case]:
    """What the app's workers call, built as the app builds its queries (``to_query``)."""
    last = (quotes - 1) // PAGE * PAGE
    with store.sessions() as s:
        # Pending quotes from the end of the list, one per accept.
        pending = iter(
            s.scalars(select(QuoteRecord.id).where(QuoteRecord.status == "pending").order_by(QuoteRecord.id.desc()))
            .all()[:1000]
        )
        some = s.scalar(select(QuoteRecord.id).where(QuoteRecord.id == quotes // 2))

    def page(filters: Filters | None = None, search: str = "", offset: int = 0) -> Callable[[Any], object]:
        query = to_query(filters or Filters(), search)
        return lambda s: review_queries.review_page(s, query, offset=offset, limit=PAGE)

    def detail(s: Any) -> object:
        ctx = repository.get_quote_context(s, some)
        assert ctx is not None
        highlighted(ctx), summary(ctx)  # what the detail pane draws from it
        return None

    def accept(s: Any) -> object:
        return repository.set_status(s, next(pending), "accepted")

    everything = to_query(Filters(), "")
    return [
        Case("first page", page()),
        Case(f"page in the middle (offset {quotes // 2:,})", page(offset=quotes // 2 // PAGE * PAGE)),
        Case(f"last page (offset {last:,}, `G`)", page(offset=last)),
        Case("filter: status accepted", page(Filters(status="accepted"))),
        Case("filter: kind indirect", page(Filters(kind="indirect"))),
        Case(f"filter: speaker `{SPEAKER}`", page(Filters(speaker=SPEAKER))),
        Case(f"filter: outlet `{OUTLET}`", page(Filters(outlet=OUTLET))),
        Case(f"filter: article `{ARTICLE}`", page(Filters(article=ARTICLE))),
        Case("filter: low confidence (< 0.70)", page(Filters(low_confidence=True))),
        Case(f"search: common word `{COMMON}`", page(search=COMMON)),
        Case(f"search: rare word `{RARE}`", page(search=RARE)),
        Case(f"search: a speaker's name `{NAME}`", page(search=NAME)),
        Case(f"search `{COMMON}` + filter kind indirect", page(Filters(kind="indirect"), COMMON)),
        Case("status counts (top bar, every 5 s)", review_queries.status_counts),
        Case("quote detail (article, highlights, history)", detail),
        Case(
            f"speakers view ({SPEAKERS_PAGE} most quoted)",
            lambda s: review_queries.speakers_page(s, "", limit=SPEAKERS_PAGE),
            "speakers",
        ),
        Case(
            "speakers view narrowed to `12`",
            lambda s: review_queries.speakers_page(s, "12", limit=SPEAKERS_PAGE),
            "speakers",
        ),
        Case("next unreviewed (`n`) from the top", lambda s: review_queries.next_pending(s, everything, 0)),
        Case(
            f"next unreviewed from position {last:,}",
            lambda s: review_queries.next_pending(s, everything, last),
        ),
        Case("name completion `Speaker 12`", lambda s: review_queries.entity_names(s, "Speaker 12"), "names"),
        Case("accept (`a`: status + review-log entry, commit)", accept),
    ]


def time_queries(store: Store, quotes: int, repeat: int) -> list[Case]:
    cases = query_cases(store, quotes)
    for turn in range(repeat + 1):
        for case in cases:
            started = time.perf_counter()
            with store.sessions() as session:  # as a worker does: a session of its own
                result = case.run(session)
            elapsed = (time.perf_counter() - started) * 1000
            if turn:  # the first round warms caches and SQLAlchemy's statement cache
                case.times.append(elapsed)
            else:
                case.found = case.describe(result)
    return cases


# ---------------------------------------------------------------- (b) the app under Pilot


class Recorder:
    """When the widgets are handed new data: wraps their ``show``/``replace`` for the duration."""

    def __init__(self) -> None:
        self.events: list[tuple[str, float, Any]] = []

    @contextmanager
    def watching(self) -> Iterator[None]:
        originals = (QuoteTable.show, QuoteTable.replace, DetailPane.show, SpeakerTable.show)
        table_show, table_replace, detail_show, speakers_show = originals
        events = self.events

        def show_rows(table: QuoteTable, quotes: Any, row: int) -> None:
            table_show(table, quotes, row)
            events.append(("rows", time.perf_counter(), tuple(q.id for q in quotes)))

        def replace_row(table: QuoteTable, quote: Any) -> bool:
            done = table_replace(table, quote)
            events.append(("replace", time.perf_counter(), quote.id))
            return done

        def show_detail(pane: DetailPane, ctx: Any) -> None:
            detail_show(pane, ctx)
            events.append(("detail", time.perf_counter(), ctx.quote.id))

        def show_speakers(table: SpeakerTable, entities: Any, keep: int | None = None) -> None:
            speakers_show(table, entities, keep)
            events.append(("speakers", time.perf_counter(), len(entities)))

        QuoteTable.show, QuoteTable.replace = show_rows, replace_row  # type: ignore[method-assign]
        DetailPane.show, SpeakerTable.show = show_detail, show_speakers  # type: ignore[method-assign]
        try:
            yield
        finally:
            QuoteTable.show, QuoteTable.replace, DetailPane.show, SpeakerTable.show = originals  # type: ignore[method-assign]

    async def until(self, kind: str, ok: Callable[[Any], bool], since: int) -> int:
        """The index of the first event of this kind from ``since`` on that ``ok`` accepts."""
        deadline = time.perf_counter() + TIMEOUT
        while True:
            for i in range(since, len(self.events)):
                what, _, payload = self.events[i]
                if what == kind and ok(payload):
                    return i
            if time.perf_counter() > deadline:
                raise TimeoutError(f"no {kind} event in {TIMEOUT:.0f} s")
            await asyncio.sleep(0.001)  # only how soon this notices; the time is the widget's own

    def at(self, index: int) -> float:
        return self.events[index][1]


APP_ACTIONS = (
    "start → first page",
    "next page (ctrl+d)",
    "last page (G)",
    "first page (g)",
    f"search `{COMMON}` (Enter)",
    f"search `{RARE}` (Enter)",
    "filter: kind indirect (Enter in the dialog)",
    f"filter: speaker `{SPEAKER}`",
    "filter: low confidence",
    "accept (`a`) → row shows it",
    "speakers view (`2`) → its rows",
)


async def drive_app(store: Store, rec: Recorder) -> dict[str, tuple[float, float | None]]:
    """One session in the app: each action's time (ms) until the rows and until the detail pane."""
    out: dict[str, tuple[float, float | None]] = {}
    app = ReviewApp(store, keymap=LoadedKeymap({}, None, ()), refresh_every=0)
    since = len(rec.events)
    started = time.perf_counter()
    async with app.run_test(size=SIZE) as pilot:
        rows = await rec.until("rows", bool, since)
        screen = next(s for s in app.screen_stack if isinstance(s, ReviewScreen))
        table = screen.query_one(QuoteTable)

        async def detail_after(rows: int, begun: float) -> float | None:
            current = table.current
            if current is None:
                return None
            return (rec.at(await rec.until("detail", lambda qid: qid == current.id, rows)) - begun) * 1000

        async def settle() -> None:
            for _ in range(1000):
                if len(app.workers):
                    await app.workers.wait_for_complete()
                elif not screen.settled:
                    await pilot.pause(0.01)
                else:
                    break
            await pilot.pause()

        async def timed(name: str, *keys: str) -> None:
            """Press ``keys`` and wait for a page other than the one shown."""
            before = tuple(q.id for q in table.quotes)
            mark = len(rec.events)
            begun = time.perf_counter()
            await pilot.press(*keys)
            rows = await rec.until("rows", lambda ids: bool(ids) and ids != before, mark)
            out[name] = ((rec.at(rows) - begun) * 1000, await detail_after(rows, begun))
            await settle()

        async def clear() -> None:
            before = tuple(q.id for q in table.quotes)
            mark = len(rec.events)
            await pilot.press("c")
            await rec.until("rows", lambda ids: ids != before, mark)
            await settle()

        async def filter_dialog(name: str, fill_in: Callable[[Any], None]) -> None:
            await pilot.press("f")
            await pilot.pause()
            dialog = app.screen
            fill_in(dialog)
            await pilot.pause()
            await timed(name, "enter")
            await clear()

        def kind_indirect(dialog: Any) -> None:
            dialog.query_one("#f-kind", Select).value = "indirect"
            dialog.query_one("#f-article", Input).focus()

        def speaker(dialog: Any) -> None:
            field = dialog.query_one("#f-speaker", Input)
            field.value = SPEAKER
            field.focus()

        def low_confidence(dialog: Any) -> None:
            dialog.query_one("#f-low", Checkbox).value = True
            dialog.query_one("#f-article", Input).focus()

        out[APP_ACTIONS[0]] = ((rec.at(rows) - started) * 1000, await detail_after(rows, started))
        await settle()
        await timed(APP_ACTIONS[1], "ctrl+d")
        await timed(APP_ACTIONS[2], "G")
        await timed(APP_ACTIONS[3], "g")
        for name, words in ((APP_ACTIONS[4], COMMON), (APP_ACTIONS[5], RARE)):
            await pilot.press("slash")
            search = screen.query_one("#search", Input)
            with screen.prevent(Input.Changed):  # no search-as-you-type: Enter alone runs it
                search.value = words
            await pilot.pause()
            await timed(name, "enter")
        await clear()
        await filter_dialog(APP_ACTIONS[6], kind_indirect)
        await filter_dialog(APP_ACTIONS[7], speaker)
        await filter_dialog(APP_ACTIONS[8], low_confidence)

        table.move_cursor(row=next(i for i, q in enumerate(table.quotes) if q.status == "pending"))
        await settle()
        target = table.current
        assert target is not None
        mark = len(rec.events)
        begun = time.perf_counter()
        await pilot.press("a")
        changed = await rec.until("replace", lambda qid: qid == target.id, mark)
        out[APP_ACTIONS[9]] = ((rec.at(changed) - begun) * 1000, None)
        await settle()

        mark = len(rec.events)
        begun = time.perf_counter()
        await pilot.press("2")
        shown = await rec.until("speakers", bool, mark)
        out[APP_ACTIONS[10]] = ((rec.at(shown) - begun) * 1000, None)
        await settle()
    return out


def time_app(store: Store, runs: int) -> dict[str, list[tuple[float, float | None]]]:
    rec = Recorder()
    times: dict[str, list[tuple[float, float | None]]] = {name: [] for name in APP_ACTIONS}
    with rec.watching():
        for run in range(runs):
            for name, value in asyncio.run(drive_app(store, rec)).items():
                times[name].append(value)
            print(f"  app run {run + 1}/{runs} done", file=sys.stderr, flush=True)
    return times


# ---------------------------------------------------------------- one database, the report


@dataclass
class Measured:
    backend: str
    fill_s: float
    queries: list[Case]
    app: dict[str, list[tuple[float, float | None]]]
    load: str


def loadavg() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def measure(backend: str, target: Path | str, url: str, args: argparse.Namespace) -> Measured:
    print(f"{backend}: filling {args.quotes:,} quotes", file=sys.stderr, flush=True)
    started = time.perf_counter()
    fill(target, args.quotes)
    store = open_store(url)
    try:
        prepare(store, args.quotes)
        fill_s = time.perf_counter() - started
        with store.sessions() as s:
            assert s.scalar(select(func.count(QuoteRecord.id))) == args.quotes
        loads = [loadavg()]
        print(f"{backend}: queries, {args.repeat} rounds (load {loads[0]})", file=sys.stderr, flush=True)
        queries = time_queries(store, args.quotes, args.repeat)
        for case in queries:
            print(
                f"  {case.label:<52} median {statistics.median(case.times):7.1f} ms  max {max(case.times):7.1f} ms",
                file=sys.stderr,
            )
        loads.append(loadavg())
        print(f"{backend}: the app, {args.app_runs} runs (load {loads[1]})", file=sys.stderr, flush=True)
        app = time_app(store, args.app_runs) if args.app_runs else {}
        loads.append(loadavg())
        return Measured(backend, fill_s, queries, app, " → ".join(loads))
    finally:
        store.close()


def _ms(values: list[float]) -> str:
    return f"{statistics.median(values):.0f} / {max(values):.0f}" if values else "–"


def command_line() -> str:
    """This run's options, less the notes (printed in full below it)."""
    shown, skip = [], False
    for arg in sys.argv[1:]:
        if skip or arg.startswith("--note="):
            skip = False
            continue
        if arg == "--note":
            skip = True
            continue
        shown.append(arg)
    return shlex.join(shown) + (" --note …" * sys.argv.count("--note"))


def report(args: argparse.Namespace, results: list[Measured], versions: str) -> str:
    names = [m.backend for m in results]
    head = ["| query (as the app's workers call it) | found |"]
    head += [f" {n}: median / max (ms) |" for n in names]
    lines = ["".join(head), "|---|---:|" + "---:|" * len(names)]
    for i, case in enumerate(results[0].queries):
        cells = [_ms(m.queries[i].times) for m in results]
        lines.append(f"| {case.label} | {case.found} | " + " | ".join(cells) + " |")
    app_lines: list[str] = []
    if args.app_runs:
        head = ["| action in the app |"] + [f" {n}: rows shown | {n}: detail shown |" for n in names]
        app_lines = ["".join(head), "|---|" + "---:|---:|" * len(names)]
        for name in APP_ACTIONS:
            cells = []
            for m in results:
                runs = m.app[name]
                cells.append(_ms([r for r, _ in runs]))
                cells.append(_ms([d for _, d in runs if d is not None]))
            app_lines.append(f"| {name} | " + " | ".join(cells) + " |")
    stores = "; ".join(f"{m.backend} filled and prepared in {m.fill_s:.0f} s" for m in results)
    loads = "; ".join(f"{m.backend} {m.load}" for m in results)
    return "\n".join(
        [
            SECTION,
            "",
            f"`python benchmarks/review_speed.py {command_line()}`, "
            f"{datetime.now().astimezone():%Y-%m-%d %H:%M %Z}.",
            f"Machine: {describe()}; {versions}.",
            f"Load average (1, 5, 15 min) before the queries → before the app → after: {loads}.",
            *args.note,
            f"Store: {args.quotes:,} synthetic quotes in {args.quotes // QUOTES_PER_ARTICLE:,} articles "
            "(`fill` of export_memory.py: 2000 speakers, 50 outlets, one quote in three with a channel), "
            f"one in ten accepted and one in ten rejected, `{RARE}` in 20 quotes; {stores}"
            + (" (PostgreSQL then `VACUUM ANALYZE`d, as autovacuum would)." if len(results) > 1 else "."),
            "",
            f"Queries: each in a session of its own, as the app's workers run them; {args.repeat} round(s) of "
            f"all cases in turn after one uncounted round; pages are the app's {PAGE} quotes with their total.",
            "",
            *lines,
            "",
            *(
                [
                    f"The app (`ReviewApp`, headless under Textual's Pilot, {SIZE[0]}×{SIZE[1]}, periodic refresh "
                    f"off), {args.app_runs} sessions: milliseconds from the key press (or from starting the app) "
                    "until the quote table holds the new rows, and until the detail pane shows the highlighted "
                    "quote; drawing them follows on the next refresh. Median / max over the sessions.",
                    "",
                    *app_lines,
                    "",
                ]
                if app_lines
                else []
            ),
        ]
    )


def write_results(section: str) -> None:
    print(f"updated {replace_section(SECTION, section)}", file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quotes", type=int, default=100_000, help="quotes in the store (default 100000)")
    parser.add_argument("--repeat", type=int, default=7, help="counted rounds of the query cases (default 7)")
    parser.add_argument("--app-runs", type=int, default=5, help="sessions in the app per database (default 5; 0: none)")
    parser.add_argument("--no-postgres", action="store_true", help="SQLite only")
    parser.add_argument(
        "--pg-database", default="quotes_bench_review", help="scratch PostgreSQL database (created, then dropped)"
    )
    parser.add_argument("--dir", type=Path, help="where to build the SQLite store (default: a temporary folder)")
    parser.add_argument(
        "--note", action="append", default=[], help="a line for RESULTS.md, such as what else ran (repeatable)"
    )
    parser.add_argument("--write-results", action="store_true", help="update benchmarks/RESULTS.md")
    args = parser.parse_args()
    if args.quotes < 2 * PAGE or args.repeat < 1:
        parser.error("--quotes must be at least 200 and --repeat at least 1")

    versions = f"SQLite {sqlite3.sqlite_version}, SQLAlchemy {version('sqlalchemy')}, Textual {version('textual')}"
    results = []
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        db = Path(tmp) / "review.db"
        results.append(measure("SQLite", db, f"sqlite:///{db}", args))
    admin = None if args.no_postgres else find_postgres()
    if admin is None and not args.no_postgres:
        print(f"no PostgreSQL server answers at {PG_HOST}: SQLite only", file=sys.stderr)
    if admin is not None:
        with scratch_database(admin, args.pg_database) as (url, server):
            versions += f", PostgreSQL {server} (psycopg {version('psycopg')})"
            results.append(measure("PostgreSQL", url, url, args))

    section = report(args, results, versions)
    print(section)
    if args.write_results:
        write_results(section)


if __name__ == "__main__":
    main()
