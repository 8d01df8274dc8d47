"""The README's first two commands are what a newcomer runs; CI runs the second one verbatim."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _code_blocks() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return [b.strip() for b in re.findall(r"```bash\n(.*?)```", text, flags=re.S)]


def test_first_command_installs_and_runs_on_seeds() -> None:
    first = _code_blocks()[0]
    assert "pip install" in first and first.endswith("quotes extract seeds/")


def test_ci_runs_exactly_the_readme_test_command() -> None:
    test_command = _code_blocks()[1].splitlines()[-1]
    test_command = test_command.removeprefix(". .venv/bin/activate && ")
    ci_lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert test_command in [line.strip() for line in ci_lines]
