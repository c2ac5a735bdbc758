"""PostgreSQL goes away under a running helper, and comes back (PostgreSQL only).

The test stops the server of a cluster of its own (never a shared WBG_TEST_PG_URL server):
message checks still answer, everything that needs the database answers 503 with a Chinese
message, nothing half-recorded appears, and once the server is back the same helper process
serves again without a restart.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import require_or_skip
from tests.support.api import HttpApi, Reply
from tests.support.helper_process import HelperProcess
from tests.support.postgres import TestCluster, fresh_database, start_cluster

pytestmark = pytest.mark.postgres

AT = "2026-03-02T11:00:00+08:00"
RECOVERY_WAIT_S = 90.0  # a bound on the polling loop, not a speed assertion


@pytest.fixture(scope="module")
def own_cluster() -> Iterator[TestCluster]:
    cluster, reason = start_cluster(own=True)
    if cluster is None:
        require_or_skip("WBG_REQUIRE_POSTGRES", reason)
    yield cluster
    cluster.stop()


@pytest.fixture
def outage_helper(tmp_path: Path, own_cluster: TestCluster) -> Iterator[HelperProcess]:
    data_dir = tmp_path / "agent"
    data_dir.mkdir()
    with fresh_database(own_cluster) as url:
        TestCluster.join(data_dir, url)
        with HelperProcess(data_dir) as helper:
            yield helper


def attempt(api: HttpApi, buyer: str) -> Reply:
    body = {"buyer": buyer, "channel": "sms", "outcome": "sent", "at": AT, "reserve": True}
    return api.post("/v1/contacts/attempts", body, timeout=30)


def wait_for(check: Callable[[], bool]) -> bool:
    deadline = time.monotonic() + RECOVERY_WAIT_S
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.5)
    return False


def test_an_outage_answers_503_keeps_checking_messages_and_recovers(
    outage_helper: HelperProcess, own_cluster: TestCluster
) -> None:
    api = outage_helper.api
    before = attempt(api, "tb_before")
    assert before.status == 200  # acknowledged: must survive the outage

    own_cluster.pause()
    try:
        checked = api.post("/v1/check/message", {"text": "你再投诉我就去你家找你"})
        assert checked.status == 200 and checked.json["verdict"] == "block"
        refused = attempt(api, "tb_during")
        assert refused.status == 503
        error = refused.json["error"]
        assert error["code"] == "store_unavailable"
        assert "团队数据库暂时无法连接" in error["message"] and "自动重连" in error["message"]
        dry_run = api.post("/v1/contacts/check", {"buyer": "tb_during", "channel": "sms"})
        assert dry_run.status == 503
        assert api.get("/v1/complaints").status == 503
        assert api.get("/v1/team/today").status == 503
        health = api.get("/v1/health", token=False)
        assert health.status == 200 and health.json["status"] == "degraded"
        assert any("团队数据库" in problem for problem in health.json["problems"])
    finally:
        own_cluster.resume()

    assert wait_for(lambda: api.get("/v1/complaints").status == 200)
    after = attempt(api, "tb_after")
    assert after.status == 200
    # The store watcher's probe write clears the fault within a tick or two.
    assert wait_for(lambda: api.get("/v1/health", token=False).json["status"] == "ok")
    kept = api.post("/v1/contacts/history", {"buyer": "tb_before"}).json["attempts"]
    assert [a["id"] for a in kept] == [before.json["attempt"]["id"]]
    assert api.post("/v1/contacts/history", {"buyer": "tb_during"}).json["attempts"] == []
    assert outage_helper.proc is not None and outage_helper.proc.poll() is None
