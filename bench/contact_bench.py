"""Latency of contact checks and reservations over HTTP through a real ``helper serve``,
with 10,000 earlier attempts in the contact log. Target: p99 ≤ 10 ms.

Run: python bench/contact_bench.py [--prior 10000] [--buyers 1000] [--requests 2000]
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._common import KeepAlive, summary
from helper.auth.tokens import issue_token
from helper.contacts.buyers import ensure_buyer
from helper.contacts.tables import OUTCOMES_BY_CHANNEL, contact_attempts
from helper.services import build_services
from helper.settings import load_settings
from tests.support.helper_process import free_port

CHANNELS = ("call", "call", "sms", "im", "im", "email")


def buyer_name(index: int) -> str:
    return f"1390000{index:04d}" if index % 2 else f"tb_bench_{index}"


def seed(data_dir: Path, prior: int, buyer_count: int, rng: random.Random) -> str:
    """Write ``prior`` attempts spread over the last 10 days; return a token for the bench."""
    svc = build_services(load_settings(data_dir))
    now = datetime.now(UTC)
    try:
        with svc.store.write() as conn:
            buyer_ids = [
                (
                    ensure_buyer(conn, svc.hasher.buyer(buyer_name(i)), now),
                    svc.hasher.buyer(buyer_name(i)).key,
                )
                for i in range(buyer_count)
            ]
            rows = []
            for _ in range(prior):
                buyer_id, key = rng.choice(buyer_ids)
                channel = rng.choice(CHANNELS)
                rows.append(
                    {
                        "buyer_id": buyer_id,
                        "buyer_key": key,
                        "channel": channel,
                        "at": now - timedelta(minutes=rng.randrange(10 * 24 * 60)),
                        "outcome": rng.choice(OUTCOMES_BY_CHANNEL[channel]),
                        "outcome_at": now,
                        "verdict": "allow",
                        "rule_ids": "",
                        "platform": "taobao",
                        "agent": "bench",
                        "source": "api",
                        "created_at": now,
                    }
                )
            conn.execute(contact_attempts.insert(), rows)
            _, token = issue_token(conn, name="contact bench", kind="script", now=now)
        return token
    finally:
        svc.close()


def start_helper(data_dir: Path, port: int) -> subprocess.Popen[str]:
    env = {**os.environ, "HELPER_DATA_DIR": str(data_dir), "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "helper", "serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("ready"):
            return proc
    raise SystemExit("helper serve did not start:\n" + (proc.stdout.read() if proc.stdout else ""))


def cpu_seconds(pid: int) -> float | None:
    """CPU time the helper process has used (Linux): the cost of a request regardless of
    how busy the machine is, which wall-clock percentiles on a shared machine are not."""
    stat = Path(f"/proc/{pid}/stat")
    if not stat.exists():
        return None
    fields = stat.read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run(
    client: KeepAlive, path: str, bodies: list[dict[str, object]]
) -> tuple[list[float], dict[int, int]]:
    samples, statuses = [], {}
    for body in bodies:
        status, elapsed_ms, _ = client.call("POST", path, body)
        statuses[status] = statuses.get(status, 0) + 1
        samples.append(elapsed_ms)
    return samples, statuses


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--prior", type=int, default=10_000, help="attempts already in the log")
    parser.add_argument("--buyers", type=int, default=1_000, help="buyers they are spread over")
    parser.add_argument("--requests", type=int, default=2_000, help="timed requests per kind")
    args = parser.parse_args()
    rng = random.Random(4)
    with tempfile.TemporaryDirectory(prefix="wbg-contact-bench-") as tmp:
        data_dir = Path(tmp)
        token = seed(data_dir, args.prior, args.buyers, rng)
        port = free_port()
        proc = start_helper(data_dir, port)
        client = KeepAlive(port, token)
        try:

            def bodies(channel: str, reserve: bool) -> list[dict[str, object]]:
                return [
                    {
                        "buyer": buyer_name(rng.randrange(args.buyers)),
                        "channel": channel,
                        **({"reserve": True} if reserve else {}),
                    }
                    for _ in range(args.requests)
                ]

            run(client, "/v1/contacts/check", bodies("call", False)[:200])  # warm up
            print(
                f"contact log: {args.prior} prior attempts over {args.buyers} buyers; "
                f"{args.requests} timed requests each, one keep-alive connection; "
                f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}"
            )
            for label, path, channel, reserve in (
                ("check   call", "/v1/contacts/check", "call", False),
                ("check   sms ", "/v1/contacts/check", "sms", False),
                ("reserve call", "/v1/contacts/attempts", "call", True),
                ("reserve im  ", "/v1/contacts/attempts", "im", True),
            ):
                cpu_before = cpu_seconds(proc.pid)
                samples, statuses = run(client, path, bodies(channel, reserve))
                cpu_after = cpu_seconds(proc.pid)
                shown = ", ".join(f"{code}×{count}" for code, count in sorted(statuses.items()))
                cpu = ""
                if cpu_before is not None and cpu_after is not None:
                    cpu = (
                        f"  server CPU {(cpu_after - cpu_before) * 1000 / len(samples):.2f} ms/req"
                    )
                print(f"{label}  {summary(samples)}{cpu}  [{shown}]")
        finally:
            client.close()
            proc.terminate()
            proc.wait(timeout=10)


if __name__ == "__main__":
    main()
