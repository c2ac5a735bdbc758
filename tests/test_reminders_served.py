"""Reminders across a real ``helper serve``: kills, restarts, snooze, ack, cancellation.

Offsets are seconds, not minutes: custom reminders take any time, and the config makes the
scheduler re-sync every second and call a reminder overdue after one second.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from helper.settings import load_settings
from tests.support.helper_process import HelperProcess, free_port, run_cli

CONFIG = """
[reminders]
overdue_after_seconds = 1
sync_seconds = 1
desktop_timeout_seconds = 2
"""


@pytest.fixture
def helper(data_dir: Path) -> Iterator[HelperProcess]:
    with (data_dir / "config.toml").open("a", encoding="utf-8") as config:
        config.write(CONFIG)
    with HelperProcess(data_dir) as process:
        yield process


def restart(helper: HelperProcess) -> None:
    """Start again on the same data directory. A fresh port, because after a SIGKILL the old
    one can sit in TIME_WAIT and `helper serve` refuses a port it cannot bind exclusively."""
    helper.port = free_port()
    helper.start()


def at(seconds: float) -> str:
    return (datetime.now(UTC) + timedelta(seconds=seconds)).isoformat()


def remind(helper: HelperProcess, seconds: float, title: str, **extra: object) -> int:
    reply = helper.api.post("/v1/reminders", {"at": at(seconds), "title": title, **extra})
    assert reply.status == 200, reply.json
    return reply.json["reminder"]["id"]


def due(helper: HelperProcess, token: str | None = None) -> list[dict]:
    kwargs = {"token": token} if token else {}
    reply = helper.api.post("/v1/reminders/due", {}, **kwargs)
    assert reply.status == 200, reply.json
    return reply.json["reminders"]


def wait_until_past(iso: str, margin: float = 1.5) -> None:
    remaining = (datetime.fromisoformat(iso) - datetime.now(UTC)).total_seconds() + margin
    if remaining > 0:
        time.sleep(remaining)


def log_lines(data_dir: Path, reminder_id: int) -> list[str]:
    text = (data_dir / "logs" / "helper.log").read_text("utf-8")
    marks = (f"reminder #{reminder_id}:", f"reminder #{reminder_id} [")
    return [line for line in text.splitlines() if any(mark in line for mark in marks)]


def test_killed_before_due_is_delivered_once_after_restart_as_overdue(
    helper: HelperProcess, data_dir: Path
) -> None:
    when = at(3)
    reply = helper.api.post("/v1/reminders", {"at": when, "title": "回电", "body": "约好 15:00"})
    reminder_id = reply.json["reminder"]["id"]
    assert reply.json["reminder"]["at"] == datetime.fromisoformat(when).isoformat()
    helper.kill()
    wait_until_past(when)
    restart(helper)
    (delivered,) = due(helper)
    assert delivered["id"] == reminder_id and delivered["overdue"] is True
    assert delivered["title"].startswith("【已逾期】")
    assert due(helper) == []
    assert helper.api.post(f"/v1/reminders/{reminder_id}/ack", {}).status == 200
    # The desktop side (a log line here: CI has no notification service) fired once too.
    deadline = time.monotonic() + 10
    while not log_lines(data_dir, reminder_id) and time.monotonic() < deadline:
        time.sleep(0.2)
    # Restart twice: no duplicates in the queue nor on the desktop.
    for _ in range(2):
        helper.stop()
        restart(helper)
        assert due(helper) == []
    time.sleep(1.5)
    assert len(log_lines(data_dir, reminder_id)) == 1
    assert "[逾期 overdue]" in log_lines(data_dir, reminder_id)[0]


def test_two_reminders_due_while_down_are_both_delivered_to_each_client(
    helper: HelperProcess,
) -> None:
    first = remind(helper, 2, "提醒一")
    second = remind(helper, 3, "提醒二")
    helper.kill()
    time.sleep(4.5)
    restart(helper)
    assert [r["id"] for r in due(helper)] == [first, second]
    other = helper.create_token("second-browser")
    assert [r["id"] for r in due(helper, other)] == [first, second]
    assert due(helper) == [] and due(helper, other) == []


def test_a_reminder_fires_while_running(helper: HelperProcess, data_dir: Path) -> None:
    reminder_id = remind(helper, 1, "马上")
    assert due(helper) == []
    time.sleep(2.5)
    (delivered,) = due(helper)
    assert delivered["id"] == reminder_id
    assert log_lines(data_dir, reminder_id), "the scheduler fired (degraded to a log line)"


def test_snooze_and_ack(helper: HelperProcess) -> None:
    reminder_id = remind(helper, -1, "已到期")
    assert [r["id"] for r in due(helper)] == [reminder_id]
    reply = helper.api.post(f"/v1/reminders/{reminder_id}/snooze", {"minutes": 0.05})
    assert reply.status == 200 and reply.json["reminder"]["state"] == "pending"
    assert due(helper) == []
    time.sleep(4)
    (again,) = due(helper)
    assert again["id"] == reminder_id
    reply = helper.api.post(f"/v1/reminders/{reminder_id}/ack", {})
    assert reply.status == 200, reply.json
    if load_settings(helper.data_dir).team_mode:
        # On a team database an answer is this agent's: the reminder stays open for the others.
        assert reply.json["reminder"]["state"] == "fired" and reply.json["reminder"]["acked_by"]
    else:
        assert reply.json["reminder"]["state"] == "acked"
        assert helper.api.post(f"/v1/reminders/{reminder_id}/snooze", {"minutes": 1}).status == 409
    assert helper.api.post("/v1/reminders/999/ack", {}).status == 404
    for bad in ({"minutes": 0}, {"minutes": "5"}, {}, {"minutes": 100000}):
        assert helper.api.post(f"/v1/reminders/{reminder_id}/snooze", bad).status == 422
    helper.stop()
    restart(helper)
    assert due(helper) == []


def test_evidence_submitted_cancels_the_remaining_reminders(helper: HelperProcess) -> None:
    reply = helper.api.post(
        "/v1/complaints",
        {"type": "恶意骚扰", "case_id": "E1", "evidence_due_at": at(2 * 3600)},
    )
    complaint = reply.json["complaint"]
    # Offsets 24 h and 4 h before the deadline are already past; 1 h and 0 remain.
    callback = remind(helper, 3, "回电", complaint_id=complaint["id"])
    reply = helper.api.post(
        f"/v1/complaints/{complaint['id']}/status", {"status": "evidence_submitted"}
    )
    assert reply.status == 200 and reply.json["reminders_cancelled"] == 3
    time.sleep(4.5)
    assert due(helper) == []
    shown = helper.api.get(f"/v1/complaints/{complaint['id']}").json["complaint"]
    assert {r["state"] for r in shown["reminders"]} == {"cancelled"}
    assert callback in [r["id"] for r in shown["reminders"]]


def test_cli_writes_reminders_the_running_helper_picks_up(
    helper: HelperProcess, data_dir: Path
) -> None:
    deadline = (datetime.now(UTC) + timedelta(seconds=3)).isoformat()
    out = run_cli(data_dir, "complaints", "add", "--type", "惡意騷擾", "--deadline", deadline)
    assert "举证提醒：新建 1 个" in out.stdout  # only the offset 0 is still ahead
    time.sleep(5)
    (delivered,) = due(helper)
    assert "举证截止提醒" in delivered["title"]
    shown = run_cli(data_dir, "complaints", "show", str(delivered["complaint_id"])).stdout
    assert "[fired]" in shown


def test_a_second_serve_on_the_same_data_refuses(helper: HelperProcess, data_dir: Path) -> None:
    second = run_cli(data_dir, "serve", "--port", str(free_port()), check=False, timeout=30)
    assert second.returncode == 1
    assert "同一数据目录只能运行一个助手" in second.stderr
