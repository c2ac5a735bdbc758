"""A reminder that falls due reaches the agent as a chrome.notification, once, and the
extension acknowledges it after showing it (the helper would hand it out again otherwise)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.e2e import harness
from tests.e2e.checks import eventually

pytestmark = pytest.mark.browser

NOTIFICATION_PREFIX = "wbg-reminder-"


def notifications(context) -> dict:
    return harness.service_worker(context).evaluate("chrome.notifications.getAll()")


def test_due_reminder_becomes_a_notification(paired_context, helper):
    at = datetime.now(UTC) + timedelta(seconds=3)
    reply = helper.api.post(
        "/v1/reminders",
        {"at": at.isoformat(), "title": "举证截止提醒", "body": "投诉 #1 的举证今天截止"},
    )
    assert reply.status == 200, reply.body
    reminder_id = reply.json["reminder"]["id"]
    wanted = f"{NOTIFICATION_PREFIX}{reminder_id}"
    assert wanted not in notifications(paired_context)

    # The service worker polls on its chrome.alarms schedule (every 30 s); no nudging here.
    eventually(lambda: _has(notifications(paired_context), wanted), timeout=75)
    eventually(lambda: _state(helper, reminder_id, "acked"), timeout=30)
    # Acknowledged: the next /due hands it out to no one.
    assert helper.api.post("/v1/reminders/due", {}).json["reminders"] == []


def _state(helper, reminder_id: int, wanted: str) -> None:
    today = helper.api.get("/v1/reminders?day=today").json["reminders"]
    assert [r["state"] for r in today if r["id"] == reminder_id] == [wanted], today


def _has(shown: dict, wanted: str) -> dict:
    assert wanted in shown, shown
    return shown
