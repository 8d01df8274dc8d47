"""Read predicted attributions from the extract JSON lines format (see ``Attribution.to_json``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from quotes.errors import InputError
from quotes.extract.types import Attribution, Channel, Span


def article_name(source: str) -> str:
    """The name gold and predictions are matched by: the file name without its extension
    (and without the ":LINE" a JSON lines input adds)."""
    path = source.replace("\\", "/").rsplit("/", 1)[-1]
    stem, colon, line = path.rpartition(":")
    if colon and line.isdigit():
        path = stem
    return Path(path).stem


def _span(value: Any, field_name: str, required: bool) -> Span | None:
    if value is None and not required:
        return None
    if (
        isinstance(value, list | tuple)
        and len(value) == 2
        and all(isinstance(v, int) and not isinstance(v, bool) for v in value)
        and value[0] <= value[1]
    ):
        return (value[0], value[1])
    raise ValueError(f"{field_name} must be [start, end] with start <= end, not {value!r}")


def _optional_str(record: dict[str, Any], key: str) -> str | None:
    value = record.get(key)
    if value is None or isinstance(value, str):
        return value
    raise ValueError(f"{key} must be a string or null")


def attribution_from_json(record: dict[str, Any]) -> Attribution:
    """The inverse of ``Attribution.to_json`` (the "article" key is read by the caller)."""
    kind = record.get("kind")
    content = record.get("content")
    if not isinstance(kind, str):
        raise ValueError('"kind" must be a string')
    if not isinstance(content, str):
        raise ValueError('"content" must be a string')
    content_span = _span(record.get("content_span"), "content_span", required=True)
    assert content_span is not None
    via: list[Channel] = []
    for item in record.get("via") or []:
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            raise ValueError('"via" must be a list of {"name", "span"} objects')
        channel_span = _span(item.get("span"), "via span", required=True)
        assert channel_span is not None
        via.append(Channel(item["name"], channel_span, str(item.get("role") or "reported")))
    pieces: list[Span] = []
    for item in record.get("content_pieces") or []:
        piece = _span(item, "content_pieces item", required=True)
        assert piece is not None
        if not content_span[0] <= piece[0] <= piece[1] <= content_span[1]:
            raise ValueError(f"content_pieces item {list(piece)} lies outside content_span {list(content_span)}")
        pieces.append(piece)
    confidence = record.get("confidence", 1.0)
    if not isinstance(confidence, int | float):
        raise ValueError('"confidence" must be a number')
    return Attribution(
        kind=kind,
        content=content,
        content_span=content_span,
        cue=_optional_str(record, "cue"),
        cue_span=_span(record.get("cue_span"), "cue_span", required=False),
        speaker=_optional_str(record, "speaker"),
        speaker_mention=_optional_str(record, "speaker_mention"),
        speaker_span=_span(record.get("speaker_span"), "speaker_span", required=False),
        speaker_type=_optional_str(record, "speaker_type") or "unknown",
        role=_optional_str(record, "role"),
        via=tuple(via),
        confidence=float(confidence),
        content_pieces=tuple(pieces),
    )


def read_predictions(path: str | Path) -> dict[str, list[Attribution]]:
    """Predictions grouped by article name (see :func:`article_name`), in file order."""
    file = Path(path)
    try:
        raw = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(str(file), "no such file") from None
    except IsADirectoryError:
        raise InputError(str(file), "is a directory, expected a JSON lines file") from None
    except UnicodeDecodeError as exc:
        raise InputError(str(file), f"not valid UTF-8 (at byte {exc.start})") from None
    except OSError as exc:
        raise InputError(str(file), f"cannot read: {exc.strerror or exc}") from None
    grouped: dict[str, list[Attribution]] = {}
    for number, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{file}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(where, f"invalid JSON ({exc.msg} at column {exc.colno})") from None
        if not isinstance(record, dict):
            raise InputError(where, "a prediction record must be a JSON object")
        source = record.get("article")
        if not isinstance(source, str) or not source:
            raise InputError(where, 'record has no "article" string naming its article file')
        try:
            attribution = attribution_from_json(record)
        except ValueError as exc:
            raise InputError(where, str(exc)) from None
        grouped.setdefault(article_name(source), []).append(attribution)
    return grouped
