"""Database faults made for real under a real ``helper serve``: a lock held by a second
sqlite3 connection, corrupt bytes after a checkpoint, the file deleted (running and stopped),
an immutable file (``chattr +i``: root cannot write it either), a full tmpfs, and a data
directory on a read-only file system.

Each test asserts the status codes (503 with a Chinese message, never 500), /v1/health, that
message checks keep answering, recovery without a restart where the fault passes, and that
nothing is lost beyond the age of the backup. No assertion is about elapsed time: waits poll
for a state (tests.support.faults.wait_for).
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.conftest import require_or_skip
from tests.support import faults
from tests.support.api import Reply
from tests.support.faults import wait_for
from tests.support.helper_process import HelperProcess, free_port, run_cli

CONFIG = """
[store]
busy_timeout_ms = {busy}

[reminders]
desktop = false
"""
PHONE = "13812345678"
SAFE_TEXT = "您好，请问还有什么可以帮您？"


def serve(data_dir: Path, busy_ms: int = 300) -> HelperProcess:
    (data_dir / "config.toml").write_text(CONFIG.format(busy=busy_ms), encoding="utf-8")
    return HelperProcess(data_dir).start()


@pytest.fixture
def helper(data_dir: Path) -> Iterator[HelperProcess]:
    process = serve(data_dir)
    try:
        yield process
    finally:
        if process.proc is not None and process.proc.poll() is None:
            process.stop()


def restart(helper: HelperProcess) -> None:
    helper.port = free_port()
    helper.start()


def db_of(helper: HelperProcess) -> Path:
    return helper.data_dir / "helper.db"


def remember(helper: HelperProcess, title: str) -> Reply:
    at = (datetime.now(UTC) + timedelta(hours=2)).isoformat()
    return helper.api.post("/v1/reminders", {"at": at, "title": title})


def stored_titles(db: Path) -> set[str]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30) as conn:
        return {row[0] for row in conn.execute("SELECT title FROM reminders")}


def health(helper: HelperProcess) -> dict:
    reply = helper.api.get("/v1/health", token=False)
    assert reply.status == 200, reply.body
    return reply.json


def check_answers(helper: HelperProcess) -> None:
    reply = helper.api.post("/v1/check/message", {"text": SAFE_TEXT})
    assert reply.status == 200, reply.body
    assert reply.json["verdict"] == "ok"


def assert_unavailable(reply: Reply, *words: str) -> None:
    assert reply.status == 503, (reply.status, reply.body)
    error = reply.json["error"]
    assert error["code"] == "store_unavailable"
    assert error["request_id"] == reply.headers["X-Request-Id"]
    assert any(word in error["message"] for word in words), error["message"]


def healthy(helper: HelperProcess) -> bool:
    body = health(helper)
    return body["status"] == "ok" and body["store"] == "ok"


# --- locks ---------------------------------------------------------------------------------


def test_a_lock_held_by_another_program(helper: HelperProcess) -> None:
    assert remember(helper, "锁之前").status == 200
    with faults.lock_held(db_of(helper)):
        for _ in range(3):
            check_answers(helper)
        assert_unavailable(remember(helper, "锁住时"), "锁定")
        body = health(helper)
        assert body["status"] == "degraded" and body["store"] == "locked"
        assert any("锁定" in problem for problem in body["problems"])
        assert helper.api.get("/v1/reminders?day=today").status == 200  # WAL: reads go on
    wait_for(lambda: healthy(helper), "health ok again after the lock is released")
    assert remember(helper, "锁之后").status == 200
    assert {"锁之前", "锁之后"} <= stored_titles(db_of(helper))
    assert "锁住时" not in stored_titles(db_of(helper))


def test_writers_waiting_for_a_lock_leave_threads_for_checks(data_dir: Path) -> None:
    # Writers wait up to 30 s for the lock here: if they could take every server thread, the
    # checks below would hang until the client's own timeout and fail.
    helper = serve(data_dir, busy_ms=30_000)
    try:
        check_answers(helper)
        statuses: list[int] = []
        with faults.lock_held(db_of(helper)):
            writers = [
                threading.Thread(
                    target=lambda i=i: statuses.append(remember(helper, f"等锁 {i}").status)
                )
                for i in range(16)
            ]
            for writer in writers:
                writer.start()
            # Those over the limit are refused at once with 503 "busy".
            wait_for(lambda: len(statuses) >= 8, "writers beyond the limit refused")
            for _ in range(10):
                check_answers(helper)
                assert health(helper)["version"]
        for writer in writers:
            writer.join(timeout=60)
        assert sorted(set(statuses)) == [200, 503], statuses
        assert statuses.count(200) == 8, statuses
    finally:
        helper.stop()


# --- corruption ----------------------------------------------------------------------------


def test_corruption_gives_503_then_restore_keeps_keys_and_tokens(helper: HelperProcess) -> None:
    attempt = {"buyer": PHONE, "channel": "call", "outcome": "unanswered"}
    assert helper.api.post("/v1/contacts/attempts", attempt).status == 200
    assert remember(helper, "备份之前").status == 200
    run_cli(helper.data_dir, "db", "backup")
    assert remember(helper, "备份之后").status == 200

    faults.corrupt(db_of(helper))
    data_routes = [
        ("GET", "/v1/reminders?day=today", None),
        ("POST", "/v1/contacts/history", {"buyer": PHONE}),
        ("GET", "/v1/complaints?status=open", None),
    ]

    def corrupt_seen() -> bool:
        for method, path, body in data_routes:
            reply = helper.api.request(method, path, json_body=body)
            assert reply.status in (200, 503), (path, reply.status, reply.body)
        return health(helper)["store"] == "corrupt"

    wait_for(corrupt_seen, "a request to meet the corrupt pages")
    for method, path, body in data_routes:
        assert_unavailable(helper.api.request(method, path, json_body=body), "损坏")
    assert_unavailable(remember(helper, "损坏时"), "损坏")
    check_answers(helper)
    body = health(helper)
    assert body["status"] == "degraded"
    assert any("helper db restore" in problem for problem in body["problems"])
    busy = run_cli(helper.data_dir, "db", "restore", check=False)
    assert busy.returncode == 1 and "请先停止" in busy.stderr  # not under a running helper

    helper.stop()
    refused = run_cli(helper.data_dir, "serve", "--port", str(free_port()), check=False)
    assert refused.returncode == 1
    lines = refused.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("错误："), refused.stderr
    assert str(db_of(helper)) in lines[0] and "helper db restore" in lines[0]
    assert "Traceback" not in refused.stdout + refused.stderr
    assert run_cli(helper.data_dir, "db", "check", check=False).returncode == 1

    restored = run_cli(helper.data_dir, "db", "restore")
    assert "可能缺失" in restored.stdout
    assert run_cli(helper.data_dir, "db", "check").returncode == 0
    restart(helper)
    # The same token (its hash was in the backup) and the same buyer key (secret.key kept).
    history = helper.api.post("/v1/contacts/history", {"buyer": PHONE})
    assert history.status == 200 and len(history.json["attempts"]) == 1
    titles = stored_titles(db_of(helper))
    assert "备份之前" in titles and "备份之后" not in titles  # lost: younger than the backup
    assert healthy(helper)


# --- deletion ------------------------------------------------------------------------------


def test_deleted_while_running_is_rebuilt_with_nothing_lost(helper: HelperProcess) -> None:
    assert remember(helper, "删除之前").status == 200
    before = os.stat(db_of(helper)).st_ino
    for path in faults.db_files(db_of(helper)):
        path.unlink(missing_ok=True)
    wait_for(lambda: db_of(helper).exists(), "the watcher to rebuild the file")
    wait_for(lambda: healthy(helper), "health ok after the rebuild")
    assert os.stat(db_of(helper)).st_ino != before
    assert db_of(helper).stat().st_mode & 0o077 == 0  # owner-only, like secret.key
    check_answers(helper)
    assert remember(helper, "删除之后").status == 200
    helper.stop()
    assert {"删除之前", "删除之后"} <= stored_titles(db_of(helper))
    restart(helper)
    assert helper.api.get("/v1/reminders?day=today").status == 200  # the token still works


def test_deleted_while_stopped_comes_back_from_the_newest_backup(helper: HelperProcess) -> None:
    assert remember(helper, "备份里有").status == 200
    run_cli(helper.data_dir, "db", "backup")
    assert remember(helper, "备份后才写").status == 200
    helper.stop()
    for path in faults.db_files(db_of(helper)):
        path.unlink(missing_ok=True)
    restart(helper)
    assert "可能缺失" in helper.output
    body = health(helper)
    assert any("可能缺失" in problem for problem in body["problems"])
    assert body["backups"]["count"] >= 1
    titles = stored_titles(db_of(helper))
    assert "备份里有" in titles and "备份后才写" not in titles
    assert helper.api.get("/v1/reminders?day=today").status == 200  # not 401: token restored


# --- read-only -----------------------------------------------------------------------------


@pytest.fixture
def chattr() -> None:
    reason = faults.chattr_unavailable()
    if reason:
        require_or_skip("WBG_REQUIRE_FAULTS", reason)


@pytest.mark.usefixtures("chattr")
def test_read_only_while_running_recovers_by_itself(helper: HelperProcess) -> None:
    assert remember(helper, "只读之前").status == 200
    with faults.immutable(faults.read_only_files(db_of(helper))):
        assert_unavailable(remember(helper, "只读时"), "只读", "磁盘读写出错")
        assert health(helper)["status"] == "degraded"
        check_answers(helper)
        assert helper.api.get("/v1/reminders?day=today").status == 200
    wait_for(lambda: healthy(helper), "health ok once the file is writable")
    assert remember(helper, "只读之后").status == 200
    assert {"只读之前", "只读之后"} <= stored_titles(db_of(helper))


@pytest.mark.usefixtures("chattr")
def test_read_only_at_start_recovers_without_restart(helper: HelperProcess) -> None:
    assert remember(helper, "启动之前").status == 200
    helper.stop()
    db = db_of(helper)
    holder = sqlite3.connect(db, isolation_level=None)  # makes the -wal and -shm exist
    holder.execute("PRAGMA journal_mode=WAL").fetchall()
    files = faults.read_only_files(db)
    faults.set_immutable(files, True)
    try:
        holder.close()
        restart(helper)
        wait_for(lambda: health(helper)["store"] == "readonly", "health to show read-only")
        assert_unavailable(remember(helper, "只读时"), "只读")
        check_answers(helper)
    finally:
        faults.set_immutable(files, False)
    wait_for(lambda: healthy(helper), "health ok once the file is writable")
    assert remember(helper, "恢复之后").status == 200
    assert {"启动之前", "恢复之后"} <= stored_titles(db)


# --- full disk and read-only file system ------------------------------------------------------


@pytest.fixture
def mountable() -> None:
    reason = faults.mount_unavailable()
    if reason:
        require_or_skip("WBG_REQUIRE_FAULTS", reason)


@pytest.mark.usefixtures("mountable")
def test_a_full_disk_gives_503_and_recovers_when_space_is_freed() -> None:
    with faults.tmpfs("24m") as mount:
        data_dir = mount / "data"
        data_dir.mkdir()
        helper = serve(data_dir)
        try:
            wait_for(lambda: health(helper)["backups"]["count"] == 1, "the start-up backup")
            saved = []
            filler = faults.fill(mount)
            body = "很长的备注" * 300
            for index in range(500):
                reply = helper.api.post(
                    "/v1/reminders",
                    {
                        "at": (datetime.now(UTC) + timedelta(hours=2)).isoformat(),
                        "title": f"满盘 {index}",
                        "body": body,
                    },
                )
                assert reply.status in (200, 503), reply.body
                if reply.status == 503:
                    assert_unavailable(reply, "磁盘空间已满", "磁盘读写出错")
                    break
                saved.append(f"满盘 {index}")
            else:
                pytest.fail("the disk never filled up")
            assert health(helper)["status"] == "degraded"
            check_answers(helper)
            filler.unlink()
            wait_for(lambda: healthy(helper), "health ok once space is freed")
            assert remember(helper, "腾出空间后").status == 200
            helper.stop()
            assert {*saved, "腾出空间后"} <= stored_titles(data_dir / "helper.db")
        finally:
            if helper.proc is not None and helper.proc.poll() is None:
                helper.stop()


@pytest.mark.usefixtures("mountable")
def test_a_data_directory_on_a_read_only_file_system_is_one_line() -> None:
    with faults.tmpfs("8m") as mount:
        used = mount / "used"
        used.mkdir()
        run_cli(used, "token", "create", "--name", "before")
        faults.remount_read_only(mount)
        for data_dir in (used, mount / "missing"):
            result = run_cli(data_dir, "serve", "--port", str(free_port()), check=False)
            assert result.returncode == 1, result.stdout
            lines = result.stderr.strip().splitlines()
            assert len(lines) == 1 and lines[0].startswith("错误："), result.stderr
            assert "Traceback" not in result.stderr + result.stdout
