"""Hand-built articles and attributions for store tests (offsets computed from the text)."""

from __future__ import annotations

from quotes.extract.types import Attribution, Channel
from quotes.ingest.readers import Article


def article(source: str, text: str, **meta: str | None) -> Article:
    return Article(source, text, text, "text", **meta)  # type: ignore[arg-type]


def span(text: str, part: str, after: int = 0) -> tuple[int, int]:
    start = text.index(part, after)
    return (start, start + len(part))


def quote(
    text: str,
    content: str,
    *,
    kind: str = "direct",
    speaker: str | None = None,
    mention: str | None = None,
    cue: str | None = "said",
    role: str | None = None,
    via: tuple[tuple[str, str], ...] = (),
    speaker_type: str = "person",
    confidence: float = 0.9,
) -> Attribution:
    mention = mention or speaker
    return Attribution(
        kind=kind,
        content=content,
        content_span=span(text, content),
        cue=cue if cue and cue in text else None,
        cue_span=span(text, cue) if cue and cue in text else None,
        speaker=speaker,
        speaker_mention=mention,
        speaker_span=span(text, mention) if mention and mention in text else None,
        speaker_type=speaker_type if speaker else "unknown",
        role=role,
        via=tuple(Channel(name, span(text, name), channel_role) for name, channel_role in via),
        confidence=confidence,
    )


PESKOV_TEXT = (
    'Kremlin spokesperson Dmitry Peskov said "we are ready to talk". '
    'Peskov told Interfax "there will be no delay". '
    "According to RIA Novosti, the delegation arrived on Thursday."
)


def peskov_article(source: str = "moscow/1.txt") -> tuple[object, list[Attribution]]:
    t = PESKOV_TEXT
    return article(source, t, title="Talks", published="2023-10-26", outlet="The Moscow Times"), [
        quote(t, "we are ready to talk", speaker="Dmitry Peskov", mention="Kremlin spokesperson Dmitry Peskov",
              role="Kremlin spokesperson"),
        quote(t, "there will be no delay", speaker="Peskov", cue="told", via=(("Interfax", "told"),)),
        quote(t, "the delegation arrived on Thursday", kind="indirect", speaker=None, cue="According to",
              via=(("RIA Novosti", "according_to"),), confidence=0.6),
    ]
