"""Review-app fixtures: small SQLite stores filled through the store's real write path."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from tui_helpers import fill

from quotes.store.db import Store, open_store


@pytest.fixture
def empty_store(tmp_path: Path) -> Iterator[Store]:
    store = open_store(f"sqlite:///{tmp_path / 'quotes.db'}")
    try:
        yield store
    finally:
        store.close()


@pytest.fixture
def review_store(empty_store: Store) -> Store:
    fill(empty_store)
    return empty_store
