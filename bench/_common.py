"""Shared bits of the benchmarks: percentiles, a keep-alive client, a served helper."""

from __future__ import annotations

import http.client
import json
import statistics
import time
from typing import Any


def percentile(samples: list[float], pct: float) -> float:
    ordered = sorted(samples)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[index]


def summary(samples_ms: list[float]) -> str:
    return (
        f"p50 {percentile(samples_ms, 50):.3f} ms  p99 {percentile(samples_ms, 99):.3f} ms  "
        f"mean {statistics.fmean(samples_ms):.3f} ms  (n={len(samples_ms)})"
    )


class KeepAlive:
    """One persistent HTTP/1.1 connection, as the extension's service worker keeps."""

    def __init__(self, port: int, token: str | None = None) -> None:
        self.port = port
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        self.headers = {"Host": f"127.0.0.1:{port}"}
        if token:
            self.headers["Authorization"] = f"Bearer {token}"

    def call(self, method: str, path: str, body: Any = None) -> tuple[int, float, Any]:
        headers = dict(self.headers)
        payload = None
        if body is not None:
            payload = json.dumps(body, ensure_ascii=False).encode()
            headers["Content-Type"] = "application/json"
        started = time.perf_counter()
        self.conn.request(method, path, body=payload, headers=headers)
        response = self.conn.getresponse()
        data = response.read()
        elapsed_ms = (time.perf_counter() - started) * 1000
        return response.status, elapsed_ms, json.loads(data) if data else None

    def close(self) -> None:
        self.conn.close()
