"""Review actions for scripts: `quotes accept`, `reject`, `reset`, `set-speaker`, `set-kind`, `set-channel`,
`merge-speakers`.

Each goes through the repository functions the review UI uses, so the review log is the
same, and each change is one transaction. Every id and name is checked before the first
change, so a typo changes nothing.
"""

from __future__ import annotations

import click

from quotes.cli.options import db_option, existing_store, ref
from quotes.cli.output import Output, output_options
from quotes.cli.output import note as say
from quotes.cli.records import QUOTE, SPEAKER, entity_record, quote_record
from quotes.errors import QuotesError
from quotes.extract.types import KINDS, SPEAKER_TYPES
from quotes.store import repository
from quotes.store.views import EntityView

_NOTE = click.option("--note", help="A note stored with the review log entry.")


def _set_status(ids: tuple[int, ...], status: str, note_text: str | None, db_url: str | None, out: Output) -> None:
    from quotes.store.queries import existing_quote_ids  # noqa: PLC0415

    unique = list(dict.fromkeys(ids))
    with existing_store(db_url) as store, store.sessions() as session:
        known = existing_quote_ids(session, unique)
        missing = [str(i) for i in unique if i not in known]
        if missing:
            raise QuotesError(f"no quote with id {', '.join(missing)}; nothing changed")
        already = sum(1 for i in unique if (q := repository.get_quote(session, i)) and q.status == status)
        views = [repository.set_status(session, i, status, note_text) for i in unique]
    out.write(QUOTE, [quote_record(v) for v in views])
    word = status if status != "pending" else "reset to pending"
    changed = len(views) - already
    say(f"{word} {changed} quote{'' if changed == 1 else 's'}" + (f" ({already} already {status})" if already else ""))


@click.command("accept")
@click.argument("ids", metavar="ID...", nargs=-1, required=True, type=int)
@_NOTE
@db_option
@output_options
def accept_cmd(ids: tuple[int, ...], note: str | None, db_url: str | None, out: Output) -> None:
    """Mark quotes as accepted."""
    _set_status(ids, "accepted", note, db_url, out)


@click.command("reject")
@click.argument("ids", metavar="ID...", nargs=-1, required=True, type=int)
@_NOTE
@db_option
@output_options
def reject_cmd(ids: tuple[int, ...], note: str | None, db_url: str | None, out: Output) -> None:
    """Mark quotes as rejected."""
    _set_status(ids, "rejected", note, db_url, out)


@click.command("reset")
@click.argument("ids", metavar="ID...", nargs=-1, required=True, type=int)
@_NOTE
@db_option
@output_options
def reset_cmd(ids: tuple[int, ...], note: str | None, db_url: str | None, out: Output) -> None:
    """Put quotes back to pending (undoes accept or reject)."""
    _set_status(ids, "pending", note, db_url, out)


@click.command("set-speaker")
@click.argument("quote_id", metavar="ID", type=int)
@click.argument("speaker", metavar="[NAME|ENTITY_ID]", required=False)
@click.option("--type", "type_", type=click.Choice(SPEAKER_TYPES), default="person", show_default=True,
              help="Type of the entity when NAME is new.")
@click.option("--clear", is_flag=True, help="Leave the quote without a speaker.")
@_NOTE
@db_option
@output_options
def set_speaker_cmd(
    quote_id: int, speaker: str | None, type_: str, clear: bool, note: str | None, db_url: str | None, out: Output
) -> None:
    """Set the speaker of a quote.

    The speaker is an entity id, or a name: linked to the entity with that name or alias, else
    created. The choice survives re-extraction.
    """
    if clear == (speaker is not None):
        raise click.UsageError("give a speaker NAME or ENTITY_ID, or --clear")
    target = ref(speaker)
    with existing_store(db_url) as store, store.sessions() as session:
        if isinstance(target, int):
            view = repository.set_speaker(session, quote_id, entity_id=target, note=note)
        else:
            if repository.get_quote(session, quote_id) is None:
                raise QuotesError(f"no quote with id {quote_id}")
            view = repository.set_speaker(session, quote_id, target, type=type_, note=note)
    out.write(QUOTE, [quote_record(view)])
    say(f"quote {quote_id}: speaker {view.speaker or 'cleared'}")


@click.command("set-kind")
@click.argument("quote_id", metavar="ID", type=int)
@click.argument("kind", type=click.Choice(KINDS))
@_NOTE
@db_option
@output_options
def set_kind_cmd(quote_id: int, kind: str, note: str | None, db_url: str | None, out: Output) -> None:
    """Set the kind of a quote: direct, mixed or indirect.

    The choice survives re-extraction.
    """
    with existing_store(db_url) as store, store.sessions() as session:
        view = repository.set_kind(session, quote_id, kind, note)
    out.write(QUOTE, [quote_record(view)])
    say(f"quote {quote_id}: kind {kind}")


@click.command("set-channel")
@click.argument("quote_id", metavar="ID", type=int)
@click.argument("outlet", metavar="[OUTLET]", required=False)
@click.option("--clear", is_flag=True, help="Leave the quote without a channel.")
@_NOTE
@db_option
@output_options
def set_channel_cmd(
    quote_id: int, outlet: str | None, clear: bool, note: str | None, db_url: str | None, out: Output
) -> None:
    """Set the outlet a quote came through, as the review UI does.

    The first channel of the quote's chain is relinked to OUTLET (an outlet entity by name or
    alias, created when new); a quote without a channel gets one. The choice survives re-extraction.
    """
    from quotes.store.review_queries import set_channel  # noqa: PLC0415

    if clear == (outlet is not None):
        raise click.UsageError("give an OUTLET name, or --clear")
    with existing_store(db_url) as store, store.sessions() as session:
        view = set_channel(session, quote_id, outlet, note)
    out.write(QUOTE, [quote_record(view)])
    say(f"quote {quote_id}: channel {', '.join(c.name for c in view.channels) or 'cleared'}")


def _one_entity(session: object, given: str) -> EntityView:
    from quotes.store.queries import find_entities  # noqa: PLC0415

    found = find_entities(session, ref(given))  # type: ignore[arg-type]
    if not found:
        raise QuotesError(f"no speaker or outlet {given!r}; nothing changed")
    if len(found) > 1:
        ids = ", ".join(str(e.id) for e in found)
        raise QuotesError(f"{given!r} names {len(found)} entities (ids {ids}): use an id; nothing changed")
    return found[0]


@click.command("merge-speakers")
@click.argument("keep", metavar="KEEP")
@click.argument("others", metavar="OTHER...", nargs=-1, required=True)
@_NOTE
@db_option
@output_options
def merge_speakers_cmd(keep: str, others: tuple[str, ...], note: str | None, db_url: str | None, out: Output) -> None:
    """Merge speakers (or outlets) into one.

    Folds entities OTHER... into KEEP (ids or names): their quotes, channel links, aliases and
    roles move over, and their names become aliases of KEEP.
    """
    with existing_store(db_url) as store, store.sessions() as session:
        kept = _one_entity(session, keep)
        merged = [_one_entity(session, other) for other in others]
        if any(e.id == kept.id for e in merged):
            raise QuotesError(f"cannot merge {kept.name} (#{kept.id}) into itself; nothing changed")
        view = kept
        for other in {e.id: e for e in merged}.values():
            view = repository.merge_entities(session, kept.id, other.id, note)
    out.write(SPEAKER, [entity_record(view)])
    say(f"merged {', '.join(e.name for e in merged)} into {view.name} (#{view.id})")


COMMANDS = [accept_cmd, reject_cmd, reset_cmd, set_speaker_cmd, set_kind_cmd, set_channel_cmd, merge_speakers_cmd]
