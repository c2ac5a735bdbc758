"""Complaints by hand and for the dashboard: POST/GET /v1/complaints, status changes, and the
seen orders a buyer can still complain about (GET /v1/orders/recent)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, jsonify, request
from flask.typing import ResponseReturnValue

from helper.api.body import (
    invalid,
    json_body,
    optional_str,
    optional_time,
    platform_named,
    query_int,
    require_str,
)
from helper.api.envelope import services
from helper.api.errors import ApiError
from helper.api.spec import operation
from helper.complaints import orders, service
from helper.complaints.rules import complaint_rules
from helper.complaints.tables import STATUSES

bp = Blueprint("complaints", __name__, url_prefix="/v1")

_TIME = {"type": "string", "format": "date-time"}
_NULLABLE_TIME = {"type": ["string", "null"], "format": "date-time"}
COMPLAINT_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["id", "platform", "type", "status", "received_at", "evidence_due_at"],
    "properties": {
        "id": {"type": "integer"},
        "platform": {"type": "string"},
        "platform_name": {"type": "string"},
        "case_id": {"type": ["string", "null"]},
        "type": {"type": "string"},
        "type_label": {"type": "string"},
        "buyer": {"type": ["object", "null"], "properties": {"masked": {"type": "string"}}},
        "order_id": {"type": ["string", "null"]},
        "received_at": _TIME,
        "status": {"enum": list(STATUSES)},
        "evidence_due_at": _TIME,
        "evidence_due_source": {"enum": ["page", "rule"]},
        "evidence_due_basis": {"enum": ["页面所示", "按规则推算"]},
        "evidence_due_rule_at": {**_NULLABLE_TIME, "description": "received + 3 days"},
        "evidence_due_page_text": {"type": ["string", "null"], "description": "as the page showed"},
        "evidence_due_counted_from": {
            **_NULLABLE_TIME,
            "description": "the capture time a countdown on the page was counted from",
        },
        "evidence_submitted_at": _NULLABLE_TIME,
        "decision_expected_from": _TIME,
        "decision_expected_by": _TIME,
        "provisional": {"type": "boolean"},
        "notice": {"type": ["string", "null"]},
        "source": {"enum": ["page", "manual"]},
        "reminders": {"type": "array", "items": {"type": "object"}},
    },
}
_ONE = {"type": "object", "required": ["complaint"], "properties": {"complaint": COMPLAINT_SCHEMA}}


@bp.post("/complaints")
@operation(
    "Add a complaint by hand, or update the one with the same platform and case_id.",
    request={
        "type": "object",
        "required": ["type"],
        "properties": {
            "platform": {"type": "string", "description": "id or name; default from settings"},
            "case_id": {"type": "string", "maxLength": 100},
            "type": {"type": "string", "description": "恶意骚扰 / 惡意騷擾 or a code"},
            "buyer": {"type": "string", "description": "nick or phone; stored hashed"},
            "order_id": {"type": "string", "maxLength": 64},
            "received_at": _TIME,
            "evidence_due_at": {**_TIME, "description": "the deadline the page states"},
            "status": {"type": "string", "description": "open, evidence_submitted, ..."},
        },
    },
    response={**_ONE, "properties": {**_ONE["properties"], "created": {"type": "boolean"}}},
    errors=(400, 413, 415, 422),
)
def add_complaint() -> ResponseReturnValue:
    body = json_body()
    svc = services()
    rules = complaint_rules(svc)
    platform = platform_named(optional_str(body, "platform", max_length=50))
    type_text = require_str(body, "type", max_length=100)
    type_code = rules.vocabulary.type_code(type_text)
    if type_code is None:
        known = ", ".join(rules.vocabulary.type_codes())
        raise invalid("type", f"不认识的投诉类型 {type_text!r}；可用：{known}")
    status = None
    if (status_text := optional_str(body, "status", max_length=50)) is not None:
        status = rules.vocabulary.status_code(status_text)
        if status is None:
            raise invalid("status", f"只能是 {', '.join(STATUSES)} 之一")
    case_id = optional_str(body, "case_id", max_length=100)
    outcome = service.save(
        svc,
        service.ComplaintInput(
            platform=platform,
            case_id=case_id.strip() if case_id else None,
            type_code=type_code,
            type_label=rules.vocabulary.type_label(type_code),
            buyer=optional_str(body, "buyer", max_length=100),
            order_id=optional_str(body, "order_id", max_length=64),
            received_at=optional_time(body, "received_at"),
            stated_evidence_due=optional_time(body, "evidence_due_at"),
            status=status,
            source="manual",
        ),
    )
    return jsonify({"complaint": outcome.complaint, "created": outcome.created})


@bp.get("/complaints")
@operation(
    "List complaints, most urgent first; ?status=open (or a comma-separated list) filters.",
    response={
        "type": "object",
        "required": ["complaints"],
        "properties": {"complaints": {"type": "array", "items": COMPLAINT_SCHEMA}},
    },
    errors=(422,),
)
def list_complaints() -> ResponseReturnValue:
    wanted = request.args.get("status")
    statuses = [s.strip() for s in wanted.split(",") if s.strip()] if wanted else None
    for status in statuses or []:
        if status not in STATUSES:
            raise invalid("status", f"只能是 {', '.join(STATUSES)} 之一，收到 {status!r}")
    return jsonify({"complaints": service.list_complaints(services(), statuses)})


@bp.get("/complaints/<id:complaint_id>")
@operation("One complaint with its deadlines and reminders.", response=_ONE, errors=(404,))
def show_complaint(complaint_id: int) -> ResponseReturnValue:
    try:
        return jsonify({"complaint": service.get(services(), complaint_id)})
    except service.ComplaintNotFound:
        raise _not_found(complaint_id) from None


@bp.post("/complaints/<id:complaint_id>/status")
@operation(
    "Change a complaint's status; evidence_submitted cancels its remaining reminders.",
    request={
        "type": "object",
        "required": ["status"],
        "properties": {"status": {"enum": list(STATUSES)}},
    },
    response={
        **_ONE,
        "properties": {**_ONE["properties"], "reminders_cancelled": {"type": "integer"}},
    },
    errors=(400, 404, 415, 422),
)
def change_status(complaint_id: int) -> ResponseReturnValue:
    body = json_body()
    svc = services()
    status_text = require_str(body, "status", max_length=50)
    status = complaint_rules(svc).vocabulary.status_code(status_text)
    if status is None:
        raise invalid("status", f"只能是 {', '.join(STATUSES)} 之一，收到 {status_text!r}")
    try:
        outcome = service.set_status(svc, complaint_id, status)
    except service.ComplaintNotFound:
        raise _not_found(complaint_id) from None
    return jsonify(
        {"complaint": outcome.complaint, "reminders_cancelled": outcome.reminders_cancelled}
    )


ORDER_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": [
        "platform",
        "order_id",
        "buyer_masked",
        "trade_status",
        "complaint_window_ends_at",
        "window_open",
        "days_left",
    ],
    "properties": {
        "platform": {"type": "string"},
        "order_id": {"type": "string"},
        "buyer_masked": {"type": ["string", "null"]},
        "trade_status": {"type": ["string", "null"], "description": "as the order page says"},
        "complaint_window_ends_at": _TIME,
        "window_open": {"type": "boolean"},
        "days_left": {
            "type": ["integer", "null"],
            "description": "whole days (rounded up) until the window closes; null once closed",
        },
    },
}


@bp.get("/orders/recent")
@operation(
    "Seen orders by buyer complaint window: open windows first (soonest end first), then "
    "the most recently closed; ?limit=N (1-500, default 50).",
    response={
        "type": "object",
        "required": ["orders"],
        "properties": {"orders": {"type": "array", "items": ORDER_SCHEMA}},
    },
    errors=(422,),
)
def recent_orders() -> ResponseReturnValue:
    limit = query_int("limit", 50, minimum=1, maximum=500)
    svc = services()
    return jsonify({"orders": orders.recent_orders(svc, svc.clock(), limit)})


def _not_found(complaint_id: int) -> ApiError:
    return ApiError(404, "complaint_not_found", f"没有编号为 {complaint_id} 的投诉")
