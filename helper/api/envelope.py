"""The security envelope every request passes through (see DESIGN.md for why each check).

Order: request id, Host (421), Origin (403), token (401), body size (413),
``application/json`` (415), JSON syntax (400). Checks that need no body come first, so junk
is refused before it is read.
"""

from __future__ import annotations

import logging
import time
import uuid

from flask import Flask, Response, current_app, g, request

from helper.api.errors import ApiError
from helper.api.spec import operation_of
from helper.auth.tokens import Client
from helper.memory import release_free_memory
from helper.services import Services

log = logging.getLogger("helper.access")

_BODY_METHODS = {"POST", "PUT", "PATCH"}
# After a request this large, freed memory goes back to the OS (helper.memory).
_LARGE_BODY = 256 * 1024


def services() -> Services:
    return current_app.extensions["wbg"]


def current_client() -> Client:
    """The authenticated caller (only inside views that need a token)."""
    return g.client


def install_envelope(app: Flask, svc: Services) -> None:
    port = svc.settings.port
    allowed_hosts = {f"127.0.0.1:{port}", f"localhost:{port}"}
    allowed_origins = {
        f"chrome-extension://{ext_id}" for ext_id in svc.settings.server.allowed_extension_ids
    }
    max_body = svc.settings.server.max_body_bytes

    @app.before_request
    def _envelope() -> None:
        g.started = time.perf_counter()
        g.request_id = uuid.uuid4().hex[:16]
        if request.host not in allowed_hosts:
            raise ApiError(421, "bad_host", "只接受发往 127.0.0.1 或 localhost 的请求")
        origin = request.headers.get("Origin")
        if origin is not None and origin not in allowed_origins:
            raise ApiError(403, "bad_origin", "不允许来自网页的请求；请通过浏览器扩展连接")
        if request.method == "OPTIONS":
            # No CORS preflight is ever answered: the extension needs none, a web page gets
            # nothing. JSON like every other error, rather than Flask's empty 200.
            raise ApiError(405, "method_not_allowed", "助手不接受 OPTIONS 请求")
        view = app.view_functions.get(request.endpoint) if request.endpoint else None
        op = operation_of(view)
        if request.url_rule is not None and (op is None or op.auth):
            _require_token(svc)
        if request.method in _BODY_METHODS:
            _require_json_body(max_body)

    @app.teardown_request
    def _release_memory(_exc: BaseException | None) -> None:
        if (request.content_length or 0) >= _LARGE_BODY:
            release_free_memory()

    @app.after_request
    def _finish(response: Response) -> Response:
        response.headers["X-Request-Id"] = g.get("request_id", "")
        response.headers["Cache-Control"] = "no-store"
        response.headers["X-Content-Type-Options"] = "nosniff"
        elapsed_ms = (time.perf_counter() - g.get("started", time.perf_counter())) * 1000
        client = g.get("client")
        # Path and status only: never bodies, which hold message text and phone numbers.
        log.info(
            "%s %s %s %.1fms id=%s client=%s",
            request.method,
            request.path,
            response.status_code,
            elapsed_ms,
            g.get("request_id"),
            client.id if client else "-",
        )
        return response


def _require_token(svc: Services) -> None:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise ApiError(401, "unauthorized", "需要令牌：请先在扩展中完成配对（helper pair）")
    # From memory (helper.auth.cache): a locked or broken database never holds a request up.
    client = svc.tokens.authenticate(token.strip())
    if client is None:
        raise ApiError(401, "unauthorized", "令牌无效或已被撤销，请重新配对")
    g.client = client
    svc.last_seen.note(client.id, svc.clock())


def _require_json_body(max_body: int) -> None:
    length = request.content_length
    if length is not None and length > max_body:
        raise ApiError(413, "too_large", f"请求内容超过 {max_body} 字节的上限")
    if request.mimetype != "application/json":
        raise ApiError(415, "unsupported_media_type", "请求必须是 Content-Type: application/json")
    raw = request.get_data(cache=True)  # Flask's MAX_CONTENT_LENGTH caps chunked bodies too
    if not raw:
        raise ApiError(400, "bad_json", "请求体为空，需要一个 JSON 对象")
    try:
        raw.decode("utf-8")  # JSON on the wire is UTF-8 (RFC 8259); say so rather than "bad JSON"
    except UnicodeDecodeError as exc:
        raise ApiError(
            400, "bad_json", f"请求体不是有效的 UTF-8 文本（第 {exc.start} 字节处）"
        ) from None
    try:
        parsed = request.get_json(silent=True)
    except RecursionError:
        # The parser recurses once per level of nesting; no real request nests this deep.
        raise ApiError(400, "bad_json", "请求体的 JSON 嵌套过深") from None
    if parsed is None:
        # A JSON null also parses to None: valid JSON, but not the object every view expects.
        if raw.strip() == b"null":
            raise ApiError(400, "bad_json", "请求体必须是 JSON 对象")
        raise ApiError(400, "bad_json", "请求体不是有效的 JSON")
