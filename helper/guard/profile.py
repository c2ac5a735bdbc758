"""The shop profile: the platforms the shop sells on and its product categories, stored in
table ``shop_profile`` (one JSON list per key) and edited in the options page."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from helper.guard.tables import shop_profile

KEYS = ("platforms", "categories")


@dataclass(frozen=True)
class ShopProfile:
    platforms: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    updated_by: str | None = None
    updated_at: datetime | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "platforms": list(self.platforms),
            "categories": list(self.categories),
            "updated_by": self.updated_by,
            "updated_at": self.updated_at.isoformat() if self.updated_at else None,
        }


def read(conn: Connection) -> ShopProfile:
    values: dict[str, tuple[str, ...]] = {}
    updated_by, updated_at = None, None
    for row in conn.execute(sa.select(shop_profile)).mappings():
        if row["key"] not in KEYS:
            continue
        try:
            loaded = json.loads(row["value"])
        except ValueError:
            loaded = []
        values[row["key"]] = tuple(str(item) for item in loaded if isinstance(item, str))
        if updated_at is None or row["updated_at"] > updated_at:
            updated_by, updated_at = row["updated_by"], row["updated_at"]
    return ShopProfile(
        platforms=values.get("platforms", ()),
        categories=values.get("categories", ()),
        updated_by=updated_by,
        updated_at=updated_at,
    )


def save(conn: Connection, key: str, value: list[str], *, by: str, now: datetime) -> None:
    """Replace one key of the profile (update, else insert: portable, atomic in write())."""
    assert key in KEYS
    values = {"value": json.dumps(value, ensure_ascii=False), "updated_by": by, "updated_at": now}
    updated = conn.execute(shop_profile.update().where(shop_profile.c.key == key).values(**values))
    if updated.rowcount == 0:
        conn.execute(shop_profile.insert().values(key=key, **values))
