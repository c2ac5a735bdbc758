"""`helper autostart`: the Linux entry for real under a temporary XDG_CONFIG_HOME and HOME
(it even starts a helper), the Windows and macOS writers on the files they would write."""

from __future__ import annotations

import ast
import os
import plistlib
import subprocess
import sys
import time
from pathlib import Path

import pytest

from helper.autostart import LaunchCommand, installing_python
from helper.autostart.linux import (
    DESKTOP_EXEC,
    SYSTEMD_EXEC,
    ExecSyntax,
    SystemdUserWriter,
    XdgAutostartWriter,
    parse_exec,
    quote_exec,
)
from helper.autostart.macos import LaunchAgentWriter
from helper.autostart.windows import CREATE_NO_WINDOW, StartupFolderWriter
from tests.support.helper_process import free_port, run_cli

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX paths in these tests")


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """A temporary HOME and XDG_CONFIG_HOME, for this process and the commands it runs."""
    env = {"HOME": str(tmp_path / "home"), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return env


def _autostart(data_dir: Path, env: dict[str, str], *args: str):  # type: ignore[no-untyped-def]
    return run_cli(data_dir, "autostart", *args, env=env, check=False)


def test_linux_entry_starts_the_helper_with_this_python_and_data_dir(
    tmp_path: Path, home: dict[str, str]
) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    port = free_port()
    (data_dir / "config.toml").write_text(f"[server]\nport = {port}\n", encoding="utf-8")
    assert _autostart(data_dir, home, "status").returncode == 1

    on = _autostart(data_dir, home, "on", "--method", "xdg")
    assert on.returncode == 0, on.stderr
    entry = Path(home["XDG_CONFIG_HOME"]) / "autostart" / "workbench-guard.desktop"
    assert f"文件：{entry}" in on.stdout
    text = entry.read_text(encoding="utf-8")
    assert "[Desktop Entry]" in text and "Type=Application" in text
    exec_line = next(line for line in text.splitlines() if line.startswith("Exec="))
    argv = parse_exec(exec_line.removeprefix("Exec="), DESKTOP_EXEC)
    assert argv == [
        sys.executable,
        "-m",
        "helper",
        "serve",
        "--background",
        "--data-dir",
        str(data_dir),
    ]

    status = _autostart(data_dir, home, "status")
    assert status.returncode == 0
    assert f"文件：{entry}" in status.stdout and f"数据目录：{data_dir}" in status.stdout

    # The entry really starts a background helper: no terminal output, state in the log.
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("HELPER_DATA_DIR", None)
    started = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        for _ in range(300):
            if run_cli(data_dir, "status", check=False).returncode == 0:
                break
            time.sleep(0.2)
        assert f"http://127.0.0.1:{port}" in run_cli(data_dir, "status").stdout
        run_cli(data_dir, "stop", timeout=60)
        out, err = started.communicate(timeout=60)
    finally:
        if started.poll() is None:
            started.kill()
            started.wait()
    assert started.returncode == 0
    assert out == b"" and err == b""
    log = (data_dir / "logs" / "helper.log").read_text(encoding="utf-8")
    assert "ready" in log and "background start notification" in log and "stopped" in log

    off = _autostart(data_dir, home, "off")
    assert off.returncode == 0 and f"已删除：{entry}" in off.stdout
    assert not entry.exists()
    assert _autostart(data_dir, home, "status").returncode == 1
    assert "本来就没有开启" in _autostart(data_dir, home, "off").stdout


def test_default_data_dir_is_not_written_into_the_entry(
    tmp_path: Path, home: dict[str, str]
) -> None:
    env = {**home, "HELPER_DATA_DIR": ""}
    on = run_cli(tmp_path, "autostart", "on", "--method", "xdg", env=env)
    assert "--data-dir" not in on.stdout
    assert "数据目录：默认位置" in run_cli(tmp_path, "autostart", "status", env=env).stdout


def test_systemd_user_unit_is_enabled_and_removed(tmp_path: Path, home: dict[str, str]) -> None:
    data_dir = tmp_path / "data"
    assert _autostart(data_dir, home, "on", "--method", "xdg").returncode == 0
    assert _autostart(data_dir, home, "on", "--method", "systemd").returncode == 0
    writer = SystemdUserWriter()
    unit, link = writer.unit_path(), writer.wants_link()
    assert unit == Path(home["XDG_CONFIG_HOME"]) / "systemd/user/workbench-guard.service"
    assert link.is_symlink() and link.resolve() == unit.resolve()
    assert not XdgAutostartWriter().path().exists()  # switching mechanism leaves one entry
    text = unit.read_text(encoding="utf-8")
    assert "WantedBy=default.target" in text and "Restart=on-failure" in text
    installed = writer.read()
    assert installed is not None and installed.argv[:2] == (sys.executable, "-m")
    assert installed.argv[-2:] == ("--data-dir", str(data_dir))
    assert "systemd 用户服务" in _autostart(data_dir, home, "status").stdout
    assert _autostart(data_dir, home, "off").returncode == 0
    assert not unit.exists() and not link.is_symlink()


@pytest.mark.parametrize("syntax", [DESKTOP_EXEC, SYSTEMD_EXEC], ids=["desktop", "systemd"])
def test_exec_lines_keep_awkward_arguments(syntax: ExecSyntax) -> None:
    argv = ["/opt/my env/python", "-m", "helper", "--data-dir", 'D:\\数据 "x" $HOME 100% `y`']
    line = quote_exec(argv, syntax)
    assert "100%% " in line
    assert ("\\$HOME" if syntax is DESKTOP_EXEC else "$$HOME") in line
    assert parse_exec(line, syntax) == argv


def test_windows_writer_starts_pythonw_from_the_startup_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    appdata = tmp_path / "AppData" / "Roaming"
    monkeypatch.setenv("APPDATA", str(appdata))
    python = installing_python(r"C:\Users\agent\wbg\.venv\Scripts\python.exe", "win32")
    assert python.endswith("pythonw.exe")  # no console window
    command = LaunchCommand(python, Path(r"C:\Users\agent\wbg-data"))
    writer = StartupFolderWriter()
    files = writer.files(command)
    startup = appdata / "Microsoft" / "Windows" / "Start Menu" / "Programs" / "Startup"
    assert list(files) == [startup / "WorkbenchGuard.pyw"]
    script = files[startup / "WorkbenchGuard.pyw"]
    tree = ast.parse(script)  # valid Python for whichever interpreter opens the .pyw
    calls = [node for node in ast.walk(tree) if isinstance(node, ast.Call)]
    flags = next(k.value for c in calls for k in c.keywords if k.arg == "creationflags")
    assert isinstance(flags, ast.Constant) and flags.value & CREATE_NO_WINDOW
    writer.install(command)
    installed = writer.read()
    assert installed is not None and list(installed.argv) == command.argv()
    assert installed.argv[0] == python and installed.argv[-1] == r"C:\Users\agent\wbg-data"
    assert writer.remove() == [startup / "WorkbenchGuard.pyw"]
    assert writer.read() is None and writer.remove() == []


def test_macos_writer_makes_a_launch_agent(home: dict[str, str]) -> None:
    command = LaunchCommand("/Users/agent/wbg/.venv/bin/python", None)
    writer = LaunchAgentWriter()
    files = writer.files(command)
    path = Path(home["HOME"]) / "Library" / "LaunchAgents" / "com.workbenchguard.helper.plist"
    assert list(files) == [path]
    agent = plistlib.loads(files[path].encode("utf-8"))
    assert agent["Label"] == "com.workbenchguard.helper"
    assert agent["ProgramArguments"] == command.argv()
    assert agent["RunAtLoad"] is True and agent["KeepAlive"] == {"SuccessfulExit": False}
    writer.install(command)
    installed = writer.read()
    assert installed is not None and list(installed.argv) == command.argv()
    assert writer.remove() == [path] and writer.read() is None
