"""Health, OpenAPI and pairing: the endpoints every client needs first."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify
from flask.typing import ResponseReturnValue

from helper import __version__
from helper.api.body import json_body, require_str
from helper.api.envelope import services
from helper.api.errors import ApiError
from helper.api.spec import build_openapi, operation
from helper.auth.pairing import PairingError, redeem
from helper.store import backup as backups

bp = Blueprint("core", __name__, url_prefix="/v1")

_PAIRING_STATUS = {"pairing_locked": 429, "pair_code_expired": 403, "pair_code_wrong": 403}


@bp.get("/health")
@operation(
    "Is the helper running? Needs no token and says nothing private.",
    auth=False,
    response={
        "type": "object",
        "required": ["status", "version"],
        "properties": {
            "status": {"enum": ["ok", "degraded"]},
            "version": {"type": "string"},
            "problems": {"type": "array", "items": {"type": "string"}},
            "store": {
                "type": "string",
                "description": "ok, or the database fault: locked, readonly, full, io, "
                "corrupt, gone, replaced, unreachable (docs/reliability.md)",
            },
            "backups": {
                "type": "object",
                "description": "SQLite only: how many backups the data directory holds, "
                "and the newest (file name and UTC time)",
                "properties": {
                    "count": {"type": "integer"},
                    "newest": {"type": ["object", "null"]},
                },
            },
        },
    },
)
def health() -> ResponseReturnValue:
    svc = services()
    problems = sorted(svc.problems.values())
    fault = svc.store.health.fault
    body = {
        "status": "degraded" if problems else "ok",
        "version": __version__,
        "problems": problems,
        "store": fault.kind if fault else "ok",
    }
    if svc.store.sqlite_path is not None:
        found = backups.listing(backups.backups_dir(svc.settings.paths.data_dir))
        body["backups"] = {"count": len(found), "newest": found[0].to_json() if found else None}
    return jsonify(body)


@bp.get("/openapi.json")
@operation("This API's OpenAPI document, built from the routes themselves.")
def openapi() -> ResponseReturnValue:
    return jsonify(build_openapi(current_app))


@bp.post("/pair")
@operation(
    "Exchange the 6-digit code shown by `helper pair` for a token.",
    auth=False,
    request={
        "type": "object",
        "required": ["code", "client"],
        "properties": {
            "code": {"type": "string", "pattern": "^[0-9]{6}$"},
            "client": {"type": "string", "maxLength": 200},
        },
    },
    response={
        "type": "object",
        "required": ["token", "client_id"],
        "properties": {"token": {"type": "string"}, "client_id": {"type": "integer"}},
    },
    errors=(400, 403, 415, 422, 429),
)
def pair() -> ResponseReturnValue:
    body = json_body()
    code = require_str(body, "code", max_length=20).replace(" ", "")
    client = require_str(body, "client", max_length=200).strip()
    if not (len(code) == 6 and code.isascii() and code.isdigit()):
        raise ApiError(422, "invalid_field", "code: 配对码是 6 位数字", extra={"field": "code"})
    svc = services()
    try:
        paired = redeem(
            svc.local_store,
            svc.hasher,
            svc.settings.pairing,
            code=code,
            client_name=client,
            now=svc.clock(),
        )
    except PairingError as exc:
        extra = {"retry_after": exc.retry_after} if exc.retry_after else None
        raise ApiError(_PAIRING_STATUS[exc.code], exc.code, exc.message, extra=extra) from exc
    return jsonify({"token": paired.token, "client_id": paired.client_id})
