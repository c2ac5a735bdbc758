"""1,000 mixed requests to a real ``helper serve`` while database faults come and go: a lock
held by another connection, an immutable file (where ``chattr`` works) and the file deleted.

Asserts: no 500 (every answer is 200, or a 503 with a Chinese message); message checks and
/v1/health always answer 200; no acknowledged write is lost; every reminder is delivered, and
none is handed out again after the client acknowledged it (so the client shows it once).
"""

from __future__ import annotations

import itertools
import sqlite3
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tests.support import faults
from tests.support.faults import wait_for
from tests.support.helper_process import HelperProcess

CONFIG = """
[store]
busy_timeout_ms = 200

[reminders]
redeliver_seconds = 1
desktop = false
"""
REQUESTS = 1000


class FaultCycle:
    """Brings faults on and off in turn, in a thread, until stopped."""

    def __init__(self, db: Path) -> None:
        self.db = db
        self.kinds = ["lock", "delete"] + ([] if faults.chattr_unavailable() else ["readonly"])
        self.made: list[str] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> FaultCycle:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=60)

    def _run(self) -> None:
        for kind in itertools.cycle(self.kinds):
            if self._stop.wait(0.3):
                return
            self.made.append(kind)
            if kind == "lock":
                with faults.lock_held(self.db):
                    self._stop.wait(0.4)
            elif kind == "readonly":
                with faults.immutable(faults.read_only_files(self.db)):
                    self._stop.wait(0.4)
            else:
                for path in faults.db_files(self.db):
                    path.unlink(missing_ok=True)
                deadline = time.monotonic() + 30
                while not self.db.exists() and time.monotonic() < deadline:
                    time.sleep(0.05)


def test_a_thousand_requests_while_faults_come_and_go(data_dir: Path) -> None:
    (data_dir / "config.toml").write_text(CONFIG, encoding="utf-8")
    db = data_dir / "helper.db"
    created: set[int] = set()
    attempts: set[int] = set()
    acked: set[int] = set()
    shown: list[int] = []  # what a client showing each reminder once would show
    after_ack: list[int] = []
    statuses: dict[int, int] = {}
    with HelperProcess(data_dir) as helper:
        api = helper.api

        def answered(reply) -> bool:  # type: ignore[no-untyped-def]
            statuses[reply.status] = statuses.get(reply.status, 0) + 1
            assert reply.status in (200, 503), (reply.status, reply.body)
            if reply.status == 503:
                assert reply.json["error"]["code"] == "store_unavailable"
                assert reply.json["error"]["message"]
            return reply.status == 200

        def take_due() -> None:
            reply = api.post("/v1/reminders/due", {})
            if not answered(reply):
                return
            for reminder in reply.json["reminders"]:
                if reminder["id"] in acked:
                    after_ack.append(reminder["id"])
                if reminder["id"] not in shown:
                    shown.append(reminder["id"])
                if answered(api.post(f"/v1/reminders/{reminder['id']}/ack", {})):
                    acked.add(reminder["id"])

        with FaultCycle(db) as cycle:
            for index in range(REQUESTS):
                kind = index % 6
                if kind == 0:
                    reply = api.post("/v1/check/message", {"text": "您好，马上为您处理"})
                    assert reply.status == 200, reply.body
                elif kind == 1:
                    assert api.get("/v1/health", token=False).status == 200
                elif kind == 2:
                    at = (datetime.now(UTC) - timedelta(seconds=1)).isoformat()
                    reply = api.post("/v1/reminders", {"at": at, "title": f"提醒 {index}"})
                    if answered(reply):
                        created.add(reply.json["reminder"]["id"])
                elif kind == 3:
                    take_due()
                elif kind == 4:
                    answered(api.get("/v1/reminders?day=today"))
                else:
                    attempt = {"buyer": f"tb_buyer_{index}", "channel": "sms", "outcome": "sent"}
                    reply = api.post("/v1/contacts/attempts", attempt)
                    if answered(reply):
                        attempts.add(reply.json["attempt"]["id"])
        assert set(cycle.made) == set(cycle.kinds), cycle.made
        assert statuses.get(503), "the faults never reached a request"

        def all_delivered() -> bool:
            take_due()
            return created <= acked

        wait_for(all_delivered, "every created reminder delivered and acknowledged")
        assert after_ack == [], "handed out again after the client acknowledged it"
        assert sorted(shown) == sorted(set(shown)) and set(shown) == acked
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        stored = {row[0] for row in conn.execute("SELECT id FROM reminders")}
        stored_attempts = {row[0] for row in conn.execute("SELECT id FROM contact_attempts")}
        states = dict(conn.execute("SELECT id, state FROM reminders").fetchall())
    assert created <= stored, created - stored
    assert attempts <= stored_attempts, attempts - stored_attempts
    assert {states[i] for i in created} == {"acked"}
