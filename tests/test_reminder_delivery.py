"""At-least-once reminder delivery across a real ``helper serve``: an answer of
POST /v1/reminders/due that never reaches the client, or a helper SIGKILLed after the commit,
loses nothing; the reminder comes again until it is acknowledged, and never after.

``redeliver_seconds = 1`` makes redelivery come quickly; the tests wait for it by polling.
"""

from __future__ import annotations

import http.client
import json
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from helper.settings import load_settings
from tests.support.faults import wait_for
from tests.support.helper_process import HelperProcess, free_port

CONFIG = """
[reminders]
redeliver_seconds = 1
sync_seconds = 1
desktop = false
"""


@pytest.fixture
def helper(data_dir: Path) -> Iterator[HelperProcess]:
    with (data_dir / "config.toml").open("a", encoding="utf-8") as config:
        config.write(CONFIG)
    with HelperProcess(data_dir) as process:
        yield process


def remind_now(helper: HelperProcess, title: str) -> int:
    at = (datetime.now(UTC) - timedelta(seconds=1)).isoformat()
    reply = helper.api.post("/v1/reminders", {"at": at, "title": title})
    assert reply.status == 200, reply.json
    return reply.json["reminder"]["id"]


def due_ids(helper: HelperProcess) -> list[int]:
    reply = helper.api.post("/v1/reminders/due", {})
    assert reply.status == 200, reply.json
    return [r["id"] for r in reply.json["reminders"]]


def send_and_drop(helper: HelperProcess, path: str) -> None:
    """Send a request and close the socket without reading the answer (a dropped socket, a
    service worker suspended mid-fetch)."""
    conn = http.client.HTTPConnection("127.0.0.1", helper.port, timeout=10)
    conn.request(
        "POST",
        path,
        body=json.dumps({}),
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {helper.token}"},
    )
    conn.sock.close()  # type: ignore[union-attr]


def delivery_row(data_dir: Path, reminder_id: int) -> tuple | None:
    """This client's delivery, read from the store the helper uses (SQLite file or the team's
    PostgreSQL), beside the helper, as another program would."""
    engine = sa.create_engine(load_settings(data_dir).db_url)
    try:
        with engine.connect() as conn:
            row = conn.execute(
                sa.text(
                    "SELECT attempts, acked_at FROM reminder_deliveries WHERE reminder_id = :id"
                ),
                {"id": reminder_id},
            ).fetchone()
    finally:
        engine.dispose()
    return None if row is None else tuple(row)


def redelivered(helper: HelperProcess, reminder_id: int) -> Callable[[], bool]:
    return lambda: due_ids(helper) == [reminder_id]


def ack(helper: HelperProcess, reminder_id: int) -> None:
    """Answered by this agent. Alone, that closes the reminder; on a team database it stays
    open for the other agents, with this agent recorded as having answered it."""
    reply = helper.api.post(f"/v1/reminders/{reminder_id}/ack", {})
    assert reply.status == 200, reply.json
    reminder = reply.json["reminder"]
    if load_settings(helper.data_dir).team_mode:
        assert reminder["state"] == "fired" and reminder["acked_by"], reply.json
    else:
        assert reminder["state"] == "acked", reply.json


def test_a_dropped_answer_is_handed_out_again_until_acknowledged(
    helper: HelperProcess, data_dir: Path
) -> None:
    reminder_id = remind_now(helper, "回电")
    send_and_drop(helper, "/v1/reminders/due")
    wait_for(lambda: delivery_row(data_dir, reminder_id), "the dropped /due committed")
    assert delivery_row(data_dir, reminder_id) == (1, None)
    wait_for(redelivered(helper, reminder_id), "redelivery of the unacknowledged reminder")
    assert delivery_row(data_dir, reminder_id)[0] == 2
    ack(helper, reminder_id)
    ack(helper, reminder_id)  # a retried ack (its answer lost too) is fine
    assert delivery_row(data_dir, reminder_id)[1] is not None
    # Acknowledged: never again, however long we wait past the redelivery interval.
    before = delivery_row(data_dir, reminder_id)
    for _ in range(3):
        time.sleep(1.1)
        assert due_ids(helper) == []
    assert delivery_row(data_dir, reminder_id) == before


def test_sigkill_after_the_commit_loses_nothing(helper: HelperProcess, data_dir: Path) -> None:
    reminder_id = remind_now(helper, "举证")
    send_and_drop(helper, "/v1/reminders/due")
    wait_for(lambda: delivery_row(data_dir, reminder_id), "the /due delivery committed")
    helper.kill()  # the answer was never read; the delivery is committed, unacknowledged
    assert delivery_row(data_dir, reminder_id) == (1, None)
    helper.port = free_port()
    helper.start()
    wait_for(redelivered(helper, reminder_id), "redelivery after the restart")
    ack(helper, reminder_id)
    helper.stop()
    helper.port = free_port()
    helper.start()
    time.sleep(1.1)
    assert due_ids(helper) == []


def test_each_client_gets_it_until_one_acknowledges(helper: HelperProcess) -> None:
    reminder_id = remind_now(helper, "回访")
    other = helper.create_token("second-browser")
    assert due_ids(helper) == [reminder_id]
    reply = helper.api.post("/v1/reminders/due", {}, token=other)
    assert [r["id"] for r in reply.json["reminders"]] == [reminder_id]
    ack(helper, reminder_id)
    time.sleep(1.1)
    assert due_ids(helper) == []
    assert helper.api.post("/v1/reminders/due", {}, token=other).json["reminders"] == []
