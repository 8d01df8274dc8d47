"""The layers import one way (nlp -> extract -> store -> cli/tui), as pyproject.toml declares."""

from __future__ import annotations

import ast
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CONTRACTS: dict[str, list[str]] = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["quotes"][
    "import-contracts"
]


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _forbidden(name: str, prefixes: list[str]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


@pytest.mark.parametrize("package", sorted(CONTRACTS))
def test_package_imports_only_layers_below_it(package: str) -> None:
    folder = ROOT.joinpath(*package.split("."))
    assert folder.is_dir(), f"{package} is named in the contracts but does not exist"
    broken = [
        f"{path.relative_to(ROOT)} imports {name}"
        for path in sorted(folder.rglob("*.py"))
        for name in sorted(_imports(path))
        if _forbidden(name, CONTRACTS[package])
    ]
    assert broken == []


def test_stanza_is_imported_only_by_the_nlp_layer() -> None:
    offenders = [
        str(path.relative_to(ROOT))
        for path in sorted((ROOT / "quotes").rglob("*.py"))
        if "nlp" not in path.relative_to(ROOT / "quotes").parts[:1]
        and any(_forbidden(n, ["stanza"]) for n in _imports(path))
    ]
    assert offenders == []


def test_importing_the_cli_loads_no_model_framework() -> None:
    code = "import sys, quotes.cli.main; print(sorted(m for m in ('stanza', 'torch') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
