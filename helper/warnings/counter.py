"""Counting checked drafts for today's statistics, without touching the message engine.

The engine answers ``POST /v1/check/message``; each successful answer adds one to the day's
count in memory. A check does no database write: the counts are added to the database every
``FLUSH_SECONDS`` and when the helper shuts down, and ``/v1/stats/today`` adds what is still
waiting in memory, so it is always current. A failed flush keeps the counts for the next one.
"""

from __future__ import annotations

import logging
import threading
from collections import Counter
from datetime import date

from flask import Flask, Response, request

from helper.services import Services
from helper.store import StoreUnavailable
from helper.warnings.events import count_checks, platform_day, stored_checks

log = logging.getLogger(__name__)

CHECK_PATH = "/v1/check/message"
# How often the counts held in memory go to the database (at most this much is lost if the
# helper is killed without a chance to shut down).
FLUSH_SECONDS = 30.0


class CheckCounter:
    """Checked drafts per platform day, held in memory until ``flush``; thread-safe.

    ``add`` never waits for the database. A flush writes a copy of the pending counts and
    removes them from memory only once the write has committed; ``checks_on`` reads while no
    flush is under way, so the database and memory never both hold (or both miss) a check.
    """

    def __init__(self, services: Services) -> None:
        self._services = services
        self._pending: Counter[date] = Counter()
        self._lock = threading.Lock()  # guards _pending; held only briefly
        self._flushing = threading.Lock()  # one flush at a time, none during checks_on

    def add(self, day: date) -> None:
        with self._lock:
            self._pending[day] += 1

    def checks_on(self, day: date) -> int:
        """Drafts checked on ``day``: those saved in the database and those still in memory."""
        with self._flushing:
            with self._services.store.read() as conn:
                stored = stored_checks(conn, day)
            with self._lock:
                return stored + self._pending[day]

    def flush(self) -> None:
        """Add the counts held in memory to the database; on failure they stay for the next
        flush."""
        with self._flushing:
            with self._lock:
                batch = +self._pending  # a copy without zero counts
            if not batch:
                return
            try:
                with self._services.store.write() as conn:
                    for day, checks in batch.items():
                        count_checks(conn, day, checks)
            except StoreUnavailable as exc:
                log.warning("could not save the check counts, retrying later: %s", exc)
                return
            with self._lock:
                self._pending -= batch


def init(app: Flask, services: Services, background: bool) -> None:
    counter = CheckCounter(services)
    services.check_counter = counter

    @app.after_request
    def _count_checks(response: Response) -> Response:
        if request.method == "POST" and request.path == CHECK_PATH and response.status_code == 200:
            counter.add(platform_day(services.clock()))
        return response

    services.on_close(counter.flush)  # last: closers run in reverse, after the thread stops
    if background:
        _start_flushing(counter, services)


def _start_flushing(counter: CheckCounter, services: Services) -> None:
    stop = threading.Event()

    def run() -> None:
        while not stop.wait(FLUSH_SECONDS):
            try:
                counter.flush()
            except Exception:  # the helper must keep serving; the next round retries
                log.exception("check counter flush failed")

    thread = threading.Thread(target=run, name="check-counter", daemon=True)
    thread.start()

    def stop_flushing() -> None:
        stop.set()
        thread.join(timeout=10)

    services.on_close(stop_flushing)
