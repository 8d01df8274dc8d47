"""Read articles from files and folders: plain text, Markdown, HTML and JSON lines.

Each input yields an :class:`Article` or an :class:`InputError` naming the file and
the problem, so a batch can record a failure and go on.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from quotes.errors import InputError
from quotes.ingest.markdown import strip_markdown

MAX_BYTES = 10 * 1024 * 1024
FORMATS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}
# Sidecar and annotation files that live beside articles in corpora.
_IGNORED_SUFFIXES = (".gold.json", ".ann")
_RECORD_FIELDS = {"text", "title", "url", "published", "date", "outlet"}
_DATE_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%b. %d, %Y", "%d %B %Y", "%Y-%m-%d", "%Y/%m/%d", "%d.%m.%Y")


@dataclass(frozen=True)
class Article:
    source: str  # path as given; "path:LINE" for a JSON lines record
    text: str  # the article text offsets refer to (the file as read; for HTML the extracted main text)
    parse_text: str  # what the parser sees: same length as text, markup blanked
    format: str
    title: str | None = None
    url: str | None = None
    published: str | None = None  # ISO date when known
    outlet: str | None = None
    extra: dict[str, str] = field(default_factory=dict)


def format_of(path: Path) -> str | None:
    return FORMATS.get(path.suffix.lower())


def discover(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path | InputError]:
    """Expand files and folders (recursively, by extension) in a stable order."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*") if p.is_file() and format_of(p) and not p.name.endswith(_IGNORED_SUFFIXES)
            )
            if not found:
                yield InputError(str(path), "no readable articles in this directory (.txt, .md, .html, .jsonl)")
            yield from found
        elif path.exists():
            yield path
        else:
            yield InputError(str(path), "no such file or directory")


def read_paths(paths: Iterable[str | os.PathLike[str]], max_bytes: int = MAX_BYTES) -> Iterator[Article | InputError]:
    for item in discover(paths):
        if isinstance(item, InputError):
            yield item
            continue
        try:
            yield from read_file(item, max_bytes=max_bytes)
        except InputError as exc:
            yield exc


def _decode(path: Path, max_bytes: int) -> str:
    name = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            limit = f"{max_bytes / 1e6:.0f} MB"
            raise InputError(name, f"file is {size / 1e6:.1f} MB, over the {limit} limit (--max-bytes)")
        data = path.read_bytes()
    except PermissionError:
        raise InputError(name, "permission denied") from None
    except IsADirectoryError:
        raise InputError(name, "is a directory") from None
    except OSError as exc:
        raise InputError(name, f"cannot read: {exc.strerror or exc}") from None
    if not data.strip():
        raise InputError(name, "empty file")
    if b"\x00" in data[:8192]:
        raise InputError(name, "binary file, not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(name, f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})") from None
    return text  # a BOM stays: offsets count it like any character


def read_file(path: Path, max_bytes: int = MAX_BYTES) -> Iterator[Article | InputError]:
    """Articles in one file. Raises InputError for an unreadable file; a bad JSON lines
    record is yielded as an InputError so the records after it are still read."""
    fmt = format_of(path) or "text"
    raw = _decode(path, max_bytes)
    name = str(path)
    if fmt == "jsonl":
        yield from _jsonl(name, raw)
    elif fmt == "html":
        yield _html(name, raw)
    elif fmt == "markdown":
        md = strip_markdown(raw)
        front = md.front_matter
        yield Article(
            name,
            raw,
            md.parse_text,
            "markdown",
            title=md.title,
            url=md.url,
            published=_iso_date(front.get("date") or front.get("published")) or _leading_date(md.parse_text),
            outlet=front.get("outlet") or front.get("publisher"),
        )
    else:
        yield Article(name, raw, raw, "text", title=_first_line_title(raw))


def _first_line_title(text: str) -> str | None:
    stripped = text.strip()
    first, sep, rest = stripped.partition("\n")
    first = first.strip()
    if sep and rest.strip() and 0 < len(first) <= 200:
        return first
    return None


def _iso_date(value: str | None) -> str | None:
    if not value:
        return None
    value = value.strip()
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(value, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def _leading_date(parse_text: str) -> str | None:
    """A dateline among the first few lines (the seed has "October 26, 2023" under its title)."""
    for line in [ln.strip() for ln in parse_text.splitlines() if ln.strip()][:4]:
        found = _iso_date(line)
        if found:
            return found
    return None


def _html(name: str, raw: str) -> Article:
    import trafilatura  # noqa: PLC0415 - only needed for HTML inputs

    doc = trafilatura.bare_extraction(raw, with_metadata=True, include_comments=False, include_tables=False)
    extracted = getattr(doc, "text", None) if doc is not None else None
    # trafilatura puts one newline between paragraphs; blank lines make them paragraphs for the parser too.
    text = "\n\n".join(line.strip() for line in (extracted or "").splitlines() if line.strip())
    if not text:
        raise InputError(name, "no article text found in this HTML page")
    published = getattr(doc, "date", None)
    return Article(
        name,
        text,
        text,
        "html",
        title=getattr(doc, "title", None),
        url=getattr(doc, "url", None),
        published=_iso_date(published) if published else None,
        outlet=getattr(doc, "sitename", None),
    )


def _jsonl(name: str, raw: str) -> Iterator[Article | InputError]:
    seen_any = False
    for number, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        seen_any = True
        where = f"{name}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(where, f"invalid JSON ({exc.msg} at column {exc.colno})")
            continue
        if not isinstance(record, dict):
            yield InputError(where, "a JSON lines record must be an object")
            continue
        text = record.get("text")
        if not isinstance(text, str) or not text.strip():
            yield InputError(where, 'record has no "text" string')
            continue
        published = record.get("published") or record.get("date")
        yield Article(
            where,
            text,
            text,
            "jsonl",
            title=_str_or_none(record.get("title")),
            url=_str_or_none(record.get("url")),
            published=_iso_date(str(published)) if published else None,
            outlet=_str_or_none(record.get("outlet")),
            extra={k: str(v) for k, v in record.items() if k not in _RECORD_FIELDS},
        )
    if not seen_any:
        raise InputError(name, "empty file")


def _str_or_none(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, (str, int, float, date)):
        return str(value)
    return None
