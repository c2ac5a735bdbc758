"""The localhost security envelope, over real HTTP against a real `helper serve`."""

from __future__ import annotations

import contextlib
import http.client
import json
import re

import pytest

from helper.settings import DEFAULT_EXTENSION_ID
from tests.support.api import HttpApi
from tests.support.helper_process import HelperProcess, run_cli

EXTENSION_ORIGIN = f"chrome-extension://{DEFAULT_EXTENSION_ID}"


def _pair_code(data_dir) -> str:  # type: ignore[no-untyped-def]
    out = run_cli(data_dir, "pair", "--no-wait").stdout
    found = re.search(r"(\d{3}) (\d{3})", out)
    assert found, out
    return found.group(1) + found.group(2)


def test_health_needs_no_token_and_says_nothing_private(served: HelperProcess) -> None:
    reply = served.api.get("/v1/health", token=False)
    assert reply.status == 200
    assert reply.json["status"] == "ok"
    assert set(reply.json) == {"status", "version", "problems", "store", "backups"}
    assert reply.json["store"] == "ok"
    newest = reply.json["backups"]["newest"]  # a file name and a time, no path
    assert newest is None or (set(newest) == {"file", "at"} and "/" not in newest["file"])
    assert reply.headers["X-Request-Id"]


@pytest.mark.parametrize(
    "host", ["evil.example:{port}", "127.0.0.1:1", "192.168.1.5:{port}", "localhost"]
)
def test_wrong_host_is_misdirected(served: HelperProcess, host: str) -> None:
    reply = served.api.get("/v1/health", headers={"Host": host.format(port=served.port)})
    assert reply.status == 421
    assert reply.json["error"]["code"] == "bad_host"
    assert reply.headers["X-Request-Id"] == reply.json["error"]["request_id"]


def test_localhost_host_is_accepted(served: HelperProcess) -> None:
    reply = served.api.get("/v1/health", headers={"Host": f"localhost:{served.port}"})
    assert reply.status == 200


@pytest.mark.parametrize(
    "origin",
    [
        "https://evil.example",
        "http://127.0.0.1:8000",
        "null",
        "chrome-extension://abcdefghijklmnop",
    ],
)
def test_web_origins_are_forbidden_and_get_no_cors(served: HelperProcess, origin: str) -> None:
    for method in ("GET", "OPTIONS"):
        reply = served.api.request(method, "/v1/health", headers={"Origin": origin})
        assert reply.status == 403
        assert not any(h.lower().startswith("access-control-") for h in reply.headers)
    posted = served.api.post("/v1/openapi.json", {"x": 1}, headers={"Origin": origin})
    assert posted.status == 403


def test_extension_origin_is_allowed(served: HelperProcess) -> None:
    reply = served.api.get("/v1/openapi.json", headers={"Origin": EXTENSION_ORIGIN})
    assert reply.status == 200
    assert not any(h.lower().startswith("access-control-") for h in reply.headers)


def test_every_other_call_needs_a_token(served: HelperProcess) -> None:
    assert served.api.get("/v1/openapi.json", token=False).status == 401
    wrong = served.api.get("/v1/openapi.json", token="wbg_not-a-real-token")
    assert wrong.status == 401
    assert wrong.json["error"]["code"] == "unauthorized"
    basic = served.api.get("/v1/openapi.json", token=False, headers={"Authorization": "Basic eDp5"})
    assert basic.status == 401
    assert served.api.get("/v1/openapi.json").status == 200


def test_revoked_token_stops_working(served: HelperProcess) -> None:
    token = served.create_token("to revoke")
    assert served.api.get("/v1/openapi.json", token=token).status == 200
    listing = run_cli(served.data_dir, "pair", "--list").stdout
    client_id = next(
        line.split()[0] for line in listing.splitlines() if line.rstrip().endswith("to revoke")
    )
    run_cli(served.data_dir, "pair", "--revoke", client_id)
    assert served.api.get("/v1/openapi.json", token=token).status == 401
    assert "已撤销" in run_cli(served.data_dir, "pair", "--list").stdout


def test_pairing_happy_path(served: HelperProcess) -> None:
    code = _pair_code(served.data_dir)
    anonymous = HttpApi(served.base_url)
    reply = anonymous.post(
        "/v1/pair", {"code": code, "client": "Chrome 扩展"}, headers={"Origin": EXTENSION_ORIGIN}
    )
    assert reply.status == 200, reply.json
    token = reply.json["token"]
    assert anonymous.get("/v1/openapi.json", token=token).status == 200
    # A code works once.
    again = anonymous.post("/v1/pair", {"code": code, "client": "again"})
    assert again.status == 403
    # Only the hash is stored: the token does not appear in the database file.
    db_bytes = (served.data_dir / "helper.db").read_bytes()
    wal = served.data_dir / "helper.db-wal"
    if wal.exists():
        db_bytes += wal.read_bytes()
    assert token.encode() not in db_bytes
    assert "Chrome 扩展" in run_cli(served.data_dir, "pair", "--list").stdout


def test_expired_code_is_refused(data_dir) -> None:  # type: ignore[no-untyped-def]
    (data_dir / "config.toml").write_text("[pairing]\ncode_ttl_seconds = 0\n", encoding="utf-8")
    with HelperProcess(data_dir) as helper:
        code = _pair_code(data_dir)
        reply = HttpApi(helper.base_url).post("/v1/pair", {"code": code, "client": "late"})
        assert reply.status == 403
        assert reply.json["error"]["code"] == "pair_code_expired"


def test_lockout_after_repeated_wrong_codes(served: HelperProcess) -> None:
    code = _pair_code(served.data_dir)
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    anonymous = HttpApi(served.base_url)
    statuses = [anonymous.post("/v1/pair", {"code": wrong, "client": "x"}).status for _ in range(5)]
    assert statuses[:4] == [403, 403, 403, 403]
    assert statuses[4] == 429
    # Locked: even the right code is refused now, and the outstanding code was voided.
    locked = anonymous.post("/v1/pair", {"code": code, "client": "x"})
    assert locked.status == 429
    assert locked.json["retry_after"] > 0


@pytest.mark.parametrize(
    ("body", "content_type", "status", "code"),
    [
        (b"{not json", "application/json", 400, "bad_json"),
        (b"", "application/json", 400, "bad_json"),
        (b"[1, 2]", "application/json", 400, "bad_json"),
        (b'{"code": "123456"}', "text/plain", 415, "unsupported_media_type"),
        (b"code=123456", "application/x-www-form-urlencoded", 415, "unsupported_media_type"),
        (b"\xff\xfe\x00garbage", "application/json", 400, "bad_json"),
    ],
)
def test_bad_bodies_get_clear_errors(
    served: HelperProcess, body: bytes, content_type: str, status: int, code: str
) -> None:
    reply = served.api.request(
        "POST", "/v1/pair", data=body, headers={"Content-Type": content_type}
    )
    assert reply.status == status
    assert reply.json["error"]["code"] == code
    assert reply.headers["Content-Type"].startswith("application/json")


def test_huge_body_is_413(served: HelperProcess) -> None:
    huge = b'{"code": "' + b"1" * (3 * 1024 * 1024) + b'"}'
    reply = served.api.request(
        "POST", "/v1/pair", data=huge, headers={"Content-Type": "application/json"}
    )
    assert reply.status == 413
    assert reply.json["error"]["code"] == "too_large"
    # The server is still fine afterwards.
    assert served.api.get("/v1/health").status == 200


@pytest.mark.parametrize("chunked", [False, True])
def test_a_body_over_the_servers_own_limit_is_json(served: HelperProcess, chunked: bool) -> None:
    # Past waitress's limit (4 x max_body_bytes): waitress answers before the app runs.
    size = 9 * 1024 * 1024
    conn = http.client.HTTPConnection("127.0.0.1", served.port, timeout=30)
    conn.putrequest("POST", "/v1/check/message")
    conn.putheader("Content-Type", "application/json")
    conn.putheader("Authorization", f"Bearer {served.token}")
    if chunked:
        conn.putheader("Transfer-Encoding", "chunked")
        conn.endheaders()
        chunk = b"x" * (1024 * 1024)
        with contextlib.suppress(OSError):  # the server may close once it has seen enough
            for _ in range(size // len(chunk)):
                conn.send(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            conn.send(b"0\r\n\r\n")
    else:
        conn.putheader("Content-Length", str(size))
        conn.endheaders()
        with contextlib.suppress(OSError):
            conn.send(b"{")
    response = conn.getresponse()
    body = json.loads(response.read())
    conn.close()
    assert response.status == 413
    assert body["error"]["code"] == "too_large" and "上限" in body["error"]["message"]
    assert body["error"]["request_id"] == response.getheader("X-Request-Id")
    assert served.api.get("/v1/health").status == 200


def test_options_is_a_json_405(served: HelperProcess) -> None:
    for headers in ({}, {"Origin": EXTENSION_ORIGIN, "Access-Control-Request-Method": "POST"}):
        reply = served.api.request("OPTIONS", "/v1/check/message", headers=headers, token=False)
        assert reply.status == 405, reply.body
        assert reply.json["error"]["code"] == "method_not_allowed"
        assert reply.json["error"]["request_id"] == reply.headers["X-Request-Id"]
        assert "Access-Control-Allow-Origin" not in reply.headers


def test_unknown_route_and_method_are_json(served: HelperProcess) -> None:
    missing = served.api.get("/v1/nope")
    assert missing.status == 404
    assert missing.json["error"]["code"] == "not_found"
    wrong_method = served.api.request("DELETE", "/v1/health")
    assert wrong_method.status == 405
    assert wrong_method.json["error"]["code"] == "method_not_allowed"
    root = served.api.get("/")
    assert root.status == 404 and root.json is not None


def test_pair_validates_fields(served: HelperProcess) -> None:
    api = HttpApi(served.base_url)
    assert api.post("/v1/pair", {"code": "12ab56", "client": "x"}).status == 422
    assert api.post("/v1/pair", {"code": "123456"}).status == 422
    assert api.post("/v1/pair", {"code": 123456, "client": "x"}).status == 422
