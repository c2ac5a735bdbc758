"""What the agent did after a warning (POST /v1/warnings, GET /v1/warnings/recent) and
today's counts for the extension's popup (GET /v1/stats/today)."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from flask import Blueprint, jsonify
from flask.typing import ResponseReturnValue

from helper.api.body import (
    invalid,
    json_body,
    optional_str,
    optional_time,
    query_int,
    require_choice,
)
from helper.api.envelope import current_client, services
from helper.api.spec import operation
from helper.warnings import events
from helper.warnings.stats import today

bp = Blueprint("warnings", __name__, url_prefix="/v1")

_RULE_ID = re.compile(r"^[A-Za-z0-9_.\-]{1,100}$")
_PLATFORM = re.compile(r"^[a-z0-9_]{1,40}$")
_HOST = re.compile(r"^[A-Za-z0-9.\-]{1,255}$")
_MAX_RULE_IDS = 20
_DEFAULT_RECENT = 20
_MAX_RECENT = 200
_TOP_RULES = 10
_MAX_KEPT = 2000
_FIELDS = {"rule_ids", "verdict", "action", "platform", "site", "at", "buyer", "kept_text"}

_EVENT_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["id", "at", "platform", "rule_ids", "verdict", "action"],
    "properties": {
        "id": {"type": "integer"},
        "at": {"type": "string", "format": "date-time"},
        "client_id": {"type": ["integer", "null"]},
        "platform": {"type": "string"},
        "site": {"type": ["string", "null"]},
        "rule_ids": {"type": "array", "items": {"type": "string"}},
        "verdict": {"enum": list(events.VERDICTS)},
        "action": {"enum": list(events.ACTIONS)},
        "text_kept": {"type": "boolean"},
    },
}


@bp.post("/warnings")
@operation(
    "Record what the agent did after a warning. Never send the message text.",
    request={
        "type": "object",
        "required": ["rule_ids", "verdict", "action", "platform"],
        "properties": {
            "rule_ids": {
                "type": "array",
                "minItems": 1,
                "maxItems": _MAX_RULE_IDS,
                "items": {"type": "string", "pattern": _RULE_ID.pattern},
            },
            "verdict": {"enum": list(events.VERDICTS)},
            "action": {"enum": list(events.ACTIONS)},
            "platform": {"type": "string", "pattern": _PLATFORM.pattern},
            "site": {"type": "string", "description": "host name of the page, no path"},
            "at": {"type": "string", "format": "date-time"},
            "buyer": {"type": "string", "description": "nick or phone; stored only hashed"},
            "kept_text": {
                "type": "string",
                "maxLength": _MAX_KEPT,
                "description": "the draft, only when the agent chose to keep it as evidence",
            },
        },
        "additionalProperties": False,
    },
    response={"type": "object", "required": ["warning"], "properties": {"warning": _EVENT_SCHEMA}},
    errors=(400, 413, 415, 422),
)
def record_warning() -> ResponseReturnValue:
    body = json_body()
    unknown = sorted(set(body) - _FIELDS)
    if unknown:
        # Refuse extra fields, so that message text sent by mistake is never stored anywhere:
        # text is kept only under kept_text, which the agent chooses explicitly.
        raise invalid(unknown[0], "不认识的字段；只记录规则编号、结论和处理方式，不记录消息内容")
    rule_ids = _rule_ids(body.get("rule_ids"))
    verdict = require_choice(body, "verdict", events.VERDICTS)
    action = require_choice(body, "action", events.ACTIONS)
    platform = _require_pattern(body, "platform", _PLATFORM, "小写字母、数字或下划线")
    site = optional_str(body, "site", max_length=255)
    if site is not None and not _HOST.match(site):
        raise invalid("site", "只能是网页的主机名，例如 myseller.taobao.com")
    svc = services()
    buyer = optional_str(body, "buyer", max_length=100)
    buyer_key = svc.hasher.buyer(buyer).key if buyer and buyer.strip() else None
    kept_text = optional_str(body, "kept_text", max_length=_MAX_KEPT)
    at = optional_time(body, "at") or svc.clock()
    with svc.store.write() as conn:
        event = events.record(
            conn,
            at=at,
            client_id=current_client().id,
            agent=svc.agent,
            platform=platform,
            site=site.lower() if site else None,
            rule_ids=rule_ids,
            verdict=verdict,
            action=action,
            buyer_key=buyer_key,
            kept_text=kept_text if kept_text and kept_text.strip() else None,
        )
    return jsonify({"warning": event.to_json()})


@bp.get("/warnings/recent")
@operation(
    "The last warnings and what the agent did, newest first (`?limit=`, default 20, max 200).",
    response={
        "type": "object",
        "required": ["warnings"],
        "properties": {"warnings": {"type": "array", "items": _EVENT_SCHEMA}},
    },
    errors=(422,),
)
def recent_warnings() -> ResponseReturnValue:
    limit = query_int("limit", _DEFAULT_RECENT, minimum=1, maximum=_MAX_RECENT)
    svc = services()
    with svc.store.read() as conn:
        found = events.recent(conn, limit)
    return jsonify({"warnings": [event.to_json() for event in found]})


@bp.get("/warnings/overruled")
@operation(
    "The rules most often ignored or sent anyway in the last `days` days (default 7, at most "
    "90): where the rules may be wrong for this shop. Top 10.",
    response={
        "type": "object",
        "required": ["since", "rules"],
        "properties": {
            "since": {"type": "string", "format": "date-time"},
            "rules": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["rule_id", "ignored", "sent_anyway", "total"],
                    "properties": {
                        "rule_id": {"type": "string"},
                        "scene": {"type": ["string", "null"]},
                        "message": {"type": ["string", "null"]},
                        "ignored": {"type": "integer"},
                        "sent_anyway": {"type": "integer"},
                        "total": {"type": "integer"},
                    },
                },
            },
        },
    },
    errors=(422,),
)
def overruled_rules() -> ResponseReturnValue:
    days = query_int("days", 7, minimum=1, maximum=90)
    svc = services()
    since = svc.clock() - timedelta(days=days)
    with svc.store.read() as conn:
        found = events.overruled_since(conn, since, _TOP_RULES)
    rules = svc.message_engine.rules.rules if svc.message_engine is not None else {}
    for item in found:
        rule = rules.get(item["rule_id"])
        item["scene"] = rule.scene if rule else None
        item["message"] = rule.message if rule else None
    return jsonify({"since": since.isoformat(), "rules": found})


@bp.get("/stats/today")
@operation(
    "Today's counts (platform day, Asia/Shanghai) for the popup: drafts checked, warnings "
    "decided (each finding once), sent anyway, fixed, ignored, buyer contacts, open "
    "complaints.",
    response={
        "type": "object",
        "required": [
            "day",
            "checks",
            "warnings",
            "sent_anyway",
            "contacts_today",
            "open_complaints",
        ],
        "properties": {
            "day": {"type": "string", "format": "date"},
            "checks": {"type": "integer"},
            "warnings": {"type": "integer"},
            "sent_anyway": {"type": "integer"},
            "fixed": {"type": "integer", "description": "edited, replaced or rewritten"},
            "ignored": {"type": "integer", "description": "ignored once or allowed always"},
            "contacts_today": {"type": "integer"},
            "open_complaints": {"type": "integer"},
        },
    },
)
def stats_today() -> ResponseReturnValue:
    return jsonify(today(services()))


def _rule_ids(value: object) -> list[str]:
    if not isinstance(value, list) or not value:
        raise invalid("rule_ids", "必须是非空的规则编号列表")
    if len(value) > _MAX_RULE_IDS:
        raise invalid("rule_ids", f"最多 {_MAX_RULE_IDS} 个规则编号")
    for item in value:
        if not isinstance(item, str) or not _RULE_ID.match(item):
            raise invalid("rule_ids", f"规则编号格式不对：{str(item)[:40]!r}")
    return list(dict.fromkeys(value))


def _require_pattern(body: dict[str, Any], field: str, pattern: re.Pattern[str], what: str) -> str:
    value = body.get(field)
    if value is None:
        raise invalid(field, "缺少此字段")
    if not isinstance(value, str) or not pattern.match(value):
        raise invalid(field, f"只能由{what}组成")
    return value
