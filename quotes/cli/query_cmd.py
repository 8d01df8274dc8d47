"""`quotes list`, `search`, `show`, `speakers`, `outlets`, `stats`, `export` and `sql`."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import closing
from pathlib import Path
from typing import Any, TypeVar

import click

from quotes.cli.options import check_database, db_option, existing_store, filter_options, page_options
from quotes.cli.output import Output, Row, Shape, note, output_options, write_rows
from quotes.cli.records import (
    OUTLET,
    PROGRESS,
    QUOTE,
    SHOWN_QUOTE,
    SPEAKER,
    entity_record,
    progress_record,
    quote_record,
    shown_record,
)
from quotes.errors import QuotesError
from quotes.store import repository
from quotes.store.views import Page, QuoteFilter

T = TypeVar("T")


def _collect(fetch: Callable[[int, int], Page[T]], offset: int, limit: int) -> tuple[list[T], int]:
    """Up to ``limit`` items from ``offset``, in as many repository pages as that takes."""
    items: list[T] = []
    total = 0
    while len(items) < limit:
        page = fetch(offset + len(items), min(repository.MAX_LIMIT, limit - len(items)))
        total = page.total
        items.extend(page.items)
        if not page.items or not page.has_more:
            break
    return items, total


def _more(shown: int, offset: int, total: int, what: str) -> None:
    if offset + shown < total:
        note(f"{what} {offset + 1}-{offset + shown} of {total}; next: --offset {offset + shown}")


@click.command("list")
@filter_options
@page_options(50)
@db_option
@output_options
def list_cmd(filters: QuoteFilter, limit: int, offset: int, db_url: str | None, out: Output) -> None:
    """List quotes, newest articles first.

    Within an article, quotes are in text order. Filters combine: every one given must hold.
    """
    with existing_store(db_url) as store, store.sessions() as session:
        items, total = _collect(lambda o, n: repository.list_quotes(session, filters, offset=o, limit=n), offset, limit)
    out.write(QUOTE, [quote_record(q) for q in items], empty="no quotes match")
    _more(len(items), offset, total, "quotes")


@click.command("search")
@click.argument("text")
@click.option("--prefix", is_flag=True, help="Let the last word match as a prefix (talk -> talks, talked).")
@filter_options
@page_options(50)
@db_option
@output_options
def search_cmd(
    text: str, prefix: bool, filters: QuoteFilter, limit: int, offset: int, db_url: str | None, out: Output
) -> None:
    """Full-text search over quotes and speaker names.

    Finds quotes whose content or speaker name contains every word of TEXT, best match first.

    TEXT is plain words: quote marks, AND/OR/NOT/NEAR, *, -, parentheses and colons are
    matched as text, never as query syntax.
    """
    with existing_store(db_url) as store, store.sessions() as session:
        items, total = _collect(
            lambda o, n: repository.search(session, text, filters, prefix=prefix, offset=o, limit=n), offset, limit
        )
    if not repository.search_terms(text):
        note("nothing to search for: TEXT has no words")
    out.write(QUOTE, [quote_record(q) for q in items], empty="no quotes match")
    _more(len(items), offset, total, "quotes")


def _show_table(console: Any, rows: list[Row]) -> None:
    from rich.markup import escape  # noqa: PLC0415
    from rich.panel import Panel  # noqa: PLC0415

    for row in rows:
        speaker = row["speaker"] or row["speaker_mention"] or "(no speaker)"
        if row["role"]:
            speaker += f", {row['role']}"
        chain = [escape(speaker)] + [escape(f"{c['name']} ({c['role']})") for c in row["channels"]]
        if row["publisher"]:
            chain.append(escape(f"{row['publisher']} (published)"))
        lines = [
            f"[b]{escape(row['title'] or row['article'])}[/b]",
            escape(
                f"{row['article']}  ·  {row['published'] or 'no date'}  ·  {row['publisher'] or 'no outlet'}"
                + (f"  ·  {row['article_url']}" if row["article_url"] else "")
            ),
            "",
            f"…{escape(row['before'])}[reverse]{escape(row['content'])}[/reverse]{escape(row['after'])}…",
            "",
            f"[b]speaker[/b]  {escape(speaker)}"
            + (f"  [dim](as written: {escape(row['speaker_mention'])})[/dim]" if row["speaker_mention"] else ""),
            f"[b]cue[/b]      {escape(row['cue'] or '-')}",
            f"[b]chain[/b]    {' → '.join(chain)}",
            f"[b]kind[/b]     {row['kind']}    [b]status[/b] {row['status']}    "
            f"[b]confidence[/b] {row['confidence']}" + ("    [b]stale[/b]" if row["stale"] else ""),
        ]
        if row["history"]:
            lines.append("[b]history[/b]")
            for h in row["history"]:
                change = f"{h['old_value'] or '-'} → {h['new_value'] or '-'}"
                lines.append(
                    escape(f"  {h['at']:%Y-%m-%d %H:%M}  {h['action']:<12} {change}")
                    + (f"  [dim]{escape(h['note'])}[/dim]" if h["note"] else "")
                )
        console.print(Panel("\n".join(lines), title=f"quote {row['id']}", title_align="left"))


@click.command("show")
@click.argument("ids", metavar="ID...", nargs=-1, required=True, type=int)
@click.option("--context", "chars", type=click.IntRange(min=0), default=400, show_default=True,
              help="Characters of article text to show around the quote (within its paragraph).")
@db_option
@output_options
def show_cmd(ids: tuple[int, ...], chars: int, db_url: str | None, out: Output) -> None:
    """Show quotes in their article context.

    With the speaker, role, cue, channel chain and review history.
    """
    with existing_store(db_url) as store, store.sessions() as session:
        contexts = [repository.get_quote_context(session, i, chars) for i in ids]
    missing = [str(i) for i, ctx in zip(ids, contexts, strict=True) if ctx is None]
    if missing:
        raise QuotesError(f"no quote with id {', '.join(missing)}")
    out.write(SHOWN_QUOTE, [shown_record(c) for c in contexts if c is not None], table=_show_table)


@click.command("speakers")
@click.option("--name", help="Only speakers whose name contains this (any case).")
@click.option("--type", "type_", type=click.Choice(["person", "organization", "outlet", "group", "unknown"]),
              help="Only speakers of this type.")
@page_options(50)
@db_option
@output_options
def speakers_cmd(name: str | None, type_: str | None, limit: int, offset: int, db_url: str | None, out: Output) -> None:
    """List speakers with counts, aliases and roles.

    People and organisations quoted, most quoted first.
    """
    with existing_store(db_url) as store, store.sessions() as session:
        items, total = _collect(
            lambda o, n: repository.list_speakers(session, name=name, type=type_, offset=o, limit=n), offset, limit
        )
    out.write(SPEAKER, [entity_record(e) for e in items], empty="no speakers match")
    _more(len(items), offset, total, "speakers")


@click.command("outlets")
@click.option("--name", help="Only outlets whose name contains this (any case).")
@page_options(50)
@db_option
@output_options
def outlets_cmd(name: str | None, limit: int, offset: int, db_url: str | None, out: Output) -> None:
    """List outlets with counts and aliases.

    Outlets that published articles or that quotes came through, busiest first.
    """
    with existing_store(db_url) as store, store.sessions() as session:
        items, total = _collect(
            lambda o, n: repository.list_outlets(session, name=name, offset=o, limit=n), offset, limit
        )
    out.write(OUTLET, [entity_record(e) for e in items], empty="no outlets match")
    _more(len(items), offset, total, "outlets")


_GROUPS = ("all", "kind", "speaker", "outlet")


def _stats_table(console: Any, rows: list[Row]) -> None:
    from rich.table import Table  # noqa: PLC0415
    from rich.text import Text  # noqa: PLC0415

    for group in _GROUPS:
        chosen = [r for r in rows if r["group"] == group]
        if not chosen:
            continue
        title = {"all": "review progress", "kind": "by kind", "speaker": "by speaker", "outlet": "by outlet"}[group]
        table = Table(title=title, title_justify="left")
        for column in ("name", "quotes", "pending", "accepted", "rejected", "reviewed"):
            table.add_column(column, justify="left" if column == "name" else "right")
        for r in chosen:
            done = r["accepted"] + r["rejected"]
            share = f"{100 * done / r['quotes']:.0f}%" if r["quotes"] else "-"
            name = r["name"] if r["name"] is not None else "(no speaker)"
            table.add_row(Text(name), *(str(r[c]) for c in ("quotes", "pending", "accepted", "rejected")), share)
        console.print(table)


@click.command("stats")
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True,
              help="Speakers and outlets to list (most quotes first).")
@db_option
@output_options
def stats_cmd(top: int, db_url: str | None, out: Output) -> None:
    """Counts per outlet, speaker and kind, and review progress."""
    from quotes.store.queries import review_progress  # noqa: PLC0415

    with existing_store(db_url) as store, store.sessions() as session:
        rows = [p for group in _GROUPS for p in review_progress(session, group, top=top)]
        if out.is_table:
            s = repository.stats(session)
            note(f"{s.articles} articles, {s.quotes} quotes, {s.entities} entities, {s.input_errors} input errors")
    out.write(PROGRESS, [progress_record(p) for p in rows], table=_stats_table)


@click.command("export")
@filter_options
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl"]), default="jsonl", show_default=True,
              help="CSV with a header line, or JSON lines.")
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False, allow_dash=True), default="-",
              help="File to write (default: stdout). Written beside it and renamed when complete.")
@db_option
def export_cmd(filters: QuoteFilter, fmt: str, output: str, db_url: str | None) -> None:
    """Export quotes to CSV or JSON lines, streaming.

    Every quote (or those matching the filters) in id order, in constant memory.

    Same fields as `quotes list`; rows are read in batches from a server-side cursor, so
    the size of the database does not matter.
    """
    from quotes.store.queries import iter_quotes  # noqa: PLC0415

    with existing_store(db_url) as store, store.sessions() as session, closing(iter_quotes(session, filters)) as quotes:
        # Closed inside the session: a reader that stops early (`| head`) must not leave the
        # cursor to be closed after its connection.
        rows = (quote_record(q) for q in quotes)
        if output == "-":
            n = write_rows(fmt, sys.stdout, QUOTE, rows)
            sys.stdout.flush()
            where = "stdout"
        else:
            target = Path(output)
            partial = target.with_name(target.name + ".partial")
            try:
                with partial.open("w", encoding="utf-8", newline="") as stream:
                    n = write_rows(fmt, stream, QUOTE, rows)
                os.replace(partial, target)
            except OSError as exc:
                raise QuotesError(f"cannot write {output}: {exc.strerror or exc}") from None
            finally:
                partial.unlink(missing_ok=True)
            where = str(target)
    note(f"exported {n} quotes to {where}")


def _unique(names: Sequence[str]) -> tuple[str, ...]:
    # JSON objects need distinct keys: `SELECT 1, 1` gives columns "1" and "1_2".
    seen: dict[str, int] = {}
    out = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name}_{seen[name]}")
    return tuple(out)


@click.command("sql")
@click.argument("query")
@db_option
@output_options
def sql_cmd(query: str, db_url: str | None, out: Output) -> None:
    """Run one read-only SQL statement and print its rows.

    The connection itself is read-only (SQLite: opened with mode=ro and query_only, ATTACH
    refused; PostgreSQL: a read-only transaction, one statement), so any write fails with
    a one-line error. Tables: articles, quotes, quote_channels, entities, entity_aliases,
    entity_roles, review_log, runs, input_errors.
    """
    from quotes.store.queries import readonly_rows  # noqa: PLC0415

    with existing_store(db_url):  # the same friendly errors for a missing or empty database
        url = check_database(db_url)
    with readonly_rows(url, query) as result:
        if not result.columns:
            note("the statement returned no rows")
            return
        columns = _unique(result.columns)
        shape = Shape(fields=columns, table=columns)

        def rows() -> Iterator[Row]:
            for values in result.rows:
                yield dict(zip(columns, values, strict=True))

        n = out.write(shape, rows())
    if out.is_table:
        note(f"{n} rows")


COMMANDS = [list_cmd, search_cmd, show_cmd, speakers_cmd, outlets_cmd, stats_cmd, export_cmd, sql_cmd]
