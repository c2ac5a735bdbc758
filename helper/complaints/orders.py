"""Orders the helper has seen, by how long their buyer can still complain.

The window is stored with the order (``seen_orders.complaint_window_ends_at``, computed by
``service.record_order`` from the platform's ``buyer_window_days``); this module only reads it.
Orders whose trade has not settled yet have no window end and are not listed.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa

from helper.complaints.tables import seen_orders
from helper.services import Services

_DAY = timedelta(days=1)


def recent_orders(svc: Services, now: datetime, limit: int) -> list[dict[str, Any]]:
    """Up to ``limit`` orders: open windows first (soonest end first), then the most recently
    closed ones. Buyers appear masked only."""
    ends = seen_orders.c.complaint_window_ends_at
    with svc.store.read() as conn:
        still_open = conn.execute(
            sa.select(seen_orders)
            .where(ends > now)
            .order_by(ends.asc(), seen_orders.c.id)
            .limit(limit)
        ).all()
        closed = conn.execute(
            sa.select(seen_orders)
            .where(ends <= now)
            .order_by(ends.desc(), seen_orders.c.id)
            .limit(limit - len(still_open))
        ).all()
    return [_to_json(row, now) for row in [*still_open, *closed]]


def days_left(ends_at: datetime, now: datetime) -> int | None:
    """Whole days, rounded up, until the window closes (1 in its last 24 hours); None once
    it has closed."""
    if ends_at <= now:
        return None
    return math.ceil((ends_at - now) / _DAY)


def _to_json(row: Any, now: datetime) -> dict[str, Any]:
    ends = row.complaint_window_ends_at
    left = days_left(ends, now)
    return {
        "platform": row.platform,
        "order_id": row.order_id,
        "buyer_masked": row.buyer_masked,
        "trade_status": row.trade_status,
        "complaint_window_ends_at": ends.isoformat(),
        "window_open": left is not None,
        "days_left": left,
    }
