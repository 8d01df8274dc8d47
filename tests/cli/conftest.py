"""Stores for the command tests: SQLite files, and the shared two-backend ``store`` fixture."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from cli_helpers import fill, url_of

from quotes.store.db import Store, open_store


@pytest.fixture
def db(tmp_path: Path) -> Iterator[str]:
    """URL of a filled SQLite store (the fast default for most command tests)."""
    store = open_store(f"sqlite:///{tmp_path / 'quotes.db'}")
    try:
        fill(store)
        yield url_of(store)
    finally:
        store.close()


@pytest.fixture
def any_db(store: Store) -> str:
    """URL of a filled store on SQLite and on PostgreSQL."""
    fill(store)
    return url_of(store)
