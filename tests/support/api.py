"""A tiny JSON client for the helper over real HTTP (stdlib only, no extra dependency)."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes
    json: Any = field(default=None)


class HttpApi:
    def __init__(self, base_url: str, token: str | None = None) -> None:
        self.base_url = base_url.rstrip("/")
        self.token = token

    def request(
        self,
        method: str,
        path: str,
        *,
        json_body: Any = None,
        data: bytes | None = None,
        headers: dict[str, str] | None = None,
        token: str | bool | None = True,
        timeout: float = 10.0,
    ) -> Reply:
        all_headers = dict(headers or {})
        if json_body is not None:
            data = json.dumps(json_body, ensure_ascii=False).encode()
            all_headers.setdefault("Content-Type", "application/json")
        use_token = self.token if token is True else token
        if use_token:
            all_headers.setdefault("Authorization", f"Bearer {use_token}")
        req = urllib.request.Request(
            self.base_url + path, data=data, method=method, headers=all_headers
        )
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                return _reply(resp.status, dict(resp.headers), resp.read())
        except urllib.error.HTTPError as err:
            return _reply(err.code, dict(err.headers), err.read())

    def get(self, path: str, **kwargs: Any) -> Reply:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, json_body: Any = None, **kwargs: Any) -> Reply:
        return self.request("POST", path, json_body=json_body, **kwargs)


def _reply(status: int, headers: dict[str, str], body: bytes) -> Reply:
    parsed = None
    if headers.get("Content-Type", "").startswith("application/json") and body:
        parsed = json.loads(body)
    return Reply(status, headers, body, parsed)
