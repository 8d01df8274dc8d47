"""What database workers send back to the screen: plain frozen views, never ORM objects."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from quotes.store.review_queries import StatusCounts
from quotes.store.views import EntityView, Page, QuoteContext, QuoteView


@dataclass(frozen=True)
class UndoStep:
    """How to put a quote back: the field an action changed and the quote as it was before."""

    field: str  # status, kind, speaker or channel
    before: QuoteView
    label: str  # "accept #12", for the notification


class PageLoaded(Message):
    def __init__(self, generation: int, page: Page[QuoteView], row: int) -> None:
        super().__init__()
        self.generation, self.page, self.row = generation, page, row


class ContextLoaded(Message):
    def __init__(self, generation: int, context: QuoteContext | None) -> None:
        super().__init__()
        self.generation, self.context = generation, context


class QuoteChanged(Message):
    def __init__(self, quote: QuoteView, step: UndoStep | None, note: str = "") -> None:
        super().__init__()
        self.quote, self.step, self.note = quote, step, note


class CountsLoaded(Message):
    def __init__(self, counts: StatusCounts) -> None:
        super().__init__()
        self.counts = counts


class SpeakersLoaded(Message):
    def __init__(self, generation: int, page: Page[EntityView], keep: int | None) -> None:
        super().__init__()
        self.generation, self.page, self.keep = generation, page, keep


class PendingFound(Message):
    def __init__(self, position: int | None, backwards: bool) -> None:
        super().__init__()
        self.position, self.backwards = position, backwards


class Merged(Message):
    def __init__(self, entity: EntityView, gone: str) -> None:
        super().__init__()
        self.entity, self.gone = entity, gone


class Failed(Message):
    def __init__(self, problem: str) -> None:
        super().__init__()
        self.problem = problem
