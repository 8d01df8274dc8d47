"""Every command and every long option is described in the README's command reference."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import click
import pytest

from quotes.cli.main import cli

README = Path(__file__).resolve().parents[1] / "README.md"
HEADING = "## Command reference"


def _commands(command: click.Command, path: str) -> Iterator[tuple[str, click.Command]]:
    yield path, command
    if isinstance(command, click.Group):
        for name, sub in sorted(command.commands.items()):
            yield from _commands(sub, f"{path} {name}")


def _long_options(command: click.Command) -> list[str]:
    names = {
        opt
        for param in command.params
        if isinstance(param, click.Option)
        for opt in (*param.opts, *param.secondary_opts)
        if opt.startswith("--")
    }
    return sorted(names - {"--help"})  # every command has it; the reference says so once


def _sections() -> dict[str, str]:
    """Each `### ...` part of the reference, keyed by the command path in its heading."""
    text = README.read_text(encoding="utf-8")
    assert HEADING in text, f"README.md has no {HEADING!r} section"
    reference = text.split(HEADING, 1)[1]
    reference = re.split(r"\n## ", reference, maxsplit=1)[0]
    parts = re.split(r"\n### ", "\n" + reference)
    sections = {}
    for part in parts[1:]:
        heading = part.partition("\n")[0]
        for path in re.findall(r"`(quotes(?: [a-z][a-z-]*)*)", heading):
            sections[path] = part
    return sections


COMMANDS = list(_commands(cli, "quotes"))


def test_the_command_tree_is_walked() -> None:
    paths = [path for path, _ in COMMANDS]
    for expected in ("quotes", "quotes list", "quotes db upgrade", "quotes models info", "quotes export"):
        assert expected in paths


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[path for path, _ in COMMANDS])
def test_command_and_its_options_are_in_the_readme(path: str, command: click.Command) -> None:
    sections = _sections()
    assert path in sections, f"README {HEADING}: no `### `{path}`` heading"
    missing = [opt for opt in _long_options(command) if not re.search(re.escape(opt) + r"(?![\w-])", sections[path])]
    assert not missing, f"README {HEADING}, `{path}`: options not described: {', '.join(missing)}"
