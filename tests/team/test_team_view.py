"""GET /v1/team/today on the real app, on SQLite and on PostgreSQL: today's contacts and
warnings per agent, buyers close to a cap, and no phone number in clear."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from flask.testing import FlaskClient

from helper.services import Services

# 2026-03-02 11:00 in Shanghai: not in quiet hours.
NOW = datetime(2026, 3, 2, 3, 0, tzinfo=UTC)
PHONE = "13812345678"


@pytest.fixture(autouse=True)
def fixed_clock(services: Services) -> None:
    services.clock = lambda: NOW


def _as(monkeypatch: pytest.MonkeyPatch, agent: str) -> None:
    monkeypatch.setenv("HELPER_AGENT", agent)


def _call(client: FlaskClient, buyer: str, minutes: int, outcome: str = "answered") -> int:
    at = (NOW - timedelta(minutes=minutes)).isoformat()
    body = {"buyer": buyer, "channel": "call", "outcome": outcome, "at": at}
    return client.post("/v1/contacts/attempts", json=body).status_code


def test_agents_today_and_buyers_near_a_cap(
    client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    _as(monkeypatch, "小王")
    assert _call(client, PHONE, 120) == 200
    assert _call(client, PHONE, 90) == 200
    warned = {"rule_ids": ["insult.animal"], "verdict": "block", "action": "sent_anyway"}
    assert client.post("/v1/warnings", json={**warned, "platform": "taobao"}).status_code == 200
    _as(monkeypatch, "小李")
    assert _call(client, "tb_calm", 30) == 200
    edited = {**warned, "action": "edited", "platform": "taobao"}
    assert client.post("/v1/warnings", json=edited).status_code == 200
    assert client.post("/v1/warnings", json=edited).status_code == 200

    reply = client.get("/v1/team/today")
    assert reply.status_code == 200
    view = reply.get_json()
    assert view["agent"] == "小李" and view["day"] == "2026-03-02"
    by_agent = {entry["agent"]: entry for entry in view["agents"]}
    assert by_agent["小王"] == {
        "agent": "小王",
        "contacts": 2,
        "buyers": 1,
        "contacts_blocked": 0,
        "warnings": 1,
        "sent_anyway": 1,
    }
    assert by_agent["小李"]["contacts"] == 1 and by_agent["小李"]["warnings"] == 2
    assert by_agent["小李"]["sent_anyway"] == 0
    # Two connected calls of three today: one short of the cap; the calm buyer is not listed.
    (near,) = view["near_cap"]
    assert near["buyer"]["masked"] == "138****5678"
    assert near["at_cap"] is False and near["last_agent"] == "小王"
    assert {"rule_id": "contact.connected_calls", "count": 2, "limit": 3} in near["caps"]
    assert PHONE not in reply.get_data(as_text=True)


def test_a_buyer_at_the_cap_is_flagged(client: FlaskClient) -> None:
    for minutes in (200, 150, 100):
        assert _call(client, PHONE, minutes) == 200
    (near,) = client.get("/v1/team/today").get_json()["near_cap"]
    assert near["at_cap"] is True


def test_the_team_view_needs_a_token(client: FlaskClient) -> None:
    reply = client.get("/v1/team/today", headers={"Authorization": ""})
    assert reply.status_code == 401
