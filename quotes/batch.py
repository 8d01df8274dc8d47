"""Batch extraction: read inputs, parse and extract in worker processes, store in chunks.

The main process reads files (cheap), skips articles whose text hash is already
stored, and hands the rest to worker processes in small tasks; each worker loads the
stanza models once and sends its texts to stanza in batches. Results come back in
input order and are written in chunks, one transaction each, so a killed batch loses
at most the chunk in flight and a rerun continues where it stopped.
"""

from __future__ import annotations

import concurrent.futures as cf
import ctypes
import hashlib
import multiprocessing
import os
import signal
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from quotes.errors import InputError, QuotesError
from quotes.extract.types import Attribution
from quotes.ingest.readers import MAX_BYTES, Article, discover, format_of, read_paths
from quotes.nlp.doc import ParsedDoc

ExtractFn = Callable[[ParsedDoc], list[Attribution]]
ParseFn = Callable[[Sequence[str]], list[ParsedDoc]]
Results = list[list[Attribution] | str]

PARSE_MODES = ("all", "gated")
DEFAULT_PARSE = "gated"
STAGES = ("read", "parse", "extract", "store")

DEFAULT_CHUNK = 32  # articles per commit
DEFAULT_TASK = 4  # articles per worker task: small enough to keep every worker busy to the end


def default_workers() -> int:
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, 8))


def _real_extract(doc: ParsedDoc) -> list[Attribution]:
    try:
        from quotes.extract import extract  # noqa: PLC0415 - workers import it once, on first use
    except ImportError as exc:
        raise QuotesError(f"the extractor is not available: {exc}") from None
    return list(extract(doc))


class PreParsed:
    """ParsedDocs read from CoNLL-U files in a folder, found by their text (sha256)."""

    def __init__(self, folder: str | os.PathLike[str]) -> None:
        self.folder = str(folder)
        self._docs: dict[str, ParsedDoc] | None = None

    def _load(self) -> dict[str, ParsedDoc]:
        if self._docs is None:
            from quotes.nlp.conllu import read_conllu  # noqa: PLC0415
            from quotes.store.writer import text_sha256  # noqa: PLC0415

            self._docs = {}
            for path in sorted(Path(self.folder).rglob("*.conllu")):
                doc = read_conllu(path.read_text(encoding="utf-8"))
                self._docs[text_sha256(doc.text)] = doc
        return self._docs

    def get(self, text: str) -> ParsedDoc | None:
        from quotes.store.writer import text_sha256  # noqa: PLC0415

        return self._load().get(text_sha256(text))


class Analyzer:
    """Text -> attributions, run inside a worker process. Picklable: models load lazily, once per process.

    ``parse`` defaults to stanza with ``models_dir`` (see quotes.nlp.models); ``parsed``
    supplies ready ParsedDocs for texts it knows (CoNLL-U), so they skip stanza. ``parse_mode``
    "gated" gives the full parse only to sentences that can hold or support an attribution
    (``quotes.extract.gate``); the rest are only tokenised. ``seconds`` adds up the time spent
    parsing and extracting in this process.
    """

    def __init__(
        self,
        models_dir: str | None = None,
        *,
        extract: ExtractFn | None = None,
        parsed: PreParsed | None = None,
        batch_size: int = 16,
        parse_mode: str = DEFAULT_PARSE,
    ) -> None:
        if parse_mode not in PARSE_MODES:
            raise ValueError(f"parse_mode must be one of {PARSE_MODES}, not {parse_mode!r}")
        self.models_dir = models_dir
        self.extract = extract or _real_extract
        self.parsed = parsed
        self.batch_size = batch_size
        self.parse_mode = parse_mode
        self.seconds = {"parse": 0.0, "extract": 0.0}
        self._parser: Any = None

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        state["_parser"] = None
        return state

    def _parse(self, texts: Sequence[str]) -> list[ParsedDoc]:
        known = [self.parsed.get(t) if self.parsed else None for t in texts]
        todo = [t for t, d in zip(texts, known, strict=True) if d is None]
        fresh: Iterator[ParsedDoc] = iter(())
        if todo:
            if self._parser is None:
                from quotes.nlp.models import resolve_models  # noqa: PLC0415
                from quotes.nlp.pipeline import Parser  # noqa: PLC0415

                self._parser = Parser(resolve_models(self.models_dir), batch_size=self.batch_size)
            select = None
            if self.parse_mode == "gated":
                from quotes.extract.gate import select_sentences  # noqa: PLC0415

                select = select_sentences
            fresh = iter(self._parser.parse_many(todo, select=select))
        return [d if d is not None else next(fresh) for d in known]

    def __call__(self, texts: Sequence[str]) -> Results:
        """Attributions per text in text order, or a one-line problem for a text that failed."""
        started = time.perf_counter()
        try:
            docs = self._parse(texts)
        except QuotesError:
            raise  # models missing or broken: no article can succeed
        except Exception as exc:
            if len(texts) == 1:
                return [f"parsing failed: {exc.__class__.__name__}: {exc}"]
            # One bad text must not fail its neighbours: retry them one by one.
            self.seconds["parse"] += time.perf_counter() - started
            return [self(texts[i : i + 1])[0] for i in range(len(texts))]
        parsed = time.perf_counter()
        self.seconds["parse"] += parsed - started
        out: Results = []
        for doc in docs:
            try:
                found = self.extract(doc)
            except QuotesError:
                raise
            except Exception as exc:
                out.append(f"extraction failed: {exc.__class__.__name__}: {exc}")
                continue
            out.append(sorted(found, key=lambda a: (a.content_span[0], a.content_span[1])))
        self.seconds["extract"] += time.perf_counter() - parsed
        return out

    def describe(self) -> dict[str, str | None]:
        """What a run records about the models and extractor used (without loading stanza)."""
        from quotes.nlp.models import STANZA_VERSION, resolve_models  # noqa: PLC0415

        extractor = getattr(self.extract, "__module__", "") + "." + getattr(self.extract, "__qualname__", "")
        if self.extract is _real_extract:
            extractor = "quotes.extract.extract"
        try:
            models = resolve_models(self.models_dir)
            described, path = models.describe(), str(models.path)
        except QuotesError as exc:
            described, path = f"unavailable: {exc}", self.models_dir
        if self.parsed is not None:
            described = f"{described}; pre-parsed CoNLL-U from {self.parsed.folder}"
        if self.parse_mode == "gated":
            described = f"{described}; gated parse"
        return {"models": described, "models_path": path, "stanza_version": STANZA_VERSION, "extractor": extractor}

    def fingerprint(self) -> str:
        """16 hex digits that change with anything deciding the quotes found: the extractor's code and data,
        the parse models (the bundled ones by their checksums, others by their folder) and the parse mode."""
        from quotes.extract.version import extractor_fingerprint  # noqa: PLC0415
        from quotes.nlp.models import resolve_models  # noqa: PLC0415

        parts = [extractor_fingerprint() if self.extract is _real_extract else self.describe()["extractor"] or ""]
        try:
            models = resolve_models(self.models_dir)
            sums = models.path / "sha256sums.txt" if models.source == "bundled" else None
            parts.append(sums.read_text(encoding="utf-8") if sums is not None and sums.is_file() else str(models.path))
        except QuotesError as exc:
            parts.append(f"unavailable: {exc}")
        parts += [f"parsed from {self.parsed.folder}" if self.parsed is not None else "", self.parse_mode]
        return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()[:16]


# ---------------------------------------------------------------- worker process side

_worker_analyzer: Analyzer | None = None


def _worker_init(analyzer: Analyzer, threads: int) -> None:
    global _worker_analyzer
    # Ctrl-C goes to the main process, which shuts the pool down in order.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    os.environ.setdefault("QUOTES_TORCH_THREADS", str(threads))
    _worker_analyzer = analyzer


def _worker_run(texts: list[str]) -> tuple[Results, dict[str, float]]:
    """Results, and the seconds this task spent in each stage (the main process adds them up)."""
    assert _worker_analyzer is not None
    before = dict(_worker_analyzer.seconds)
    results = _worker_analyzer(texts)
    release_free_memory()
    return results, {k: v - before[k] for k, v in _worker_analyzer.seconds.items()}


@cache
def _malloc_trim() -> Callable[[int], int] | None:
    try:
        return ctypes.CDLL("libc.so.6").malloc_trim  # glibc only
    except (OSError, AttributeError):
        return None


def release_free_memory() -> None:
    """Hand memory freed by the last task back to the system. A parse allocates tensors sized to its
    longest batch; glibc keeps the freed pages, so without this a worker's resident memory creeps
    up with every new longest batch and stays there."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


def _stop_workers(pool: cf.ProcessPoolExecutor | None) -> None:
    """End the workers now instead of letting them finish tasks nobody will read (they ignore SIGINT)."""
    if pool is None:
        return
    for process in list(getattr(pool, "_processes", {}).values()):
        if process.is_alive():
            process.terminate()


# ---------------------------------------------------------------- main process side


@dataclass(frozen=True)
class ArticleDone:
    article: Article
    attributions: tuple[Attribution, ...]


@dataclass(frozen=True)
class InputFailed:
    source: str
    problem: str


Outcome = ArticleDone | InputFailed


@dataclass
class BatchSummary:
    total: int = 0  # inputs expected (files; JSON lines records count one each)
    done: int = 0  # inputs finished: stored, skipped or failed
    stored: int = 0  # new articles
    updated: int = 0  # changed articles re-extracted
    skipped: int = 0  # unchanged since they were stored
    quotes: int = 0
    errors: list[InputFailed] = field(default_factory=list)
    run_id: int | None = None
    started: float = field(default_factory=time.monotonic)
    finished: float | None = None
    interrupted: bool = False
    # Seconds per stage: read and store in the main process, parse and extract summed over the workers.
    stages: dict[str, float] = field(default_factory=lambda: dict.fromkeys(STAGES, 0.0))

    @property
    def elapsed(self) -> float:
        return (self.finished or time.monotonic()) - self.started

    @property
    def rate(self) -> float:
        return self.done / self.elapsed if self.elapsed > 0 else 0.0


def count_inputs(paths: Iterable[str | os.PathLike[str]]) -> int:
    """How many articles the paths hold, for the progress bar (JSON lines: non-blank lines)."""
    total = 0
    for item in discover(paths):
        if isinstance(item, InputError) or format_of(item) != "jsonl":
            total += 1
            continue
        try:
            with item.open("rb") as fh:
                total += max(1, sum(1 for line in fh if line.strip()))
        except OSError:
            total += 1
    return total


class Sink:
    """Where results go as they arrive, in input order; the CLI's output and progress bar implement it."""

    def started(self, summary: BatchSummary) -> None:
        """Inputs counted (``summary.total``), nothing processed yet."""

    def article(self, done: ArticleDone, summary: BatchSummary) -> None:
        """An article was extracted (it is stored with the next commit)."""

    def skipped(self, article: Article, summary: BatchSummary) -> None:
        """An article is stored already with the same text."""

    def error(self, failed: InputFailed, summary: BatchSummary) -> None:
        """An input was recorded as an error."""

    def committed(self, summary: BatchSummary) -> None:
        """A chunk was written."""


@dataclass
class _Slot:
    """One task's place in input order: articles and either a future or ready results."""

    items: list[Article | InputFailed]
    future: cf.Future[tuple[Results, dict[str, float]]] | None = None
    results: Results | None = None

    def ready(self) -> bool:
        return self.future is None or self.future.done()

    def outcomes(self, stages: dict[str, float]) -> list[Outcome]:
        results = self.results
        if self.future is not None:
            results, seconds = self.future.result()
            for stage, value in seconds.items():
                stages[stage] += value
        out: list[Outcome] = []
        it = iter(results or [])
        for item in self.items:
            if isinstance(item, InputFailed):
                out.append(item)
                continue
            result = next(it)
            if isinstance(result, str):
                out.append(InputFailed(item.source, result))
            else:
                out.append(ArticleDone(item, tuple(result)))
        return out


class Batch:
    """One batch over some paths; ``store`` None means extract and print only."""

    def __init__(
        self,
        analyzer: Analyzer,
        store: Any | None = None,
        *,
        workers: int = 1,
        chunk_size: int = DEFAULT_CHUNK,
        task_size: int = DEFAULT_TASK,
        max_bytes: int = MAX_BYTES,
        sink: Sink | None = None,
    ) -> None:
        self.analyzer = analyzer
        self.store = store
        self.workers = max(1, workers)
        self.chunk_size = max(1, chunk_size)
        self.task_size = max(1, task_size)
        self.max_bytes = max_bytes
        self.sink = sink or Sink()
        self.summary = BatchSummary()
        self.extractor: str | None = None  # the analyzer's fingerprint, stored with each article

    # -- storage

    def _start(self) -> dict[str, str]:
        if self.store is None:
            return {}
        from quotes.store.writer import known_hashes, settle_dead_runs, start_run  # noqa: PLC0415

        self.extractor = self.analyzer.fingerprint()
        with self.store.session() as session:
            settle_dead_runs(session)
            self.summary.run_id = start_run(session, **self.analyzer.describe())
            return known_hashes(session, self.extractor)

    def _commit(self, chunk: list[Outcome]) -> None:
        started = time.perf_counter()
        try:
            self._write(chunk)
        finally:
            self.summary.stages["store"] += time.perf_counter() - started

    def _write(self, chunk: list[Outcome]) -> None:
        s = self.summary
        if self.store is None:
            for outcome in chunk:
                if isinstance(outcome, ArticleDone):
                    s.stored += 1
                    s.quotes += len(outcome.attributions)
            self.sink.committed(s)
            return
        from sqlalchemy.exc import SQLAlchemyError  # noqa: PLC0415

        from quotes.store.entities import Resolver  # noqa: PLC0415
        from quotes.store.writer import record_input_error, store_article  # noqa: PLC0415

        late_errors: list[InputFailed] = []
        stored = updated = quotes = 0
        with self.store.session() as session:
            resolver = Resolver(session)
            for outcome in chunk:
                if isinstance(outcome, InputFailed):
                    record_input_error(session, outcome.source, outcome.problem, s.run_id)
                    continue
                try:
                    with session.begin_nested():
                        result = store_article(
                            session, outcome.article, outcome.attributions, s.run_id, resolver, self.extractor
                        )
                except SQLAlchemyError as exc:
                    resolver = Resolver(session)  # its cache may hold rolled-back rows
                    failed = InputFailed(outcome.article.source, f"could not store: {exc.__class__.__name__}: {exc}")
                    record_input_error(session, failed.source, failed.problem, s.run_id)
                    late_errors.append(failed)
                    continue
                stored += result.outcome == "new"
                updated += result.outcome == "updated"
                quotes += result.quotes
            self._record_counts(session, s.stored + stored, s.updated + updated, s.quotes + quotes, late_errors)
        s.stored += stored
        s.updated += updated
        s.quotes += quotes
        for failed in late_errors:
            s.errors.append(failed)
            self.sink.error(failed, s)
        self.sink.committed(s)

    def _record_counts(self, session: Any, stored: int, updated: int, quotes: int, late: list[InputFailed]) -> None:
        from quotes.store.writer import finish_run  # noqa: PLC0415

        s = self.summary
        finish_run(
            session,
            s.run_id or 0,
            status="running",
            seen=s.done,
            stored=stored + updated,
            skipped=s.skipped,
            quotes=quotes,
            errors=len(s.errors) + len(late),
        )

    def _finish(self, status: str) -> None:
        s = self.summary
        s.finished = time.monotonic()
        if self.store is None or s.run_id is None:
            return
        from sqlalchemy.exc import SQLAlchemyError  # noqa: PLC0415

        from quotes.store.writer import finish_run  # noqa: PLC0415

        try:
            with self.store.session() as session:
                finish_run(
                    session,
                    s.run_id,
                    status=status,
                    seen=s.done,
                    stored=s.stored + s.updated,
                    skipped=s.skipped,
                    quotes=s.quotes,
                    errors=len(s.errors),
                )
        except SQLAlchemyError:
            if status == "finished":
                raise
            # Already failing (often for this very reason): the first error is the one to report.

    # -- the loop

    def run(self, paths: Sequence[str | os.PathLike[str]]) -> BatchSummary:
        """Process every input; database failures end the batch as a QuotesError (committed chunks stay)."""
        if self.store is None:
            return self._run(paths)
        from quotes.store.db import database_errors  # noqa: PLC0415

        with database_errors(str(self.store.engine.url)):
            return self._run(paths)

    def _run(self, paths: Sequence[str | os.PathLike[str]]) -> BatchSummary:
        s = self.summary
        started = time.perf_counter()
        s.total = count_inputs(paths)
        counted = time.perf_counter()
        known = self._start()
        s.stages["read"] += counted - started
        s.stages["store"] += time.perf_counter() - counted
        self.sink.started(s)
        handled: set[str] = set()
        pool: cf.ProcessPoolExecutor | None = None
        workers = min(self.workers, max(s.total, 1))  # no idle processes holding models
        if workers > 1:
            threads = max(1, default_workers() // workers)
            pool = cf.ProcessPoolExecutor(
                workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_worker_init,
                initargs=(self.analyzer, threads),
            )
        slots: deque[_Slot] = deque()
        chunk: list[Outcome] = []
        status = "failed"
        try:
            pending: list[Article | InputFailed] = []

            def submit() -> None:
                articles = [a.parse_text for a in pending if isinstance(a, Article)]
                if pool is not None and articles:
                    slots.append(_Slot(list(pending), future=pool.submit(_worker_run, articles)))
                else:
                    before = dict(self.analyzer.seconds)
                    results = self.analyzer(articles) if articles else []
                    for stage, value in self.analyzer.seconds.items():
                        s.stages[stage] += value - before[stage]
                    slots.append(_Slot(list(pending), results=results))
                pending.clear()

            def drain(in_flight: int) -> None:
                # Take finished tasks in input order; wait on the oldest while more than ``in_flight`` remain.
                while slots and (slots[0].ready() or len(slots) > in_flight):
                    for outcome in slots.popleft().outcomes(s.stages):
                        self._take(outcome, chunk)
                        if len(chunk) >= self.chunk_size:
                            self._commit(chunk)
                            chunk.clear()

            for item in self._timed_read(paths):
                if isinstance(item, InputError):
                    pending.append(InputFailed(item.path, item.problem))
                    continue
                if item.source in handled:
                    continue  # the same file named twice (a file and its folder)
                handled.add(item.source)
                if self.store is not None:
                    from quotes.store.writer import text_sha256  # noqa: PLC0415

                    if known.get(item.source) == text_sha256(item.text):
                        s.skipped += 1
                        s.done += 1
                        self.sink.skipped(item, s)
                        continue
                pending.append(item)
                if sum(isinstance(p, Article) for p in pending) >= self.task_size:
                    submit()
                    drain(2 * workers)
            if pending:
                submit()
            drain(0)
            if chunk:
                self._commit(chunk)
                chunk.clear()
            status = "finished"
        except KeyboardInterrupt:
            s.interrupted = True
            status = "interrupted"
            _stop_workers(pool)
            if chunk:
                self._commit(chunk)  # keep what is finished; a rerun does the rest
            raise
        except cf.process.BrokenProcessPool:
            raise QuotesError(
                "a worker process died (out of memory?); what was stored is kept: run again to continue"
            ) from None
        finally:
            if pool is not None:
                pool.shutdown(wait=status == "finished", cancel_futures=True)
            self._finish(status)
        return s

    def _timed_read(self, paths: Sequence[str | os.PathLike[str]]) -> Iterator[Article | InputError]:
        items = iter(read_paths(paths, max_bytes=self.max_bytes))
        while True:
            started = time.perf_counter()
            item = next(items, None)
            self.summary.stages["read"] += time.perf_counter() - started
            if item is None:
                return
            yield item

    def _take(self, outcome: Outcome, chunk: list[Outcome]) -> None:
        s = self.summary
        s.done += 1
        chunk.append(outcome)
        if isinstance(outcome, InputFailed):
            s.errors.append(outcome)
            self.sink.error(outcome, s)
        else:
            self.sink.article(outcome, s)
