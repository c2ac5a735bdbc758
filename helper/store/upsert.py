"""INSERT … ON CONFLICT on both engines (SQLite 3.24+ and PostgreSQL speak the same clause).

On SQLite, ``store.write()`` already serialises writers, so check-then-insert is safe there;
on a team database two helpers can check at the same moment and both insert. Writes that
must yield one row per natural key (one complaint per platform case, one order, one day's
counter) therefore go through these, on both engines alike.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection


def _insert(conn: Connection, table: sa.Table) -> Any:
    module = postgresql if conn.dialect.name == "postgresql" else sqlite
    return module.insert(table)


def insert_unless_exists(
    conn: Connection, table: sa.Table, values: Mapping[str, Any], key: Sequence[str]
) -> Any | None:
    """Insert a row unless one with the same ``key`` columns exists; the new row's primary
    key, or None when another writer's row was there first."""
    statement = (
        _insert(conn, table)
        .values(**values)
        .on_conflict_do_nothing(index_elements=list(key))
        .returning(*table.primary_key.columns)
    )
    return conn.execute(statement).scalar()


def add_to_counter(
    conn: Connection, table: sa.Table, key: Mapping[str, Any], column: str, amount: int
) -> None:
    """``column += amount`` on the row ``key`` names, creating it at ``amount``."""
    statement = _insert(conn, table).values(**key, **{column: amount})
    statement = statement.on_conflict_do_update(
        index_elements=list(key),
        set_={column: table.c[column] + statement.excluded[column]},
    )
    conn.execute(statement)


def upsert(
    conn: Connection,
    table: sa.Table,
    values: Mapping[str, Any],
    key: Sequence[str],
    update: Mapping[str, Any],
) -> None:
    """Insert ``values``, or on a row with the same ``key`` columns set ``update`` (column ->
    value or expression; ``table.c.x`` is the stored value)."""
    statement = _insert(conn, table).values(**values)
    conn.execute(statement.on_conflict_do_update(index_elements=list(key), set_=dict(update)))
