"""Start a real ``helper serve`` subprocess on a free port with its own data directory."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from tests.support.api import HttpApi

HELPER = [sys.executable, "-m", "helper"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def run_cli(
    data_dir: Path,
    *args: str,
    input_text: str | None = None,
    check: bool = True,
    env: dict[str, str] | None = None,
    timeout: float = 60,
) -> subprocess.CompletedProcess[str]:
    """Run a ``helper`` command against ``data_dir`` and return its output."""
    full_env = {
        **os.environ,
        "HELPER_DATA_DIR": str(data_dir),
        "PYTHONIOENCODING": "utf-8",
        **(env or {}),
    }
    result = subprocess.run(
        [*HELPER, *args],
        input=input_text,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=full_env,
        timeout=timeout,
    )
    if check and result.returncode != 0:
        raise AssertionError(f"helper {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result


class HelperProcess:
    """``with HelperProcess(tmp_path) as helper: helper.api.post(...)``"""

    def __init__(
        self,
        data_dir: Path,
        *,
        port: int | None = None,
        extra_args: tuple[str, ...] = (),
        env: dict[str, str] | None = None,
    ) -> None:
        self.data_dir = data_dir
        self.port = port or free_port()
        self.extra_args = extra_args
        self.env = env or {}
        self.proc: subprocess.Popen[str] | None = None
        self.output = ""
        self.token: str | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def api(self) -> HttpApi:
        return HttpApi(self.base_url, self.token)

    def start(self, *, timeout: float = 60.0) -> HelperProcess:
        # A guard against a helper that never starts, not a speed check: several helpers
        # loading their rules at once on a busy 2-core machine have taken over 20 s.
        env = {
            **os.environ,
            "HELPER_DATA_DIR": str(self.data_dir),
            "PYTHONIOENCODING": "utf-8",
            "PYTHONUNBUFFERED": "1",
            **self.env,
        }
        self.proc = subprocess.Popen(
            [*HELPER, "serve", "--port", str(self.port), *self.extra_args],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            encoding="utf-8",
            env=env,
        )
        deadline = time.monotonic() + timeout
        lines = []
        assert self.proc.stdout is not None
        while time.monotonic() < deadline:
            line = self.proc.stdout.readline()
            if not line:
                break
            lines.append(line)
            if line.startswith("ready"):
                self.output = "".join(lines)
                if self.token is None:
                    self.token = self.create_token("tests")
                return self
        self.proc.kill()
        raise AssertionError("helper serve did not become ready:\n" + "".join(lines))

    def create_token(self, name: str) -> str:
        return run_cli(self.data_dir, "token", "create", "--name", name).stdout.strip()

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 30.0) -> int:
        assert self.proc is not None
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        try:
            out, _ = self.proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            out, _ = self.proc.communicate()
        self.output += out or ""
        return self.proc.returncode

    def kill(self) -> None:
        self.stop(signal.SIGKILL)

    def __enter__(self) -> HelperProcess:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.stop()
