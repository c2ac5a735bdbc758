"""Message checks while the database is faulty, recovery times, and a burst of hostile snippets.

For each fault (a lock held by another connection, an immutable file, the file deleted, a full
tmpfs, corrupt pages) this prints the p99 of POST /v1/check/message during the fault next to
the p99 without it, measured in the same run against the same helper (goal: within 2x), both
while a second client tries to write ten times a second. Then how long after the fault is
cleared a write succeeds and /v1/health says ok again. Then, for 8 concurrent
``"<a>" * 333333`` snippets: the helper's CPU seconds, its peak and after-burst RSS, and the
p99 of checks meanwhile. Faults this machine cannot make (chattr, mount) are reported as
skipped with the reason. CPU time and load average are printed: figures vary with load.

Run (as root for chattr and tmpfs): python bench/faults.py [--requests 300]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import resource
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._common import KeepAlive, percentile
from tests.support import faults
from tests.support.helper_process import HelperProcess

CONFIG = "[store]\nbusy_timeout_ms = 2000\n\n[reminders]\ndesktop = false\n"
TEXT = "亲，您的快递已经发出，请注意查收"
HOSTILE = "<a>" * 333333
LIST_URL = "https://healthcenter.taobao.com/home/violation_list.htm"
WRITE_PAUSE_S = 0.1


def start(data_dir: Path) -> HelperProcess:
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "config.toml").write_text(CONFIG, encoding="utf-8")
    return HelperProcess(data_dir).start()


def check_p99(helper: HelperProcess, requests: int) -> float:
    client = KeepAlive(helper.port, helper.token)
    samples = []
    try:
        for _ in range(requests):
            status, ms, _ = client.call("POST", "/v1/check/message", {"text": TEXT})
            assert status == 200, status
            samples.append(ms)
    finally:
        client.close()
    return percentile(samples, 99)


def write_ok(helper: HelperProcess) -> bool:
    at = (datetime.now(UTC) + timedelta(hours=1)).isoformat()
    return helper.api.post("/v1/reminders", {"at": at, "title": "压测"}).status == 200


def healthy(helper: HelperProcess) -> bool:
    body = helper.api.get("/v1/health", token=False).json
    return body["status"] == "ok" and body["store"] == "ok"


@contextlib.contextmanager
def writing(helper: HelperProcess) -> Iterator[None]:
    """A second client that tries to write ten times a second (an agent saving records,
    generously), with and without the fault alike."""
    stop = threading.Event()

    def run() -> None:
        while not stop.wait(WRITE_PAUSE_S):
            write_ok(helper)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=30)


def until(check: Callable[[], bool], limit_s: float = 60.0) -> float:
    started = time.monotonic()
    while time.monotonic() - started < limit_s:
        if check():
            return time.monotonic() - started
        time.sleep(0.05)
    return float("nan")


def recovered(helper: HelperProcess) -> float:
    return until(lambda: write_ok(helper) and healthy(helper))


def fault_lock(helper: HelperProcess, requests: int) -> tuple[float, float]:
    db = helper.data_dir / "helper.db"
    with faults.lock_held(db), writing(helper):
        p99 = check_p99(helper, requests)
    return p99, recovered(helper)


def fault_readonly(helper: HelperProcess, requests: int) -> tuple[float, float]:
    files = faults.read_only_files(helper.data_dir / "helper.db")
    with faults.immutable(files), writing(helper):
        p99 = check_p99(helper, requests)
    return p99, recovered(helper)


def fault_deleted(helper: HelperProcess, requests: int) -> tuple[float, float]:
    db = helper.data_dir / "helper.db"
    back: list[float] = []

    def watch(deleted_at: float) -> None:
        until(lambda: db.exists() and healthy(helper) and write_ok(helper))
        back.append(time.monotonic() - deleted_at)

    with writing(helper):
        for path in faults.db_files(db):
            path.unlink(missing_ok=True)
        watcher = threading.Thread(target=watch, args=(time.monotonic(),))
        watcher.start()
        p99 = check_p99(helper, requests)
        watcher.join()
    # The fault clears itself: from the deletion to writes and health ok again.
    return p99, back[0]


def fault_full(helper: HelperProcess, requests: int, mount: Path) -> tuple[float, float]:
    filler = faults.fill(mount)
    with writing(helper):
        p99 = check_p99(helper, requests)
    filler.unlink()
    return p99, recovered(helper)


def fault_corrupt(helper: HelperProcess, requests: int) -> tuple[float, float]:
    faults.corrupt(helper.data_dir / "helper.db")
    until(lambda: helper.api.get("/v1/reminders?day=today").status == 503, 30)
    with writing(helper):
        p99 = check_p99(helper, requests)
    return p99, float("nan")  # needs `helper db restore` and a restart


def proc_cpu_s(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def proc_kib(pid: int, key: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    return 0


def hostile_burst(helper: HelperProcess, requests: int) -> None:
    assert helper.proc is not None
    pid = helper.proc.pid
    rss_before = proc_kib(pid, "VmRSS")
    peak = rss_before
    cpu_before = proc_cpu_s(pid)
    statuses: list[int] = []

    def send() -> None:
        reply = helper.api.post("/v1/snippets", {"url": LIST_URL, "html": HOSTILE}, timeout=120)
        statuses.append(reply.status)

    burst = [threading.Thread(target=send) for _ in range(8)]
    for thread in burst:
        thread.start()
    p99 = check_p99(helper, requests)
    for thread in burst:
        thread.join()
        peak = max(peak, proc_kib(pid, "VmRSS"))
    cpu = proc_cpu_s(pid) - cpu_before
    time.sleep(1)
    print(
        f"burst of 8 hostile snippets ('<a>' * 333333, {len(HOSTILE)} chars): statuses "
        f"{sorted(set(statuses))}; helper CPU {cpu:.3f} s for the burst and the {requests} "
        f"checks beside it; RSS {rss_before / 1024:.1f} MiB before, peak seen "
        f"{peak / 1024:.1f} MiB, {proc_kib(pid, 'VmRSS') / 1024:.1f} MiB after "
        f"(VmHWM {proc_kib(pid, 'VmHWM') / 1024:.1f} MiB); check p99 meanwhile {p99:.2f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300)
    args = parser.parse_args()
    cpu_started = resource.getrusage(resource.RUSAGE_SELF)
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    chattr_reason = faults.chattr_unavailable()
    mount_reason = faults.mount_unavailable()
    print(f"{'fault':<22} {'p99 without':>12} {'p99 during':>11} {'ratio':>6} {'recovery':>10}")
    with tempfile.TemporaryDirectory() as tmp:
        runs: list[tuple[str, Callable[[HelperProcess], tuple[float, float]], str | None]] = [
            ("lock (BEGIN IMMEDIATE)", lambda h: fault_lock(h, args.requests), None),
            ("read-only (chattr +i)", lambda h: fault_readonly(h, args.requests), chattr_reason),
            ("file deleted", lambda h: fault_deleted(h, args.requests), None),
            ("corrupt pages", lambda h: fault_corrupt(h, args.requests), None),
        ]
        for index, (name, make_fault, reason) in enumerate(runs):
            if reason:
                print(f"{name:<22} skipped: {reason}")
                continue
            helper = start(Path(tmp) / f"run{index}")
            try:
                with writing(helper):
                    base = check_p99(helper, args.requests)
                during, recovery = make_fault(helper)
                print(_row(name, base, during, recovery))
            finally:
                helper.stop()
        if mount_reason:
            print(f"{'full disk (tmpfs)':<22} skipped: {mount_reason}")
        else:
            with faults.tmpfs("24m") as mount:
                helper = start(mount / "data")
                try:
                    with writing(helper):
                        base = check_p99(helper, args.requests)
                    during, recovery = fault_full(helper, args.requests, mount)
                    print(_row("full disk (tmpfs)", base, during, recovery))
                finally:
                    helper.stop()
        helper = start(Path(tmp) / "snippets")
        try:
            base = check_p99(helper, args.requests)
            print(f"check p99 before the burst {base:.2f} ms")
            for _ in range(3):  # memory that grew once and stays is reused, not leaked
                hostile_burst(helper, args.requests)
        finally:
            helper.stop()
    used = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    client = used.ru_utime - cpu_started.ru_utime + used.ru_stime - cpu_started.ru_stime
    print(
        f"bench CPU: {client:.1f} s (client), "
        f"{children.ru_utime + children.ru_stime:.1f} s (helpers and tools)"
    )
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


def _row(name: str, base: float, during: float, recovery: float) -> str:
    recovery_text = "restore" if recovery != recovery else f"{recovery:.2f} s"
    return (
        f"{name:<22} {base:>9.2f} ms {during:>8.2f} ms {during / base:>5.2f}x {recovery_text:>10}"
    )


if __name__ == "__main__":
    main()
