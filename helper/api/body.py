"""Reading and validating JSON request bodies.

The envelope has already enforced ``application/json`` (415) and the size limit (413);
``json_body`` parses (400 on malformed JSON) and the ``require_*`` / ``optional_*`` helpers
validate fields with Chinese messages (422), so views stay short and uniform.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime
from typing import Any

from flask import request

from helper import times
from helper.api.envelope import services
from helper.api.errors import ApiError
from helper.api.rowids import LARGEST_ROW_ID
from helper.platforms import Platform


def json_body() -> dict[str, Any]:
    data = request.get_json(silent=True)
    if data is None:
        if not request.get_data(cache=True):
            raise ApiError(400, "bad_json", "请求体为空，需要一个 JSON 对象")
        raise ApiError(400, "bad_json", "请求体不是有效的 JSON")
    if not isinstance(data, dict):
        raise ApiError(400, "bad_json", "请求体必须是 JSON 对象")
    for field, value in data.items():
        if _has_lone_surrogate(field) or _has_lone_surrogate(value):
            name = field.encode("utf-8", "backslashreplace").decode("utf-8")
            raise invalid(name, "包含无效字符（孤立的 UTF-16 代理项），请检查文本编码")
    return data


def _has_lone_surrogate(value: object) -> bool:
    """True if any text in ``value`` holds a lone surrogate.

    JSON "\\ud800" escapes decode to such text; it cannot be encoded back to UTF-8, so it
    could be neither hashed, stored nor sent back in an answer. Walked with a stack, not
    recursion: the nesting depth is the client's choice.
    """
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            if not item.isascii():
                try:
                    item.encode("utf-8")
                except UnicodeEncodeError:
                    return True
        elif isinstance(item, list):
            pending.extend(item)
        elif isinstance(item, dict):
            pending.extend(item)
            pending.extend(item.values())
    return False


def platform_named(name: str | None) -> Platform:
    """The platform a request names (id, name or alias), or the configured default."""
    svc = services()
    platform = svc.platforms.resolve(name or svc.settings.checks.default_platform)
    if platform is None:
        raise invalid("platform", f"未知平台 {name!r}，可用：{', '.join(svc.platforms.ids())}")
    return platform


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


def optional_id(body: dict[str, Any], field: str) -> int | None:
    """A row id (e.g. ``complaint_id``): a positive integer the database can hold."""
    if body.get(field) is None:
        return None
    return optional_int(body, field, 0, minimum=1, maximum=LARGEST_ROW_ID)


def query_int(name: str, default: int, *, minimum: int, maximum: int) -> int:
    """An integer query parameter such as ``?limit=``: ASCII digits within the range."""
    raw = request.args.get(name)
    if raw is None:
        return default
    # isdigit() alone admits "１" and "²"; the length cap keeps int() from huge work.
    if not (raw.isascii() and raw.isdigit() and len(raw) <= 18) or not (
        minimum <= int(raw) <= maximum
    ):
        raise invalid(name, f"必须是 {minimum} 到 {maximum} 之间的整数")
    return int(raw)


def parse_time(value: str, field: str = "at") -> datetime:
    """ISO 8601 time; a time without an offset is platform time (Asia/Shanghai)."""
    try:
        return times.parse_time(value)
    except ValueError as exc:
        raise invalid(field, str(exc)) from None


def parse_day(value: str, field: str = "day") -> date:
    """A calendar day, ``YYYY-MM-DD``, within the years times may take."""
    try:
        return times.parse_day(value)
    except ValueError as exc:
        raise invalid(field, str(exc)) from None


def optional_time(body: dict[str, Any], field: str = "at") -> datetime | None:
    value = body.get(field)
    if value is None:
        return None
    if not isinstance(value, str):
        raise invalid(field, "必须是 ISO 8601 时间字符串")
    return parse_time(value, field)
