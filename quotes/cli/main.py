"""Entry point: `quotes ...` and `python -m quotes ...`."""

from __future__ import annotations

import sys

import click

from quotes import __version__
from quotes.errors import ExitCode, QuotesError


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="quotes")
def cli() -> None:
    """Find who said what in news articles, and through whom."""


def _register() -> None:
    # Imported here so `quotes --help` stays quick and each command module stays independent.
    from quotes.cli import actions_cmd, db_cmd, eval_cmd, extract_cmd, models_cmd, query_cmd, review_cmd  # noqa: PLC0415

    for module in (db_cmd, eval_cmd, extract_cmd, models_cmd, review_cmd, query_cmd, actions_cmd):
        for command in module.COMMANDS:
            cli.add_command(command)


_register()


def main() -> None:
    stdout = sys.stdout
    try:
        cli.main(standalone_mode=False)
    except SystemExit as exc:
        # click turns a closed pipe (`quotes list | head`) into exit 1 after swapping in a quiet
        # stdout; a reader that stopped early is no failure.
        if sys.stdout is not stdout and exc.code == 1:
            sys.exit(ExitCode.OK)
        raise
    except QuotesError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(ExitCode.FAILURE)
    except click.exceptions.Abort:
        click.echo("interrupted", err=True)
        sys.exit(ExitCode.INTERRUPTED)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(ExitCode.INTERRUPTED)
    except BrokenPipeError:
        sys.exit(ExitCode.OK)
