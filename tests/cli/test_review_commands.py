"""Review actions from the command line write the same log as the review UI's repository calls."""

from __future__ import annotations

from cli_helpers import as_json, invoke, ok

from quotes.errors import QuotesError
from quotes.store import repository
from quotes.store.db import open_store


def _ids(db: str, **by_content: str) -> dict[str, int]:
    records = as_json("list", db=db)
    return {name: next(r["id"] for r in records if r["content"].startswith(text)) for name, text in by_content.items()}


def _log(db: str) -> list[tuple[str, int | None, str | None, str | None, str | None]]:
    store = open_store(db)
    try:
        with store.sessions() as s:
            entries = repository.review_log(s).items
    finally:
        store.close()
    return [(e.action, e.quote_id, e.old_value, e.new_value, e.note) for e in reversed(entries)]


def test_accept_reject_reset_and_the_log(db: str) -> None:
    q = _ids(db, talk="we are ready", delay="there will be", hamas="contacts")
    result = ok("accept", str(q["talk"]), str(q["delay"]), "--note", "checked", "--json", db=db)
    assert [r["status"] for r in as_json("list", "--status", "accepted", db=db)] == ["accepted"] * 2
    assert "accepted 2 quotes" in result.stderr
    again = ok("accept", str(q["talk"]), db=db)
    assert "accepted 0 quotes (1 already accepted)" in again.stderr
    ok("reject", str(q["hamas"]), db=db)
    ok("reset", str(q["talk"]), db=db)
    assert _log(db) == [
        ("accept", q["talk"], "pending", "accepted", "checked"),
        ("accept", q["delay"], "pending", "accepted", "checked"),
        ("reject", q["hamas"], "pending", "rejected", None),
        ("reset", q["talk"], "accepted", "pending", None),
    ]


def test_an_unknown_id_changes_nothing(db: str) -> None:
    q = _ids(db, talk="we are ready")
    result = invoke("accept", str(q["talk"]), "9999", db=db)
    assert isinstance(result.exception, QuotesError) and "9999" in str(result.exception)
    assert _log(db) == [] and as_json("list", "--status", "accepted", db=db) == []
    assert isinstance(invoke("set-kind", "9999", "mixed", db=db).exception, QuotesError)
    assert isinstance(invoke("set-speaker", "9999", "Someone", db=db).exception, QuotesError)
    assert _log(db) == []
    assert invoke("set-kind", str(q["talk"]), "shouted", db=db).exit_code == 2


def test_set_kind_and_speaker(db: str) -> None:
    q = _ids(db, delegation="the delegation", hamas="contacts")
    [changed] = as_json("set-kind", str(q["delegation"]), "direct", db=db)
    assert (changed["kind"], changed["kind_reviewed"]) == ("direct", True)

    [changed] = as_json("set-speaker", str(q["delegation"]), "Sergei Lavrov", "--note", "from the photo caption",
                        db=db)
    assert (changed["speaker"], changed["speaker_reviewed"]) == ("Sergei Lavrov", True)
    # An existing entity by name or alias, or by id.
    [changed] = as_json("set-speaker", str(q["hamas"]), "peskov", db=db)
    assert changed["speaker"] == "Dmitry Peskov"
    zakharova = as_json("speakers", "--name", "zakharova", db=db)[0]["id"]
    [changed] = as_json("set-speaker", str(q["hamas"]), str(zakharova), db=db)
    assert changed["speaker"] == "Maria Zakharova"
    [changed] = as_json("set-speaker", str(q["hamas"]), "--clear", db=db)
    assert changed["speaker"] is None
    assert invoke("set-speaker", str(q["hamas"]), db=db).exit_code == 2

    assert [(a, o, n) for a, _, o, n, _ in _log(db)] == [
        ("set_kind", "indirect", "direct"),
        ("set_speaker", None, "Sergei Lavrov"),
        ("set_speaker", "Maria Zakharova", "Dmitry Peskov"),
        ("set_speaker", "Dmitry Peskov", "Maria Zakharova"),
        ("set_speaker", "Maria Zakharova", None),
    ]


def test_set_channel_relinks_and_clears_with_the_log(db: str) -> None:
    q = _ids(db, delegation="the delegation")
    [changed] = as_json("set-channel", str(q["delegation"]), "TASS", "--note", "wire copy", db=db)
    assert [c["name"] for c in changed["channels"]] == ["TASS"]
    [changed] = as_json("set-channel", str(q["delegation"]), "--clear", db=db)
    assert changed["channels"] == []
    assert invoke("set-channel", str(q["delegation"]), db=db).exit_code == 2
    assert invoke("set-channel", "99999", "TASS", db=db).exit_code == 1
    log = [(a, n) for a, _, _, n, _ in _log(db)]
    assert log[-2:] == [("set_channel", "TASS"), ("set_channel", None)]


def test_merge_speakers_by_name_and_id(db: str) -> None:
    q = _ids(db, delegation="the delegation")
    ok("set-speaker", str(q["delegation"]), "Lavrov", db=db)
    lutsenko = as_json("speakers", "--name", "lutsenko", db=db)[0]["id"]
    [kept] = as_json("merge-speakers", "Maria Zakharova", "lavrov", str(lutsenko), db=db)
    assert (kept["name"], kept["quotes"]) == ("Maria Zakharova", 4)
    assert {"Lavrov", "Oksana Lutsenko", "Zakharova"} <= set(kept["aliases"])
    assert "Analyst" in kept["roles"]
    assert len(as_json("list", "--speaker", "Lavrov", db=db)) == 4  # the old name now finds the kept entity
    assert [a for a, *_ in _log(db)] == ["set_speaker", "merge", "merge"]


def test_merge_refuses_unknown_ambiguous_or_self(db: str) -> None:
    for args in (["Maria Zakharova", "Nobody"], ["Maria Zakharova", "zakharova"], ["999999", "peskov"]):
        result = invoke("merge-speakers", *args, db=db)
        assert isinstance(result.exception, QuotesError), args
    assert _log(db) == []
    assert [s["name"] for s in as_json("speakers", db=db)] == ["Dmitry Peskov", "Maria Zakharova", "Oksana Lutsenko"]
