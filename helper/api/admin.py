"""/v1/admin/*: status, stop, pause and pairing codes for programs of the same OS user.

These need the serving run's control token (helper.runstate), not a client token: only a
program that can read the owner-only run file in the data directory (``helper status|stop``,
the tray) may stop or pause the helper. Host and Origin are checked by the envelope as for
every request. Outside ``helper serve`` (tests, one-shot commands) there is no run and these
answer 403.
"""

from __future__ import annotations

import hmac
import threading
from datetime import UTC, datetime, timedelta

from flask import Blueprint, jsonify, request
from flask.typing import ResponseReturnValue
from sqlalchemy import text

from helper.api.body import json_body, optional_int
from helper.api.envelope import services
from helper.api.errors import ApiError
from helper.api.spec import operation
from helper.auth.pairing import create_code
from helper.services import Services

bp = Blueprint("admin", __name__, url_prefix="/v1/admin")

# The answer to POST /stop leaves before the server shuts down.
_STOP_DELAY_SECONDS = 0.3
MAX_PAUSE_MINUTES = 24 * 60

_STATUS = {
    "type": "object",
    "required": ["pid", "port", "version", "started_at", "uptime_seconds", "store", "rules"],
    "properties": {
        "pid": {"type": "integer"},
        "port": {"type": "integer"},
        "version": {"type": "string"},
        "started_at": {"type": "string", "format": "date-time"},
        "uptime_seconds": {"type": "integer"},
        "store": {
            "type": "object",
            "properties": {"dialect": {"type": "string"}, "ok": {"type": "boolean"}},
        },
        "rules": {
            "type": "object",
            "properties": {
                "status": {"enum": ["ok", "degraded"]},
                "problems": {"type": "array", "items": {"type": "string"}},
            },
        },
        "checks_paused_until": {"type": ["string", "null"], "format": "date-time"},
    },
}


def _require_control() -> Services:
    svc = services()
    run = svc.run
    if run is None:
        raise ApiError(403, "no_control", "只有正在运行的 helper serve 接受管理请求")
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        token.strip().encode(), run.control_token.encode()
    ):
        raise ApiError(401, "unauthorized", "管理请求需要本次运行的控制令牌")
    return svc


def paused_until(svc: Services) -> datetime | None:
    """When paused message checks resume, or None when they are not paused."""
    until = svc.checks_paused_until
    return until if until is not None and until > svc.clock() else None


def _iso(moment: datetime | None) -> str | None:
    return moment.astimezone(UTC).isoformat() if moment else None


@bp.get("/status")
@operation("The running helper: pid, port, version, uptime, store and rules state.", auth=False)
def status() -> ResponseReturnValue:
    svc = _require_control()
    run = svc.run
    assert run is not None
    now = svc.clock()
    try:
        with svc.store.read() as conn:
            conn.execute(text("SELECT 1"))
        store_ok = True
    except Exception:  # any failure is what status reports, not a 500
        store_ok = False
    problems = sorted(svc.problems.values())
    return jsonify(
        {
            "pid": run.pid,
            "port": run.port,
            "version": run.version,
            "started_at": _iso(run.started_at),
            "uptime_seconds": int((now - run.started_at).total_seconds()),
            "store": {"dialect": svc.store.dialect, "ok": store_ok},
            "rules": {"status": "degraded" if problems else "ok", "problems": problems},
            "checks_paused_until": _iso(paused_until(svc)),
        }
    )


@bp.post("/stop")
@operation("Stop the helper cleanly (as Ctrl+C does), after answering.", auth=False)
def stop() -> ResponseReturnValue:
    svc = _require_control()
    json_body()
    if svc.request_stop is None:
        raise ApiError(403, "no_control", "只有正在运行的 helper serve 接受管理请求")
    threading.Timer(_STOP_DELAY_SECONDS, svc.request_stop).start()
    return jsonify({"stopping": True})


@bp.post("/pause")
@operation(
    "Pause message checks for some minutes (0 resumes them).",
    auth=False,
    request={"type": "object", "properties": {"minutes": {"type": "integer"}}},
    errors=(400, 401, 403, 415, 422),
)
def pause() -> ResponseReturnValue:
    svc = _require_control()
    minutes = optional_int(json_body(), "minutes", 15, minimum=0, maximum=MAX_PAUSE_MINUTES)
    svc.checks_paused_until = svc.clock() + timedelta(minutes=minutes) if minutes else None
    return jsonify({"checks_paused_until": _iso(paused_until(svc))})


@bp.post("/pair-code")
@operation("A new pairing code, as `helper pair --no-wait` prints it.", auth=False)
def pair_code() -> ResponseReturnValue:
    svc = _require_control()
    json_body()
    _, code, expires_at = create_code(svc.store, svc.hasher, svc.settings.pairing, svc.clock())
    return jsonify({"code": code, "expires_at": _iso(expires_at)})
