"""`quotes models info` and `quotes models download`."""

from __future__ import annotations

import json

import click

from quotes.errors import QuotesError
from quotes.nlp.models import download_official, model_files, resolve_models, stanza_resources_dir, verify_checksums

MODELS_OPTION = click.option(
    "--models",
    "models_dir",
    envvar="QUOTES_MODELS",
    type=click.Path(file_okay=False),
    help="Directory of stanza models to use (env QUOTES_MODELS). Default: official models if downloaded, else bundled.",
)


@click.group()
def models() -> None:
    """Show or fetch the stanza models used for parsing."""


@models.command("info")
@MODELS_OPTION
@click.option("--verify", is_flag=True, help="Check the bundled models against their sha256 checksums.")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
def info(models_dir: str | None, verify: bool, as_json: bool) -> None:
    """Which models `quotes extract` will load, and why."""
    chosen = resolve_models(models_dir)
    files = model_files(chosen)
    report = {
        "source": chosen.source,
        "description": chosen.describe(),
        "path": str(chosen.path),
        "layout": chosen.layout,
        "files": files,
        "total_mb": round(sum(files.values()) / 1e6, 1),
        "official_dir": str(stanza_resources_dir()),
        "notes": list(chosen.notes),
    }
    if verify:
        if chosen.layout != "compact" or not (chosen.path / "sha256sums.txt").is_file():
            raise QuotesError(f"{chosen.path}: no sha256sums.txt to verify against")
        bad = verify_checksums(chosen.path)
        report["checksums"] = bad if bad else "ok"
    if as_json:
        click.echo(json.dumps(report, indent=2))
    else:
        click.echo(f"using: {report['description']}")
        click.echo("order: --models/QUOTES_MODELS, then official models in " f"{report['official_dir']}, then bundled")
        for name, size in files.items():
            click.echo(f"  {name:<24} {size / 1e6:7.2f} MB")
        click.echo(f"  {'total':<24} {report['total_mb']:7.1f} MB")
        for note in chosen.notes:
            click.echo(f"note: {note}")
        if verify:
            click.echo("checksums: ok" if report["checksums"] == "ok" else f"checksums FAILED: {', '.join(bad)}")
    if verify and report["checksums"] != "ok":
        raise QuotesError("model files do not match sha256sums.txt")


@models.command("download")
@click.option("--dir", "target", type=click.Path(file_okay=False), help="Where to put them (default: stanza's own).")
def download(target: str | None) -> None:
    """Fetch the official stanza English models (needs internet)."""
    from pathlib import Path  # noqa: PLC0415

    where = download_official(Path(target) if target else None)
    click.echo(f"downloaded official English models to {where}", err=True)
    if target:
        click.echo(f"use them with: quotes extract --models {where} ...", err=True)


COMMANDS = [models]
