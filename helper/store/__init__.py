"""The store: SQLAlchemy Core over SQLite (default) or PostgreSQL (team mode).

Queries are written with SQLAlchemy Core expressions so that the same code runs on both.
Two ways in:

* ``store.read()`` — a connection in a plain transaction, for queries.
* ``store.write()`` — a transaction that takes the write lock *at its start* (SQLite
  ``BEGIN IMMEDIATE``), so check-then-insert logic (contact caps, pairing attempts) inside one
  ``write()`` block cannot interleave with another writer, in this process or another.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError

from helper.store.faults import BUSY, Fault, StoreHealth, classify
from helper.store.files import make_owner_only, sqlite_file
from helper.store.schema import metadata

__all__ = [
    "SchemaOutdated",
    "Store",
    "StoreError",
    "StoreUnavailable",
    "metadata",
    "open_store",
]

# libpq options for a team database: fail fast when the server is unreachable (the request
# answers 503 rather than hanging), and name the program in pg_stat_activity.
_PG_CONNECT_TIMEOUT_S = 5
_PG_APPLICATION = "workbench-guard"


class StoreError(RuntimeError):
    """The store cannot be used as configured; the message is one Chinese line for the user."""


class StoreUnavailable(StoreError):
    """The database is locked for too long, read-only, full, corrupt, gone or unreachable.
    Maps to HTTP 503 with the Chinese message."""

    def __init__(self, message: str, kind: str = "unreachable") -> None:
        super().__init__(message)
        self.kind = kind


class SchemaOutdated(StoreError):
    """The team database's schema is not the one this helper's code expects."""


def _configure_sqlite(engine: Engine, busy_timeout_ms: int) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        # Let SQLAlchemy, not the sqlite3 module, decide when transactions begin, so that
        # write() can say BEGIN IMMEDIATE.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        mode = connection.get_execution_options().get("sqlite_begin", "DEFERRED")
        connection.exec_driver_sql(f"BEGIN {mode}")


def normalise_url(url: str) -> str:
    """``postgresql://`` and ``postgres://`` mean the psycopg 3 driver this package ships."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url.removeprefix(prefix)
    return url


def make_engine(
    url: str, *, busy_timeout_ms: int = 10_000, pool_size: int = 4, max_overflow: int = 4
) -> Engine:
    if url.startswith("sqlite"):
        path = sqlite_file(url)
        if path is None:  # in memory
            engine = sa.create_engine(url, connect_args={"check_same_thread": False})
        else:
            # mode=rw: a connection never creates the file. A database deleted while the
            # helper runs must not come back empty under a new connection; the store watcher
            # rebuilds it from the open one (helper.store.watch).
            engine = sa.create_engine(url, creator=_rw_connector(path))
        _configure_sqlite(engine, busy_timeout_ms)
        return engine
    # TLS settings (sslmode=verify-full, sslrootcert=...) stay in the URL's query and reach
    # libpq as they are; so does the password lookup (PGPASSWORD, PGPASSFILE, ~/.pgpass).
    # pool_pre_ping replaces a connection the server dropped (a restart, an outage) before a
    # request uses it, so the helper reconnects by itself. lock_timeout bounds the wait for a
    # buyer's lock as busy_timeout does on SQLite.
    return sa.create_engine(
        normalise_url(url),
        pool_pre_ping=True,
        pool_size=max(1, pool_size),
        max_overflow=max_overflow,
        pool_timeout=max(1, busy_timeout_ms // 1000),
        connect_args={
            "connect_timeout": _PG_CONNECT_TIMEOUT_S,
            "application_name": _PG_APPLICATION,
            "options": f"-c lock_timeout={int(busy_timeout_ms)}",
        },
    )


def _rw_connector(path: Path) -> Callable[[], sqlite3.Connection]:
    uri = f"file:{quote(path.as_posix())}?mode=rw"

    def connect() -> sqlite3.Connection:
        return sqlite3.connect(uri, uri=True, check_same_thread=False)

    return connect


class Store:
    def __init__(self, engine: Engine, *, busy_timeout_ms: int = 10_000) -> None:
        self.engine = engine
        self.busy_timeout_ms = busy_timeout_ms
        self.health = StoreHealth()
        # At most this many threads use the database at once (None: no limit). `helper serve`
        # sets it below its thread count, so requests waiting for a lock can never take every
        # server thread: checks and /v1/health, which need no database, always find one.
        self.max_users: int | None = None
        self._users = 0
        self._users_lock = threading.Lock()
        self._paused: Fault | None = None

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @property
    def shared(self) -> bool:
        """A team database that other helpers write to at the same time."""
        return self.dialect != "sqlite"

    @property
    def sqlite_path(self) -> Path | None:
        """The SQLite database file; None for PostgreSQL (or an in-memory database)."""
        return sqlite_file(self.engine.url)

    @contextmanager
    def read(self, *, wait: bool = True) -> Iterator[Connection]:
        """A read transaction. ``wait=False`` gives up at once on a locked database instead
        of waiting up to ``busy_timeout_ms`` (for lookups with a fallback, such as tokens)."""
        with self._use(write=False, wait=wait) as conn, conn.begin():
            yield conn

    @contextmanager
    def write(self) -> Iterator[Connection]:
        with self._use(write=True, wait=True) as conn:
            if self.dialect == "sqlite":
                conn = conn.execution_options(sqlite_begin="IMMEDIATE")
            with conn.begin():
                yield conn

    @contextmanager
    def _use(self, *, write: bool, wait: bool) -> Iterator[Connection]:
        fault = self.health.fault
        if fault is not None and (fault.blocks_reads or (write and fault.blocks_writes)):
            raise StoreUnavailable(fault.message, fault.kind)
        with self._admitted():
            try:
                conn = self.engine.connect()
            except DBAPIError as exc:
                raise self._unavailable(exc, None) from exc
            try:
                if not wait and self.dialect == "sqlite":
                    _set_busy_timeout(conn, 0)
                try:
                    yield conn
                finally:
                    if not wait and self.dialect == "sqlite" and not conn.invalidated:
                        _set_busy_timeout(conn, self.busy_timeout_ms)
            except DBAPIError as exc:
                raise self._unavailable(exc, conn) from exc
            finally:
                conn.close()

    @contextmanager
    def paused(self, fault: Fault, wait_s: float = 5.0) -> Iterator[None]:
        """Refuse every use with ``fault`` (503) while the block runs, having first waited up
        to ``wait_s`` for the uses under way to finish: for swapping the file underneath."""
        with self._users_lock:
            self._paused = fault
        deadline = time.monotonic() + wait_s
        while self._users and time.monotonic() < deadline:
            time.sleep(0.01)
        try:
            yield
        finally:
            with self._users_lock:
                self._paused = None

    @contextmanager
    def _admitted(self) -> Iterator[None]:
        with self._users_lock:
            if self._paused is not None:
                raise StoreUnavailable(self._paused.message, self._paused.kind)
            if self.max_users is not None and self._users >= self.max_users:
                raise StoreUnavailable(BUSY.message, BUSY.kind)
            self._users += 1
        try:
            yield
        finally:
            with self._users_lock:
                self._users -= 1

    def _unavailable(self, exc: DBAPIError, conn: Connection | None) -> BaseException:
        fault = classify(exc)
        if fault is None:
            return exc
        if fault.reopen and conn is not None and not conn.invalidated:
            conn.invalidate()
        self.health.report(fault)
        return StoreUnavailable(fault.message, fault.kind)

    def reopen(self) -> None:
        """Drop every pooled connection; the next use opens the file afresh."""
        self.engine.dispose()

    def close(self) -> None:
        self.engine.dispose()


def _set_busy_timeout(conn: Connection, ms: int) -> None:
    # On the driver connection: through SQLAlchemy the PRAGMA would begin a transaction.
    conn.connection.dbapi_connection.execute(f"PRAGMA busy_timeout={int(ms)}")  # type: ignore[union-attr]


def open_store(
    url: str,
    *,
    migrate: bool = True,
    busy_timeout_ms: int = 10_000,
    pool_size: int = 4,
    max_overflow: int = 4,
) -> Store:
    """Open the database at ``url``; with ``migrate`` bring its schema up to date (the local
    SQLite file does this on every start; a team database only through ``helper db upgrade``,
    see ``helper.store.migrate.require_current``)."""
    path = sqlite_file(url)
    if path is not None and not path.exists():
        make_owner_only(path)  # a new database (build_services restores a lost one first)
    engine = make_engine(
        url, busy_timeout_ms=busy_timeout_ms, pool_size=pool_size, max_overflow=max_overflow
    )
    store = Store(engine, busy_timeout_ms=busy_timeout_ms)
    if migrate:
        from helper.store.migrate import upgrade

        try:
            upgrade(store.engine)
        except DBAPIError as exc:
            store.close()
            fault = classify(exc)
            if fault is None:
                raise
            raise StoreUnavailable(fault.message, fault.kind) from exc
    return store
