"""Bad input never gives a 500: every /v1 route, read from the app's own OpenAPI document (so a
new route is covered the day it lands), gets bodies of its documented fields filled with JSON
values of every type, unknown fields, odd path parameters and query strings. Every answer is a
success or the JSON error shape with a Chinese message.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

_CHINESE = re.compile(r"[\u4e00-\u9fff]")
_FUZZ = settings(
    max_examples=400,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@dataclass(frozen=True)
class Route:
    method: str
    path: str  # OpenAPI template, e.g. /v1/reminders/{reminder_id}/ack
    fields: dict[str, Any]  # documented body field -> a plausible value, from its schema


def _routes(client: FlaskClient) -> list[Route]:
    document = client.get("/v1/openapi.json").get_json()
    found = []
    for path, methods in document["paths"].items():
        for method, described in methods.items():
            schema = (
                described.get("requestBody", {})
                .get("content", {})
                .get("application/json", {})
                .get("schema", {})
            )
            fields = {name: _plausible(name, p) for name, p in schema.get("properties", {}).items()}
            found.append(Route(method.upper(), path, fields))
    assert any(route.method == "GET" for route in found)
    assert any(route.method == "POST" for route in found)
    return found


# Values that pass a field's first checks, so that fuzzing one field of an otherwise sound
# body reaches the code behind the validators.
_PLAUSIBLE_STRINGS = {
    "buyer": "13800138000",
    "link": "tb_buyer_01",
    "url": "https://myseller.taobao.com/home.htm",
    "html": "<div class='complaint'>恶意骚扰",
    "platform": "taobao",
    "type": "恶意骚扰",
    "status": "open",
    "code": "123456",
    "timezone": "America/New_York",
    "site": "myseller.taobao.com",
}


def _plausible(name: str, schema: dict[str, Any]) -> Any:
    if "enum" in schema:
        return next(value for value in schema["enum"] if value is not None)
    kind = schema.get("type")
    kind = next(k for k in kind if k != "null") if isinstance(kind, list) else kind
    if schema.get("format") == "date-time" or name == "at":
        return "2026-11-22T15:00"
    return {
        "integer": 1,
        "number": 5,
        "boolean": True,
        "array": ["contact.daily_cap"],
        "object": {},
    }.get(kind or "string", _PLAUSIBLE_STRINGS.get(name, "亲，您好"))


_SPECIAL_TEXT = st.sampled_from(
    [
        "",
        " ",
        "x" * 300_000,
        "\ud800",
        "a\udfffb",
        "😀👍🏽",
        "親愛的買家，請給個好評",
        "恶意骚扰",
        "13800138000",
        "+86 138 0013 8000",
        "2026-11-22T15:00",
        "2026-11-22T15:00:00+08:00",
        "0001-01-01T00:00",
        "9999-12-31T23:59:59-14:00",
        "today",
        "taobao",
        "天猫",
        "https://myseller.taobao.com/home.htm",
        "<div><p>未闭合",
        "Asia/Shanghai",
        "../../etc/passwd",
        "\x00",
        "NaN",
        "-1",
        "１",
        "9" * 60,
        "0001-01-01",
        "9999-12-31",
    ]
)
_TEXT = st.one_of(
    _SPECIAL_TEXT,
    st.text(st.characters(blacklist_categories=()), max_size=40),  # lone surrogates included
)
_NUMBER = st.one_of(
    st.sampled_from([0, -1, 1, 2**31, 2**63, -(2**63) - 1, 10**40, -(10**40), 1e308, -0.0]),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
)
_SCALAR = st.one_of(st.none(), st.booleans(), _NUMBER, _TEXT)
_JSON = st.recursive(
    _SCALAR,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=8,
)
_FIELD_TEXT = st.one_of(_SPECIAL_TEXT, _TEXT)
# Mostly strings, the type most fields expect, so the checks behind the type check run.
_FIELD_VALUE = st.one_of(_SPECIAL_TEXT, _SPECIAL_TEXT, _TEXT, _NUMBER, _JSON)
_PATH_PARAM = st.one_of(
    st.sampled_from(["1", "0", "-1", "9" * 30, str(2**63), str(2**63 - 1), "abc", "１", "1.5"]),
    st.integers(min_value=0).map(str),
)
_QUERY_KEYS = ("status", "day", "limit", "platform")


@st.composite
def _request(draw: st.DrawFn, routes: list[Route]) -> tuple[Route, str, Any]:
    """A route, its path with parameters and a query string filled in, and a body."""
    route = draw(st.sampled_from(routes))
    path = re.sub(r"\{[^}]+\}", lambda _: draw(_PATH_PARAM), route.path)
    body: Any = {
        field: plausible if draw(st.integers(0, 2)) else draw(_FIELD_VALUE)
        for field, plausible in route.fields.items()
        if draw(st.integers(0, 4))  # mostly present
    }
    if draw(st.booleans()):
        body.update(draw(st.dictionaries(st.text(min_size=1, max_size=10), _JSON, max_size=3)))
    if draw(st.integers(0, 9)) == 0:
        body = draw(_JSON)  # not even an object
    query = draw(st.dictionaries(st.sampled_from(_QUERY_KEYS), _FIELD_TEXT, max_size=3))
    return route, f"{path}?{_encode(query)}", body


def _encode(query: dict[str, str]) -> str:
    # surrogatepass: a lone surrogate goes out as the invalid UTF-8 a broken client would send
    return "&".join(
        f"{key}={quote(value.encode('utf-8', 'surrogatepass'))}" for key, value in query.items()
    )


def _assert_clean(reply: Any, what: str) -> None:
    assert reply.status_code != 500, (what, reply.get_data(as_text=True)[:500])
    assert reply.is_json, what
    if reply.status_code >= 400:
        error = reply.get_json()["error"]
        assert error["code"], what
        assert _CHINESE.search(error["message"]), (what, error)


def test_no_route_answers_500_to_random_input(client: FlaskClient) -> None:
    routes = _routes(client)

    @_FUZZ
    @given(st.data())
    def run(data: st.DataObject) -> None:
        route, path, body = data.draw(_request(routes))
        # ensure_ascii: lone surrogates travel as \ud800 escapes, as JavaScript would send them
        raw = json.dumps(body, ensure_ascii=True)
        if route.method == "GET":
            reply = client.get(path)
        else:
            reply = client.post(path, data=raw, content_type="application/json")
        _assert_clean(reply, f"{route.method} {path}")

    run()


_RAW_BODIES = st.sampled_from(
    [
        b"null",
        b"[" * 100_000,  # deeper than the JSON parser's recursion
        b'{"a":' * 50_000 + b"1" + b"}" * 50_000,
        b'{"text": ' + b"[" * 5_000 + b"]" * 5_000 + b"}",
        b'{"limit": ' + b"9" * 5_000 + b"}",  # more digits than int() accepts
        b'{"text": "\\ud800"}',
        b'{"text": "\xff\xfe"}',
        b"\xef\xbb\xbf{}",  # a UTF-8 byte order mark
    ]
)


def test_no_route_answers_500_to_raw_bytes(client: FlaskClient) -> None:
    """Bodies that are not JSON at all, or not UTF-8, on every POST route."""
    routes = [route for route in _routes(client) if route.method == "POST"]

    @_FUZZ
    @given(st.sampled_from(routes), st.one_of(st.binary(max_size=200), _RAW_BODIES), _PATH_PARAM)
    def run(route: Route, raw: bytes, param: str) -> None:
        path = re.sub(r"\{[^}]+\}", param, route.path)
        reply = client.post(path, data=raw, content_type="application/json")
        _assert_clean(reply, f"POST {path} {raw!r}")

    run()


# One nasty value at a time in an otherwise sound request: random search alone rarely puts a
# given value in a given field, so every (route, field, value) pair is also tried in turn.
_NASTY = (
    None,
    "",
    "   ",
    "\ud800",
    "a\udfffb",
    "x" * 20_000,
    "😀親愛的買家",
    "0001-01-01T00:00",
    "9" * 60,
    -1,
    0,
    2**63,
    10**40,
    1.5,
    float("inf"),
    True,
    [],
    ["\ud800"],
    {},
    {"a": {"b": [1]}},
)
_NASTY_QUERY = ("", "\ud800", "-1", "0", "１", "9" * 60, "0001-01-01", "9999-12-31", "x" * 5000)


def test_every_field_survives_every_nasty_value(client: FlaskClient) -> None:
    for route in _routes(client):
        if route.method != "POST":
            continue
        path = re.sub(r"\{[^}]+\}", "1", route.path)
        for field in route.fields:
            for nasty in _NASTY:
                body = {**route.fields, field: nasty}
                raw = json.dumps(body, ensure_ascii=True)
                reply = client.post(path, data=raw, content_type="application/json")
                _assert_clean(reply, f"POST {path} {field}={str(nasty)[:40]!r}")


def test_every_query_parameter_survives_every_nasty_value(client: FlaskClient) -> None:
    for route in _routes(client):
        if route.method != "GET" or "{" in route.path:
            continue
        for key in _QUERY_KEYS:
            for nasty in _NASTY_QUERY:
                path = f"{route.path}?{_encode({key: nasty})}"
                _assert_clean(client.get(path), f"GET {path[:80]}")


def test_every_path_parameter_survives_every_nasty_value(client: FlaskClient) -> None:
    for route in _routes(client):
        if "{" not in route.path:
            continue
        for nasty in ("0", "-1", "1.5", "abc", "１", str(2**63 - 1), str(2**63), "9" * 400):
            path = re.sub(r"\{[^}]+\}", quote(nasty), route.path)
            if route.method == "GET":
                reply = client.get(path)
            else:
                raw = json.dumps(route.fields)
                reply = client.post(path, data=raw, content_type="application/json")
            _assert_clean(reply, f"{route.method} {path[:80]}")
