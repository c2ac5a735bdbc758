"""Errors waitress answers itself, before the app sees the request, in the API's JSON shape.

A body larger than waitress's own limit (a multiple of ``server.max_body_bytes``: the app
answers bodies past its limit itself), headers too large, a malformed request line or an
unsupported transfer coding never reach Flask. Waitress would answer them in plain text; this
error task answers ``{"error": {"code", "message", "request_id"}}`` with ``X-Request-Id``,
like every other error of the API.
"""

from __future__ import annotations

import json
import uuid

from waitress.channel import HTTPChannel
from waitress.task import ErrorTask

# waitress error code -> (API error code, Chinese message)
_MESSAGES = {
    400: ("bad_request", "请求格式不正确"),
    413: ("too_large", "请求内容过大，超过了助手能接收的上限"),
    431: ("too_large", "请求头过大"),
    501: ("not_implemented", "不支持该请求的传输方式"),
}


class JsonErrorTask(ErrorTask):
    def execute(self) -> None:
        error = self.request.error
        code, message = _MESSAGES.get(error.code, ("http_error", "请求无法处理"))
        request_id = uuid.uuid4().hex[:16]
        body = json.dumps(
            {"error": {"code": code, "message": message, "request_id": request_id}},
            ensure_ascii=False,
        ).encode()
        self.status = f"{error.code} {error.reason}"
        self.response_headers.extend(
            [
                ("Content-Type", "application/json"),
                ("X-Request-Id", request_id),
                ("Cache-Control", "no-store"),
                ("X-Content-Type-Options", "nosniff"),
            ]
        )
        self.set_close_on_finish()
        self.content_length = len(body)
        self.write(body)


class JsonErrorChannel(HTTPChannel):
    error_task_class = JsonErrorTask
