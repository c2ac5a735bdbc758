"""Does the tray icon cost the check path anything?

1. Imports: a serving helper (helper.server, the app, one check) never imports pystray or
   Pillow; the tray lives in its own process (`helper tray`).
2. Running: message-check latency of a real `helper serve`, alone and while a tray process
   polls its status 10 times as often as the real tray does (every 0.5 s instead of 5 s),
   measured in the same run and printed as a ratio, with CPU time and load average.

Run: python bench/tray_bench.py [--requests 2000]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._common import KeepAlive, percentile, summary
from tests.support.helper_process import HelperProcess

_IMPORTS = (
    "import sys, tempfile\n"
    "from helper.settings import load_settings\n"
    "from helper.app import create_app\n"
    "import helper.server\n"
    "app = create_app(load_settings(tempfile.mkdtemp()), background=False)\n"
    "print(sorted(m for m in ('pystray', 'PIL', 'Xlib') if m in sys.modules))\n"
)
# A tray process as `helper tray` runs it, minus the drawing: the model's refresh loop.
_POLLER = (
    "import sys, time\n"
    "from helper.paths import resolve_paths\n"
    "from helper.tray.model import TrayModel\n"
    "model = TrayModel(resolve_paths(sys.argv[1]), notify=print, open_url=print)\n"
    "while True:\n"
    "    model.refresh()\n"
    "    time.sleep(0.5)\n"
)
DRAFTS = [
    "亲，您的快递明天就到，请耐心等待哦",
    "你是不是傻，说了多少遍了",
    "好的，我们马上给您补发",
]


def _latencies(port: int, token: str, requests: int) -> list[float]:
    client = KeepAlive(port, token)
    samples = []
    try:
        for index in range(requests):
            status, elapsed, _ = client.call(
                "POST", "/v1/check/message", {"text": DRAFTS[index % len(DRAFTS)]}
            )
            assert status == 200
            samples.append(elapsed)
    finally:
        client.close()
    return samples


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=2000)
    args = parser.parse_args()

    loaded = subprocess.run(
        [sys.executable, "-c", _IMPORTS], capture_output=True, text=True, check=True
    ).stdout.strip()
    print(f"GUI modules imported by a serving helper: {loaded}")

    with tempfile.TemporaryDirectory() as tmp, HelperProcess(Path(tmp) / "d") as helper:
        assert helper.token is not None and helper.proc is not None
        _latencies(helper.port, helper.token, 200)  # warm-up
        cpu_before = os.times()
        alone = _latencies(helper.port, helper.token, args.requests)
        poller = subprocess.Popen(
            [sys.executable, "-c", _POLLER, str(helper.data_dir)], stdout=subprocess.DEVNULL
        )
        try:
            time.sleep(1.0)
            with_tray = _latencies(helper.port, helper.token, args.requests)
        finally:
            poller.kill()
            poller.wait()
        cpu_after = os.times()
    print(f"alone:          {summary(alone)}")
    print(f"with tray poll: {summary(with_tray)}")
    for pct in (50, 99):
        ratio = percentile(with_tray, pct) / percentile(alone, pct)
        print(f"p{pct} ratio with/without tray: {ratio:.3f}")
    print(
        f"bench client CPU: user {cpu_after.user - cpu_before.user:.2f} s, "
        f"system {cpu_after.system - cpu_before.system:.2f} s"
    )
    print("load average (1, 5, 15 min): " + ", ".join(f"{x:.2f}" for x in os.getloadavg()))


if __name__ == "__main__":
    main()
