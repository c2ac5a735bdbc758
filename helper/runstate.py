"""The run file of a serving helper: who it is, how to reach it, and its control token.

``helper serve`` writes ``helper.run.json`` next to its lock file when it starts and removes it
when it stops. Commands of the same OS user read it to find the running helper (``helper
status``, ``stop``, ``pair``, the tray). The control token in it authenticates those commands'
requests to ``/v1/admin/*``: it is new for every run and the file is created owner-only, so only
the user who can read the data directory can stop or pause the helper. That works the same on
Windows, where there is no SIGTERM to send to another process.
"""

from __future__ import annotations

import json
import os
import secrets
from contextlib import suppress
from dataclasses import asdict, dataclass
from datetime import UTC, datetime

from filelock import FileLock, Timeout

from helper import __version__
from helper.paths import Paths

RUN_FILE = "helper.run.json"


@dataclass(frozen=True)
class RunInfo:
    pid: int
    port: int
    version: str
    started_at: datetime
    control_token: str

    def to_json(self) -> str:
        data = asdict(self)
        data["started_at"] = self.started_at.isoformat()
        return json.dumps(data)


def write_run_info(paths: Paths, port: int, now: datetime | None = None) -> RunInfo:
    """Write a fresh run file (owner-only: mode 0600; on Windows the per-user profile's ACL)."""
    info = RunInfo(
        pid=os.getpid(),
        port=port,
        version=__version__,
        started_at=now or datetime.now(UTC),
        control_token=secrets.token_urlsafe(32),
    )
    path = paths.data_dir / RUN_FILE
    with suppress(FileNotFoundError):
        path.unlink()  # the mode applies only when the file is created
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(info.to_json())
    return info


def read_run_info(paths: Paths) -> RunInfo | None:
    """The run file of this data directory, or None if there is none or it is unreadable."""
    try:
        data = json.loads((paths.data_dir / RUN_FILE).read_text(encoding="utf-8"))
        return RunInfo(
            pid=int(data["pid"]),
            port=int(data["port"]),
            version=str(data["version"]),
            started_at=datetime.fromisoformat(data["started_at"]),
            control_token=str(data["control_token"]),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def remove_run_info(paths: Paths) -> None:
    with suppress(OSError):
        (paths.data_dir / RUN_FILE).unlink()


def server_running(paths: Paths) -> bool:
    """A running helper holds the data directory's lock (the run file alone may be stale
    after a crash). Without a run file nothing serves, and the lock is not even probed: a
    probe holds the lock for a moment, and the tray asks every few seconds while a
    `helper serve` may be starting."""
    return (paths.data_dir / RUN_FILE).exists() and lock_held(paths)


def lock_held(paths: Paths) -> bool:
    """Does a process hold the data directory's lock (a helper serving or shutting down)?"""
    if not paths.lock_file.exists():
        return False
    lock = FileLock(str(paths.lock_file))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        return True
    lock.release()
    return False
