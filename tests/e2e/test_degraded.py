"""A degraded helper (here: its database locked by another program) says why in the popup."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.e2e import harness
from tests.support import faults

pytestmark = pytest.mark.browser


def test_popup_shows_why_the_helper_is_degraded(fresh_browser, own_helper):
    context = fresh_browser()
    harness.pair_through_popup(context, own_helper.data_dir, own_helper.port).close()
    at = (datetime.now(UTC) + timedelta(hours=1)).isoformat()
    with faults.lock_held(own_helper.data_dir / "helper.db"):
        reply = own_helper.api.post("/v1/reminders", {"at": at, "title": "锁住时"})
        assert reply.status == 503
        popup = harness.open_popup(context)
        popup.wait_for_selector('#state[data-state="connected"]', timeout=15_000)
        problems = popup.locator("#problems")
        problems.wait_for(state="visible", timeout=15_000)
        assert "助手运行异常" in problems.inner_text() and "锁定" in problems.inner_text()
        popup.close()
    faults.wait_for(
        lambda: own_helper.api.get("/v1/health").json["status"] == "ok", "health ok again"
    )
    popup = harness.open_popup(context)
    popup.wait_for_selector('#state[data-state="connected"]', timeout=15_000)
    assert popup.locator("#problems").is_hidden()
