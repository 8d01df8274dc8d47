"""Migrations: one linear chain, upgrade from empty, downgrade/upgrade round trip, models agree."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, select, text
from store_helpers import peskov_article

from quotes.errors import QuotesError
from quotes.store import db, repository
from quotes.store.db import (
    alembic_config,
    current_revision,
    database_url,
    downgrade,
    head_revision,
    make_engine,
    open_store,
    upgrade,
)
from quotes.store.models import ArticleRecord, Base
from quotes.store.writer import start_run, store_article

TABLES = {
    "articles",
    "runs",
    "quotes",
    "entities",
    "entity_aliases",
    "entity_roles",
    "quote_channels",
    "input_errors",
    "review_log",
}


def _tables(url: str) -> set[str]:
    engine = make_engine(url)
    try:
        return set(inspect(engine).get_table_names()) - {"alembic_version", "quotes_fts"} - {
            n for n in inspect(engine).get_table_names() if n.startswith("quotes_fts_")
        }
    finally:
        engine.dispose()


def test_one_linear_chain() -> None:
    scripts = ScriptDirectory.from_config(alembic_config())
    assert len(scripts.get_heads()) == 1
    revisions = list(scripts.walk_revisions())
    assert all(len(rev._all_down_revisions) <= 1 for rev in revisions)
    assert revisions[-1].down_revision is None
    assert scripts.get_current_head() == head_revision()


def test_upgrade_from_empty_then_round_trip(store_url: str) -> None:
    engine = make_engine(store_url)
    try:
        assert current_revision(engine) is None
        upgrade(engine)
        assert current_revision(engine) == head_revision()
        assert _tables(store_url) == TABLES
        downgrade(engine, "base")
        assert current_revision(engine) is None
        assert _tables(store_url) == set()
        upgrade(engine)
        assert current_revision(engine) == head_revision()
        assert _tables(store_url) == TABLES
    finally:
        engine.dispose()


def test_each_step_down_and_up_keeps_data(store_url: str) -> None:
    """Going back to the first revision drops search; coming back rebuilds it for existing quotes."""
    store = open_store(store_url)
    try:
        with store.session() as session:
            run = start_run(session)
            store_article(session, *peskov_article(), run)  # type: ignore[arg-type]
        downgrade(store.engine, "0001")
        upgrade(store.engine)
        with store.sessions() as session:
            assert repository.search(session, "delay").total == 1
            assert repository.search(session, "Peskov").total == 2
            # Dropping a column of "runs" or "articles" leaves the rows that point at them alone.
            assert session.scalars(select(ArticleRecord.run_id)).all() == [run]
    finally:
        store.close()


def test_models_match_migrations(store_url: str) -> None:
    engine = make_engine(store_url)
    try:
        upgrade(engine)

        def include(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
            # Full-text objects live only in the migrations.
            return not (name or "").startswith(("quotes_fts", "search", "ix_quotes_search"))

        with engine.connect() as conn:
            ctx = MigrationContext.configure(conn, opts={"include_object": include, "compare_type": True})
            assert compare_metadata(ctx, Base.metadata) == []
    finally:
        engine.dispose()


def test_new_database_is_created_automatically(store_url: str) -> None:
    store = open_store(store_url)
    try:
        assert current_revision(store.engine) == head_revision()
    finally:
        store.close()


def test_older_schema_asks_for_upgrade(store_url: str) -> None:
    engine = make_engine(store_url)
    try:
        upgrade(engine, "0001")
    finally:
        engine.dispose()
    with pytest.raises(QuotesError, match="quotes db upgrade"):
        open_store(store_url)


def test_unknown_tables_are_not_taken_over(store_url: str) -> None:
    engine = make_engine(store_url)
    try:
        with engine.begin() as conn:
            conn.execute(text("CREATE TABLE something_else (id INTEGER PRIMARY KEY)"))
        with pytest.raises(QuotesError, match="not a quotes store"):
            open_store(store_url)
    finally:
        engine.dispose()


def test_sqlite_runs_in_wal_mode_with_foreign_keys(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "q.db"))
    try:
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        store.close()


def test_database_url_forms(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("QUOTES_DB", raising=False)
    assert database_url(None) == "sqlite:///quotes.db"
    assert database_url("x/y.db") == "sqlite:///x/y.db"
    assert database_url("postgresql://u@h/d") == "postgresql+psycopg://u@h/d"
    assert database_url("postgres://u@h/d") == "postgresql+psycopg://u@h/d"
    monkeypatch.setenv("QUOTES_DB", "sqlite:////tmp/env.db")
    assert database_url(None) == "sqlite:////tmp/env.db"
    assert database_url("given.db") == "sqlite:///given.db"
    with pytest.raises(QuotesError, match="does not exist"):
        open_store(str(tmp_path / "missing-folder" / "q.db"))
    with pytest.raises(QuotesError, match="unsupported database"):
        db.make_engine("mysql://u@h/d")


def test_plain_alembic_with_the_db_folder_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "plain.db"
    monkeypatch.setenv("QUOTES_DB", str(target))
    cfg = Config(str(Path(__file__).resolve().parents[2] / "db" / "alembic.ini"))
    command.upgrade(cfg, "head")
    engine = make_engine(f"sqlite:///{target}")
    try:
        assert current_revision(engine) == head_revision()
    finally:
        engine.dispose()
