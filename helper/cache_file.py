"""The files of the user's cache folder: written whole or not at all, read only when intact.

A cache file is read by other processes of the helper (``helper check`` while ``helper serve``
runs), so it is replaced in one step. Its first line is the SHA-256 of the rest: a truncated,
damaged or altered file reads as no file (the cache is then rebuilt), never as other data. A
read-only or full disk only costs the next start the time the cache would have saved.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path


def write_cache_file(path: Path, body: bytes) -> None:
    content = hashlib.sha256(body).hexdigest().encode() + b"\n" + body
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    except OSError:
        return  # a read-only disk: the next load does the work again
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content)
        os.replace(temporary, path)
    except OSError:  # a full disk: no half-written file is left behind
        Path(temporary).unlink(missing_ok=True)


def read_cache_file(path: Path) -> bytes | None:
    """The body written by ``write_cache_file``; None if missing, unreadable or not intact."""
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    checksum, _, body = raw.partition(b"\n")
    return body if hashlib.sha256(body).hexdigest().encode() == checksum else None
