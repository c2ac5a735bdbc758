"""Counting checked drafts for today's statistics, without touching the message engine.

The engine answers ``POST /v1/check/message``; after each successful answer has been sent,
the day's counter goes up by one. Counting after the response keeps the write off the path
the agent waits on, and a failure to count never spoils a check.
"""

from __future__ import annotations

import logging
from datetime import date

from flask import Flask, Response, request

from helper.services import Services
from helper.store import StoreUnavailable
from helper.warnings.events import count_check, platform_day

log = logging.getLogger(__name__)

CHECK_PATH = "/v1/check/message"


def init(app: Flask, services: Services, background: bool) -> None:
    @app.after_request
    def _count_checks(response: Response) -> Response:
        if request.method == "POST" and request.path == CHECK_PATH and response.status_code == 200:
            day = platform_day(services.clock())
            response.call_on_close(lambda: _count(services, day))
        return response


def _count(services: Services, day: date) -> None:
    try:
        with services.store.write() as conn:
            count_check(conn, day)
    except StoreUnavailable as exc:
        log.warning("could not count a check: %s", exc)
