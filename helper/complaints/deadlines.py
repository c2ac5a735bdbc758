"""A complaint's deadlines, from the platform's numbers (``rules/platforms``) and the
working-day calendar.

- Evidence is due ``evidence_days`` calendar days after the complaint was received (the
  source does not say which kind of day; calendar days are the safe reading). A deadline the
  page states wins.
- The platform decides within ``decision_from_workdays`` to ``decision_by_workdays`` working
  days after the evidence: counted from when the evidence was submitted, or, before that,
  from the evidence deadline (the latest the evidence can arrive).
- A buyer may complain up to ``buyer_window_days`` after the trade (or the refund that closed
  it) succeeded.

Working days are counted on the platform's local calendar and keep the time of day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from helper.platforms import Deadlines
from helper.workdays import WorkdayCalendar


@dataclass(frozen=True)
class ComplaintDeadlines:
    evidence_due_at: datetime
    evidence_due_stated: bool
    # What the rule gives (received + evidence_days), kept even when the page's deadline wins.
    evidence_due_rule_at: datetime
    decision_expected_from: datetime
    decision_expected_by: datetime
    # Some working day involved lies in a year without official holiday data.
    provisional: bool


def complaint_deadlines(
    numbers: Deadlines,
    calendar: WorkdayCalendar,
    time_zone: ZoneInfo,
    *,
    received_at: datetime,
    stated_evidence_due: datetime | None = None,
    evidence_submitted_at: datetime | None = None,
) -> ComplaintDeadlines:
    by_rule = received_at + timedelta(days=numbers.evidence_days)
    evidence_due = stated_evidence_due or by_rule
    base = evidence_submitted_at or evidence_due
    decision_from, from_guessed = _after_workdays(
        calendar, time_zone, base, numbers.decision_from_workdays
    )
    decision_by, by_guessed = _after_workdays(
        calendar, time_zone, base, numbers.decision_by_workdays
    )
    return ComplaintDeadlines(
        evidence_due_at=evidence_due.astimezone(UTC),
        evidence_due_stated=stated_evidence_due is not None,
        evidence_due_rule_at=by_rule.astimezone(UTC),
        decision_expected_from=decision_from,
        decision_expected_by=decision_by,
        provisional=from_guessed or by_guessed,
    )


def buyer_window_end(numbers: Deadlines, settled_at: datetime) -> datetime:
    return (settled_at + timedelta(days=numbers.buyer_window_days)).astimezone(UTC)


def _after_workdays(
    calendar: WorkdayCalendar, time_zone: ZoneInfo, base: datetime, count: int
) -> tuple[datetime, bool]:
    local = base.astimezone(time_zone)
    result = calendar.add_workdays(local.date(), count)
    moved = datetime.combine(result.day, local.timetz().replace(tzinfo=None), time_zone)
    return moved.astimezone(UTC), result.provisional
