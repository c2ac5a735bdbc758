"""Writing a file of the user's cache folder: whole or not at all, and never an error.

A cache file is read by other processes of the helper (``helper check`` while ``helper serve``
runs), so it is replaced in one step; a read-only or full disk only costs the next start the
time the cache would have saved.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_cache_file(path: Path, content: bytes) -> None:
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
