"""The team view: who did what today, and which buyers are close to a cap.

Built from the shared store only; buyers appear masked (``138****5678``), never in clear.
Outside team mode the same view shows the one agent of this helper.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from helper.contacts.history import recent
from helper.contacts.policy_rules import Policy
from helper.contacts.tables import contact_attempts
from helper.store import Store
from helper.warnings.events import day_bounds, platform_day
from helper.warnings.tables import warning_events

# Buyers contacted in the weekly window that the view looks at for caps; the busiest shops
# contact a few hundred buyers a day.
NEAR_CAP_SCAN = 500
UNNAMED = "（未署名）"  # decisions recorded before agents were named (0010_team_agents)


def _per_agent_contacts(conn: Connection, start: datetime, end: datetime) -> dict[str, dict]:
    rows = conn.execute(
        sa.select(
            contact_attempts.c.agent,
            sa.func.count().label("contacts"),
            sa.func.count(sa.distinct(contact_attempts.c.buyer_id)).label("buyers"),
            sa.func.sum(sa.case((contact_attempts.c.verdict == "block", 1), else_=0)).label(
                "blocked"
            ),
        )
        .where(contact_attempts.c.at >= start, contact_attempts.c.at < end)
        .group_by(contact_attempts.c.agent)
    ).all()
    return {
        row.agent: {
            "contacts": int(row.contacts),
            "buyers": int(row.buyers),
            "contacts_blocked": int(row.blocked or 0),
        }
        for row in rows
    }


def _per_agent_warnings(conn: Connection, start: datetime, end: datetime) -> dict[str, dict]:
    rows = conn.execute(
        sa.select(
            warning_events.c.agent,
            sa.func.count().label("warnings"),
            sa.func.sum(sa.case((warning_events.c.action == "sent_anyway", 1), else_=0)).label(
                "sent_anyway"
            ),
        )
        .where(warning_events.c.at >= start, warning_events.c.at < end)
        .group_by(warning_events.c.agent)
    ).all()
    return {
        row.agent or UNNAMED: {
            "warnings": int(row.warnings),
            "sent_anyway": int(row.sent_anyway or 0),
        }
        for row in rows
    }


def agents_today(store: Store, now: datetime) -> list[dict[str, Any]]:
    start, end = day_bounds(platform_day(now))
    with store.read() as conn:
        contacts = _per_agent_contacts(conn, start, end)
        warnings = _per_agent_warnings(conn, start, end)
    empty = {"contacts": 0, "buyers": 0, "contacts_blocked": 0, "warnings": 0, "sent_anyway": 0}
    agents = [
        {"agent": name, **empty, **contacts.get(name, {}), **warnings.get(name, {})}
        for name in {*contacts, *warnings}
    ]
    return sorted(agents, key=lambda a: (-a["contacts"] - a["warnings"], a["agent"]))


def near_caps(store: Store, policy: Policy, now: datetime) -> list[dict[str, Any]]:
    """Buyers one contact or less away from a cap (or at it), most used first."""
    found = []
    for entry in recent(store, policy, now, NEAR_CAP_SCAN):
        close = [cap for cap in entry["caps"] if cap["count"] >= cap["limit"] - 1]
        if not close:
            continue
        last = entry["last_attempt"] or {}
        found.append(
            {
                "buyer": entry["buyer"],
                "caps": close,
                "at_cap": any(cap["count"] >= cap["limit"] for cap in close),
                "last_agent": last.get("agent"),
                "last_at": last.get("at"),
            }
        )
    return sorted(found, key=lambda b: (not b["at_cap"], b["buyer"]["masked"]))
