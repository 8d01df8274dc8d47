"""Completion of entity names from the store, for the speaker, channel and merge inputs."""

from __future__ import annotations

import asyncio

from textual.suggester import Suggester

from quotes.store.db import Store
from quotes.store.review_queries import entity_names


class EntitySuggester(Suggester):
    """Suggests the best-known entity name (or alias) that starts with what was typed."""

    def __init__(self, store: Store, *, outlets: bool = False) -> None:
        # No cache: merges and new speakers change the answers while the app runs.
        super().__init__(use_cache=False, case_sensitive=False)
        self.store = store
        self.outlets = outlets

    def _lookup(self, value: str) -> str | None:
        with self.store.sessions() as session:
            names = entity_names(session, value, outlets=self.outlets, limit=5)
        folded = value.casefold()
        # The input shows only a completion of exactly what was typed.
        return next((n for n in names if n.casefold().startswith(folded) and len(n) > len(value)), None)

    async def get_suggestion(self, value: str) -> str | None:
        if not value.strip():
            return None
        # A thread keeps the event loop free while the database answers.
        return await asyncio.to_thread(self._lookup, value)
