"""What extraction produces. Plain frozen data: other layers and tools rely on it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Span = tuple[int, int]

KINDS = ("direct", "mixed", "indirect")
SPEAKER_TYPES = ("person", "organization", "outlet", "group", "unknown")
CHANNEL_ROLES = ("reported", "citing", "told", "according_to", "interview", "statement")


def overlap(a: Span, b: Span) -> int:
    """How many characters two spans share."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


@dataclass(frozen=True, slots=True)
class Channel:
    """An outlet or source the statement came through ("Interfax reported", "told RIA Novosti")."""

    name: str
    span: Span
    role: str = "reported"


@dataclass(frozen=True, slots=True)
class Attribution:
    kind: str  # one of KINDS
    content: str
    content_span: Span
    cue: str | None = None
    cue_span: Span | None = None
    speaker: str | None = None  # resolved canonical name
    speaker_mention: str | None = None  # the span's text as written
    speaker_span: Span | None = None
    speaker_type: str = "unknown"
    role: str | None = None  # title/role kept apart from the name ("Kremlin spokesperson")
    via: tuple[Channel, ...] = field(default=())
    confidence: float = 1.0
    # The pieces of an interrupted content ('"A," she said. "B."', "X is expected to Y"), in text order, each
    # inside content_span; empty when the content is all of content_span.
    content_pieces: tuple[Span, ...] = ()

    @property
    def content_spans(self) -> tuple[Span, ...]:
        """The content's pieces, or its one span."""
        return self.content_pieces or (self.content_span,)

    def to_json(self, article: str) -> dict[str, Any]:
        """The JSON lines record of `quotes extract --format jsonl` (field order is part of the contract)."""
        return {
            "article": article,
            "kind": self.kind,
            "content": self.content,
            "content_span": list(self.content_span),
            "cue": self.cue,
            "cue_span": list(self.cue_span) if self.cue_span else None,
            "speaker": self.speaker,
            "speaker_mention": self.speaker_mention,
            "speaker_span": list(self.speaker_span) if self.speaker_span else None,
            "speaker_type": self.speaker_type,
            "role": self.role,
            "via": [{"name": c.name, "span": list(c.span)} for c in self.via],
            "confidence": round(self.confidence, 3),
            # Added after the first release: last, so that the fields before it keep their order.
            "content_pieces": [list(piece) for piece in self.content_pieces],
        }
