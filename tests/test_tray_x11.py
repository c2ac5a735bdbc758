"""The real tray icon (pystray's X11 backend) under Xvfb, following a real `helper serve`.

Runs only where Xvfb and the optional tray libraries (`.[tray]`) are installed; elsewhere it
skips with the reason. It shows that helper/tray/icon.py starts, draws and refreshes its menu
and keeps polling the helper. Xvfb has no notification area, so pystray cannot dock the icon
(it logs so) and clicking the menu in a real notification area stays untested
(docs/daily-use.md).
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import signal
import subprocess
import time

import pytest

from tests.support.helper_process import HELPER, HelperProcess

pytestmark = pytest.mark.skipif(
    shutil.which("Xvfb") is None
    or any(importlib.util.find_spec(name) is None for name in ("pystray", "PIL")),
    reason="needs Xvfb and the tray extra (pip install '.[tray]')",
)


def _start_xvfb() -> tuple[subprocess.Popen[bytes], str]:
    """Xvfb on a display number it picks itself (-displayfd), so parallel runs cannot clash."""
    read_end, write_end = os.pipe()
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "640x480x24", "-nolisten", "tcp"],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    with os.fdopen(read_end) as pipe:
        number = pipe.readline().strip()
    assert number, "Xvfb did not report its display"
    return xvfb, f":{number}"


def _status_polls(helper: HelperProcess) -> int:
    log = (helper.data_dir / "logs" / "helper.log").read_text(encoding="utf-8")
    return log.count("GET /v1/admin/status 200")


def test_the_tray_icon_runs_and_polls_the_helper_under_xvfb(served: HelperProcess) -> None:
    xvfb, display = _start_xvfb()
    env = {**os.environ, "DISPLAY": display, "HELPER_DATA_DIR": str(served.data_dir)}
    tray = subprocess.Popen(
        [*HELPER, "tray"], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    try:
        for _ in range(600):
            if _status_polls(served) >= 2 or tray.poll() is not None:
                break
            time.sleep(0.1)
        assert tray.poll() is None, tray.communicate()[0].decode("utf-8", "replace")
        assert _status_polls(served) >= 2  # two refreshes: icon, title and menu redrawn twice
        tray.send_signal(signal.SIGTERM)
        # pystray logs that it cannot dock (Xvfb has no notification area); our loop goes on.
        assert tray.wait(timeout=30) == -signal.SIGTERM
    finally:
        if tray.poll() is None:
            tray.kill()
            tray.wait()
        xvfb.terminate()
        xvfb.wait(timeout=30)
