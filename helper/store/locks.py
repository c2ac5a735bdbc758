"""Named locks that serialise writers across processes and machines.

On SQLite, ``Store.write()`` already takes the database's single write lock at BEGIN, so
every writer is serialised and these calls do nothing. On PostgreSQL (a team database) many
helpers write at once; a check-then-insert (a contact cap) must hold a lock that every other
writer of the same thing takes too. ``pg_advisory_xact_lock`` is such a lock: it is held until
the transaction ends (commit, rollback, or the connection dying), so it can never leak.

Callers must take their locks in one global order, or two transactions could wait for each
other; ``lock_names`` sorts the names it is given, and ``helper.contacts.locking`` documents
the order across calls (every key lock before any buyer lock).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

import sqlalchemy as sa
from sqlalchemy.engine import Connection

_LOCK = sa.text("SELECT pg_advisory_xact_lock(:lock_id)")


def lock_id(name: str) -> int:
    """A signed 64-bit id for ``name``. Two names sharing an id only wait for each other
    needlessly (a 1 in 2^64 chance), they never skip a lock."""
    digest = hashlib.blake2b(name.encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def lock_names(conn: Connection, names: Iterable[str]) -> None:
    """Hold a transaction-scoped lock on each name (sorted; repeats are free)."""
    if conn.dialect.name != "postgresql":
        return
    for name in sorted(set(names)):
        conn.execute(_LOCK, {"lock_id": lock_id(name)})
