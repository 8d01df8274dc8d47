"""Rule tests check what the finders find, so the acceptance model (which drops what is unlikely in news
at large) is switched off here, except in tests marked ``judged``."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from quotes.extract import acceptance


@pytest.fixture(autouse=True)
def finders_unjudged(request: pytest.FixtureRequest) -> Iterator[None]:
    if request.node.get_closest_marker("judged") is None:
        acceptance.use_model(None, disabled=True)
    try:
        yield
    finally:
        acceptance.use_model(None)
