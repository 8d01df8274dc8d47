"""`quotes review`: go through extracted quotes in a terminal app and fix them."""

from __future__ import annotations

import click

from quotes.cli.options import db_option


@click.command("review")
@db_option
def review(db_url: str | None) -> None:
    """Review extracted quotes in a terminal app: accept, reject, fix speakers, kinds and channels."""
    from quotes.store.db import open_store  # noqa: PLC0415
    from quotes.tui.app import ReviewApp  # noqa: PLC0415 - textual loads only for this command

    store = open_store(db_url)
    try:
        ReviewApp(store).run()
    finally:
        store.close()


COMMANDS = [review]
