"""Reading and validating JSON request bodies.

The envelope has already enforced ``application/json`` (415) and the size limit (413);
``json_body`` parses (400 on malformed JSON) and the ``require_*`` / ``optional_*`` helpers
validate fields with Chinese messages (422), so views stay short and uniform.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import Any

from flask import request

from helper import times
from helper.api.errors import ApiError


def json_body() -> dict[str, Any]:
    data = request.get_json(silent=True)
    if data is None:
        if not request.get_data(cache=True):
            raise ApiError(400, "bad_json", "请求体为空，需要一个 JSON 对象")
        raise ApiError(400, "bad_json", "请求体不是有效的 JSON")
    if not isinstance(data, dict):
        raise ApiError(400, "bad_json", "请求体必须是 JSON 对象")
    return data


def invalid(field: str, message: str) -> ApiError:
    return ApiError(422, "invalid_field", f"{field}: {message}", extra={"field": field})


def require_str(body: dict[str, Any], field: str, *, max_length: int = 1000) -> str:
    value = body.get(field)
    if value is None:
        raise invalid(field, "缺少此字段")
    if not isinstance(value, str):
        raise invalid(field, "必须是字符串")
    if not value.strip():
        raise invalid(field, "不能为空")
    if len(value) > max_length:
        raise ApiError(413, "too_large", f"{field}: 超过 {max_length} 个字符的上限")
    return value


def optional_str(body: dict[str, Any], field: str, *, max_length: int = 1000) -> str | None:
    if body.get(field) is None:
        return None
    return require_str(body, field, max_length=max_length)


def require_choice(body: dict[str, Any], field: str, choices: Collection[str]) -> str:
    value = require_str(body, field, max_length=100)
    if value not in choices:
        raise invalid(field, f"只能是 {', '.join(sorted(choices))} 之一，收到 {value!r}")
    return value


def optional_choice(body: dict[str, Any], field: str, choices: Collection[str]) -> str | None:
    if body.get(field) is None:
        return None
    return require_choice(body, field, choices)


def optional_bool(body: dict[str, Any], field: str, default: bool = False) -> bool:
    value = body.get(field, default)
    if not isinstance(value, bool):
        raise invalid(field, "必须是 true 或 false")
    return value


def optional_int(
    body: dict[str, Any], field: str, default: int, *, minimum: int, maximum: int
) -> int:
    value = body.get(field, default)
    if isinstance(value, bool) or not isinstance(value, int):
        raise invalid(field, "必须是整数")
    if not minimum <= value <= maximum:
        raise invalid(field, f"必须在 {minimum} 到 {maximum} 之间")
    return value


def parse_time(value: str, field: str = "at") -> datetime:
    """ISO 8601 time; a time without an offset is platform time (Asia/Shanghai)."""
    try:
        return times.parse_time(value)
    except ValueError as exc:
        raise invalid(field, str(exc)) from None


def optional_time(body: dict[str, Any], field: str = "at") -> datetime | None:
    value = body.get(field)
    if value is None:
        return None
    if not isinstance(value, str):
        raise invalid(field, "必须是 ISO 8601 时间字符串")
    return parse_time(value, field)
