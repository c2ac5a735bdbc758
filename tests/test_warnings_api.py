"""POST /v1/warnings, GET /v1/warnings/recent and GET /v1/stats/today on the real app."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask.testing import FlaskClient

from helper.app import create_app
from helper.auth.tokens import issue_token
from helper.services import Services, build_services
from helper.settings import Settings, load_settings
from helper.warnings.counter import CHECK_PATH, CheckCounter
from helper.warnings.events import stored_checks
from helper.warnings.tables import warning_events
from tests.support.helper_process import HelperProcess, free_port

# 2026-11-22 10:00 in Shanghai; the platform day is 2026-11-22.
NOW = datetime(2026, 11, 22, 2, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def fixed_clock(services: Services) -> None:
    services.clock = lambda: NOW


def _warning(**overrides: object) -> dict[str, object]:
    body: dict[str, object] = {
        "rule_ids": ["insult.animal"],
        "verdict": "block",
        "action": "sent_anyway",
        "platform": "taobao",
        "site": "myseller.taobao.com",
    }
    body.update(overrides)
    return body


def test_a_decision_is_recorded_and_listed_newest_first(client: FlaskClient) -> None:
    first = client.post("/v1/warnings", json=_warning(action="edited"))
    assert first.status_code == 200, first.get_json()
    saved = first.get_json()["warning"]
    assert saved["rule_ids"] == ["insult.animal"]
    assert saved["action"] == "edited"
    assert saved["at"] == NOW.isoformat()
    later = (NOW + timedelta(minutes=5)).isoformat()
    client.post("/v1/warnings", json=_warning(rule_ids=["threat.address", "insult.x"], at=later))

    recent = client.get("/v1/warnings/recent").get_json()["warnings"]
    assert [w["action"] for w in recent] == ["sent_anyway", "edited"]
    assert recent[0]["rule_ids"] == ["threat.address", "insult.x"]
    assert recent[0]["site"] == "myseller.taobao.com"
    assert recent[0]["client_id"] == saved["client_id"] is not None
    assert len(client.get("/v1/warnings/recent?limit=1").get_json()["warnings"]) == 1


def test_message_text_is_refused_and_nothing_is_stored(
    client: FlaskClient, services: Services
) -> None:
    reply = client.post("/v1/warnings", json=_warning(text="你这个傻X"))
    assert reply.status_code == 422
    assert reply.get_json()["field"] == "text"
    with services.store.read() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(warning_events)).scalar() == 0


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"action": "deleted"}, "action"),
        ({"verdict": "ok"}, "verdict"),
        ({"rule_ids": []}, "rule_ids"),
        ({"rule_ids": "insult.animal"}, "rule_ids"),
        ({"rule_ids": ["has space"]}, "rule_ids"),
        ({"rule_ids": [f"r{i}" for i in range(21)]}, "rule_ids"),
        ({"platform": "Tao Bao"}, "platform"),
        ({"platform": None}, "platform"),
        ({"site": "https://myseller.taobao.com/chat"}, "site"),
        ({"at": "yesterday"}, "at"),
    ],
)
def test_bad_fields_are_422_and_name_the_field(
    client: FlaskClient, overrides: dict[str, object], field: str
) -> None:
    reply = client.post("/v1/warnings", json=_warning(**overrides))
    assert reply.status_code == 422, reply.get_json()
    assert reply.get_json()["field"] == field
    assert client.get("/v1/warnings/recent").get_json()["warnings"] == []


@pytest.mark.parametrize("limit", ["0", "201", "x", "-1"])
def test_bad_limit_is_422(client: FlaskClient, limit: str) -> None:
    assert client.get(f"/v1/warnings/recent?limit={limit}").status_code == 422


def test_endpoints_need_the_token(client: FlaskClient) -> None:
    anonymous = {"Authorization": ""}
    assert client.post("/v1/warnings", json=_warning(), headers=anonymous).status_code == 401
    assert client.get("/v1/warnings/recent", headers=anonymous).status_code == 401
    assert client.get("/v1/stats/today", headers=anonymous).status_code == 401


def test_non_json_body_is_415(client: FlaskClient) -> None:
    reply = client.post("/v1/warnings", data="rule_ids=x", content_type="text/plain")
    assert reply.status_code == 415


def test_stats_count_only_todays_decisions_in_platform_time(client: FlaskClient) -> None:
    # 23:30 the day before in Shanghai is "yesterday" even though it is the same UTC date.
    yesterday = datetime(2026, 11, 21, 15, 30, tzinfo=UTC).isoformat()
    client.post("/v1/warnings", json=_warning(at=yesterday))
    client.post("/v1/warnings", json=_warning(action="edited"))
    client.post("/v1/warnings", json=_warning(action="sent_anyway"))
    client.post("/v1/warnings", json=_warning(action="replaced", verdict="warn"))

    stats = client.get("/v1/stats/today").get_json()
    assert stats["day"] == "2026-11-22"
    assert stats["warnings"] == 3
    assert stats["sent_anyway"] == 1
    assert stats["checks"] == 0


def test_stats_count_todays_contacts_and_the_open_complaints(client: FlaskClient) -> None:
    yesterday = datetime(2026, 11, 21, 15, 30, tzinfo=UTC).isoformat()
    earlier_today = datetime(2026, 11, 22, 1, 0, tzinfo=UTC).isoformat()  # 09:00 Shanghai
    for at, outcome in ((yesterday, "answered"), (earlier_today, "unanswered")):
        recorded = client.post(
            "/v1/contacts/attempts",
            json={"buyer": "13812345678", "channel": "call", "outcome": outcome, "at": at},
        )
        assert recorded.status_code == 200, recorded.get_json()
    sms = {"buyer": "买家小王", "channel": "sms", "outcome": "sent", "at": earlier_today}
    assert client.post("/v1/contacts/attempts", json=sms).status_code == 200
    complaint_ids = []
    for case in ("C1", "C2", "C3"):
        added = client.post("/v1/complaints", json={"type": "恶意骚扰", "case_id": case})
        assert added.status_code == 200, added.get_json()
        complaint_ids.append(added.get_json()["complaint"]["id"])
    submitted = f"/v1/complaints/{complaint_ids[1]}/status"
    assert client.post(submitted, json={"status": "evidence_submitted"}).status_code == 200
    closed = f"/v1/complaints/{complaint_ids[2]}/status"
    assert client.post(closed, json={"status": "closed"}).status_code == 200

    stats = client.get("/v1/stats/today").get_json()
    assert stats["contacts_today"] == 2
    assert stats["open_complaints"] == 2  # open and evidence_submitted still need the shop


def test_each_successful_check_is_counted_for_today(client: FlaskClient) -> None:
    for _ in range(3):
        with client.post(CHECK_PATH, json={"text": "您好，请问有什么可以帮您？"}) as reply:
            assert reply.status_code == 200
    with client.post(CHECK_PATH, data="x", content_type="text/plain") as refused:
        assert refused.status_code == 415  # refused checks are not counted
    assert client.get("/v1/stats/today").get_json()["checks"] == 3


def _stored_checks(services: Services) -> int:
    with services.store.read() as conn:
        return stored_checks(conn, date(2026, 11, 22))


def test_a_check_writes_nothing_and_a_flush_saves_the_count_once(
    client: FlaskClient, services: Services
) -> None:
    for _ in range(2):
        assert client.post(CHECK_PATH, json={"text": "亲，已经为您发货了"}).status_code == 200
    assert _stored_checks(services) == 0  # held in memory: the checks wrote nothing
    assert client.get("/v1/stats/today").get_json()["checks"] == 2

    assert services.check_counter is not None
    services.check_counter.flush()
    assert _stored_checks(services) == 2
    assert client.get("/v1/stats/today").get_json()["checks"] == 2  # not counted twice

    assert client.post(CHECK_PATH, json={"text": "好的，马上处理"}).status_code == 200
    assert client.get("/v1/stats/today").get_json()["checks"] == 3
    services.check_counter.flush()
    assert _stored_checks(services) == 3


def test_a_failed_flush_keeps_the_counts_for_the_next(tmp_path: Path) -> None:
    data_dir = tmp_path / "short-timeout"
    data_dir.mkdir()
    (data_dir / "config.toml").write_text("[store]\nbusy_timeout_ms = 50\n", encoding="utf-8")
    settings = load_settings(data_dir, port=free_port())
    services = build_services(settings)
    try:
        counter = CheckCounter(services)
        day = date(2026, 11, 22)
        counter.add(day)
        other = sqlite3.connect(settings.paths.sqlite_file, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
        counter.flush()
        other.execute("ROLLBACK")
        other.close()
        assert _stored_checks(services) == 0
        assert counter.checks_on(day) == 1  # still counted, from memory
        counter.flush()
        assert _stored_checks(services) == 1
        assert counter.checks_on(day) == 1
    finally:
        services.close()


def test_shutting_down_saves_the_counts_held_in_memory(settings: Settings) -> None:
    app = create_app(settings, background=False)
    services = app.extensions["wbg"]
    services.clock = lambda: NOW
    with services.local_store.write() as conn:
        _, secret = issue_token(conn, name="tests", kind="script", now=NOW)
    reply = app.test_client().post(
        CHECK_PATH,
        json={"text": "您好"},
        headers={"Authorization": f"Bearer {secret}", "Host": f"127.0.0.1:{settings.port}"},
    )
    assert reply.status_code == 200
    services.close()

    reopened = build_services(settings)
    try:
        assert _stored_checks(reopened) == 1
    finally:
        reopened.close()


def test_a_served_helper_saves_its_check_count_when_it_stops(served: HelperProcess) -> None:
    for _ in range(2):
        assert served.api.post(CHECK_PATH, {"text": "亲，已经为您发货了"}).status == 200
    assert served.api.get("/v1/stats/today").json["checks"] == 2
    assert served.stop() == 0  # SIGTERM: a clean shutdown saves what is held in memory
    served.start()
    assert served.api.get("/v1/stats/today").json["checks"] == 2
