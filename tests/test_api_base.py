"""API conventions that hold for every route: OpenAPI in step, request ids, JSON errors."""

from __future__ import annotations

import sqlite3

from flask import Flask
from flask.testing import FlaskClient

from helper.api.spec import operation_of
from helper.settings import Settings, load_settings
from tests.support.helper_process import free_port


def test_every_v1_route_is_in_the_openapi_document(app: Flask, client: FlaskClient) -> None:
    document = client.get("/v1/openapi.json").get_json()
    assert document["openapi"].startswith("3.")
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/v1/"):
            continue
        assert operation_of(app.view_functions[rule.endpoint]) is not None, rule.rule
        path = rule.rule.replace("<int:", "<").replace("<", "{").replace(">", "}")
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


def test_locked_database_answers_503_not_500(data_dir, tmp_path) -> None:  # type: ignore[no-untyped-def]
    (data_dir / "config.toml").write_text("[store]\nbusy_timeout_ms = 100\n", encoding="utf-8")
    settings: Settings = load_settings(data_dir, port=free_port())
    from helper.app import create_app

    app = create_app(settings, background=False)
    try:
        from helper.auth.tokens import issue_token

        svc = app.extensions["wbg"]
        with svc.store.write() as conn:
            _, token = issue_token(conn, name="t", kind="script", now=svc.clock())
        blocker = sqlite3.connect(settings.paths.sqlite_file, timeout=0)
        blocker.execute("BEGIN EXCLUSIVE")
        try:
            test_client = app.test_client()
            reply = test_client.post(
                "/v1/pair",
                json={"code": "123456", "client": "x"},
                base_url=f"http://127.0.0.1:{settings.port}",
                headers={"Authorization": f"Bearer {token}"},
            )
        finally:
            blocker.rollback()
            blocker.close()
        assert reply.status_code == 503
        assert reply.get_json()["error"]["code"] == "store_unavailable"
        assert "锁定" in reply.get_json()["error"]["message"]
    finally:
        app.extensions["wbg"].close()
