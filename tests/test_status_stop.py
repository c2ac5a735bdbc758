"""`helper status`, `helper stop`, the admin API behind them and `helper pair`'s honesty,
against a real `helper serve`."""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from helper.cli.pair import NOT_RUNNING
from helper.paths import resolve_paths
from helper.runstate import RUN_FILE, read_run_info
from tests.support.api import HttpApi
from tests.support.helper_process import HELPER, HelperProcess, run_cli

WEB_ORIGIN = "https://evil.example"


def test_status_without_a_helper_says_so_and_exits_1(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "status", check=False)
    assert result.returncode == 1
    assert result.stdout.strip() == f"助手没有在运行（数据目录 {tmp_path.resolve()}）"
    as_json = run_cli(tmp_path, "status", "--json", check=False)
    assert as_json.returncode == 1 and json.loads(as_json.stdout) == {"running": False}


def test_stop_without_a_helper_exits_1(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "stop", check=False)
    assert result.returncode == 1
    assert "助手没有在运行" in result.stdout


def test_status_describes_the_running_helper(served: HelperProcess) -> None:
    assert served.proc is not None
    result = run_cli(served.data_dir, "status")
    assert "工作台卫士助手正在运行" in result.stdout
    assert f"进程：{served.proc.pid}" in result.stdout
    assert f"http://127.0.0.1:{served.port}" in result.stdout
    assert "数据库：sqlite，正常" in result.stdout and "规则：正常" in result.stdout
    assert "北京时间启动" in result.stdout
    status = json.loads(run_cli(served.data_dir, "status", "--json").stdout)
    assert status["running"] is True
    assert status["pid"] == served.proc.pid and status["port"] == served.port
    assert status["store"] == {"dialect": "sqlite", "ok": True}
    assert status["rules"] == {"status": "ok", "problems": []}
    assert status["uptime_seconds"] >= 0 and status["checks_paused_until"] is None


def test_the_run_file_is_owner_only_and_holds_a_control_token(served: HelperProcess) -> None:
    path = served.data_dir / RUN_FILE
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    info = read_run_info(resolve_paths(served.data_dir))
    assert info is not None and info.port == served.port and len(info.control_token) >= 40


def test_admin_requests_need_the_control_token_and_no_web_origin(served: HelperProcess) -> None:
    info = read_run_info(resolve_paths(served.data_dir))
    assert info is not None
    api = HttpApi(served.base_url, info.control_token)
    assert api.get("/v1/admin/status").status == 200
    # A client token (pairing, `helper token create`) is not the control token.
    assert served.api.get("/v1/admin/status").status == 401
    assert api.post("/v1/admin/stop", {}, token="wrong").status == 401
    assert api.post("/v1/admin/stop", {}, headers={"Origin": WEB_ORIGIN}).status == 403
    assert api.post("/v1/admin/stop", {}, headers={"Host": "evil.example"}).status == 421
    assert api.get("/v1/health").status == 200  # still running after all that


def test_pause_is_honoured_by_checks_and_reported_in_health(served: HelperProcess) -> None:
    info = read_run_info(resolve_paths(served.data_dir))
    assert info is not None
    admin = HttpApi(served.base_url, info.control_token)
    draft = {"text": "你是不是傻逼"}
    assert served.api.post("/v1/check/message", draft).json["findings"]
    paused = admin.post("/v1/admin/pause", {"minutes": 15}).json["checks_paused_until"]
    assert paused is not None
    reply = served.api.post("/v1/check/message", draft).json
    assert reply["verdict"] == "ok" and reply["findings"] == []
    assert reply["checks_paused_until"] == paused
    assert served.api.get("/v1/health", token=False).json["checks_paused_until"] == paused
    assert "消息检查：已暂停" in run_cli(served.data_dir, "status").stdout
    assert admin.post("/v1/admin/pause", {"minutes": 0}).json["checks_paused_until"] is None
    assert served.api.post("/v1/check/message", draft).json["findings"]
    assert admin.post("/v1/admin/pause", {"minutes": -1}).status == 422


def test_stop_ends_the_helper_cleanly(tmp_path: Path) -> None:
    helper = HelperProcess(tmp_path / "d").start()
    assert helper.proc is not None
    result = run_cli(helper.data_dir, "stop", timeout=60)
    assert "助手已停止" in result.stdout
    assert helper.proc.wait(timeout=30) == 0
    helper.stop()
    assert "已停止 stopped" in helper.output and "Traceback" not in helper.output
    assert not (helper.data_dir / RUN_FILE).exists()
    assert run_cli(helper.data_dir, "status", check=False).returncode == 1
    # The lock is released: a new helper starts on the same data directory.
    with HelperProcess(helper.data_dir) as again:
        assert again.api.get("/v1/health").status == 200


def _pair_process(data_dir: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "HELPER_DATA_DIR": str(data_dir), "PYTHONIOENCODING": "utf-8"}
    env["PYTHONUNBUFFERED"] = "1"
    return subprocess.Popen(
        [*HELPER, "pair"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
        env=env,
    )


def _lines_until(proc: subprocess.Popen[str], pattern: str) -> list[str]:
    """Output lines up to and including the first that matches (the read has no deadline of
    its own; pytest's process ends with the test's `finally`)."""
    assert proc.stdout is not None
    lines: list[str] = []
    for line in proc.stdout:
        lines.append(line.rstrip("\n"))
        if re.search(pattern, line):
            return lines
    raise AssertionError("output ended before " + pattern + ":\n" + "\n".join(lines))


def test_pair_without_a_helper_says_so_before_the_code(tmp_path: Path) -> None:
    proc = _pair_process(tmp_path)
    try:
        lines = _lines_until(proc, r"^\s+\d{3} \d{3}$")
    finally:
        proc.kill()
        proc.wait(timeout=30)
    assert lines[0] == NOT_RUNNING
    assert re.match(r"^\s+\d{3} \d{3}$", lines[-1])


def test_pair_shows_when_a_browser_pairs(served: HelperProcess) -> None:
    proc = _pair_process(served.data_dir)
    try:
        lines = _lines_until(proc, r"^\s+\d{3} \d{3}$")
        code = lines[-1].replace(" ", "")
        assert NOT_RUNNING not in lines
        expiry = _lines_until(proc, "有效期至")[-1]
        assert re.fullmatch(r"有效期至 \d{4}-\d\d-\d\d \d\d:\d\d（北京时间，5 分钟）。", expiry)
        paired = served.api.post("/v1/pair", {"code": code, "client": "Edge 扩展"}, token=False)
        assert paired.status == 200
        done = _lines_until(proc, "配对成功")[-1]
        assert re.fullmatch(r"配对成功：Edge 扩展（\d{4}-\d\d-\d\d \d\d:\d\d 北京时间）", done)
        assert proc.wait(timeout=60) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=30)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_stale_run_file_after_a_crash_is_not_a_running_helper(tmp_path: Path) -> None:
    helper = HelperProcess(tmp_path / "d").start()
    helper.kill()
    assert (helper.data_dir / RUN_FILE).exists()  # SIGKILL left it behind
    result = run_cli(helper.data_dir, "status", check=False)
    assert result.returncode == 1 and "助手没有在运行" in result.stdout
