from __future__ import annotations

from pathlib import Path

import pytest
from eval_fixtures import make_brat_split, make_seed_gold


@pytest.fixture
def brat_split(tmp_path: Path) -> Path:
    return make_brat_split(tmp_path / "dev")


@pytest.fixture
def seed_gold(tmp_path: Path) -> Path:
    return make_seed_gold(tmp_path / "seeds")
