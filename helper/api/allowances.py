"""「以后不再提示」 and the shop profile: /v1/allowances (list, add, edit, remove) and
/v1/shop/profile (read, replace). Both change what POST /v1/check/message answers."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, jsonify
from flask.typing import ResponseReturnValue

from helper.api.body import invalid, json_body, optional_str
from helper.api.envelope import current_client, services
from helper.api.errors import ApiError
from helper.api.spec import operation
from helper.guard import allowances, profile
from helper.guard.categories import load_categories
from helper.guard.rules import AllowanceRefused, check_allowable
from helper.guard.service import shop_settings
from helper.guard.silences import silences

bp = Blueprint("allowances", __name__, url_prefix="/v1")

_ALLOWANCE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["id", "term", "rule_id", "added_by", "created_at", "updated_at"],
    "properties": {
        "id": {"type": "integer"},
        "rule_id": {"type": ["string", "null"], "description": "null: every allowable rule"},
        "term": {"type": "string"},
        "note": {"type": ["string", "null"]},
        "added_by": {"type": "string"},
        "created_at": {"type": "string", "format": "date-time"},
        "updated_at": {"type": "string", "format": "date-time"},
        "silences": {
            "type": "object",
            "required": ["kind", "text"],
            "description": "what it silences, in Chinese: a word (kind term), or every sentence "
            "of one rule's shapes (kind rule: the term is a pattern or slot rule's id)",
            "properties": {
                "kind": {"enum": ["term", "rule"]},
                "rule_id": {"type": "string"},
                "text": {"type": "string"},
            },
        },
    },
}
_ONE = {
    "type": "object",
    "required": ["allowance"],
    "properties": {"allowance": _ALLOWANCE_SCHEMA, "created": {"type": "boolean"}},
}
_FIELDS = {
    "term": {"type": "string", "minLength": 1, "maxLength": allowances.MAX_TERM_CHARS},
    "rule_id": {"type": ["string", "null"], "maxLength": 100},
    "note": {"type": ["string", "null"], "maxLength": allowances.MAX_NOTE_CHARS},
}
_PROFILE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["profile", "known"],
    "properties": {
        "profile": {
            "type": "object",
            "properties": {
                "platforms": {"type": "array", "items": {"type": "string"}},
                "categories": {"type": "array", "items": {"type": "string"}},
                "updated_by": {"type": ["string", "null"]},
                "updated_at": {"type": ["string", "null"], "format": "date-time"},
            },
        },
        "known": {
            "type": "object",
            "description": "the platforms and product categories the profile may name",
        },
    },
}


@bp.get("/allowances")
@operation(
    "The shop's allowances (「以后不再提示」), oldest first.",
    response={
        "type": "object",
        "required": ["allowances"],
        "properties": {"allowances": {"type": "array", "items": _ALLOWANCE_SCHEMA}},
    },
)
def list_allowances() -> ResponseReturnValue:
    with services().store.read() as conn:
        found = allowances.list_all(conn)
    return jsonify({"allowances": [_shown(a) for a in found]})


@bp.post("/allowances")
@operation(
    "Allow a term from now on, for one rule (`rule_id`) or every rule that may be allowed. "
    "Threats can never be allowed: 422 `not_allowable`.",
    request={
        "type": "object",
        "required": ["term"],
        "properties": _FIELDS,
        "additionalProperties": False,
    },
    response=_ONE,
    errors=(400, 413, 415, 422),
)
def add_allowance() -> ResponseReturnValue:
    body = _known_fields(json_body())
    term = _term(body)
    rule_id = _rule_id(body)
    note = optional_str(body, "note", max_length=allowances.MAX_NOTE_CHARS)
    _refuse_threats(rule_id, term)
    svc = services()
    client = current_client()
    with svc.store.write() as conn:
        allowance, created = allowances.add(
            conn,
            rule_id=rule_id,
            term=term,
            note=note,
            added_by=client.name,
            client_id=client.id,
            now=svc.clock(),
        )
    shop_settings(svc).invalidate()
    return jsonify({"allowance": _shown(allowance), "created": created})


@bp.patch("/allowances/<id:allowance_id>")
@operation(
    "Edit an allowance's term, rule or note.",
    request={"type": "object", "properties": _FIELDS, "additionalProperties": False},
    response=_ONE,
    errors=(400, 404, 409, 413, 415, 422),
)
def edit_allowance(allowance_id: int) -> ResponseReturnValue:
    body = _known_fields(json_body())
    svc = services()
    with svc.store.write() as conn:
        current = _existing(conn, allowance_id)
        changes: dict[str, Any] = {}
        if "term" in body:
            changes["term"] = _term(body)
        if "rule_id" in body:
            changes["rule_id"] = _rule_id(body)
        if "note" in body:
            changes["note"] = optional_str(body, "note", max_length=allowances.MAX_NOTE_CHARS)
        rule_id = changes.get("rule_id", current.rule_id)
        term = changes.get("term", current.term)
        _refuse_threats(rule_id, term)
        same = allowances.find(conn, rule_id, term)
        if same is not None and same.id != allowance_id:
            raise ApiError(409, "allowance_exists", f"已有相同的不再提示设置（编号 {same.id}）")
        allowances.update(conn, allowance_id, changes, svc.clock())
        updated = _existing(conn, allowance_id)
    shop_settings(svc).invalidate()
    return jsonify({"allowance": _shown(updated), "created": False})


@bp.delete("/allowances/<id:allowance_id>")
@operation(
    "Remove an allowance: the term is flagged again from the next check.",
    response={
        "type": "object",
        "required": ["removed"],
        "properties": {"removed": {"type": "integer"}},
    },
    errors=(404,),
)
def remove_allowance(allowance_id: int) -> ResponseReturnValue:
    svc = services()
    with svc.store.write() as conn:
        if not allowances.remove(conn, allowance_id):
            raise _not_found(allowance_id)
    shop_settings(svc).invalidate()
    return jsonify({"removed": allowance_id})


@bp.get("/shop/profile")
@operation(
    "The shop profile (platforms sold on, product categories) and what it may name.",
    response=_PROFILE_SCHEMA,
)
def get_profile() -> ResponseReturnValue:
    svc = services()
    with svc.store.read() as conn:
        shop = profile.read(conn)
    return jsonify({"profile": shop.to_json(), "known": _known(svc)})


@bp.put("/shop/profile")
@operation(
    "Replace the shop profile: `platforms` (ids such as taobao, 1688; the first is the default "
    "platform of a check) and `categories` (ids from rules/shop/*.toml).",
    request={
        "type": "object",
        "required": ["platforms", "categories"],
        "properties": {
            "platforms": {"type": "array", "items": {"type": "string"}, "maxItems": 20},
            "categories": {"type": "array", "items": {"type": "string"}, "maxItems": 50},
        },
        "additionalProperties": False,
    },
    response=_PROFILE_SCHEMA,
    errors=(400, 413, 415, 422),
)
def put_profile() -> ResponseReturnValue:
    svc = services()
    body = json_body()
    unknown = sorted(set(body) - set(profile.KEYS))
    if unknown:
        raise invalid(unknown[0], "不认识的字段；只能设置 platforms 和 categories")
    known = _known(svc)
    chosen = {
        "platforms": _ids(body, "platforms", [p["id"] for p in known["platforms"]], "平台"),
        "categories": _ids(body, "categories", [c["id"] for c in known["categories"]], "商品类目"),
    }
    by = current_client().name
    with svc.store.write() as conn:
        for key, value in chosen.items():
            profile.save(conn, key, value, by=by, now=svc.clock())
        shop = profile.read(conn)
    shop_settings(svc).invalidate()
    return jsonify({"profile": shop.to_json(), "known": known})


def _shown(allowance: allowances.Allowance) -> dict[str, Any]:
    engine = services().message_engine
    rules = engine.rules.rules if engine is not None else {}
    return {**allowance.to_json(), "silences": silences(rules, allowance.term)}


def _known_fields(body: dict[str, Any]) -> dict[str, Any]:
    unknown = sorted(set(body) - set(_FIELDS))
    if unknown:
        raise invalid(unknown[0], "不认识的字段；只能设置 term、rule_id 和 note")
    return body


def _term(body: dict[str, Any]) -> str:
    value = body.get("term")
    if not isinstance(value, str) or not value.strip():
        raise invalid("term", "请填写不再提示的词")
    term = value.strip()
    if len(term) > allowances.MAX_TERM_CHARS:
        raise invalid("term", f"词太长，最多 {allowances.MAX_TERM_CHARS} 个字符")
    return term


def _rule_id(body: dict[str, Any]) -> str | None:
    value = body.get("rule_id")
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise invalid("rule_id", "规则编号必须是字符串，或不填表示所有可放行的规则")
    rule_id = value.strip()
    engine = services().message_engine
    if engine is not None and rule_id not in engine.rules.rules:
        raise invalid("rule_id", f"没有编号为 {rule_id[:100]} 的规则")
    return rule_id


def _refuse_threats(rule_id: str | None, term: str) -> None:
    engine = services().message_engine
    if engine is None:
        return
    try:
        check_allowable(engine, rule_id, term)
    except AllowanceRefused as exc:
        raise ApiError(422, "not_allowable", str(exc), extra={"field": "rule_id"}) from exc


def _existing(conn: Any, allowance_id: int) -> allowances.Allowance:
    found = allowances.get(conn, allowance_id)
    if found is None:
        raise _not_found(allowance_id)
    return found


def _not_found(allowance_id: int) -> ApiError:
    return ApiError(404, "allowance_not_found", f"没有编号为 {allowance_id} 的不再提示设置")


def _known(svc: Any) -> dict[str, Any]:
    platforms = [{"id": p.id, "name": p.name} for p in svc.platforms.by_id.values()]
    categories = [c.to_json() for c in load_categories(svc.settings.rules_dirs).values()]
    return {"platforms": platforms, "categories": categories}


def _ids(body: dict[str, Any], field: str, known: list[str], what: str) -> list[str]:
    value = body.get(field)
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise invalid(field, f"必须是{what}编号的列表")
    for item in value:
        if item not in known:
            raise invalid(field, f"未知{what} {item[:40]!r}；可选：{'、'.join(known)}")
    return list(dict.fromkeys(value))
