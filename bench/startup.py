"""How fast `helper serve` becomes healthy, how much memory it holds, how fast /v1/health is.

Run: python bench/startup.py [--runs 5] [--requests 2000]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._common import KeepAlive, percentile, summary
from tests.support.helper_process import free_port


def _rss_mib(pid: int) -> float | None:
    status = Path(f"/proc/{pid}/status")
    if not status.exists():  # not Linux
        return None
    for line in status.read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return None


def _healthy(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/v1/health", timeout=0.5) as reply:
            return reply.status == 200
    except OSError:
        return False


def one_start(data_dir: Path) -> tuple[float, float | None, subprocess.Popen[bytes], int]:
    port = free_port()
    env = {**os.environ, "HELPER_DATA_DIR": str(data_dir)}
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "helper", "serve", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    while not _healthy(port):
        if proc.poll() is not None:
            raise SystemExit("helper serve exited during start-up")
        time.sleep(0.005)
    elapsed = time.perf_counter() - started
    return elapsed, _rss_mib(proc.pid), proc, port


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--requests", type=int, default=2000)
    args = parser.parse_args()
    print(
        f"Workbench Guard start-up benchmark — {os.cpu_count()} cores, "
        f"Python {sys.version.split()[0]}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        starts, rss = [], []
        for run in range(args.runs):
            # First run creates the database and secret; later runs start on existing data.
            elapsed, memory, proc, port = one_start(Path(tmp) / "data")
            starts.append(elapsed * 1000)
            if memory is not None:
                rss.append(memory)
            if run == args.runs - 1:
                client = KeepAlive(port)
                for _ in range(100):  # warm-up
                    client.call("GET", "/v1/health")
                samples = [client.call("GET", "/v1/health")[1] for _ in range(args.requests)]
                client.close()
            proc.terminate()
            proc.wait(timeout=10)
    print(f"serve -> healthy /v1/health: {summary(starts)}  max {max(starts):.0f} ms")
    print(
        "  per run (ms): "
        + ", ".join(f"{value:.0f}" for value in starts)
        + "  (run 1 = new data dir)"
    )
    if rss:
        print(f"RSS after start: min {min(rss):.1f} MiB  max {max(rss):.1f} MiB")
    print(
        f"GET /v1/health round trip (keep-alive): {summary(samples)}  "
        f"p99.9 {percentile(samples, 99.9):.3f} ms"
    )


if __name__ == "__main__":
    main()
