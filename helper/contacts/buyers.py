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

from helper.contacts.locking import lock_buyer_ids, lock_keys
from helper.contacts.tables import (
    DEFAULT_TIME_ZONE,
    buyer_keys,
    buyer_messages,
    buyers,
    contact_attempts,
    contact_opt_outs,
    contact_restrictions,
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


# A key that moves to another buyer while we wait happens only when a link races the call;
# twice in a row is as good as never, but the loop must end.
_MAX_MOVES = 3


def lock_buyer(conn: Connection, ref: BuyerRef) -> int | None:
    """Lock the buyer ``ref`` names for the rest of the transaction (see
    ``helper.contacts.locking``); its id, or None for a buyer not seen before (the key lock
    then covers its creation)."""
    lock_keys(conn, ref)
    buyer_id = find_buyer(conn, ref)
    if conn.dialect.name != "postgresql":
        return buyer_id
    for _ in range(_MAX_MOVES):
        if buyer_id is None:
            return None
        lock_buyer_ids(conn, buyer_id)
        now_id = find_buyer(conn, ref)
        if now_id == buyer_id:
            return buyer_id
        buyer_id = now_id
    raise RuntimeError("buyer identity kept moving while waiting for its lock")


def ensure_buyer(
    conn: Connection, ref: BuyerRef, now: datetime, timezone: str | None = None
) -> int:
    """The buyer's id, creating the buyer on first contact (inside a write transaction)."""
    lock_keys(conn, ref)  # two helpers meeting a new buyer at once create it once
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


_IDENTITY_COLUMNS = (buyers.c.id, buyers.c.timezone, buyer_keys.c.key, buyer_keys.c.masked)
_IDENTITY_ORDER = (buyer_keys.c.created_at, buyer_keys.c.key)
_named = buyer_keys.alias("named")
# Every identity of the buyer one key names; built once, as this is on every check's path.
_BUYER_BY_KEY = (
    sa.select(*_IDENTITY_COLUMNS)
    .select_from(
        _named.join(buyers, buyers.c.id == _named.c.buyer_id).join(
            buyer_keys, buyer_keys.c.buyer_id == buyers.c.id
        )
    )
    .where(_named.c.key == sa.bindparam("key"))
    .order_by(*_IDENTITY_ORDER)
)
_BUYER_BY_ID = (
    sa.select(*_IDENTITY_COLUMNS)
    .select_from(buyers.join(buyer_keys, buyer_keys.c.buyer_id == buyers.c.id))
    .where(buyers.c.id == sa.bindparam("buyer_id"))
    .order_by(*_IDENTITY_ORDER)
)


def buyer_info(conn: Connection, ref: BuyerRef) -> BuyerInfo:
    """The buyer ``ref`` names, with every linked identity."""
    rows = conn.execute(_BUYER_BY_KEY, {"key": ref.key}).all()
    if not rows:
        return BuyerInfo(None, ZoneInfo(DEFAULT_TIME_ZONE), (ref.masked,), (ref.key,))
    return _info(rows)


def buyer_info_by_id(conn: Connection, buyer_id: int) -> BuyerInfo:
    return _info(conn.execute(_BUYER_BY_ID, {"buyer_id": buyer_id}).all())


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
    lock_keys(conn, ref, other)
    buyer_id = ensure_buyer(conn, ref, now)
    other_id = find_buyer(conn, other)
    for _ in range(_MAX_MOVES):
        # Both buyers' locks: no reservation for either may run while their attempts merge;
        # then make sure no other link moved either identity while we waited.
        lock_buyer_ids(conn, *(i for i in (buyer_id, other_id) if i is not None))
        moved = (find_buyer(conn, ref), find_buyer(conn, other))
        if moved == (buyer_id, other_id):
            break
        buyer_id, other_id = moved[0] or ensure_buyer(conn, ref, now), moved[1]
    else:
        raise RuntimeError("buyer identity kept moving while waiting for its lock")
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
        for table in (
            buyer_keys,
            contact_attempts,
            contact_opt_outs,
            buyer_messages,
            contact_restrictions,
        ):
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
