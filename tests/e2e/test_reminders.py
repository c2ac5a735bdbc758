"""A reminder that falls due reaches the agent as a chrome.notification."""

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


def _has(shown: dict, wanted: str) -> dict:
    assert wanted in shown, shown
    return shown
