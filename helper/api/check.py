"""POST /v1/check/message: the warning an agent sees while typing."""

from __future__ import annotations

import time

from flask import Blueprint, jsonify
from flask.typing import ResponseReturnValue

from helper.api.admin import paused_until
from helper.api.body import json_body, optional_str, require_str
from helper.api.envelope import services
from helper.api.errors import ApiError
from helper.api.spec import operation
from helper.checks.message import UnknownPlatform
from helper.checks.message.engine import MessageEngine
from helper.guard.service import shop_settings
from helper.platforms import ADVISORY, SCENES, SEVERITIES

bp = Blueprint("check", __name__, url_prefix="/v1")

_PENALTY = {
    "type": ["object", "null"],
    "properties": {
        "points": {"type": ["integer", "null"]},
        "payout_yuan": {"type": ["integer", "null"]},
        "summary": {"type": "string"},
        "source": {"type": "string"},
        "effective": {"type": ["string", "null"], "format": "date"},
        "verified": {"type": "boolean"},
    },
}
FINDING_SCHEMA = {
    "type": "object",
    "required": [
        "rule_id",
        "scene",
        "severity",
        "category",
        "term",
        "allowable",
        "verdict",
        "start",
        "end",
        "start_cp",
        "end_cp",
        "match",
    ],
    "properties": {
        "rule_id": {"type": "string"},
        "scene": {
            "enum": list(SCENES),
            "description": "tone (服务态度) is advisory: no platform penalty, never blocks",
        },
        "severity": {"enum": [*SEVERITIES, ADVISORY]},
        "category": {
            "type": "string",
            "description": 'the lexicon category or the rule\'s kind, e.g. "profanity"',
        },
        "term": {
            "type": "string",
            "description": "the canonical term (or rule id) the match stands for; what an "
            "allowance names",
        },
        "allowable": {
            "type": "boolean",
            "description": "whether a shop may allow it away; false for every threat",
        },
        "verdict": {
            "enum": ["block", "warn"],
            "description": "what this finding does to the send: block holds it; warn (tone, or "
            "a lone sound-alike reading aimed at no one) only reminds",
        },
        "start": {"type": "integer", "description": "UTF-16 code units (JavaScript)"},
        "end": {"type": "integer"},
        "start_cp": {"type": "integer", "description": "code points"},
        "end_cp": {"type": "integer"},
        "match": {"type": "string"},
        "message": {"type": "string"},
        "why": {"type": "string"},
        "penalty": {**_PENALTY, "description": "null for tone: no platform penalises it"},
        "suggestion": {
            "type": "string",
            "description": "a whole polite reply to send instead of the draft; may hold "
            "placeholders in 【】 for the agent to fill in",
        },
        "replacement": {
            "type": ["string", "null"],
            "description": 'the text that stands in place of [start, end) ("" deletes '
            "it), or null when the rule offers no in-place fix",
        },
    },
}
RESULT_SCHEMA = {
    "type": "object",
    "required": ["text", "verdict", "platform", "findings"],
    "properties": {
        "text": {"type": "string"},
        "verdict": {
            "enum": ["ok", "warn", "block"],
            "description": "block: a finding in one of the four penalised scenes; warn: only "
            "tone (服务态度) findings; ok: none",
        },
        "platform": {"type": ["string", "null"]},
        "findings": {"type": "array", "items": FINDING_SCHEMA},
        "elapsed_ms": {"type": "number"},
        "checks_paused_until": {
            "type": "string",
            "format": "date-time",
            "description": "present while the agent paused checks: the text was not checked",
        },
    },
}


def engine() -> MessageEngine:
    found = services().message_engine
    if found is None:  # only if the feature init did not run: a bug, not bad input
        raise ApiError(503, "checks_unavailable", "消息检查尚未就绪")
    return found


@bp.post("/check/message")
@operation(
    "Check a draft message against the harassment rules before it is sent. Findings the "
    "shop allowed (/v1/allowances) or its product categories permit (/v1/shop/profile) are "
    "left out; without `platform` the first platform of the shop profile is used.",
    request={
        "type": "object",
        "required": ["text"],
        "properties": {
            "text": {"type": "string", "minLength": 1},
            "platform": {"type": "string", "description": "taobao, tmall, tmall_intl, 1688"},
        },
    },
    response=RESULT_SCHEMA,
    errors=(400, 401, 413, 415, 422),
    tags=("checks",),
)
def check_message() -> ResponseReturnValue:
    started = time.perf_counter()
    body = json_body()
    text = require_str(body, "text", max_length=services().settings.checks.max_message_chars)
    platform = optional_str(body, "platform", max_length=100)
    if (until := paused_until(services())) is not None:
        return jsonify(
            {
                "text": text,
                "verdict": "ok",
                "platform": platform,
                "findings": [],
                "checks_paused_until": until.isoformat(),
            }
        )
    try:
        # The engine, then the shop's allowances and profile (helper.guard.service).
        result = shop_settings(services()).get().check(engine(), text, platform)
    except UnknownPlatform as exc:
        raise ApiError(
            422,
            "unknown_platform",
            str(exc),
            extra={"field": "platform", "known": list(exc.known)},
        ) from exc
    reply = result.to_json()
    reply["elapsed_ms"] = round((time.perf_counter() - started) * 1000, 3)
    return jsonify(reply)
