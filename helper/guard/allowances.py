"""Allowances: 「以后不再提示」 for a term (and optionally one rule), kept in the store.

Terms compare folded (``helper.text.fold``: NFKC, case, Traditional → Simplified), so an
allowance for ``SB-200`` also covers ``sb-200``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from helper.guard.tables import guard_allowances
from helper.text import fold

MAX_TERM_CHARS = 40
MAX_NOTE_CHARS = 200


@dataclass(frozen=True)
class Allowance:
    id: int
    rule_id: str | None
    term: str
    folded: str
    note: str | None
    added_by: str
    created_at: datetime
    updated_at: datetime

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "rule_id": self.rule_id,
            "term": self.term,
            "note": self.note,
            "added_by": self.added_by,
            "created_at": self.created_at.isoformat(),
            "updated_at": self.updated_at.isoformat(),
        }


def list_all(conn: Connection) -> list[Allowance]:
    rows = conn.execute(
        sa.select(guard_allowances).order_by(guard_allowances.c.created_at, guard_allowances.c.id)
    ).mappings()
    return [_allowance(row) for row in rows]


def get(conn: Connection, allowance_id: int) -> Allowance | None:
    row = (
        conn.execute(sa.select(guard_allowances).where(guard_allowances.c.id == allowance_id))
        .mappings()
        .first()
    )
    return _allowance(row) if row else None


def find(conn: Connection, rule_id: str | None, term: str) -> Allowance | None:
    """The allowance with exactly this scope (rule or any rule) and folded term, if any."""
    scope = (
        guard_allowances.c.rule_id.is_(None)
        if rule_id is None
        else guard_allowances.c.rule_id == rule_id
    )
    row = (
        conn.execute(
            sa.select(guard_allowances).where(scope, guard_allowances.c.folded == fold(term))
        )
        .mappings()
        .first()
    )
    return _allowance(row) if row else None


def add(
    conn: Connection,
    *,
    rule_id: str | None,
    term: str,
    note: str | None,
    added_by: str,
    client_id: int | None,
    now: datetime,
) -> tuple[Allowance, bool]:
    """(the allowance, True) when added; (the existing one, False) when it was there already.
    Call inside ``store.write()`` so the look-up and the insert cannot interleave."""
    existing = find(conn, rule_id, term)
    if existing is not None:
        return existing, False
    values = {
        "rule_id": rule_id,
        "term": term,
        "folded": fold(term),
        "note": note,
        "added_by": added_by,
        "client_id": client_id,
        "created_at": now,
        "updated_at": now,
    }
    result = conn.execute(guard_allowances.insert().values(**values))
    return _allowance({"id": int(result.inserted_primary_key[0]), **values}), True


def update(conn: Connection, allowance_id: int, changes: dict[str, Any], now: datetime) -> bool:
    """Change term, rule_id or note; False when there is no such allowance."""
    values = dict(changes)
    if "term" in values:
        values["folded"] = fold(values["term"])
    result = conn.execute(
        guard_allowances.update()
        .where(guard_allowances.c.id == allowance_id)
        .values(**values, updated_at=now)
    )
    return bool(result.rowcount)


def remove(conn: Connection, allowance_id: int) -> bool:
    result = conn.execute(guard_allowances.delete().where(guard_allowances.c.id == allowance_id))
    return bool(result.rowcount)


def _allowance(row: Any) -> Allowance:
    return Allowance(
        id=row["id"],
        rule_id=row["rule_id"],
        term=row["term"],
        folded=row["folded"],
        note=row["note"],
        added_by=row["added_by"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
    )
