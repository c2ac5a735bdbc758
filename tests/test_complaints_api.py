"""Complaints by hand through the API: types, deadlines, provisional years, status changes."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa
from flask.testing import FlaskClient

from helper.complaints.tables import complaints
from helper.services import Services

NOW = datetime(2026, 2, 10, 1, 0, tzinfo=UTC)  # 2026-02-10 09:00 in Shanghai


@pytest.fixture(autouse=True)
def fixed_clock(services: Services) -> None:
    services.clock = lambda: NOW


def add(client: FlaskClient, **body: object) -> dict:
    reply = client.post("/v1/complaints", json=body)
    assert reply.status_code == 200, reply.get_json()
    return reply.get_json()["complaint"]


def test_traditional_type_name_and_spring_festival_deadlines(
    client: FlaskClient, services: Services
) -> None:
    complaint = add(
        client,
        type="惡意騷擾",
        case_id="T1",
        buyer="tb_buyer01",
        received_at="2026-02-10T10:00:00+08:00",
    )
    assert complaint["type"] == "harassment"
    assert complaint["evidence_due_at"] == "2026-02-13T02:00:00+00:00"  # +3 calendar days
    assert complaint["evidence_due_source"] == "rule"
    # 3 working days after Fri 02-13: Sat 02-14 (调休), Tue 02-24, Wed 02-25; 5: Fri 02-27.
    assert complaint["decision_expected_from"] == "2026-02-25T02:00:00+00:00"
    assert complaint["decision_expected_by"] == "2026-02-27T02:00:00+00:00"
    assert complaint["provisional"] is False and complaint["notice"] is None
    with services.store.read() as conn:
        row = conn.execute(sa.select(complaints)).one()
    assert row.buyer_key == services.hasher.buyer("tb_buyer01").key
    assert row.buyer_masked == "t**1" and row.status == "open"


def test_a_stated_deadline_wins(client: FlaskClient) -> None:
    complaint = add(
        client,
        type="harassment",
        received_at="2026-02-10T10:00:00+08:00",
        evidence_due_at="2026-02-12T18:00:00+08:00",
    )
    assert complaint["evidence_due_at"] == "2026-02-12T10:00:00+00:00"
    assert complaint["evidence_due_source"] == "page"


def test_a_2027_decision_date_is_provisional_and_says_so(client: FlaskClient) -> None:
    complaint = add(client, type="恶意骚扰", received_at="2026-12-30T10:00:00+08:00")
    assert complaint["evidence_due_at"] == "2027-01-02T02:00:00+00:00"
    assert complaint["provisional"] is True
    assert "2027" in complaint["notice"] and "暂定" in complaint["notice"]
    # Sat 01-02 + 3 working days with 01-01 a holiday: Mon 01-04 .. Wed 01-06.
    assert complaint["decision_expected_from"] == "2027-01-06T02:00:00+00:00"


def test_the_same_case_is_updated_not_duplicated(client: FlaskClient) -> None:
    first = add(client, type="harassment", case_id="C9", received_at="2026-02-10T10:00:00+08:00")
    second = add(client, type="harassment", case_id="C9", order_id="3812345678901234")
    assert second["id"] == first["id"]
    assert second["order_id"] == "3812345678901234"
    assert second["received_at"] == first["received_at"]  # not given again: kept
    listed = client.get("/v1/complaints").get_json()["complaints"]
    assert [c["id"] for c in listed] == [first["id"]]


def test_evidence_submitted_cancels_reminders_and_moves_decision(client: FlaskClient) -> None:
    complaint = add(client, type="harassment", received_at="2026-02-10T10:00:00+08:00")
    shown = client.get(f"/v1/complaints/{complaint['id']}").get_json()["complaint"]
    assert [r["state"] for r in shown["reminders"]] == ["pending"] * 4
    custom = client.post(
        "/v1/reminders",
        json={"at": "2026-02-11T15:00:00+08:00", "title": "回电", "complaint_id": complaint["id"]},
    )
    assert custom.status_code == 200
    reply = client.post(
        f"/v1/complaints/{complaint['id']}/status", json={"status": "evidence_submitted"}
    )
    body = reply.get_json()
    assert reply.status_code == 200 and body["reminders_cancelled"] == 5
    assert body["complaint"]["evidence_submitted_at"] == NOW.isoformat()
    # Decision counted from the evidence (Tue 02-10): Wed, Thu, Fri 02-13 / Sat 02-14, Tue 02-24.
    assert body["complaint"]["decision_expected_from"] == "2026-02-13T01:00:00+00:00"
    assert body["complaint"]["decision_expected_by"] == "2026-02-24T01:00:00+00:00"
    shown = client.get(f"/v1/complaints/{complaint['id']}").get_json()["complaint"]
    assert {r["state"] for r in shown["reminders"]} == {"cancelled"}
    assert client.get("/v1/complaints?status=open").get_json()["complaints"] == []
    listed = client.get("/v1/complaints?status=open,evidence_submitted").get_json()
    assert [c["id"] for c in listed["complaints"]] == [complaint["id"]]


@pytest.mark.parametrize(
    ("body", "status", "field"),
    [
        ({"type": "噪音"}, 422, "type"),
        ({}, 422, "type"),
        ({"type": "harassment", "platform": "ebay"}, 422, "platform"),
        ({"type": "harassment", "received_at": "yesterday"}, 422, "received_at"),
        ({"type": "harassment", "status": "won"}, 422, "status"),
    ],
)
def test_bad_complaints_get_clear_errors(
    client: FlaskClient, body: dict, status: int, field: str
) -> None:
    reply = client.post("/v1/complaints", json=body)
    assert reply.status_code == status
    assert reply.get_json()["field"] == field


def test_unknown_complaint_and_bad_filter(client: FlaskClient) -> None:
    assert client.get("/v1/complaints/99").status_code == 404
    assert client.post("/v1/complaints/99/status", json={"status": "closed"}).status_code == 404
    assert client.get("/v1/complaints?status=nope").status_code == 422
