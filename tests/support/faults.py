"""Real faults for a real ``helper serve``: a lock held by another connection, an immutable
file (``chattr +i``: even root cannot write it), corrupt bytes, a deleted file, a full tmpfs.

Shared by tests/test_faults*.py and bench/faults.py. Each fault says why it cannot be made on
this machine (``unavailable``) so a test can skip with the exact reason.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

SIDE_FILES = ("", "-wal", "-shm")


def wait_for(check: Callable[[], object], what: str, timeout: float = 60.0) -> object:
    """Poll ``check`` until it returns something true; fail naming ``what`` if it never does.
    (A bound for a hung helper, not a speed assertion.)"""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.1)
    raise AssertionError(f"never happened: {what}")


def db_files(db: Path) -> list[Path]:
    return [db.with_name(db.name + suffix) for suffix in SIDE_FILES]


def read_only_files(db: Path) -> list[Path]:
    """What to make immutable for a read-only database: the file and its write-ahead log.
    Not the -shm: SQLite maps it into memory, and writing to a mapped page of an immutable
    file raises SIGBUS in every process that has it open (sqlite3 tools included), which is
    no fault a real disk makes."""
    return db_files(db)[:2]


@contextlib.contextmanager
def lock_held(db: Path) -> Iterator[sqlite3.Connection]:
    """Another program holds the write lock (``BEGIN IMMEDIATE``). In WAL mode that is the
    strongest lock another program can take while the helper has the file open (an
    exclusive locking mode needs every other connection closed); readers never wait for it."""
    other = sqlite3.connect(f"file:{db}?mode=rw", uri=True, isolation_level=None, timeout=30)
    try:
        other.execute("BEGIN IMMEDIATE")
        yield other
    finally:
        with contextlib.suppress(sqlite3.Error):
            other.execute("ROLLBACK")
        other.close()


def chattr_unavailable() -> str | None:
    """Why ``chattr +i`` cannot be used here, or None if it can."""
    with tempfile.TemporaryDirectory(dir=os.environ.get("WBG_FAULT_TMP")) as tmp:
        probe = Path(tmp) / "probe"
        probe.write_bytes(b"x")
        try:
            done = subprocess.run(["chattr", "+i", str(probe)], capture_output=True, text=True)
        except FileNotFoundError:
            return "chattr is not installed (e2fsprogs)"
        if done.returncode != 0:
            return f"chattr +i failed here: {done.stderr.strip()}"
        subprocess.run(["chattr", "-i", str(probe)], check=True)
    return None


def set_immutable(paths: list[Path], on: bool) -> None:
    existing = [str(path) for path in paths if path.exists()]
    if existing:
        subprocess.run(["chattr", "+i" if on else "-i", *existing], check=True)


@contextlib.contextmanager
def immutable(paths: list[Path]) -> Iterator[None]:
    set_immutable(paths, True)
    try:
        yield
    finally:
        set_immutable(paths, False)


def checkpoint(db: Path) -> None:
    """Move everything in the write-ahead log into the database file."""
    with contextlib.closing(
        sqlite3.connect(f"file:{db}?mode=rw", uri=True, isolation_level=None, timeout=30)
    ) as other:
        other.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def corrupt(db: Path) -> None:
    """Overwrite every page but the first (the header and schema) with garbage, as a broken
    disk or a sync tool writing half a file would."""
    checkpoint(db)
    size = db.stat().st_size
    page = 4096
    with open(db, "r+b") as handle:
        handle.seek(page)
        handle.write(bytes((i * 7 + 13) % 256 for i in range(size - page)))
        handle.flush()
        os.fsync(handle.fileno())


def mount_unavailable() -> str | None:
    """Why a size-limited tmpfs cannot be mounted here, or None if it can."""
    with tempfile.TemporaryDirectory() as tmp:
        done = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", tmp],
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            return f"mount -t tmpfs failed: {(done.stderr or done.stdout).strip()}"
        subprocess.run(["umount", tmp], check=True)
    return None


@contextlib.contextmanager
def tmpfs(size: str) -> Iterator[Path]:
    """A tmpfs of ``size`` (e.g. ``"8m"``), unmounted afterwards."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", tmp], check=True)
        try:
            yield Path(tmp)
        finally:
            subprocess.run(["umount", "-l", tmp], check=False)


def fill(directory: Path) -> Path:
    """Fill the file system holding ``directory`` to the last byte; returns the filler."""
    filler = directory / "filler.bin"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        size = 1 << 20
        while size:
            try:
                os.write(fd, b"\0" * size)
            except OSError:
                size //= 2  # ENOSPC: try smaller pieces until not one byte fits
    finally:
        os.close(fd)
    return filler


def remount_read_only(mount: Path) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)
