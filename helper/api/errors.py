"""JSON errors for every failure: ``{"error": {"code", "message", "request_id"}}``.

Views raise ``ApiError``; Werkzeug's HTTP errors (404, 405, 413, ...) and anything unexpected
are turned into the same shape, so a client never sees an HTML page.
"""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask, g, jsonify
from flask.typing import ResponseReturnValue
from werkzeug.exceptions import HTTPException

from helper.api.rowids import NoSuchRow
from helper.store import StoreUnavailable

log = logging.getLogger(__name__)

# Chinese messages for errors Werkzeug raises on its own.
_HTTP_MESSAGES = {
    400: ("bad_request", "请求格式不正确"),
    404: ("not_found", "没有这个接口"),
    405: ("method_not_allowed", "此接口不支持该请求方法"),
    413: ("too_large", "请求内容过大"),
    415: ("unsupported_media_type", "请求必须是 application/json"),
}


class ApiError(Exception):
    def __init__(
        self, status: int, code: str, message: str, *, extra: dict[str, Any] | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.extra = extra or {}


def error_response(
    status: int, code: str, message: str, extra: dict[str, Any] | None = None
) -> ResponseReturnValue:
    body: dict[str, Any] = {
        "error": {"code": code, "message": message, "request_id": g.get("request_id")}
    }
    if extra:
        body.update(extra)
    return jsonify(body), status


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(ApiError)
    def _api_error(exc: ApiError) -> ResponseReturnValue:
        return error_response(exc.status, exc.code, exc.message, exc.extra)

    @app.errorhandler(StoreUnavailable)
    def _store_unavailable(exc: StoreUnavailable) -> ResponseReturnValue:
        # The fault itself is logged once when it starts (helper.store.faults); each refused
        # request only in the log file.
        log.info("store unavailable: %s", exc)
        return error_response(503, "store_unavailable", str(exc))

    @app.errorhandler(HTTPException)
    def _http_error(exc: HTTPException) -> ResponseReturnValue:
        status = exc.code or 500
        code, message = _HTTP_MESSAGES.get(status, ("http_error", exc.name))
        if isinstance(exc, NoSuchRow):
            message = exc.description or message
        return error_response(status, code, message)

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception) -> ResponseReturnValue:
        log.exception("unexpected error")
        return error_response(500, "internal", "助手内部错误，请查看日志")
