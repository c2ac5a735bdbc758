"""Reminders for the extension and the dashboard: custom reminders, the per-client queue,
ack and snooze, and the day's list."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from flask import Blueprint, jsonify, request
from flask.typing import ResponseReturnValue

from helper.api.body import (
    invalid,
    json_body,
    optional_id,
    optional_str,
    parse_day,
    parse_time,
    require_str,
)
from helper.api.envelope import current_client, services
from helper.api.errors import ApiError
from helper.api.spec import operation
from helper.complaints import service as complaint_service
from helper.reminders import service as reminder_rows
from helper.reminders.tables import LIVE_STATES, STATES
from helper.services import Services
from helper.times import PLATFORM_TZ

bp = Blueprint("reminders", __name__, url_prefix="/v1")

MAX_SNOOZE_MINUTES = 24 * 60
# Custom reminders may lie at most this far back (a clock a little off) or ahead.
_MAX_PAST = timedelta(days=1)
_MAX_FUTURE = timedelta(days=366)

REMINDER_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["id", "title", "body", "at", "complaint_id", "overdue"],
    "properties": {
        "id": {"type": "integer"},
        "title": {"type": "string"},
        "body": {"type": "string"},
        "at": {"type": "string", "format": "date-time"},
        "complaint_id": {"type": ["integer", "null"]},
        "overdue": {"type": "boolean"},
        "state": {"enum": list(STATES)},
        "kind": {"enum": ["evidence", "custom"]},
    },
}
_ONE = {"type": "object", "required": ["reminder"], "properties": {"reminder": REMINDER_SCHEMA}}
_MANY = {
    "type": "object",
    "required": ["reminders"],
    "properties": {"reminders": {"type": "array", "items": REMINDER_SCHEMA}},
}


@bp.post("/reminders")
@operation(
    "Set a custom reminder (e.g. call the buyer back at 15:00); any time to the second.",
    request={
        "type": "object",
        "required": ["at", "title"],
        "properties": {
            "at": {"type": "string", "format": "date-time"},
            "title": {"type": "string", "maxLength": 200},
            "body": {"type": "string", "maxLength": 2000},
            "complaint_id": {"type": "integer"},
        },
    },
    response=_ONE,
    errors=(400, 404, 413, 415, 422),
)
def create_reminder() -> ResponseReturnValue:
    body = json_body()
    svc = services()
    now = svc.clock()
    due_at = parse_time(require_str(body, "at", max_length=50), "at")
    if not now - _MAX_PAST <= due_at <= now + _MAX_FUTURE:
        raise invalid("at", "提醒时间须在过去 1 天到未来 1 年之内")
    complaint_id = optional_id(body, "complaint_id")
    if complaint_id is not None:
        try:
            complaint_service.get(svc, complaint_id)
        except complaint_service.ComplaintNotFound:
            raise ApiError(
                404, "complaint_not_found", f"没有编号为 {complaint_id} 的投诉"
            ) from None
    with svc.store.write() as conn:
        reminder_id = reminder_rows.create(
            conn,
            due_at=due_at,
            title=require_str(body, "title", max_length=200).strip(),
            body=(optional_str(body, "body", max_length=2000) or "").strip(),
            now=now,
            complaint_id=complaint_id,
        )
        reminder = reminder_rows.get(conn, reminder_id)
    reminder_rows.resync(svc)
    return jsonify({"reminder": _json(svc, reminder)})


@bp.post("/reminders/due")
@operation(
    "The due reminders this client has not acknowledged. Each stays 'delivered, "
    "unacknowledged' until the client acks it, and is handed out again every "
    "`[reminders] redeliver_seconds` (30) until then: at least once, never lost.",
    request={"type": "object"},
    response=_MANY,
    errors=(400, 415),
)
def due_reminders() -> ResponseReturnValue:
    json_body()
    svc = services()
    now = svc.clock()
    with svc.store.write() as conn:
        found = reminder_rows.take_due_for_client(
            conn,
            current_client().id,
            now,
            timedelta(seconds=svc.settings.reminders.redeliver_seconds),
            svc.agent,
        )
    return jsonify({"reminders": [_json(svc, reminder) for reminder in found]})


@bp.post("/reminders/<id:reminder_id>/ack")
@operation(
    "The reminder was shown to the agent: closed, and never handed out again. Acking an "
    "acknowledged reminder again answers 200 (a retried ack whose answer was lost).",
    response=_ONE,
    errors=(404, 409),
)
def ack_reminder(reminder_id: int) -> ResponseReturnValue:
    svc = services()
    with svc.store.write() as conn:
        _live(conn, reminder_id, closed_ok=("acked",))
        reminder = reminder_rows.ack(
            conn,
            reminder_id,
            svc.clock(),
            current_client().id,
            agent=svc.agent,
            close=not svc.store.shared,
        )
    reminder_rows.resync(svc)
    return jsonify({"reminder": _json(svc, reminder)})


@bp.post("/reminders/<id:reminder_id>/snooze")
@operation(
    "Remind again in `minutes` (a number, fractions allowed); every client gets it again.",
    request={
        "type": "object",
        "required": ["minutes"],
        "properties": {
            "minutes": {"type": "number", "exclusiveMinimum": 0, "maximum": MAX_SNOOZE_MINUTES}
        },
    },
    response=_ONE,
    errors=(400, 404, 409, 415, 422),
)
def snooze_reminder(reminder_id: int) -> ResponseReturnValue:
    body = json_body()
    minutes = body.get("minutes")
    if isinstance(minutes, bool) or not isinstance(minutes, int | float):
        raise invalid("minutes", "必须是数字（分钟）")
    if not 0 < minutes <= MAX_SNOOZE_MINUTES:
        raise invalid("minutes", f"必须大于 0 且不超过 {MAX_SNOOZE_MINUTES}")
    svc = services()
    until = svc.clock() + timedelta(minutes=minutes)
    with svc.store.write() as conn:
        _live(conn, reminder_id)
        reminder = reminder_rows.snooze(conn, reminder_id, until)
    reminder_rows.resync(svc)
    return jsonify({"reminder": _json(svc, reminder)})


@bp.get("/reminders")
@operation(
    "Reminders due on one day (platform time): ?day=today or ?day=YYYY-MM-DD.",
    response=_MANY,
    errors=(422,),
)
def day_reminders() -> ResponseReturnValue:
    svc = services()
    day_text = request.args.get("day", "today")
    if day_text == "today":
        day = svc.clock().astimezone(PLATFORM_TZ).date()
    else:
        day = parse_day(day_text, "day")
    start = datetime.combine(day, time.min, PLATFORM_TZ)
    with svc.store.read() as conn:
        found = reminder_rows.between(conn, start, start + timedelta(days=1))
    return jsonify({"reminders": [_json(svc, reminder) for reminder in found]})


def _live(conn: Any, reminder_id: int, closed_ok: tuple[str, ...] = ()) -> None:
    reminder = reminder_rows.get(conn, reminder_id)
    if reminder is None:
        raise ApiError(404, "reminder_not_found", f"没有编号为 {reminder_id} 的提醒")
    if reminder.state not in LIVE_STATES and reminder.state not in closed_ok:
        state = "已处理" if reminder.state == "acked" else "已取消"
        raise ApiError(409, "reminder_closed", f"提醒 {reminder_id} {state}")


def _json(svc: Services, reminder: Any) -> dict[str, Any]:
    overdue_after = timedelta(seconds=svc.settings.reminders.overdue_after_seconds)
    return reminder.to_json(svc.clock(), overdue_after)
