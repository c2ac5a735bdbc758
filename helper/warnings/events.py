"""Recording and reading warning decisions, and counting checked drafts per day."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from helper.identity import mask_phones_in
from helper.store.upsert import add_to_counter
from helper.times import PLATFORM_TZ
from helper.warnings.tables import check_counts, warning_events

VERDICTS = ("warn", "block")
# What the agent did about one finding: fixed it by editing, 「替换」 (replaced), 「改用建议回复」
# (rewritten), 「忽略一次」 (ignored_once), 「以后不再提示」 (allowed_always), sent it anyway,
# or cancelled the send at the guard. "edited" (「修改」 at the guard) is what versions before
# the per-finding decisions recorded; it is still accepted and counted as fixed.
ACTIONS = (
    "fixed",
    "replaced",
    "rewritten",
    "ignored_once",
    "allowed_always",
    "sent_anyway",
    "cancelled",
    "edited",
)
FIXED_ACTIONS = ("fixed", "replaced", "rewritten", "edited")
IGNORED_ACTIONS = ("ignored_once", "allowed_always")
# Decisions that say "this rule was wrong here": the dashboard's weekly card.
OVERRULED_ACTIONS = ("ignored_once", "allowed_always", "sent_anyway")


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
    buyer_key: str | None = None
    kept_text: str | None = None

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
            "text_kept": self.kept_text is not None,
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
    buyer_key: str | None = None,
    kept_text: str | None = None,
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
        "buyer_key": buyer_key,
        "kept_text": mask_phones_in(kept_text) if kept_text else None,
    }
    result = conn.execute(warning_events.insert().values(**values))
    return _event({"id": int(result.inserted_primary_key[0]), **values})


def for_buyer(conn: Connection, keys: Sequence[str]) -> list[WarningEvent]:
    """Warnings on drafts for any of a buyer's identities, oldest first (the evidence pack)."""
    if not keys:
        return []
    rows = conn.execute(
        sa.select(warning_events)
        .where(warning_events.c.buyer_key.in_(list(keys)))
        .order_by(warning_events.c.at, warning_events.c.id)
    ).mappings()
    return [_event(row) for row in rows]


def recent(conn: Connection, limit: int) -> list[WarningEvent]:
    rows = conn.execute(
        sa.select(warning_events)
        .order_by(warning_events.c.at.desc(), warning_events.c.id.desc())
        .limit(limit)
    ).mappings()
    return [_event(row) for row in rows]


def counts_on(conn: Connection, day: date) -> dict[str, int]:
    """Warnings decided on ``day``: all, sent anyway, fixed (edited, replaced, rewritten) and
    ignored (once or always)."""
    start, end = day_bounds(day)
    in_day = sa.and_(warning_events.c.at >= start, warning_events.c.at < end)
    rows = conn.execute(
        sa.select(warning_events.c.action, sa.func.count())
        .where(in_day)
        .group_by(warning_events.c.action)
    ).all()
    by_action = {action: int(count) for action, count in rows}
    return {
        "warnings": sum(by_action.values()),
        "sent_anyway": by_action.get("sent_anyway", 0),
        "fixed": sum(by_action.get(action, 0) for action in FIXED_ACTIONS),
        "ignored": sum(by_action.get(action, 0) for action in IGNORED_ACTIONS),
    }


def overruled_since(conn: Connection, since: datetime, limit: int) -> list[dict[str, Any]]:
    """Rules most often ignored or sent anyway since ``since``: where the rules may be wrong
    for this shop. [{rule_id, ignored, sent_anyway, total}], most first."""
    rows = conn.execute(
        sa.select(warning_events.c.rule_ids, warning_events.c.action).where(
            warning_events.c.at >= since, warning_events.c.action.in_(OVERRULED_ACTIONS)
        )
    ).all()
    ignored: Counter[str] = Counter()
    sent: Counter[str] = Counter()
    for rule_ids, action in rows:
        target = sent if action == "sent_anyway" else ignored
        target.update(rule_ids.split())
    totals = ignored + sent
    ranked = sorted(totals, key=lambda rule: (-totals[rule], rule))[:limit]
    return [
        {"rule_id": r, "ignored": ignored[r], "sent_anyway": sent[r], "total": totals[r]}
        for r in ranked
    ]


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
        buyer_key=row["buyer_key"],
        kept_text=row["kept_text"],
    )
