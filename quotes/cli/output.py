"""One set of output options for every query command, and the writers behind them.

Data goes to stdout, messages to stderr. Without a format flag the output is a rich
table when stdout is a terminal and tab-separated values otherwise, so pipes get
something `cut`/`awk`/spreadsheets read without a flag and people get a readable table.
"""

from __future__ import annotations

import csv
import functools
import json
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, TextIO

import click

FORMATS = ("table", "json", "jsonl", "csv", "tsv")
LIST_SEPARATOR = "; "

Row = Mapping[str, Any]
TableRenderer = Callable[[Any, list[Row]], None]


@dataclass(frozen=True)
class Shape:
    """The fields of one kind of record, in their stable order."""

    fields: tuple[str, ...]
    table: tuple[str, ...]  # the columns a terminal table shows (all fields go to the other formats)
    flatten: Mapping[str, Callable[[Any], str]] = field(default_factory=dict)  # list fields for flat formats
    wide: tuple[str, ...] = ()  # table columns that get the spare width


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes | bytearray | memoryview):
        return "\\x" + bytes(value).hex()
    # Decimal, UUID, intervals and the like from `quotes sql`: their text form loses nothing.
    return str(value)


def flat_value(value: Any, flatten: Callable[[Any], str] | None = None) -> str:
    """A value as one text cell: empty for null, true/false, ISO dates, lists joined with "; "."""
    if value is None:
        return ""
    if flatten is not None:
        return flatten(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes | bytearray | memoryview):
        return _json_default(value)
    if isinstance(value, list | tuple):
        return LIST_SEPARATOR.join(flat_value(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=_json_default)
    return str(value)


def _tsv_cell(text: str) -> str:
    # Backslash escapes (as in PostgreSQL's text COPY format) keep one record per line.
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def write_rows(fmt: str, stream: TextIO, shape: Shape, rows: Iterable[Row]) -> int:
    """Write rows in a data format as they come (nothing is collected); returns how many."""
    n = 0
    if fmt == "json":
        stream.write("[")
        for row in rows:
            stream.write(",\n" if n else "\n")
            stream.write(json.dumps({k: row[k] for k in shape.fields}, ensure_ascii=False, default=_json_default))
            n += 1
        stream.write("\n]\n" if n else "]\n")
    elif fmt == "jsonl":
        for row in rows:
            stream.write(json.dumps({k: row[k] for k in shape.fields}, ensure_ascii=False, default=_json_default))
            stream.write("\n")
            n += 1
    elif fmt in ("csv", "tsv"):
        if fmt == "csv":
            writer = csv.writer(stream, lineterminator="\n")

            def put(cells: list[str]) -> None:
                writer.writerow(cells)
        else:

            def put(cells: list[str]) -> None:
                stream.write("\t".join(_tsv_cell(c) for c in cells) + "\n")

        put(list(shape.fields))
        for row in rows:
            put([flat_value(row[k], shape.flatten.get(k)) for k in shape.fields])
            n += 1
    else:
        raise ValueError(f"not a data format: {fmt}")
    return n


def _render_table(console: Any, shape: Shape, rows: list[Row], title: str | None) -> None:
    from rich.table import Table  # noqa: PLC0415 - rich is only needed for terminal output
    from rich.text import Text  # noqa: PLC0415

    table = Table(title=title, title_justify="left")
    for name in shape.table:
        if name in shape.wide:
            table.add_column(name, overflow="fold", min_width=8)
        else:
            # Short values (ids, dates, counts) never wrap; the text columns share what is left.
            table.add_column(name, no_wrap=True)
    for row in rows:
        # Text, not str: article text such as "[bold]" must print as written, not as markup.
        table.add_row(*(Text(flat_value(row[k], shape.flatten.get(k))) for k in shape.table))
    console.print(table)


@dataclass
class Output:
    """The format a command prints in, chosen by the shared flags."""

    fmt: str

    @property
    def is_table(self) -> bool:
        return self.fmt == "table"

    def console(self) -> Any:
        from rich.console import Console  # noqa: PLC0415

        # Resolved at call time so redirected stdout (tests, pipes) is honoured; rich drops
        # colours by itself when stdout is not a terminal or NO_COLOR is set.
        return Console(file=sys.stdout, highlight=False, soft_wrap=False)

    def write(
        self,
        shape: Shape,
        rows: Iterable[Row],
        *,
        title: str | None = None,
        empty: str | None = None,
        table: TableRenderer | None = None,
    ) -> int:
        """Print rows; ``empty`` is said on stderr when there were none (data formats still print
        their empty form: ``[]`` or a header line)."""
        if self.is_table:
            collected = list(rows)
            if collected:
                console = self.console()
                if table is not None:
                    table(console, collected)
                else:
                    _render_table(console, shape, collected, title)
            n = len(collected)
        else:
            n = write_rows(self.fmt, sys.stdout, shape, rows)
            sys.stdout.flush()
        if not n and empty:
            note(empty)
        return n


def note(message: str) -> None:
    """A message for the person, never mixed into the data."""
    click.echo(message, err=True)


_FLAGS = {
    "table": "A table for reading (the default on a terminal).",
    "json": "One JSON array of objects.",
    "jsonl": "JSON lines: one object per line.",
    "csv": "CSV with a header line.",
    "tsv": "Tab-separated values with a header line (the default when stdout is not a terminal).",
}


def choose_format(flags: Mapping[str, bool], stdout_is_terminal: bool) -> str:
    chosen = [name for name in FORMATS if flags.get(name)]
    if len(chosen) > 1:
        raise click.UsageError(f"choose one output format, not {' and '.join('--' + c for c in chosen)}")
    if chosen:
        return chosen[0]
    return "table" if stdout_is_terminal else "tsv"


def output_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add --table/--json/--jsonl/--csv/--tsv to a command, which receives ``out: Output``."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        flags = {name: kwargs.pop(f"fmt_{name}") for name in FORMATS}
        kwargs["out"] = Output(choose_format(flags, sys.stdout.isatty()))
        return command(*args, **kwargs)

    for name in reversed(FORMATS):
        wrapper = click.option(f"--{name}", f"fmt_{name}", is_flag=True, help=_FLAGS[name])(wrapper)
    return wrapper
