"""Reservations are atomic: 32 threads, or 4 processes, race for one buyer's 3 connected
calls a day on a real SQLite file, and exactly 3 win."""

from __future__ import annotations

import multiprocessing
import threading
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa

import helper.contacts.log as contact_log
from helper.contacts import contact_rules
from helper.contacts.tables import contact_attempts
from helper.services import Services, build_services
from helper.settings import load_settings

BUYER = "13900001111"
AT = datetime(2026, 3, 2, 3, 0, tzinfo=UTC)  # 11:00 in Beijing: no quiet hours
CAP = 3  # contact.connected_calls per day in the shipped policy


def reserve(svc: Services, agent: str) -> bool:
    policy = contact_rules(svc).policies.for_platform("taobao")
    request = contact_log.AttemptRequest(
        buyer=svc.hasher.buyer(BUYER),
        channel="call",
        at=AT,
        platform="taobao",
        agent=agent,
        source="api",
        outcome="answered",
    )
    recorded = contact_log.record(svc.store, policy, request, reserve=True, now=AT)
    return recorded.attempt is not None


def race_in_threads(svc: Services, count: int, name: str) -> list[bool]:
    start = threading.Barrier(count)
    results: list[bool] = []
    lock = threading.Lock()

    def run(index: int) -> None:
        start.wait()
        won = reserve(svc, f"{name}-{index}")
        with lock:
            results.append(won)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def stored_calls(svc: Services) -> list[str]:
    with svc.store.read() as conn:
        return list(conn.execute(sa.select(contact_attempts.c.agent)).scalars())


def allow_long_lock_waits(data_dir: Path) -> None:
    """What these races measure is atomicity, not how long a write waits for the lock: the
    shipped 2 s wait (an agent hears at once that saving fails) can run out for the last of 32
    writers on a loaded 2-core machine, failing the race for a reason it does not test."""
    config = load_settings(data_dir).paths.config_file
    config.write_text("[store]\nbusy_timeout_ms = 60000\n", encoding="utf-8")


def test_32_threads_reserve_exactly_3(data_dir: Path) -> None:
    allow_long_lock_waits(data_dir)
    svc = build_services(load_settings(data_dir))
    try:
        results = race_in_threads(svc, 32, "thread")
        assert len(results) == 32
        assert results.count(True) == CAP
        assert len(stored_calls(svc)) == CAP
    finally:
        svc.close()


def _process_main(data_dir: str, name: str, go: object, results: object) -> None:
    svc = build_services(load_settings(data_dir))
    try:
        contact_rules(svc)
        go.wait(60)  # type: ignore[attr-defined]
        won = race_in_threads(svc, 8, name)
        results.put((name, won.count(True), len(won)))  # type: ignore[attr-defined]
    finally:
        svc.close()


def test_4_processes_reserve_exactly_3(data_dir: Path) -> None:
    allow_long_lock_waits(data_dir)
    parent = build_services(load_settings(data_dir))  # migrate once before the race
    try:
        context = multiprocessing.get_context("spawn")
        go = context.Event()
        results = context.Queue()
        processes = [
            context.Process(target=_process_main, args=(str(data_dir), f"p{i}", go, results))
            for i in range(4)
        ]
        for process in processes:
            process.start()
        go.set()
        reports = [results.get(timeout=120) for _ in processes]
        for process in processes:
            process.join(timeout=60)
            assert process.exitcode == 0
        assert sum(total for _, _, total in reports) == 32
        assert sum(won for _, won, _ in reports) == CAP
        agents = stored_calls(parent)
        assert len(agents) == CAP
    finally:
        parent.close()
