"""Reminders on a team database reach every agent, exactly once per agent (PostgreSQL only).

Two agents' apps on one team database, each with its own client (both are client 1 of their
own helper's local file): each agent gets every due reminder, one agent's answer does not
silence it for the other, and each agent's desktop notification fires once however many
times (or from however many of its helpers) the scheduler triggers.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from helper.app import create_app
from helper.auth.tokens import issue_token
from helper.reminders import service as reminder_rows
from helper.services import Services
from helper.settings import load_settings
from tests.conftest import HelperTestClient
from tests.support.helper_process import free_port

pytestmark = pytest.mark.postgres

NOW = datetime(2026, 11, 22, 2, 0, tzinfo=UTC)
DUE = NOW + timedelta(minutes=10)


@pytest.fixture
def team_apps(agent_dir: Callable[[str], Path]) -> Iterator[dict[str, tuple[Flask, FlaskClient]]]:
    apps: dict[str, tuple[Flask, FlaskClient]] = {}
    for name in ("小王", "小李"):
        settings = load_settings(agent_dir(name), port=free_port())
        app = create_app(settings, background=False)
        svc: Services = app.extensions["wbg"]
        svc.clock = lambda: NOW
        with svc.local_store.write() as conn:
            client_id, token = issue_token(conn, name="ext", kind="extension", now=NOW)
        assert client_id == 1  # the same local id on both PCs
        app.test_client_class = HelperTestClient
        client = app.test_client()
        client.base_url = f"http://127.0.0.1:{settings.port}"  # type: ignore[attr-defined]
        client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {token}"
        apps[name] = (app, client)
    yield apps
    for app, _ in apps.values():
        app.extensions["wbg"].close()


def _at(apps: dict[str, tuple[Flask, FlaskClient]], moment: datetime) -> None:
    for app, _ in apps.values():
        app.extensions["wbg"].clock = lambda: moment


def _due(client: FlaskClient) -> list[int]:
    reply = client.post("/v1/reminders/due", json={})
    assert reply.status_code == 200
    return [r["id"] for r in reply.get_json()["reminders"]]


def test_every_agent_gets_it_and_answers_for_itself(team_apps) -> None:  # type: ignore[no-untyped-def]
    _, wang = team_apps["小王"]
    _, li = team_apps["小李"]
    created = wang.post("/v1/reminders", json={"at": DUE.isoformat(), "title": "举证截止"})
    assert created.status_code == 200
    reminder_id = created.get_json()["reminder"]["id"]
    _at(team_apps, DUE + timedelta(seconds=5))
    assert _due(wang) == [reminder_id] and _due(li) == [reminder_id]

    acked = wang.post(f"/v1/reminders/{reminder_id}/ack", json={})
    assert acked.status_code == 200
    assert acked.get_json()["reminder"]["acked_by"] == "小王"
    # Long after the redelivery interval: 小王 answered, 小李 has not.
    _at(team_apps, DUE + timedelta(minutes=10))
    assert _due(wang) == []
    assert _due(li) == [reminder_id]
    assert li.post(f"/v1/reminders/{reminder_id}/ack", json={}).status_code == 200
    _at(team_apps, DUE + timedelta(minutes=20))
    assert _due(li) == [] and _due(wang) == []


def test_each_agents_desktop_notification_fires_once(team_apps) -> None:  # type: ignore[no-untyped-def]
    app, _ = team_apps["小王"]
    svc: Services = app.extensions["wbg"]
    with svc.store.write() as conn:
        reminder_id = reminder_rows.create(conn, due_at=DUE, title="t", body="b", now=NOW)
    with svc.store.read() as conn:
        assert [r.id for r in reminder_rows.to_fire(conn, "小王")] == [reminder_id]
    later = DUE + timedelta(seconds=1)
    fired: list[str] = []
    lock = threading.Lock()
    start = threading.Barrier(12)

    def trigger(agent: str) -> None:
        start.wait()
        with svc.store.write() as conn:
            shown = reminder_rows.fire(conn, reminder_id, agent, later, timedelta(minutes=2))
        if shown is not None:
            with lock:
                fired.append(agent)

    # Six triggers per agent at once, as if each agent ran helpers on several PCs.
    threads = [threading.Thread(target=trigger, args=(a,)) for a in ("小王", "小李") * 6]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(fired) == ["小李", "小王"]
    with svc.store.read() as conn:
        assert reminder_rows.to_fire(conn, "小王") == []
        assert reminder_rows.to_fire(conn, "小李") == []
        assert [r.id for r in reminder_rows.to_fire(conn, "小张")] == [reminder_id]
