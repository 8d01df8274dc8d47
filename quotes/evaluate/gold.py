"""Gold attributions to score against: PolNeAR brat standoff folders and seed-gold JSON files.

Every span is a character offset range into the article file's text, the same text
that ``quotes.ingest.read_file`` returns as ``Article.text`` and the extractor's
offsets refer to.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from quotes.errors import InputError, QuotesError
from quotes.extract.types import KINDS, Span

# How a predicted speaker is judged right: "span" compares it with the gold source mention in
# the text (PolNeAR annotates mentions only); "name" compares the resolved name with the gold
# speaker and its aliases (seed gold).
SPEAKER_BY_SPAN = "span"
SPEAKER_BY_NAME = "name"

SEED_SUFFIX = ".gold.json"
_ARTICLE_SUFFIXES = (".md", ".markdown", ".txt", ".text", ".html", ".htm")


@dataclass(frozen=True)
class GoldQuote:
    kind: str  # one of KINDS
    spans: tuple[Span, ...]  # content, possibly discontinuous, in text order
    content: str  # the covered text, fragments joined by " … "
    speaker: str | None = None  # PolNeAR: the source mention as written; seed: the resolved name
    aliases: tuple[str, ...] = ()
    speaker_spans: tuple[Span, ...] = ()  # PolNeAR only
    cue: str | None = None
    cue_spans: tuple[Span, ...] = ()
    via: tuple[str, ...] = ()
    optional: bool = False  # neither missed when absent nor wrong when found
    ref: str = ""  # where it came from, for error listings ("E3", "quotes[2]")


@dataclass(frozen=True)
class GoldArticle:
    name: str  # file name stem; predictions are matched to gold by it
    text: str  # the article file's text; all spans index into it
    text_path: str
    annotation_path: str
    speaker_mode: str  # SPEAKER_BY_SPAN or SPEAKER_BY_NAME
    quotes: tuple[GoldQuote, ...] = field(default=())


# ---------------------------------------------------------------- kinds

# Double quote marks only: a single quote is too often an apostrophe to tell them apart.
_OPENING = "“„«"
_CLOSING = "”»"
_STRAIGHT = '"'


def quoted_letters(text: str) -> tuple[int, int]:
    """(letters and digits inside double quote marks, all letters and digits) of ``text``.

    Quotes nest (a curly quote inside a straight one and the reverse). A quote left
    open runs to the end of the text: news stories leave a quote open at a paragraph
    break when the next paragraph carries on quoting.
    """
    open_marks: list[str] = []
    quoted = total = 0
    for char in text:
        if char in _OPENING:
            open_marks.append(char)
        elif char in _CLOSING:
            # Close the innermost curly quote; a stray closing mark changes nothing.
            if any(mark in _OPENING for mark in open_marks):
                while open_marks.pop() not in _OPENING:
                    pass
        elif char == _STRAIGHT:
            if open_marks and open_marks[-1] == _STRAIGHT:
                open_marks.pop()
            else:
                open_marks.append(char)
        elif char.isalnum():
            total += 1
            quoted += bool(open_marks)
    return quoted, total


def derive_kind(fragments: list[str] | tuple[str, ...] | str) -> str:
    """Kind of a gold content that carries no label, from its quote marks.

    direct: every letter and digit is inside double quote marks; mixed: some are;
    indirect: none are. Each fragment of a discontinuous content is read on its own,
    so a quote interrupted by "he said" is still direct, while `an "outlaw nation"`
    is mixed.
    """
    parts = [fragments] if isinstance(fragments, str) else list(fragments)
    counts = [quoted_letters(part) for part in parts]
    quoted = sum(q for q, _ in counts)
    total = sum(t for _, t in counts)
    if total and quoted == total:
        return "direct"
    return "mixed" if quoted else "indirect"


# ---------------------------------------------------------------- brat standoff (PolNeAR)

_ID = re.compile(r"^([TERAMN#])\d+\t")
_SPANS = re.compile(r"^\d+ \d+(;\d+ \d+)*$")
_CONTENT_ROLES = ("Content", "Content2")
_ATTRIBUTION_TYPES = ("Attribution", "Attribution-no-source")


@dataclass(frozen=True)
class _TextBound:
    label: str
    spans: tuple[Span, ...]


def _parse_spans(raw: str, where: str, text_length: int) -> tuple[Span, ...]:
    if not _SPANS.match(raw):
        raise InputError(where, f"bad span list {raw!r} (expected 'START END' or 'START END;START END')")
    spans: list[Span] = []
    for piece in raw.split(";"):
        start_s, end_s = piece.split(" ")
        start, end = int(start_s), int(end_s)
        if not 0 <= start <= end <= text_length:
            raise InputError(where, f"span {start}-{end} lies outside the text ({text_length} characters)")
        spans.append((start, end))
    return tuple(sorted(spans))


def parse_brat(ann_text: str, text: str, path: str = "<ann>") -> list[GoldQuote]:
    """Attributions of one brat .ann file over the article ``text`` it annotates.

    Text-bound lines (``T``) whose covered text holds line breaks continue on the
    following lines; those are skipped by counting the breaks in the article text.
    Relations (``E``) without a Content are dropped: there is nothing to score.
    """
    bounds: dict[str, _TextBound] = {}
    events: list[tuple[str, list[tuple[str, str]], str]] = []
    lines = ann_text.split("\n")
    number = 0
    while number < len(lines):
        line = lines[number]
        number += 1
        where = f"{path}:{number}"
        if not line.strip():
            continue
        match = _ID.match(line)
        if not match:
            raise InputError(where, f"malformed line {line[:60]!r} (expected an ID such as T1 or E1, then a tab)")
        kind = match.group(1)
        fields = line.split("\t")
        if kind == "T":
            if len(fields) < 2 or " " not in fields[1]:
                raise InputError(where, "malformed text-bound line (expected 'T1<TAB>Label START END<TAB>text')")
            label, _, raw_spans = fields[1].partition(" ")
            spans = _parse_spans(raw_spans, where, len(text))
            bounds[fields[0]] = _TextBound(label, spans)
            # The covered text is copied after the second tab, line breaks included.
            number += sum(text.count("\n", s, e) for s, e in spans)
        elif kind == "E":
            if len(fields) < 2 or not fields[1].strip():
                raise InputError(where, "malformed event line (expected 'E1<TAB>Attribution:T4 Content:T3 ...')")
            args: list[tuple[str, str]] = []
            for arg in fields[1].split():
                role, sep, ref = arg.partition(":")
                if not sep or not ref:
                    raise InputError(where, f"malformed event argument {arg!r} (expected ROLE:ID)")
                args.append((role, ref))
            events.append((fields[0], args, where))
        # Notes (#), attributes (A/M), normalisations (N) and binary relations (R) carry nothing we score.

    quotes: list[GoldQuote] = []
    for event_id, args, where in events:
        roles: dict[str, list[Span]] = {"content": [], "source": [], "cue": []}
        for role, ref in args:
            bound = bounds.get(ref)
            if bound is None:
                raise InputError(where, f"{event_id} refers to {ref}, which is not defined in this file")
            if role in _CONTENT_ROLES:
                roles["content"].extend(bound.spans)
            elif role == "Source":
                roles["source"].extend(bound.spans)
            elif role == "Cue":
                roles["cue"].extend(bound.spans)
            elif role not in _ATTRIBUTION_TYPES:
                raise InputError(where, f"{event_id} has an unknown role {role!r}")
        content = tuple(sorted(roles["content"]))
        if not content:
            continue
        fragments = [text[s:e] for s, e in content]
        source = tuple(sorted(roles["source"]))
        cue = tuple(sorted(roles["cue"]))
        quotes.append(
            GoldQuote(
                kind=derive_kind(fragments),
                spans=content,
                content=" … ".join(fragments),
                speaker=" ".join(text[s:e] for s, e in source) or None,
                speaker_spans=source,
                cue=" ".join(text[s:e] for s, e in cue) or None,
                cue_spans=cue,
                ref=event_id,
            )
        )
    quotes.sort(key=lambda q: q.spans[0])
    return quotes


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(str(path), f"not valid UTF-8 (at byte {exc.start})") from None
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from None


def load_polnear(split_dir: str | Path) -> list[GoldArticle]:
    """Articles of a PolNeAR split folder (``text/NAME.txt`` + ``attributions/NAME_ANNOTATOR.ann``).

    When several annotators annotated one article, the first annotation file by
    sorted file name is used, so runs are repeatable. Texts without any annotation
    file are left out.
    """
    root = Path(split_dir)
    if not root.exists():
        raise InputError(str(root), "no such file or directory")
    if not root.is_dir():
        raise InputError(str(root), "not a folder (expected a PolNeAR split folder holding text/ and attributions/)")
    text_dir, ann_dir = root / "text", root / "attributions"
    missing = [d.name + "/" for d in (text_dir, ann_dir) if not d.is_dir()]
    if missing:
        raise InputError(str(root), f"not a PolNeAR split folder: no {' or '.join(missing)} inside")
    annotations: dict[str, Path] = {}
    for ann in sorted(ann_dir.glob("*.ann")):
        article_name = ann.stem.rpartition("_")[0] or ann.stem
        annotations.setdefault(article_name, ann)
    articles: list[GoldArticle] = []
    for text_path in sorted(text_dir.glob("*.txt")):
        ann_path = annotations.get(text_path.stem)
        if ann_path is None:
            continue
        text = _read_text(text_path)
        quotes = parse_brat(_read_text(ann_path), text, str(ann_path))
        articles.append(
            GoldArticle(text_path.stem, text, str(text_path), str(ann_path), SPEAKER_BY_SPAN, tuple(quotes))
        )
    if not articles:
        raise InputError(str(root), "no article in text/ has an annotation file in attributions/")
    return articles


# ---------------------------------------------------------------- seed gold JSON


def _seed_article_path(gold_path: Path, declared: object) -> Path:
    if isinstance(declared, str) and declared:
        candidate = gold_path.parent / declared
        if candidate.is_file():
            return candidate
        raise InputError(str(gold_path), f'"article" names {declared}, which is not beside it')
    base = gold_path.name[: -len(SEED_SUFFIX)]
    for suffix in _ARTICLE_SUFFIXES:
        candidate = gold_path.parent / (base + suffix)
        if candidate.is_file():
            return candidate
    raise InputError(str(gold_path), f"no article file {base}.md (or .txt, .html) beside it")


def _str_list(value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise ValueError("must be a list of strings")


def load_seed_file(path: str | Path) -> GoldArticle:
    """One seed-gold file: ``{"article": ..., "quotes": [{"kind", "content", "speaker", "aliases", "via", ...}]}``.

    ``content`` must be an exact substring of the article file; when it occurs more
    than once, the occurrences are taken in order for repeated quotes.
    """
    gold_path = Path(path)
    try:
        data = json.loads(_read_text(gold_path))
    except json.JSONDecodeError as exc:
        raise InputError(str(gold_path), f"invalid JSON ({exc.msg} at line {exc.lineno})") from None
    if not isinstance(data, dict) or not isinstance(data.get("quotes"), list):
        raise InputError(str(gold_path), 'expected an object with a "quotes" list')
    article_path = _seed_article_path(gold_path, data.get("article"))
    text = _read_text(article_path)
    quotes: list[GoldQuote] = []
    used: dict[str, int] = {}  # content -> where to look for its next occurrence
    for index, item in enumerate(data["quotes"]):
        where = f"{gold_path}: quotes[{index}]"
        if not isinstance(item, dict):
            raise QuotesError(f"{where} is not an object")
        content = item.get("content")
        if not isinstance(content, str) or not content.strip():
            raise QuotesError(f'{where} has no "content" string')
        kind = item.get("kind")
        if kind not in KINDS:
            raise QuotesError(f"{where} has kind {kind!r}; expected one of {', '.join(KINDS)}")
        start = text.find(content, used.get(content, 0))
        if start < 0:
            start = text.find(content)  # same content quoted twice at one place: reuse it
        if start < 0:
            raise QuotesError(f"{where}: content is not an exact substring of {article_path.name}: {content[:50]!r}")
        used[content] = start + 1
        speaker = item.get("speaker")
        try:
            aliases = _str_list(item.get("aliases"))
            via = _str_list(item.get("via"))
        except ValueError as exc:
            raise QuotesError(f"{where}: aliases and via {exc}") from None
        quotes.append(
            GoldQuote(
                kind=kind,
                spans=((start, start + len(content)),),
                content=content,
                speaker=speaker if isinstance(speaker, str) and speaker else None,
                aliases=aliases,
                cue=item.get("cue") if isinstance(item.get("cue"), str) else None,
                via=via,
                optional=bool(item.get("optional", False)),
                ref=f"quotes[{index}]",
            )
        )
    quotes.sort(key=lambda q: q.spans[0])
    stem = article_path.stem
    return GoldArticle(stem, text, str(article_path), str(gold_path), SPEAKER_BY_NAME, tuple(quotes))


def load_seed_gold(path: str | Path) -> list[GoldArticle]:
    """A ``.gold.json`` file, or every ``*.gold.json`` under a folder (sorted by path)."""
    root = Path(path)
    if not root.exists():
        raise InputError(str(root), "no such file or directory")
    if root.is_file():
        return [load_seed_file(root)]
    files = sorted(root.rglob("*" + SEED_SUFFIX))
    if not files:
        raise InputError(str(root), f"no {SEED_SUFFIX} files in this folder")
    return [load_seed_file(f) for f in files]


def load_gold(path: str | Path) -> list[GoldArticle]:
    """Gold from either format, told apart by its shape: a folder with text/ and attributions/
    is a PolNeAR split; a ``.gold.json`` file or a folder holding them is seed gold."""
    root = Path(path)
    if not root.exists():
        raise InputError(str(root), "no such file or directory")
    if root.is_dir() and ((root / "text").is_dir() or (root / "attributions").is_dir()):
        return load_polnear(root)
    if root.is_file() and not root.name.endswith(SEED_SUFFIX):
        raise InputError(str(root), f"not a gold file (expected a {SEED_SUFFIX} file or a PolNeAR split folder)")
    if root.is_dir() and not any(root.rglob("*" + SEED_SUFFIX)):
        raise InputError(
            str(root), f"holds neither text/ and attributions/ (PolNeAR) nor {SEED_SUFFIX} files (seed gold)"
        )
    return load_seed_gold(root)
