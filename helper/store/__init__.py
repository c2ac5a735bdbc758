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

__all__ = ["Store", "StoreUnavailable", "metadata", "open_store"]


class StoreUnavailable(RuntimeError):
    """The database is locked for too long, gone, or unreachable. Maps to HTTP 503."""


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


def make_engine(url: str, *, busy_timeout_ms: int = 10_000) -> Engine:
    if url.startswith("sqlite"):
        engine = sa.create_engine(url, connect_args={"check_same_thread": False})
        _configure_sqlite(engine, busy_timeout_ms)
        return engine
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return sa.create_engine(url, pool_pre_ping=True)


class Store:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

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
            raise StoreUnavailable(_describe(exc)) from exc
        except DBAPIError as exc:
            if exc.connection_invalidated:
                raise StoreUnavailable(_describe(exc)) from exc
            raise

    def close(self) -> None:
        self.engine.dispose()


def _describe(exc: DBAPIError) -> str:
    text = str(exc.orig) if exc.orig is not None else str(exc)
    if "locked" in text or "busy" in text:
        return "数据库被其他程序锁定，请稍后重试"
    return f"数据库不可用：{text.splitlines()[0] if text else type(exc).__name__}"


def open_store(url: str, *, migrate: bool = True, busy_timeout_ms: int = 10_000) -> Store:
    """Open the database at ``url`` and bring its schema up to date."""
    store = Store(make_engine(url, busy_timeout_ms=busy_timeout_ms))
    if migrate:
        from helper.store.migrate import upgrade

        try:
            upgrade(store.engine)
        except OperationalError as exc:
            store.close()
            raise StoreUnavailable(_describe(exc)) from exc
    return store
