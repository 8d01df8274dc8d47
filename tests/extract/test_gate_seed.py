"""`quotes extract --parse gated` finds on the seed article exactly what `--parse all` finds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from quotes.cli.main import cli

SEED = Path(__file__).resolve().parents[2] / "seeds" / "moscow-times-hamas-delegates.md"

pytestmark = pytest.mark.models


def _extract(mode: str) -> list[dict]:
    args = ["extract", str(SEED), "--parse", mode, "--no-store", "--format", "jsonl", "--workers", "1", "-q"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def test_gated_parse_gives_the_same_attributions_as_the_full_parse() -> None:
    full = _extract("all")
    assert len(full) >= 8
    # Same quotes, spans, cues, speakers as written and as resolved, roles, channels and confidence.
    assert _extract("gated") == full
