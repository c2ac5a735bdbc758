"""Contact checks over HTTP: may the agent call / text this buyer now, the contact log, buyer
messages (opt-out detection), history and the dashboard's recent list."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask import Blueprint, jsonify, request
from flask.typing import ResponseReturnValue

import helper.contacts.log as contact_log
from helper.api.body import (
    invalid,
    json_body,
    optional_bool,
    optional_choice,
    optional_int,
    optional_str,
    optional_time,
    platform_named,
    query_int,
    require_choice,
    require_str,
)
from helper.api.envelope import current_client, services
from helper.api.errors import ApiError
from helper.api.spec import operation
from helper.contacts import contact_rules, note_checker
from helper.contacts.buyers import parse_time_zone, update_buyer
from helper.contacts.history import history, recent
from helper.contacts.messages import record_buyer_message
from helper.contacts.policy import Verdict, iso
from helper.contacts.policy_rules import Policy
from helper.contacts.tables import CHANNELS, OUTCOMES
from helper.identity import BuyerRef

bp = Blueprint("contacts", __name__, url_prefix="/v1")

_TAGS = ("contacts",)
_BUYER_FIELD = {"type": "string", "minLength": 1, "maxLength": 200, "description": "nick or phone"}
_TIME_FIELD = {"type": "string", "description": "ISO 8601; without an offset: Beijing time"}
_REASON = {
    "type": "object",
    "required": ["rule_id", "message", "blocking"],
    "properties": {
        "rule_id": {"type": "string"},
        "message": {"type": "string"},
        "blocking": {"type": "boolean"},
        "until": {"type": ["string", "null"]},
    },
}
_BUYER = {
    "type": "object",
    "required": ["masked", "kind"],
    "properties": {
        "masked": {"type": "string"},
        "kind": {"enum": ["phone", "nick"]},
        "timezone": {"type": "string"},
        "identities": {"type": "array", "items": {"type": "string"}},
    },
}
# A limit the buyer set on contact (times in the buyer's local day; docs/contact-checks.md).
_RESTRICTION = {
    "type": "object",
    "required": ["kind", "scope", "excerpt", "at"],
    "properties": {
        "kind": {"enum": ["hours", "days", "date", "channel", "holidays"]},
        "scope": {"enum": ["all", "phone", "call", "sms"]},
        "allowed_from": {"type": ["string", "null"]},
        "allowed_until": {"type": ["string", "null"]},
        "days": {"type": "array", "items": {"type": "string"}},
        "not_before": {"type": ["string", "null"]},
        "holiday": {"type": ["string", "null"]},
        "excerpt": {"type": "string"},
        "at": {"type": ["string", "null"]},
        "rule_id": {"type": "string"},
    },
}
_VERDICT_PROPERTIES = {
    "verdict": {"enum": ["allow", "warn", "block"]},
    "reasons": {"type": "array", "items": _REASON},
    "next_allowed_at": {"type": ["string", "null"]},
    "buyer": _BUYER,
}
_ATTEMPT = {
    "type": "object",
    "properties": {
        "id": {"type": "integer"},
        "buyer": _BUYER,
        "channel": {"enum": list(CHANNELS)},
        "at": {"type": "string"},
        "outcome": {"enum": [*OUTCOMES, None]},
        "verdict": {"enum": ["allow", "warn", "block"]},
        "rule_ids": {"type": "array", "items": {"type": "string"}},
        "platform": {"type": "string"},
        "agent": {"type": "string"},
        "source": {"type": "string"},
    },
}
_CONTACT_REQUEST_PROPERTIES = {
    "buyer": _BUYER_FIELD,
    "channel": {"enum": list(CHANNELS)},
    "at": _TIME_FIELD,
    "platform": {"type": "string"},
    "note": {"type": "string", "maxLength": 2000, "description": "parcel note, checked only"},
}


def _buyer_ref(body: dict[str, Any], field: str = "buyer") -> BuyerRef:
    value = require_str(body, field, max_length=200)
    try:
        return services().hasher.buyer(value)
    except ValueError as exc:
        raise invalid(field, "不能为空") from exc


def _time(body: dict[str, Any], field: str = "at") -> datetime:
    """``at`` from the body, default now."""
    return optional_time(body, field) or services().clock()


def _policy(platform: str) -> Policy:
    return contact_rules(services()).policies.for_platform(platform)


def _verdict_json(verdict: Verdict, buyer: dict[str, Any]) -> dict[str, Any]:
    return {**verdict.to_json(), "buyer": buyer}


def _source() -> str:
    return "extension" if current_client().kind == "extension" else "api"


@bp.post("/contacts/check")
@operation(
    "May the agent contact this buyer on this channel now (or at `at`)? A dry run.",
    request={
        "type": "object",
        "required": ["buyer", "channel"],
        "properties": _CONTACT_REQUEST_PROPERTIES,
    },
    response={
        "type": "object",
        "required": ["verdict", "reasons", "next_allowed_at", "buyer"],
        "properties": _VERDICT_PROPERTIES,
    },
    errors=(400, 401, 413, 415, 422),
    tags=_TAGS,
)
def check() -> ResponseReturnValue:
    body = json_body()
    ref = _buyer_ref(body)
    channel = require_choice(body, "channel", CHANNELS)
    at = _time(body)
    platform = platform_named(optional_str(body, "platform", max_length=50)).id
    note = optional_str(body, "note", max_length=2000)
    verdict, buyer = contact_log.check(
        services().store,
        _policy(platform),
        ref,
        channel,
        at,
        note=note,
        note_checker=note_checker(services(), platform),
    )
    return jsonify(
        {**_verdict_json(verdict, buyer.to_json(ref)), "channel": channel, "at": iso(at)}
    )


@bp.post("/contacts/attempts")
@operation(
    "Record a contact attempt, checking it atomically with the record. With reserve, a "
    "blocked attempt is not recorded and the answer is 409 with the verdict.",
    request={
        "type": "object",
        "required": ["buyer", "channel"],
        "properties": {
            **_CONTACT_REQUEST_PROPERTIES,
            "outcome": {"enum": list(OUTCOMES)},
            "reserve": {"type": "boolean"},
        },
    },
    response={
        "type": "object",
        "required": ["attempt", "verdict", "reasons", "next_allowed_at", "buyer"],
        "properties": {"attempt": _ATTEMPT, **_VERDICT_PROPERTIES},
    },
    errors=(400, 401, 409, 413, 415, 422),
    tags=_TAGS,
)
def record_attempt() -> ResponseReturnValue:
    body = json_body()
    svc = services()
    ref = _buyer_ref(body)
    channel = require_choice(body, "channel", CHANNELS)
    outcome = optional_choice(body, "outcome", OUTCOMES)
    try:
        contact_log.check_outcome(channel, outcome)
    except contact_log.OutcomeError as exc:
        raise invalid("outcome", str(exc)) from None
    reserve = optional_bool(body, "reserve", False)
    platform = platform_named(optional_str(body, "platform", max_length=50)).id
    attempt_request = contact_log.AttemptRequest(
        buyer=ref,
        channel=channel,
        at=_time(body),
        platform=platform,
        agent=svc.agent,
        source=_source(),
        outcome=outcome,
        note=optional_str(body, "note", max_length=2000),
    )
    recorded = contact_log.record(
        svc.store,
        _policy(platform),
        attempt_request,
        reserve=reserve,
        now=svc.clock(),
        note_checker=note_checker(svc, platform),
    )
    answer = _verdict_json(recorded.verdict, recorded.buyer.to_json(ref))
    if recorded.attempt is None:
        first = next(reason for reason in recorded.verdict.reasons if reason.blocking)
        raise ApiError(409, "contact_blocked", first.message, extra=answer)
    return jsonify({"attempt": recorded.attempt, **answer})


@bp.post("/contacts/attempts/<id:attempt_id>/outcome")
@operation(
    "Report how a recorded or reserved attempt went.",
    request={
        "type": "object",
        "required": ["outcome"],
        "properties": {"outcome": {"enum": list(OUTCOMES)}},
    },
    response={"type": "object", "required": ["attempt"], "properties": {"attempt": _ATTEMPT}},
    errors=(400, 401, 404, 415, 422),
    tags=_TAGS,
)
def report_outcome(attempt_id: int) -> ResponseReturnValue:
    outcome = require_choice(json_body(), "outcome", OUTCOMES)
    svc = services()
    try:
        attempt = contact_log.set_outcome(svc.store, attempt_id, outcome, svc.clock())
    except contact_log.OutcomeError as exc:
        raise invalid("outcome", str(exc)) from None
    if attempt is None:
        raise _no_attempt(attempt_id)
    return jsonify({"attempt": attempt})


def _no_attempt(attempt_id: int) -> ApiError:
    return ApiError(404, "not_found", f"没有编号为 {attempt_id} 的联系记录")


@bp.post("/contacts/history")
@operation(
    "One buyer's contact history, opt-outs and message effects, masked, newest first.",
    request={
        "type": "object",
        "required": ["buyer"],
        "properties": {
            "buyer": _BUYER_FIELD,
            "limit": {"type": "integer", "minimum": 1, "maximum": 1000},
        },
    },
    response={
        "type": "object",
        "required": ["buyer", "attempts", "opt_outs", "messages"],
        "properties": {
            "buyer": _BUYER,
            "attempts": {"type": "array", "items": _ATTEMPT},
            "opt_outs": {"type": "array", "items": {"type": "object"}},
            "messages": {"type": "array", "items": {"type": "object"}},
            "restrictions": {"type": "array", "items": _RESTRICTION},
        },
    },
    errors=(400, 401, 415, 422),
    tags=_TAGS,
)
def buyer_history() -> ResponseReturnValue:
    body = json_body()
    ref = _buyer_ref(body)
    limit = optional_int(body, "limit", 200, minimum=1, maximum=1000)
    return jsonify(history(services().store, ref, limit))


@bp.get("/contacts/recent")
@operation(
    "Recently contacted buyers (masked) with today's and the 7-day counts against the caps, "
    "the last attempt, the opt-out state and the limits they set (buyers with a limit in "
    "force are listed too). Query: platform, limit.",
    response={
        "type": "object",
        "required": ["buyers"],
        "properties": {"buyers": {"type": "array", "items": {"type": "object"}}},
    },
    errors=(401, 422),
    tags=_TAGS,
)
def recent_buyers() -> ResponseReturnValue:
    platform = platform_named(request.args.get("platform")).id
    limit = query_int("limit", 50, minimum=1, maximum=500)
    svc = services()
    now = svc.clock()
    buyers = recent(svc.store, _policy(platform), now, limit)
    return jsonify({"buyers": buyers, "platform": platform, "now": iso(now)})


@bp.post("/buyer-messages")
@operation(
    "Record a buyer's message and what it means for contact (opt-out, opt-in, call back "
    "later). The text is scanned, not stored.",
    request={
        "type": "object",
        "required": ["buyer", "text"],
        "properties": {
            "buyer": _BUYER_FIELD,
            "text": {"type": "string", "minLength": 1, "maxLength": 10000},
            "at": _TIME_FIELD,
            "source": {"type": "string", "maxLength": 40},
        },
    },
    response={
        "type": "object",
        "required": ["opt_out", "opt_in", "callback_after"],
        "properties": {
            "opt_out": {"type": "boolean"},
            "opt_in": {"type": "boolean"},
            "callback_after": {"type": ["string", "null"]},
            "scope": {"enum": ["all", "phone", "call", "sms", None]},
            "restrictions": {"type": "array", "items": _RESTRICTION},
        },
    },
    errors=(400, 401, 413, 415, 422),
    tags=_TAGS,
)
def buyer_message() -> ResponseReturnValue:
    body = json_body()
    svc = services()
    buyer = require_str(body, "buyer", max_length=200)
    text = require_str(body, "text", max_length=10000)
    at = _time(body)
    source = optional_str(body, "source", max_length=40) or _source()
    effect = record_buyer_message(svc, buyer, text, at, source)
    return jsonify(effect.to_json())


@bp.post("/contacts/buyers")
@operation(
    "Set a buyer's time zone (quiet hours follow the buyer's local time) and/or link a second "
    "identity (nick and phone) so that both share one history.",
    request={
        "type": "object",
        "required": ["buyer"],
        "properties": {
            "buyer": _BUYER_FIELD,
            "timezone": {"type": "string", "description": "IANA zone, e.g. America/New_York"},
            "link": _BUYER_FIELD,
        },
    },
    response={"type": "object", "required": ["buyer"], "properties": {"buyer": _BUYER}},
    errors=(400, 401, 415, 422),
    tags=_TAGS,
)
def buyer_profile() -> ResponseReturnValue:
    body = json_body()
    svc = services()
    ref = _buyer_ref(body)
    zone_name = optional_str(body, "timezone", max_length=64)
    other = _buyer_ref(body, "link") if body.get("link") is not None else None
    try:
        zone = parse_time_zone(zone_name) if zone_name else None
    except ValueError as exc:
        raise invalid("timezone", str(exc)) from None
    if zone is None and other is None:
        raise ApiError(
            422, "invalid_field", "需要 timezone 或 link 之一", extra={"field": "timezone"}
        )
    with svc.store.write() as conn:
        info = update_buyer(conn, ref, svc.clock(), zone=zone, other=other)
    return jsonify({"buyer": info.to_json(ref)})
