"""Shared fixtures: a store on each backend, and the scripts/ tools loaded as modules.

``store`` runs a test on SQLite and on PostgreSQL. PostgreSQL is the server on
127.0.0.1:5432 when one answers (as on the CI machine, after .ci/ensure-postgres);
otherwise the tests start their own with initdb/pg_ctl in a temporary folder, and
skip with the reason when neither works. Each test session creates its own scratch
database and drops it at the end.
"""

from __future__ import annotations

import glob
import importlib.util
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType

import pytest

from quotes.store.db import Store, open_store

PG_HOST, PG_PORT = "127.0.0.1", 5432
SCRIPTS = Path(__file__).resolve().parents[1] / "scripts"


@pytest.fixture
def load_script() -> Callable[[str], ModuleType]:
    """Loads ``scripts/NAME.py`` as a module (the scripts folder is no package)."""

    def load(name: str) -> ModuleType:
        spec = importlib.util.spec_from_file_location(name, SCRIPTS / f"{name}.py")
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module

    return load


def _connect_ok(url: str) -> bool:
    import psycopg  # noqa: PLC0415

    try:
        with psycopg.connect(url, connect_timeout=3):
            return True
    except psycopg.Error:
        return False


def _running_server() -> str | None:
    """A libpq URL of the maintenance database on the local server, if one answers."""
    with socket.socket() as sock:
        sock.settimeout(1)
        if sock.connect_ex((PG_HOST, PG_PORT)) != 0:
            return None
    users = dict.fromkeys([os.environ.get("PGUSER", ""), "postgres", "root", os.environ.get("USER", "")])
    for user in filter(None, users):
        for dbname in ("test", "postgres"):
            url = f"postgresql://{user}@{PG_HOST}:{PG_PORT}/{dbname}"
            if _connect_ok(url):
                return url
    return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind((PG_HOST, 0))
        return int(sock.getsockname()[1])


class _OwnServer:
    """A throwaway PostgreSQL cluster, for machines where none is running."""

    def __init__(self) -> None:
        found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb")) or [shutil.which("initdb") or ""]
        self.bin = Path(found[-1]).parent if found[-1] else None
        self.dir = Path(tempfile.mkdtemp(prefix="quotes-pg-"))
        self.port = _free_port()
        self.as_user: list[str] = []

    def start(self) -> str:
        if self.bin is None:
            raise RuntimeError("no PostgreSQL server answers on 127.0.0.1:5432 and initdb is not installed")
        user = "postgres"
        if os.geteuid() == 0:  # initdb refuses to run as root
            if shutil.which("runuser") is None:
                raise RuntimeError("running as root and runuser is missing, cannot start PostgreSQL")
            shutil.chown(self.dir, user="postgres")
            self.as_user = ["runuser", "-u", "postgres", "--"]
        else:
            user = os.environ.get("USER") or "postgres"
        data = self.dir / "data"
        self._run("initdb", "-D", str(data), "-A", "trust", "-U", user, "--no-sync")
        opts = f"-c listen_addresses={PG_HOST} -p {self.port} -c unix_socket_directories={self.dir} -c fsync=off"
        self._run("pg_ctl", "-D", str(data), "-o", opts, "-l", str(self.dir / "log"), "-w", "start")
        return f"postgresql://{user}@{PG_HOST}:{self.port}/postgres"

    def _run(self, name: str, *args: str) -> None:
        assert self.bin is not None
        subprocess.run([*self.as_user, str(self.bin / name), *args], check=True, capture_output=True, timeout=120)

    def stop(self) -> None:
        if self.bin is not None and (self.dir / "data" / "postmaster.pid").exists():
            self._run("pg_ctl", "-D", str(self.dir / "data"), "-m", "immediate", "stop")
        shutil.rmtree(self.dir, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_admin() -> Iterator[str]:
    """libpq URL of a maintenance database on a PostgreSQL server we may create databases on."""
    url = _running_server()
    own: _OwnServer | None = None
    if url is None:
        own = _OwnServer()
        try:
            url = own.start()
        except (RuntimeError, OSError, subprocess.SubprocessError) as exc:
            own.stop()
            pytest.skip(f"PostgreSQL unavailable: {exc}")
    try:
        yield url
    finally:
        if own is not None:
            own.stop()


class ScratchDatabases:
    """Creates uniquely named databases on the server and drops them all at the end."""

    def __init__(self, admin_url: str) -> None:
        self.admin_url = admin_url
        self.created: list[str] = []

    def _admin(self, sql: str) -> None:
        import psycopg  # noqa: PLC0415

        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(sql)  # type: ignore[arg-type]

    def create(self) -> str:
        name = f"quotes_test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
        self._admin(f'CREATE DATABASE "{name}"')
        self.created.append(name)
        base = self.admin_url.rsplit("/", 1)[0]
        return f"postgresql+psycopg://{base.split('://', 1)[1]}/{name}"

    def drop(self, url: str) -> None:
        name = url.rsplit("/", 1)[1]
        self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if name in self.created:
            self.created.remove(name)

    def drop_all(self) -> None:
        for name in list(self.created):
            self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self.created.clear()


@pytest.fixture(scope="session")
def pg_databases(pg_admin: str) -> Iterator[ScratchDatabases]:
    dbs = ScratchDatabases(pg_admin)
    try:
        yield dbs
    finally:
        dbs.drop_all()


@pytest.fixture(scope="session")
def pg_store(pg_databases: ScratchDatabases) -> Iterator[Store]:
    """One migrated scratch database for the session; ``store`` empties it before each test."""
    store = open_store(pg_databases.create())
    try:
        yield store
    finally:
        store.close()


def _empty(store: Store) -> None:
    from sqlalchemy import text  # noqa: PLC0415

    from quotes.store.models import Base  # noqa: PLC0415

    names = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    with store.engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))


@pytest.fixture(scope="session")
def pg_scratch_url(pg_databases: ScratchDatabases) -> str:
    """A database for tests that need an empty schema of their own (see ``store_url``)."""
    return pg_databases.create()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL of an empty database (not yet migrated) on each backend.

    On PostgreSQL that is a fresh schema first on the search path: creating and dropping
    schemas is instant where databases cost a checkpoint each.
    """
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'quotes.db'}"
        return
    import psycopg  # noqa: PLC0415

    base: str = request.getfixturevalue("pg_scratch_url")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    libpq = base.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(libpq, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')  # type: ignore[arg-type]
    try:
        yield f"{base}?options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(libpq, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')  # type: ignore[arg-type]


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """An empty, migrated store on each backend."""
    if request.param == "sqlite":
        opened = open_store(f"sqlite:///{tmp_path / 'quotes.db'}")
        try:
            yield opened
        finally:
            opened.close()
        return
    shared: Store = request.getfixturevalue("pg_store")
    _empty(shared)
    yield shared
