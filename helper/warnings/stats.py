"""Today's counts for the popup, gathered from each feature's own tables."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from helper.complaints.tables import OPEN_STATUSES, complaints
from helper.contacts.tables import contact_attempts
from helper.services import Services
from helper.warnings.events import counts_on, day_bounds, platform_day, stored_checks


def today(svc: Services) -> dict[str, Any]:
    day = platform_day(svc.clock())
    start, end = day_bounds(day)
    # The check counter adds the checks not yet saved (only the app has one).
    counter = svc.check_counter
    checks = counter.checks_on(day) if counter is not None else None
    with svc.store.read() as conn:
        if checks is None:
            checks = stored_checks(conn, day)
        counts = counts_on(conn, day)
        # Every contact attempt logged today (calls, SMS, ...), whatever the outcome.
        contacts_today = conn.execute(
            sa.select(sa.func.count())
            .select_from(contact_attempts)
            .where(contact_attempts.c.at >= start, contact_attempts.c.at < end)
        ).scalar()
        # Complaints still needing the shop: open or waiting for the platform's decision.
        open_complaints = conn.execute(
            sa.select(sa.func.count())
            .select_from(complaints)
            .where(complaints.c.status.in_(OPEN_STATUSES))
        ).scalar()
    return {
        "day": day.isoformat(),
        "checks": checks,
        **counts,
        "contacts_today": int(contacts_today or 0),
        "open_complaints": int(open_complaints or 0),
    }
