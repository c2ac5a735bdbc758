"""The tray's model (what the icon shows and does) against a real `helper serve`.

The pystray drawing itself (helper/tray/icon.py) needs a desktop session with a tray; see
docs/daily-use.md for what that leaves untested.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

from helper.paths import resolve_paths
from helper.settings import load_settings
from helper.tray.launch import tray_command
from helper.tray.model import DASHBOARD_URL, PAUSE_MINUTES, TrayModel, TrayState
from tests.support.helper_process import HelperProcess


class Recorder:
    """Collects what the tray would show as notifications and which URLs it would open."""

    def __init__(self, opens: bool = True) -> None:
        self.notes: list[tuple[str, str]] = []
        self.urls: list[str] = []
        self._opens = opens

    def notify(self, title: str, body: str) -> None:
        self.notes.append((title, body))

    def open_url(self, url: str) -> bool:
        self.urls.append(url)
        return self._opens


def _model(data_dir: Path, recorder: Recorder) -> TrayModel:
    return TrayModel(resolve_paths(data_dir), notify=recorder.notify, open_url=recorder.open_url)


def _labels(model: TrayModel) -> dict[str, bool]:
    return {item.label: item.enabled for item in model.menu()}


def test_no_helper_means_stopped_with_only_the_dashboard_offered(tmp_path: Path) -> None:
    recorder = Recorder(opens=False)
    model = _model(tmp_path, recorder)
    assert model.refresh() is TrayState.STOPPED
    assert model.tooltip() == "工作台卫士：助手已停止"
    assert _labels(model) == {
        "打开仪表盘": True,
        "配对浏览器扩展（显示配对码）": False,
        f"暂停消息检查 {PAUSE_MINUTES} 分钟": False,
        "停止助手": False,
    }
    model.pair()
    assert recorder.notes[-1][0] == "助手没有在运行"
    model.open_dashboard()
    assert recorder.urls == [DASHBOARD_URL]
    assert recorder.notes[-1][0] == "无法自动打开仪表盘"  # the browser would not open it


def test_running_helper_pair_pause_and_stop(tmp_path: Path) -> None:
    recorder = Recorder()
    helper = HelperProcess(tmp_path / "d").start()
    try:
        model = _model(helper.data_dir, recorder)
        assert model.refresh() is TrayState.RUNNING
        assert model.tooltip() == "工作台卫士：运行中"
        assert all(_labels(model).values())

        model.pair()
        title, body = recorder.notes[-1]
        code = re.fullmatch(r"配对码 (\d{3}) (\d{3})", title)
        assert code and "北京时间" in body
        paired = helper.api.post(
            "/v1/pair", {"code": code[1] + code[2], "client": "托盘配对"}, token=False
        )
        assert paired.status == 200

        model.pause_checks()
        assert recorder.notes[-1][0] == "消息检查已暂停"
        assert model.paused_until is not None and "暂停至" in model.tooltip()
        assert "恢复消息检查" in _labels(model)
        assert helper.api.post("/v1/check/message", {"text": "你是不是傻逼"}).json["findings"] == []
        model.resume_checks()
        assert model.paused_until is None
        assert helper.api.post("/v1/check/message", {"text": "你是不是傻逼"}).json["findings"]

        model.stop()
        assert recorder.notes[-1][0] == "助手正在停止"
        assert helper.proc is not None and helper.proc.wait(timeout=60) == 0
        assert model.refresh() is TrayState.STOPPED
    finally:
        helper.stop()


def test_a_bad_rule_file_shows_degraded(served: HelperProcess) -> None:
    model = _model(served.data_dir, Recorder())
    assert model.refresh() is TrayState.RUNNING
    folder = served.data_dir / "rules" / "contact"
    folder.mkdir(parents=True)
    (folder / "policy.toml").write_text("typo = 1\n", encoding="utf-8")
    deadline = time.monotonic() + 30
    while model.refresh() is not TrayState.DEGRADED and time.monotonic() < deadline:
        time.sleep(0.5)
    assert model.state is TrayState.DEGRADED
    assert model.tooltip().startswith("工作台卫士：有问题（") and "policy.toml" in model.tooltip()


def test_the_tray_process_gets_the_same_data_dir(tmp_path: Path) -> None:
    explicit = load_settings(tmp_path)
    assert tray_command(explicit)[-2:] == ["--data-dir", str(tmp_path.resolve())]
    assert tray_command(explicit)[1:4] == ["-m", "helper", "tray"]


def test_a_serving_helper_never_imports_the_tray_libraries(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from helper.settings import load_settings\n"
        "from helper.app import create_app\n"
        "import helper.server, helper.background\n"
        f"app = create_app(load_settings({str(tmp_path)!r}), background=False)\n"
        "print(sorted(m for m in ('pystray', 'PIL', 'Xlib') if m in sys.modules))\n"
    )
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert found.returncode == 0, found.stderr
    assert found.stdout.strip() == "[]"
