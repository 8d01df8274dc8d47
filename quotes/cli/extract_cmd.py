"""`quotes extract PATH...`: find quotes in articles, print them and store them."""

from __future__ import annotations

import json
import sys
from typing import Any, TextIO

import click

from quotes.batch import (
    DEFAULT_PARSE,
    PARSE_MODES,
    Analyzer,
    ArticleDone,
    Batch,
    BatchSummary,
    InputFailed,
    PreParsed,
    Sink,
    default_workers,
)
from quotes.cli.options import db_option
from quotes.errors import ExitCode
from quotes.ingest.readers import MAX_BYTES, Article


class _Output(Sink):
    """Prints results as they arrive and keeps the progress bar current."""

    def __init__(self, fmt: str, progress: Any | None, stdout: TextIO) -> None:
        self.fmt = fmt
        self.progress = progress
        self.stdout = stdout
        self.task: Any = None
        self.quotes = 0
        self._console: Any = None

    def started(self, summary: BatchSummary) -> None:
        if self.progress is not None:
            self.task = self.progress.add_task("extracting", total=summary.total, quotes=0, errors=0, rate="")

    def _advance(self, summary: BatchSummary) -> None:
        if self.task is not None:
            rate = f"{summary.rate:.2f} art/s" if summary.elapsed > 1 else ""
            self.progress.update(
                self.task, completed=summary.done, quotes=self.quotes, errors=len(summary.errors), rate=rate
            )

    def article(self, done: ArticleDone, summary: BatchSummary) -> None:
        self.quotes += len(done.attributions)
        if self.fmt == "jsonl":
            for attribution in done.attributions:
                self.stdout.write(json.dumps(attribution.to_json(article=done.article.source), ensure_ascii=False))
                self.stdout.write("\n")
            self.stdout.flush()
        elif self.fmt == "table" and done.attributions:
            self._table(done)
        self._advance(summary)

    def _table(self, done: ArticleDone) -> None:
        from rich.console import Console  # noqa: PLC0415
        from rich.table import Table  # noqa: PLC0415

        if self._console is None:
            self._console = Console()  # sys.stdout, which the live progress display redirects above the bar
        table = Table(title=done.article.source, title_justify="left", expand=True)
        table.add_column("kind", no_wrap=True)
        table.add_column("speaker", ratio=1)
        table.add_column("cue", no_wrap=True)
        table.add_column("content", ratio=3)
        table.add_column("via", ratio=1)
        for a in done.attributions:
            speaker = a.speaker or a.speaker_mention or ""
            if a.role:
                speaker = f"{speaker} ({a.role})"
            via = ", ".join(f"{c.name} ({c.role})" for c in a.via)
            table.add_row(a.kind, speaker, a.cue or "", a.content, via)
        self._console.print(table)

    def skipped(self, article: Article, summary: BatchSummary) -> None:
        self._advance(summary)

    def error(self, failed: InputFailed, summary: BatchSummary) -> None:
        message = f"error: {failed.source}: {failed.problem}"
        if self.progress is not None:
            self.progress.console.print(message, markup=False, highlight=False)
        else:
            click.echo(message, err=True)
        self._advance(summary)


def _progress(stdout_is_terminal: bool) -> Any:
    from rich.console import Console  # noqa: PLC0415
    from rich.progress import (  # noqa: PLC0415
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    return Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[quotes]} quotes"),
        TextColumn("{task.fields[errors]} errors"),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        redirect_stdout=stdout_is_terminal,
        redirect_stderr=False,
    )


def summary_line(s: BatchSummary, where: str | None) -> str:
    parts = [f"{s.done} of {s.total} inputs in {s.elapsed:.1f}s ({s.rate:.2f} articles/s)"]
    if where is None:
        parts.append(f"{s.stored} articles extracted, {s.quotes} quotes (not stored)")
    else:
        parts.append(f"{s.stored} new and {s.updated} changed articles, {s.skipped} unchanged skipped")
        parts.append(f"{s.quotes} quotes stored in {where}")
    if s.errors:
        parts.append(f"{len(s.errors)} inputs recorded as errors" + (" (see `quotes db errors`)" if where else ""))
    return "; ".join(parts)


@click.command("extract")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@db_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "table", "none"]),
    help="Print one JSON object per quote, a table, or only the summary. Default: table on a terminal, else jsonl.",
)
@click.option("--workers", type=click.IntRange(min=1), help="Worker processes for parsing. Default: one per core.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary (errors are still reported).")
@click.option(
    "--models",
    "models_dir",
    envvar="QUOTES_MODELS",
    type=click.Path(file_okay=False),
    help="Directory of stanza models (env QUOTES_MODELS). Default: official models if downloaded, else bundled.",
)
@click.option("--no-store", is_flag=True, help="Only print the quotes; do not open or write a database.")
@click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    default=MAX_BYTES,
    show_default=True,
    help="Record larger files as errors instead of reading them.",
)
@click.option(
    "--parsed",
    "parsed_dir",
    type=click.Path(file_okay=False, exists=True),
    help="Folder of CoNLL-U parses; an article whose text one of them rebuilds exactly is not parsed again.",
)
@click.option("--chunk-size", type=click.IntRange(min=1), default=32, show_default=True, help="Articles per commit.")
@click.option(
    "--parse",
    "parse_mode",
    type=click.Choice(PARSE_MODES),
    default=DEFAULT_PARSE,
    show_default=True,
    help="all: parse every sentence; gated: parse only sentences that can hold or support a quote (quote marks, "
    "cue words and their context), tokenise the rest.",
)
def extract(
    paths: tuple[str, ...],
    db_url: str | None,
    fmt: str | None,
    workers: int | None,
    quiet: bool,
    models_dir: str | None,
    no_store: bool,
    max_bytes: int,
    parsed_dir: str | None,
    chunk_size: int,
    parse_mode: str,
) -> None:
    """Find quotes, speakers and channels in articles: files, folders (recursively) and JSON lines.

    Articles already stored with the same text are skipped; changed ones are extracted
    again, keeping review decisions. Exit status: 0 ok, 1 failure, 3 finished but some
    inputs were recorded as errors.
    """
    from quotes.nlp.models import resolve_models  # noqa: PLC0415

    resolve_models(models_dir)  # a wrong --models fails now, not in every worker
    stdout_tty = sys.stdout.isatty()
    fmt = fmt or ("table" if stdout_tty else "jsonl")
    store = None
    if not no_store:
        from quotes.store.db import open_store  # noqa: PLC0415

        store = open_store(db_url)
    progress = _progress(stdout_tty) if not quiet and sys.stderr.isatty() else None
    batch = Batch(
        Analyzer(models_dir, parsed=PreParsed(parsed_dir) if parsed_dir else None, parse_mode=parse_mode),
        store,
        workers=workers or default_workers(),
        chunk_size=chunk_size,
        max_bytes=max_bytes,
        sink=_Output(fmt, progress, sys.stdout),
    )
    try:
        if progress is not None:
            with progress:
                batch.run(paths)
        else:
            batch.run(paths)
    finally:
        if store is not None:
            store.close()
    if not quiet:
        click.echo(summary_line(batch.summary, store.url if store else None), err=True)
    sys.exit(ExitCode.PARTIAL if batch.summary.errors else ExitCode.OK)


COMMANDS = [extract]
