"""Recording and reading warning decisions, and counting checked drafts per day."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from helper.store.upsert import add_to_counter
from helper.times import PLATFORM_TZ
from helper.warnings.tables import check_counts, warning_events

VERDICTS = ("warn", "block")
ACTIONS = ("edited", "sent_anyway", "replaced", "cancelled")


@dataclass(frozen=True)
class WarningEvent:
    id: int
    at: datetime
    client_id: int | None
    agent: str | None
    platform: str
    site: str | None
    rule_ids: tuple[str, ...]
    verdict: str
    action: str

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "at": self.at.isoformat(),
            "client_id": self.client_id,
            "agent": self.agent,
            "platform": self.platform,
            "site": self.site,
            "rule_ids": list(self.rule_ids),
            "verdict": self.verdict,
            "action": self.action,
        }


def platform_day(moment: datetime) -> date:
    """The calendar day on the platforms' clock (Asia/Shanghai), which is the agent's day."""
    return moment.astimezone(PLATFORM_TZ).date()


def day_bounds(day: date) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time.min, tzinfo=PLATFORM_TZ)
    return start, start + timedelta(days=1)


def record(
    conn: Connection,
    *,
    at: datetime,
    client_id: int | None,
    agent: str | None = None,
    platform: str,
    site: str | None,
    rule_ids: Sequence[str],
    verdict: str,
    action: str,
) -> WarningEvent:
    values = {
        "at": at,
        "client_id": client_id,
        "agent": agent,
        "platform": platform,
        "site": site,
        "rule_ids": " ".join(rule_ids),
        "verdict": verdict,
        "action": action,
    }
    result = conn.execute(warning_events.insert().values(**values))
    return _event({"id": int(result.inserted_primary_key[0]), **values})


def recent(conn: Connection, limit: int) -> list[WarningEvent]:
    rows = conn.execute(
        sa.select(warning_events)
        .order_by(warning_events.c.at.desc(), warning_events.c.id.desc())
        .limit(limit)
    ).mappings()
    return [_event(row) for row in rows]


def counts_on(conn: Connection, day: date) -> dict[str, int]:
    """Warnings decided and drafts sent anyway despite a warning on ``day``."""
    start, end = day_bounds(day)
    in_day = sa.and_(warning_events.c.at >= start, warning_events.c.at < end)
    warnings, sent_anyway = conn.execute(
        sa.select(
            sa.func.count(),
            sa.func.coalesce(
                sa.func.sum(sa.case((warning_events.c.action == "sent_anyway", 1), else_=0)), 0
            ),
        ).where(in_day)
    ).one()
    return {"warnings": int(warnings), "sent_anyway": int(sent_anyway)}


def stored_checks(conn: Connection, day: date) -> int:
    """Drafts checked on ``day`` as saved in the database (see ``counter`` for the rest)."""
    checks = conn.execute(
        sa.select(check_counts.c.checks).where(check_counts.c.day == day.isoformat())
    ).scalar()
    return int(checks or 0)


def count_checks(conn: Connection, day: date, checks: int) -> None:
    """``checks`` more checked drafts on ``day`` (one upsert: several helpers of a team add to
    the same day at once)."""
    add_to_counter(conn, check_counts, {"day": day.isoformat()}, "checks", checks)


def _event(row: Any) -> WarningEvent:
    return WarningEvent(
        id=row["id"],
        at=row["at"],
        client_id=row["client_id"],
        agent=row["agent"],
        platform=row["platform"],
        site=row["site"],
        rule_ids=tuple(row["rule_ids"].split()),
        verdict=row["verdict"],
        action=row["action"],
    )
