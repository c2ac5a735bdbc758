"""Team mode under load: N helper processes (``helper serve``) on loopback against one local
PostgreSQL, each reserving contacts (call, answered: the 3-a-day cap) for a mix of buyers of
its own and buyers every helper shares. Beside it, the same load on one helper on SQLite.

Reports reservation decisions per second (granted 200 and refused 409 both count: each is
one atomic check-and-record), p50/p99 latency, cap violations found in the database
afterwards (must be 0), CPU seconds spent by the helpers, PostgreSQL and the load generator,
and the load average. Time-bounded: ``--seconds`` of load per run after a short warm-up.

Needs the PostgreSQL server binaries (scripts/pg-test-cluster.sh starts a throwaway cluster,
with fsync on for this run).

Run: python bench/team_bench.py [--helpers 5,20,50] [--seconds 8]
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._common import KeepAlive, percentile
from bench.contact_bench import cpu_seconds, start_helper
from tests.support.helper_process import free_port

ROOT = Path(__file__).resolve().parent.parent
CLUSTER = ROOT / "scripts" / "pg-test-cluster.sh"
AT = "2026-03-02T11:00:00+08:00"  # one fixed day, outside quiet hours
CAP = 3  # contact.connected_calls per day in the shipped policy
WARM_UP_S = 2.0


@dataclass
class Agent:
    data_dir: Path
    port: int
    token: str
    proc: subprocess.Popen[str] | None = None


def prepare_agents(tmp: Path, count: int, url: str | None) -> list[Agent]:
    """Data directories of ``count`` agents (joined to the team database at ``url``, or a
    single SQLite helper when ``url`` is None), each with a script token."""
    from helper.auth.tokens import issue_token
    from helper.store import open_store
    from helper.team.membership import init_team
    from helper.team.secret import write_secret

    agents = []
    secret = None
    for index in range(count):
        data_dir = tmp / f"agent{index}"
        data_dir.mkdir()
        if url is not None:
            config = f'[store]\nurl = "{url}"\n[team]\nagent = "客服{index}"\n'
            (data_dir / "config.toml").write_text(config, encoding="utf-8")
            if secret is None:
                store = open_store(url, migrate=True)
                try:
                    created = init_team(
                        store, data_dir / "team.key", agent="bench", now=datetime.now(UTC)
                    )
                finally:
                    store.close()
                secret = created.secret
            write_secret(data_dir / "team.key", secret)
        local = open_store(f"sqlite:///{(data_dir / 'helper.db').as_posix()}")
        try:
            with local.write() as conn:
                _, token = issue_token(conn, name="bench", kind="script", now=datetime.now(UTC))
        finally:
            local.close()
        agents.append(Agent(data_dir, free_port(), token))
    return agents


def buyer_for(rng: random.Random, helper: int, shared: int, shared_share: float) -> str:
    if rng.random() < shared_share:
        return f"1380000{rng.randrange(shared):04d}"  # every helper's buyers (phones)
    return f"tb_h{helper}_{rng.randrange(100_000)}"  # this helper's own (nicks)


def _worker(jobs: list[tuple[int, int, str]], shared: int, share: float, until: float, out) -> None:  # type: ignore[no-untyped-def]
    """One load-generator process: a thread per (helper index, port, token) job."""
    results: list[tuple[float, float, int]] = []
    lock = threading.Lock()

    def run(helper: int, port: int, token: str) -> None:
        rng = random.Random(hash((helper, port, os.getpid())))
        client = KeepAlive(port, token)
        local: list[tuple[float, float, int]] = []
        try:
            while (now := time.monotonic()) < until:
                body = {
                    "buyer": buyer_for(rng, helper, shared, share),
                    "channel": "call",
                    "outcome": "answered",
                    "at": AT,
                    "reserve": True,
                }
                status, elapsed_ms, _ = client.call("POST", "/v1/contacts/attempts", body)
                local.append((now, elapsed_ms, status))
        finally:
            client.close()
        with lock:
            results.extend(local)

    started = time.process_time()
    threads = [threading.Thread(target=run, args=job) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    out.put((results, time.process_time() - started))


def drive(agents: list[Agent], args: argparse.Namespace) -> tuple[list[tuple], float, float]:
    """Load every helper for warm-up + ``seconds``; the samples after the warm-up, the
    measured span, and the load generator's CPU seconds."""
    jobs = [
        (index, agent.port, agent.token)
        for index, agent in enumerate(agents)
        for _ in range(args.clients_per_helper)
    ]
    processes = min(args.load_processes, len(jobs))
    start = time.monotonic()
    until = start + WARM_UP_S + args.seconds
    context = multiprocessing.get_context("fork")
    out = context.Queue()
    workers = [
        context.Process(
            target=_worker, args=(jobs[i::processes], args.shared, args.shared_share, until, out)
        )
        for i in range(processes)
    ]
    for worker in workers:
        worker.start()
    samples: list[tuple] = []
    load_cpu = 0.0
    for _ in workers:
        results, cpu = out.get(timeout=args.seconds + 120)
        samples.extend(results)
        load_cpu += cpu
    for worker in workers:
        worker.join()
    measured = [s for s in samples if s[0] >= start + WARM_UP_S]
    return measured, args.seconds, load_cpu


def postgres_cpu(port: int) -> float:
    """CPU seconds of the cluster's postmaster and its backends (children)."""
    data = Path(os.environ.get("TMPDIR", "/tmp")) / f"wbg-pg-{port}" / "data"
    postmaster = int((data / "postmaster.pid").read_text().split()[0])
    total = cpu_seconds(postmaster) or 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == postmaster:
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def cap_violations(url: str) -> tuple[int, int]:
    """(buyers over the daily cap of connected calls, buyers with any call) in the database."""
    import sqlalchemy as sa

    from helper.contacts.tables import contact_attempts
    from helper.store import open_store

    store = open_store(url, migrate=False)
    try:
        with store.read() as conn:
            per_buyer = (
                sa.select(contact_attempts.c.buyer_id, sa.func.count().label("calls"))
                .where(contact_attempts.c.channel == "call")
                .where(contact_attempts.c.outcome == "answered")
                .group_by(contact_attempts.c.buyer_id)
                .subquery()
            )
            over = conn.execute(sa.select(sa.func.count()).where(per_buyer.c.calls > CAP)).scalar()
            buyers = conn.execute(sa.select(sa.func.count()).select_from(per_buyer)).scalar()
    finally:
        store.close()
    return int(over or 0), int(buyers or 0)


def run_case(
    label: str, count: int, url: str | None, args: argparse.Namespace, port: int | None
) -> None:
    with tempfile.TemporaryDirectory(prefix="wbg-team-bench-") as tmp:
        agents = prepare_agents(Path(tmp), count, url)
        started = time.monotonic()
        try:
            for agent in agents:
                agent.proc = start_helper(agent.data_dir, agent.port)
            startup = time.monotonic() - started
            helpers_before = sum(cpu_seconds(a.proc.pid) or 0.0 for a in agents if a.proc)
            pg_before = postgres_cpu(port) if port else 0.0
            samples, seconds, load_cpu = drive(agents, args)
            helpers_cpu = sum(cpu_seconds(a.proc.pid) or 0.0 for a in agents if a.proc)
            helpers_cpu -= helpers_before
            pg_cpu = (postgres_cpu(port) - pg_before) if port else 0.0
        finally:
            for agent in agents:
                if agent.proc is not None and agent.proc.poll() is None:
                    agent.proc.send_signal(signal.SIGTERM)
            for agent in agents:
                if agent.proc is not None:
                    try:
                        agent.proc.wait(timeout=60)
                    except subprocess.TimeoutExpired:
                        agent.proc.kill()
        statuses: dict[int, int] = {}
        for _, _, status in samples:
            statuses[status] = statuses.get(status, 0) + 1
        latencies = [elapsed for _, elapsed, _ in samples]
        decided = statuses.get(200, 0) + statuses.get(409, 0)
        over, buyers = cap_violations(url or f"sqlite:///{agents[0].data_dir / 'helper.db'}")
        total_cpu = helpers_cpu + pg_cpu + load_cpu
        load = " ".join(f"{x:.1f}" for x in os.getloadavg())
        print(
            f"{label:<22} {decided / seconds:>8.0f}/s  p50 {percentile(latencies, 50):6.1f} ms  "
            f"p99 {percentile(latencies, 99):6.1f} ms  granted {statuses.get(200, 0):>6}  "
            f"refused {statuses.get(409, 0):>6}  other {len(samples) - decided:>4}  "
            f"cap violations {over} (of {buyers} buyers)"
        )
        print(
            f"{'':<22} CPU s: helpers {helpers_cpu:.1f}, postgres {pg_cpu:.1f}, load generator "
            f"{load_cpu:.1f} (= {total_cpu / max(decided, 1) * 1000:.2f} ms CPU per decision); "
            f"start-up {startup:.0f} s; load average {load}",
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--helpers", default="5,20,50", help="helper counts to run")
    parser.add_argument("--seconds", type=float, default=8.0, help="measured load per run")
    parser.add_argument("--clients-per-helper", type=int, default=2)
    parser.add_argument("--load-processes", type=int, default=4)
    parser.add_argument("--shared", type=int, default=200, help="buyers every helper shares")
    parser.add_argument("--shared-share", type=float, default=0.3, help="share of shared buyers")
    parser.add_argument(
        "--pg-opts",
        default="-c fsync=on -c full_page_writes=on",
        help="server options (default: durable commits, as a shop's server has)",
    )
    args = parser.parse_args()
    counts = [int(n) for n in args.helpers.split(",")]
    print(
        f"{os.cpu_count()} CPUs; {args.seconds:.0f} s per run after {WARM_UP_S:.0f} s warm-up; "
        f"{args.clients_per_helper} keep-alive clients per helper; {args.shared_share:.0%} of "
        f"requests for {args.shared} shared buyers; load average at start "
        f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}"
    )
    run_case("1 helper, SQLite", 1, None, args, None)
    port = free_port()
    env = {**os.environ, "WBG_PG_OPTS": args.pg_opts}
    admin_url = subprocess.run(
        ["bash", str(CLUSTER), "start", str(port)],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    ).stdout.strip()
    from tests.support.postgres import admin, with_database

    try:
        for count in counts:
            name = f"bench_{count}"
            admin(admin_url, f'CREATE DATABASE "{name}"')
            run_case(
                f"{count} helpers, PostgreSQL", count, with_database(admin_url, name), args, port
            )
    finally:
        subprocess.run(["bash", str(CLUSTER), "stop", str(port)], check=False)


if __name__ == "__main__":
    main()
