"""API conventions that hold for every route: OpenAPI in step, request ids, JSON errors."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from helper.api.spec import operation_of
from helper.app import create_app
from helper.auth.tokens import issue_token
from helper.services import Services
from helper.settings import Settings, load_settings
from helper.store.faults import UNOPENABLE
from tests.support.helper_process import free_port


def test_every_v1_route_is_in_the_openapi_document(app: Flask, client: FlaskClient) -> None:
    document = client.get("/v1/openapi.json").get_json()
    assert document["openapi"].startswith("3.")
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/v1/"):
            continue
        assert operation_of(app.view_functions[rule.endpoint]) is not None, rule.rule
        path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule)
        for method in (rule.methods or set()) - {"HEAD", "OPTIONS"}:
            assert method.lower() in document["paths"][path], (method, path)
    assert document["paths"]["/v1/health"]["get"]["security"] == []
    assert document["paths"]["/v1/openapi.json"]["get"]["security"] == [{"token": []}]


def test_every_response_has_a_request_id(client: FlaskClient) -> None:
    ids = {client.get("/v1/health").headers["X-Request-Id"] for _ in range(3)}
    assert len(ids) == 3
    error = client.get("/v1/does-not-exist")
    assert error.status_code == 404
    assert error.get_json()["error"]["request_id"] == error.headers["X-Request-Id"]


@pytest.fixture
def impatient_app(data_dir: Path) -> Iterator[tuple[Flask, Settings, str]]:
    """An app that waits only 100 ms for a database lock, with a token already used once
    (so the token's last-seen write is done and the view's own write meets the lock)."""
    (data_dir / "config.toml").write_text("[store]\nbusy_timeout_ms = 100\n", encoding="utf-8")
    settings: Settings = load_settings(data_dir, port=free_port())
    app = create_app(settings, background=False)
    svc = app.extensions["wbg"]
    with svc.local_store.write() as conn:
        _, token = issue_token(conn, name="t", kind="script", now=svc.clock())
    assert _send(app, settings, token, "GET", "/v1/stats/today", None).status_code == 200
    try:
        yield app, settings, token
    finally:
        svc.close()


def _send(app: Flask, settings: Settings, token: str, method: str, path: str, body: object):  # type: ignore[no-untyped-def]
    return app.test_client().open(
        path,
        method=method,
        json=body,
        base_url=f"http://127.0.0.1:{settings.port}",
        headers={"Authorization": f"Bearer {token}"},
    )


# One route that writes, for each feature.
_WRITES = [
    ("/v1/pair", {"code": "123456", "client": "x"}, 403),  # no code was issued
    ("/v1/contacts/attempts", {"buyer": "13800138000", "channel": "call"}, 200),
    ("/v1/buyer-messages", {"buyer": "tb_buyer", "text": "以后别打电话了"}, 200),
    ("/v1/complaints", {"type": "恶意骚扰", "case_id": "C1"}, 200),
    ("/v1/reminders", {"at": "{in_an_hour}", "title": "回电"}, 200),
    ("/v1/reminders/due", {}, 200),
    (
        "/v1/warnings",
        {"rule_ids": ["insult.basic"], "verdict": "warn", "action": "edited", "platform": "taobao"},
        200,
    ),
]


def _timed(svc: Services, body: dict) -> dict:
    in_an_hour = (svc.clock() + timedelta(hours=1)).isoformat()
    return {key: in_an_hour if value == "{in_an_hour}" else value for key, value in body.items()}


@pytest.mark.parametrize(("path", "body", "unlocked"), _WRITES, ids=[row[0] for row in _WRITES])
def test_locked_database_answers_503_not_500(
    impatient_app, path: str, body: dict, unlocked: int
) -> None:  # type: ignore[no-untyped-def]
    app, settings, token = impatient_app
    svc = app.extensions["wbg"]
    body = _timed(svc, body)
    blocker = sqlite3.connect(settings.paths.sqlite_file, timeout=0)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        reply = _send(app, settings, token, "POST", path, body)
    finally:
        blocker.rollback()
        blocker.close()
    assert reply.status_code == 503
    assert reply.get_json()["error"]["code"] == "store_unavailable"
    assert "锁定" in reply.get_json()["error"]["message"]
    # Nothing was lost: once the lock is gone the same request goes through.
    assert _send(app, settings, token, "POST", path, body).status_code == unlocked


_READS = [
    "/v1/contacts/recent",
    "/v1/complaints?status=open",
    "/v1/reminders?day=today",
    "/v1/warnings/recent",
    "/v1/stats/today",
    "/v1/orders/recent",
]


def test_database_gone_answers_503_not_500(impatient_app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    app, settings, token = impatient_app
    svc = app.extensions["wbg"]
    # The data folder disappears (an unplugged drive): open connections are dropped and
    # new ones cannot open the file.
    svc.store.engine.dispose()
    settings.paths.sqlite_file.parent.rename(tmp_path / "moved-away")
    for path in _READS:
        reply = _send(app, settings, token, "GET", path, None)
        assert reply.status_code == 503, path
        assert reply.get_json()["error"]["code"] == "store_unavailable", path
        # the Chinese message names the fault and what to do (helper/store/faults.py)
        assert reply.get_json()["error"]["message"] == UNOPENABLE.message, path
    for path, body, _ in _WRITES:
        reply = _send(app, settings, token, "POST", path, _timed(svc, body))
        assert reply.status_code == 503, path


# Regressions found by tests/test_api_fuzz.py: each was a 500.


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/v1/complaints/{id}"),
        ("POST", "/v1/complaints/{id}/status"),
        ("POST", "/v1/reminders/{id}/ack"),
        ("POST", "/v1/reminders/{id}/snooze"),
        ("POST", "/v1/contacts/attempts/{id}/outcome"),
    ],
)
def test_an_id_beyond_the_database_range_is_404(
    client: FlaskClient, method: str, path: str
) -> None:
    body = {"status": "closed", "minutes": 5, "outcome": "sent"}
    for row_id in (str(2**63), "9" * 300):
        reply = client.open(path.replace("{id}", row_id), method=method, json=body)
        assert reply.status_code == 404, (path, reply.get_json())
        assert reply.get_json()["error"]["message"] == f"没有编号为 {row_id} 的记录"
    in_range = client.open(path.replace("{id}", str(2**63 - 1)), method=method, json=body)
    assert in_range.status_code == 404  # the view's own "no such row"


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/v1/complaints", {"type": "\ud800"}, "type"),
        ("/v1/complaints", {"type": "恶意骚扰", "buyer": "a\udfffb"}, "buyer"),
        ("/v1/reminders", {"at": "2026-11-22T15:00", "title": "\ud800"}, "title"),
        ("/v1/buyer-messages", {"buyer": "\ud800", "text": "不要再打了"}, "buyer"),
        ("/v1/check/message", {"text": "您好", "platform": "\ud800"}, "platform"),
        ("/v1/warnings", {"rule_ids": ["a", "\ud800"]}, "rule_ids"),
        ("/v1/sites/match", {"url": "x", "\ud800": 1}, "\\ud800"),
    ],
)
def test_a_lone_surrogate_in_any_field_is_422(
    client: FlaskClient, path: str, body: dict, field: str
) -> None:
    raw = json.dumps(body, ensure_ascii=True)  # "\ud800" escapes, as JavaScript sends them
    reply = client.post(path, data=raw, content_type="application/json")
    assert reply.status_code == 422, reply.get_json()
    assert reply.get_json()["field"] == field
    assert "代理项" in reply.get_json()["error"]["message"]


@pytest.mark.parametrize(
    "path", ["/v1/warnings/recent", "/v1/contacts/recent", "/v1/orders/recent"]
)
@pytest.mark.parametrize("limit", ["9" * 5000, "１", "²", "-1", "0", ""])
def test_a_limit_must_be_plain_digits_in_range(client: FlaskClient, path: str, limit: str) -> None:
    reply = client.get(path, query_string={"limit": limit})
    assert reply.status_code == 422
    assert reply.get_json()["field"] == "limit"


@pytest.mark.parametrize(
    "day", ["0001-01-01", "9999-12-31", "1999-12-31", "2026-02-30", "2026-1-1"]
)
def test_a_reminder_day_out_of_range_or_malformed_is_422(client: FlaskClient, day: str) -> None:
    reply = client.get("/v1/reminders", query_string={"day": day})
    assert reply.status_code == 422
    assert reply.get_json()["field"] == "day"
    assert client.get("/v1/reminders", query_string={"day": "2026-11-22"}).status_code == 200


def test_a_complaint_id_beyond_the_database_range_is_422(
    client: FlaskClient, services: Services
) -> None:
    at = (services.clock() + timedelta(hours=1)).isoformat()
    body = {"at": at, "title": "回电", "complaint_id": 2**63}
    reply = client.post("/v1/reminders", json=body)
    assert reply.status_code == 422
    assert reply.get_json()["field"] == "complaint_id"


@pytest.mark.parametrize("raw", [b"[" * 100_000, b'{"a":' * 50_000 + b"1" + b"}" * 50_000])
def test_json_nested_too_deep_is_400(client: FlaskClient, raw: bytes) -> None:
    reply = client.post("/v1/check/message", data=raw, content_type="application/json")
    assert reply.status_code == 400
    assert reply.get_json()["error"]["message"] == "请求体的 JSON 嵌套过深"


def test_a_json_null_body_is_not_called_invalid_json(client: FlaskClient) -> None:
    reply = client.post("/v1/check/message", data=b"null", content_type="application/json")
    assert reply.status_code == 400
    assert reply.get_json()["error"]["message"] == "请求体必须是 JSON 对象"
