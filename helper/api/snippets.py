"""Page fragments from the extension (POST /v1/snippets) and site profiles
(POST /v1/sites/match)."""

from __future__ import annotations

from flask import Blueprint, jsonify
from flask.typing import ResponseReturnValue

from helper.api.body import json_body, optional_time, require_str
from helper.api.envelope import services
from helper.api.errors import ApiError
from helper.api.spec import operation
from helper.sites.bounds import TooComplex
from helper.sites.snippets import read_snippet, site_profiles

bp = Blueprint("snippets", __name__, url_prefix="/v1")

_MAX_URL = 4000
_LIST = {"type": "array", "items": {"type": "string"}}
PROFILE_SCHEMA = {
    "type": ["object", "null"],
    "properties": {
        "id": {"type": "string"},
        "platform": {"type": "string"},
        "page_kinds": _LIST,
        "editor_selectors": _LIST,
        "send_button_selectors": _LIST,
        "send_button_texts": _LIST,
        "call_button_selectors": _LIST,
        "buyer_selectors": _LIST,
        "snippet_selectors": _LIST,
    },
}


@bp.post("/snippets")
@operation(
    "Read a workbench page fragment: complaints, buyer messages, orders. An unknown page "
    "gives an empty answer; broken HTML gives what could be read.",
    request={
        "type": "object",
        "required": ["url", "html"],
        "properties": {
            "url": {"type": "string", "maxLength": _MAX_URL},
            "html": {"type": "string"},
            "captured_at": {"type": "string", "format": "date-time"},
        },
    },
    response={
        "type": "object",
        "required": ["recognized", "actions"],
        "properties": {
            "profile": {"type": ["object", "null"]},
            "recognized": {
                "type": "array",
                "items": {"type": "object"},
                "description": "kind complaint: {complaint, received_at_from_page, missing: the "
                "Chinese names of the fields the page did not show}; kind buyer_message; kind "
                "order",
            },
            "actions": {"type": "array", "items": {"type": "object"}},
        },
    },
    errors=(400, 413, 415, 422),
)
def snippet() -> ResponseReturnValue:
    body = json_body()
    svc = services()
    url = require_str(body, "url", max_length=_MAX_URL)
    html = body.get("html")
    if not isinstance(html, str):
        raise ApiError(422, "invalid_field", "html: 必须是字符串", extra={"field": "html"})
    limit = svc.settings.snippets.max_html_chars
    if len(html) > limit:
        raise ApiError(413, "too_large", f"html: 超过 {limit} 个字符的上限，请只发送相关的页面片段")
    captured_at = optional_time(body, "captured_at") or svc.clock()
    try:
        result = read_snippet(svc, url, html, captured_at)
    except TooComplex as exc:
        raise ApiError(422, "snippet_too_complex", str(exc), extra={"field": "html"}) from exc
    return jsonify(result.to_json())


@bp.post("/sites/match")
@operation(
    "Which site profile fits this page: selectors for the send guard, dial check and snippets.",
    request={
        "type": "object",
        "required": ["url"],
        "properties": {"url": {"type": "string", "maxLength": _MAX_URL}},
    },
    response={"type": "object", "required": ["profile"], "properties": {"profile": PROFILE_SCHEMA}},
    errors=(400, 413, 415, 422),
)
def match_site() -> ResponseReturnValue:
    body = json_body()
    url = require_str(body, "url", max_length=_MAX_URL)
    profile = site_profiles(services()).match(url)
    return jsonify({"profile": profile.for_extension() if profile else None})
