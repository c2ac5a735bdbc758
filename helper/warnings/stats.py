"""Today's counts for the popup, gathered from each feature's own tables."""

from __future__ import annotations

from typing import Any

from helper.services import Services
from helper.warnings.events import counts_on, platform_day


def today(svc: Services) -> dict[str, Any]:
    day = platform_day(svc.clock())
    with svc.store.read() as conn:
        counts = counts_on(conn, day)
    # contacts_today and open_complaints come from the contacts and complaints features;
    # None means "not known to this helper" (the popup then leaves the line out).
    return {"day": day.isoformat(), **counts, "contacts_today": None, "open_complaints": None}
