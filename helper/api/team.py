"""GET /v1/team/today: the dashboard's team view (per-agent counts, buyers near a cap)."""

from __future__ import annotations

from flask import Blueprint, jsonify, request
from flask.typing import ResponseReturnValue

from helper.api.body import platform_named
from helper.api.envelope import services
from helper.api.spec import operation
from helper.contacts import contact_rules
from helper.contacts.policy import iso
from helper.team.views import agents_today, near_caps
from helper.warnings.events import platform_day

bp = Blueprint("team", __name__, url_prefix="/v1")

_COUNT = {"type": "integer", "minimum": 0}
_AGENT = {
    "type": "object",
    "required": ["agent", "contacts", "buyers", "contacts_blocked", "warnings", "sent_anyway"],
    "properties": {
        "agent": {"type": "string"},
        "contacts": _COUNT,
        "buyers": _COUNT,
        "contacts_blocked": _COUNT,
        "warnings": _COUNT,
        "sent_anyway": _COUNT,
    },
}
_NEAR_CAP = {
    "type": "object",
    "required": ["buyer", "caps", "at_cap"],
    "properties": {
        "buyer": {
            "type": "object",
            "properties": {
                "masked": {"type": "string"},
                "identities": {"type": "array", "items": {"type": "string"}},
            },
        },
        "caps": {"type": "array", "items": {"type": "object"}},
        "at_cap": {"type": "boolean"},
        "last_agent": {"type": ["string", "null"]},
        "last_at": {"type": ["string", "null"]},
    },
}


@bp.get("/team/today")
@operation(
    "Today's contacts and warnings per agent, and buyers (masked) at or one contact short of "
    "a cap, from the shared store. Query: platform (whose caps).",
    response={
        "type": "object",
        "required": ["team", "agent", "day", "agents", "near_cap"],
        "properties": {
            "team": {"type": "boolean", "description": "true on a shared team database"},
            "agent": {"type": "string", "description": "this helper's agent"},
            "day": {"type": "string"},
            "now": {"type": "string"},
            "agents": {"type": "array", "items": _AGENT},
            "near_cap": {"type": "array", "items": _NEAR_CAP},
        },
    },
    errors=(401, 422, 503),
    tags=("team",),
)
def team_today() -> ResponseReturnValue:
    svc = services()
    platform = platform_named(request.args.get("platform")).id
    policy = contact_rules(svc).policies.for_platform(platform)
    now = svc.clock()
    return jsonify(
        {
            "team": svc.settings.team_mode,
            "agent": svc.agent,
            "day": platform_day(now).isoformat(),
            "now": iso(now),
            "agents": agents_today(svc.store, now),
            "near_cap": near_caps(svc.store, policy, now),
        }
    )
