"""Buyers: the keyed identities the agent names them by, linking two identities into one
buyer, and each buyer's time zone (quiet hours are in the buyer's local time)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Row

from helper.contacts.tables import (
    DEFAULT_TIME_ZONE,
    buyer_keys,
    buyer_messages,
    buyers,
    contact_attempts,
    contact_opt_outs,
)
from helper.identity import BuyerRef


@dataclass(frozen=True)
class BuyerInfo:
    id: int | None  # None: never seen before
    timezone: ZoneInfo
    identities: tuple[str, ...]  # masked forms of every linked identity
    keys: tuple[str, ...]

    def to_json(self, ref: BuyerRef) -> dict[str, object]:
        return {
            "masked": ref.masked,
            "kind": ref.kind,
            "timezone": self.timezone.key,
            "identities": list(self.identities),
        }


def parse_time_zone(name: str) -> ZoneInfo:
    """An IANA zone such as ``America/New_York``; ValueError for anything else."""
    try:
        return ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"未知的时区 {name!r}（例如 Asia/Shanghai、America/New_York）") from None


def find_buyer(conn: Connection, ref: BuyerRef) -> int | None:
    return conn.execute(
        sa.select(buyer_keys.c.buyer_id).where(buyer_keys.c.key == ref.key)
    ).scalar()


def ensure_buyer(
    conn: Connection, ref: BuyerRef, now: datetime, timezone: str | None = None
) -> int:
    """The buyer's id, creating the buyer on first contact (inside a write transaction)."""
    buyer_id = find_buyer(conn, ref)
    if buyer_id is not None:
        return buyer_id
    buyer_id = conn.execute(
        buyers.insert().values(timezone=timezone or DEFAULT_TIME_ZONE, created_at=now)
    ).inserted_primary_key[0]
    conn.execute(
        buyer_keys.insert().values(
            key=ref.key, buyer_id=buyer_id, kind=ref.kind, masked=ref.masked, created_at=now
        )
    )
    return int(buyer_id)


def buyer_info(conn: Connection, ref: BuyerRef) -> BuyerInfo:
    """The buyer ``ref`` names, with every linked identity, in one query (this is on the
    path of every check)."""
    named = buyer_keys.alias("named")
    rows = conn.execute(
        sa.select(buyers.c.id, buyers.c.timezone, buyer_keys.c.key, buyer_keys.c.masked)
        .select_from(
            named.join(buyers, buyers.c.id == named.c.buyer_id).join(
                buyer_keys, buyer_keys.c.buyer_id == buyers.c.id
            )
        )
        .where(named.c.key == ref.key)
        .order_by(buyer_keys.c.created_at, buyer_keys.c.key)
    ).all()
    if not rows:
        return BuyerInfo(None, ZoneInfo(DEFAULT_TIME_ZONE), (ref.masked,), (ref.key,))
    return _info(rows)


def buyer_info_by_id(conn: Connection, buyer_id: int) -> BuyerInfo:
    rows = conn.execute(
        sa.select(buyers.c.id, buyers.c.timezone, buyer_keys.c.key, buyer_keys.c.masked)
        .select_from(buyers.join(buyer_keys, buyer_keys.c.buyer_id == buyers.c.id))
        .where(buyers.c.id == buyer_id)
        .order_by(buyer_keys.c.created_at, buyer_keys.c.key)
    ).all()
    return _info(rows)


def _info(rows: Sequence[Row[Any]]) -> BuyerInfo:
    return BuyerInfo(
        rows[0].id,
        ZoneInfo(rows[0].timezone),
        tuple(row.masked for row in rows),
        tuple(row.key for row in rows),
    )


def set_time_zone(conn: Connection, buyer_id: int, zone: ZoneInfo) -> None:
    conn.execute(buyers.update().where(buyers.c.id == buyer_id).values(timezone=zone.key))


def link(conn: Connection, ref: BuyerRef, other: BuyerRef, now: datetime) -> int:
    """Make ``other`` (e.g. the phone number) an identity of the buyer ``ref`` names (e.g. the
    nick). If both were known separately, their histories merge into one buyer."""
    buyer_id = ensure_buyer(conn, ref, now)
    other_id = find_buyer(conn, other)
    if other_id is None:
        conn.execute(
            buyer_keys.insert().values(
                key=other.key,
                buyer_id=buyer_id,
                kind=other.kind,
                masked=other.masked,
                created_at=now,
            )
        )
    elif other_id != buyer_id:
        for table in (buyer_keys, contact_attempts, contact_opt_outs, buyer_messages):
            conn.execute(
                table.update().where(table.c.buyer_id == other_id).values(buyer_id=buyer_id)
            )
        conn.execute(buyers.delete().where(buyers.c.id == other_id))
    return buyer_id


def update_buyer(
    conn: Connection,
    ref: BuyerRef,
    now: datetime,
    *,
    zone: ZoneInfo | None = None,
    other: BuyerRef | None = None,
) -> BuyerInfo:
    """Link ``other`` to the buyer and/or set the buyer's time zone."""
    buyer_id = link(conn, ref, other, now) if other else ensure_buyer(conn, ref, now)
    if zone is not None:
        set_time_zone(conn, buyer_id, zone)
    return buyer_info_by_id(conn, buyer_id)
