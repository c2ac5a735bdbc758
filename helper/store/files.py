"""The SQLite file itself: owner-only permissions, identity, and SQLite's own quick check."""

from __future__ import annotations

import os
import sqlite3
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import URL, make_url


def sqlite_file(url: str | URL) -> Path | None:
    """The file of a SQLite database URL; None for other databases or an in-memory one."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def make_owner_only(path: Path) -> None:
    """Create ``path`` empty and owner-only (0600), or make an existing file owner-only.

    SQLite gives its -wal and -shm files the mode of the database file, so creating the
    database this way before SQLite opens it keeps all three private, like ``secret.key``.
    An empty file is a valid new SQLite database.
    """
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    except FileExistsError:
        with suppress(OSError):  # not ours to change (another owner): SQLite will say so
            os.chmod(path, 0o600)
        return
    os.close(fd)


@dataclass(frozen=True)
class FileIdentity:
    """Which file a path names: a file deleted and recreated, or replaced, has another one."""

    device: int
    inode: int

    @classmethod
    def of(cls, path: Path) -> FileIdentity | None:
        try:
            st = os.stat(path)
        except FileNotFoundError:
            return None
        return cls(st.st_dev, st.st_ino)


def quick_check(path: Path) -> str | None:
    """None if SQLite's ``PRAGMA quick_check`` passes on ``path``, else what is wrong (its
    first line, in SQLite's words). Opens the file read-only; never creates it."""
    try:
        db = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True, timeout=5)
    except sqlite3.Error as exc:
        return str(exc)
    try:
        rows = db.execute("PRAGMA quick_check").fetchall()
    except sqlite3.Error as exc:
        return str(exc)
    finally:
        db.close()
    first = str(rows[0][0]) if rows else "no answer"
    return None if first == "ok" else first.splitlines()[0]
