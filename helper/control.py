"""Talking to the running helper of a data directory through ``/v1/admin/*``.

Used by ``helper status|stop|pair`` and the tray. The request carries the run's control token
(helper.runstate) and the Host header the security envelope expects; it sends no Origin, like
any local program.
"""

from __future__ import annotations

import http.client
import json
from typing import Any

from helper.paths import Paths
from helper.runstate import RunInfo, read_run_info, server_running


class NotRunning(Exception):
    """No helper is serving this data directory."""


class ControlError(Exception):
    """The helper runs but did not answer as expected (message in Chinese)."""


class HelperControl:
    def __init__(self, info: RunInfo, *, timeout: float = 5.0) -> None:
        self.info = info
        self._timeout = timeout

    @classmethod
    def find(cls, paths: Paths, *, timeout: float = 5.0) -> HelperControl:
        """The running helper of ``paths``; NotRunning if none holds the lock."""
        if not server_running(paths):
            raise NotRunning
        info = read_run_info(paths)
        if info is None:
            raise ControlError("助手正在运行，但找不到它的运行信息（可能是旧版本或正在启动）")
        return cls(info, timeout=timeout)

    def status(self) -> dict[str, Any]:
        return self.request("GET", "/v1/admin/status")

    def stop(self) -> dict[str, Any]:
        return self.request("POST", "/v1/admin/stop", {})

    def pause(self, minutes: int) -> dict[str, Any]:
        return self.request("POST", "/v1/admin/pause", {"minutes": minutes})

    def pair_code(self) -> dict[str, Any]:
        return self.request("POST", "/v1/admin/pair-code", {})

    def request(self, method: str, path: str, body: dict[str, Any] | None = None) -> dict:
        host = f"127.0.0.1:{self.info.port}"
        headers = {"Host": host, "Authorization": f"Bearer {self.info.control_token}"}
        payload = None
        if body is not None:
            payload = json.dumps(body).encode("utf-8")
            headers["Content-Type"] = "application/json"
        connection = http.client.HTTPConnection("127.0.0.1", self.info.port, timeout=self._timeout)
        try:
            connection.request(method, path, body=payload, headers=headers)
            response = connection.getresponse()
            raw = response.read()
        except OSError as exc:
            raise ControlError(f"助手（端口 {self.info.port}）没有响应：{exc}") from exc
        finally:
            connection.close()
        try:
            answer = json.loads(raw.decode("utf-8"))
        except ValueError:
            raise ControlError(f"助手的回答无法识别（HTTP {response.status}）") from None
        if response.status != 200:
            message = answer.get("error", {}).get("message") if isinstance(answer, dict) else None
            raise ControlError(message or f"助手拒绝了请求（HTTP {response.status}）")
        return answer
