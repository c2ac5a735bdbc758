"""The store: SQLAlchemy Core over SQLite (default) or PostgreSQL (team mode).

Queries are written with SQLAlchemy Core expressions so that the same code runs on both.
Two ways in:

* ``store.read()`` — a connection in a plain transaction, for queries.
* ``store.write()`` — a transaction that takes the write lock *at its start* (SQLite
  ``BEGIN IMMEDIATE``), so check-then-insert logic (contact caps, pairing attempts) inside one
  ``write()`` block cannot interleave with another writer, in this process or another.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError, OperationalError

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
    """The database is locked for too long, gone, or unreachable. Maps to HTTP 503."""


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
        engine = sa.create_engine(url, connect_args={"check_same_thread": False})
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


class Store:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        # Why the last transaction failed to reach the database, until one succeeds again
        # (/v1/health reports it without trying the database itself).
        self.unavailable: str | None = None

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @property
    def shared(self) -> bool:
        """A team database that other helpers write to at the same time."""
        return self.dialect != "sqlite"

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with self._guard(), self.engine.connect() as conn, conn.begin():
            yield conn

    @contextmanager
    def write(self) -> Iterator[Connection]:
        with self._guard(), self.engine.connect() as conn:
            if self.dialect == "sqlite":
                conn = conn.execution_options(sqlite_begin="IMMEDIATE")
            with conn.begin():
                yield conn

    @contextmanager
    def _guard(self) -> Iterator[None]:
        try:
            yield
        except OperationalError as exc:
            self.unavailable = _describe(exc)
            raise StoreUnavailable(self.unavailable) from exc
        except DBAPIError as exc:
            if exc.connection_invalidated:
                self.unavailable = _describe(exc)
                raise StoreUnavailable(self.unavailable) from exc
            raise
        self.unavailable = None

    def close(self) -> None:
        self.engine.dispose()


def _describe(exc: DBAPIError) -> str:
    text = str(exc.orig) if exc.orig is not None else str(exc)
    if "locked" in text or "busy" in text or "lock timeout" in text:
        return "数据库被其他程序锁定，请稍后重试"
    first = text.splitlines()[0] if text else type(exc).__name__
    if exc.orig is not None and type(exc.orig).__module__.startswith("psycopg"):
        # libpq's own words (host, port, what failed; never the password) say what to fix.
        return f"团队数据库暂时无法连接，助手会自动重连，请稍后重试（消息检查不受影响）：{first}"
    return f"数据库不可用：{first}"


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
    see ``require_current_schema``)."""
    store = Store(
        make_engine(
            url, busy_timeout_ms=busy_timeout_ms, pool_size=pool_size, max_overflow=max_overflow
        )
    )
    if migrate:
        from helper.store.migrate import upgrade

        try:
            upgrade(store.engine)
        except OperationalError as exc:
            store.close()
            raise StoreUnavailable(_describe(exc)) from exc
    return store
