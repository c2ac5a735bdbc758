"""Desktop notifications degrade to a log line, also when the notification service hangs."""

from __future__ import annotations

import logging
import socket
from pathlib import Path

import pytest

from helper.reminders.notify import DesktopNotify
from helper.services import Services


def test_no_notification_service_gives_a_log_line(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    monkeypatch.delenv("DISPLAY", raising=False)
    notify = DesktopNotify(enabled=True, timeout_seconds=2)
    with caplog.at_level(logging.INFO, logger="helper.reminders.notify"):
        shown = notify.notify(7, "举证截止提醒", "还有 1 小时", own_text=True, overdue=True)
    assert shown is False
    assert "reminder #7 [逾期 overdue]: 举证截止提醒 | 还有 1 小时" in caplog.text


def test_a_hanging_notification_service_times_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    # A D-Bus address whose socket accepts the connection and then never answers.
    path = tmp_path / "bus"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(path))
    server.listen(1)
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={path}")
    try:
        notify = DesktopNotify(enabled=True, timeout_seconds=1)
        with caplog.at_level(logging.WARNING, logger="helper.reminders.notify"):
            shown = notify.notify(8, "回电", "155 0000 0000", own_text=False, overdue=False)
    finally:
        server.close()
    assert shown is False
    # Custom text may hold personal data: the log line hides it.
    assert "reminder #8: <2 chars hidden> | <13 chars hidden>" in caplog.text
    assert "155" not in caplog.text


def test_only_serve_starts_a_scheduler(services: Services) -> None:
    # The app fixture is built like commands and tests are (background=False).
    assert services.reminder_scheduler is None
