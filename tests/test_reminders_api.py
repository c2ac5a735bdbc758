"""The reminders API on the real app with a fixed clock: per-client queue, day list, errors."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from flask.testing import FlaskClient

from helper.auth.tokens import issue_token
from helper.services import Services
from helper.store import StoreUnavailable
from helper.store.faults import LOCKED

NOW = datetime(2026, 11, 22, 6, 0, tzinfo=UTC)  # 14:00 in Shanghai


@pytest.fixture
def clock(services: Services) -> list[datetime]:
    now = [NOW]
    services.clock = lambda: now[0]
    return now


def other_token(services: Services) -> dict[str, str]:
    with services.local_store.write() as conn:
        _, secret = issue_token(conn, name="second", kind="extension", now=NOW)
    return {"Authorization": f"Bearer {secret}"}


def test_each_client_gets_each_due_reminder_once(
    client: FlaskClient, services: Services, clock: list[datetime]
) -> None:
    reply = client.post(
        "/v1/reminders", json={"at": "2026-11-22T15:00:00", "title": "回电", "body": "买家约 15 点"}
    )
    assert reply.status_code == 200
    reminder = reply.get_json()["reminder"]
    assert reminder["at"] == "2026-11-22T07:00:00+00:00"  # naive = Shanghai time
    assert client.post("/v1/reminders/due", json={}).get_json() == {"reminders": []}
    clock[0] = NOW + timedelta(hours=1, seconds=30)
    (delivered,) = client.post("/v1/reminders/due", json={}).get_json()["reminders"]
    assert delivered["id"] == reminder["id"] and delivered["overdue"] is False
    assert delivered["title"] == "回电" and delivered["complaint_id"] is None
    assert client.post("/v1/reminders/due", json={}).get_json() == {"reminders": []}
    second = other_token(services)
    clock[0] = NOW + timedelta(hours=2)
    reply = client.post("/v1/reminders/due", json={}, headers=second)
    (late,) = reply.get_json()["reminders"]
    assert late["overdue"] is True and late["title"] == "【已逾期】回电"
    assert client.post("/v1/reminders/due", json={}, headers=second).get_json()["reminders"] == []


def test_day_list_for_the_dashboard(client: FlaskClient, clock: list[datetime]) -> None:
    for when in (
        "2026-11-22T09:00:00+08:00",
        "2026-11-22T23:30:00+08:00",
        "2026-11-23T00:30:00+08:00",
    ):
        client.post("/v1/reminders", json={"at": when, "title": when})
    today = client.get("/v1/reminders?day=today").get_json()["reminders"]
    assert [r["at"] for r in today] == ["2026-11-22T01:00:00+00:00", "2026-11-22T15:30:00+00:00"]
    # The morning one was never handed out and is long past: the dashboard shows it overdue.
    assert [r["overdue"] for r in today] == [True, False]
    tomorrow = client.get("/v1/reminders?day=2026-11-23").get_json()["reminders"]
    assert [r["at"] for r in tomorrow] == ["2026-11-22T16:30:00+00:00"]
    assert client.get("/v1/reminders?day=tomorrow").status_code == 422


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"title": "x"}, 422),
        ({"at": "2026-11-22T15:00:00"}, 422),
        ({"at": "later", "title": "x"}, 422),
        ({"at": "2026-11-20T15:00:00", "title": "x"}, 422),  # more than a day ago
        ({"at": "2028-01-01T15:00:00", "title": "x"}, 422),  # more than a year ahead
        ({"at": "2026-11-22T15:00:00", "title": "x", "complaint_id": 42}, 404),
        ({"at": "2026-11-22T15:00:00", "title": "x", "complaint_id": "1"}, 422),
        ({"at": "2026-11-22T15:00:00", "title": "x" * 201}, 413),
    ],
)
def test_bad_reminders_get_clear_errors(
    client: FlaskClient, clock: list[datetime], body: dict, status: int
) -> None:
    assert client.post("/v1/reminders", json=body).status_code == status


def test_due_needs_a_token_and_a_json_body(client: FlaskClient) -> None:
    assert (
        client.post("/v1/reminders/due", json={}, headers={"Authorization": ""}).status_code == 401
    )
    assert client.post("/v1/reminders/due", data="x", content_type="text/plain").status_code == 415


class _SchedulerHitByAFault:
    """This process's scheduler when the database fails right after a committed change:
    its catch-up read raises, as a real one does when a lock or a deleted file lands then."""

    def sync(self) -> None:
        raise StoreUnavailable(LOCKED.message, LOCKED.kind)


def test_a_fault_after_the_commit_does_not_turn_an_ack_into_a_503(
    client: FlaskClient, services: Services, clock: list[datetime]
) -> None:
    # A 503 here would tell the client its ack failed although it was recorded: the reminder
    # would then never be handed out again, nor its ack retried (seen under fault injection).
    reply = client.post("/v1/reminders", json={"at": "2026-11-22T14:00:00", "title": "回电"})
    reminder_id = reply.get_json()["reminder"]["id"]
    services.reminder_scheduler = _SchedulerHitByAFault()  # type: ignore[assignment]
    (due,) = client.post("/v1/reminders/due", json={}).get_json()["reminders"]
    assert due["id"] == reminder_id
    reply = client.post(f"/v1/reminders/{reminder_id}/ack", json={})
    assert reply.status_code == 200
    clock[0] = NOW + timedelta(hours=1)
    # acknowledged: not handed out again, even after the redelivery delay
    assert client.post("/v1/reminders/due", json={}).get_json() == {"reminders": []}
    created = client.post("/v1/reminders", json={"at": "2026-11-22T16:00:00", "title": "再打"})
    assert created.status_code == 200
    today = client.get("/v1/reminders?day=today").get_json()["reminders"]
    assert [r["title"] for r in today].count("再打") == 1
