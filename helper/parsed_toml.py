"""Parsed rule files kept between runs, so that a start does not parse unchanged TOML again.

tomllib is pure Python: the message rule files took about 60 ms of every rule load to parse,
while ``json.loads`` (C) reads the same data in a tenth of that. Each file's parsed data is
kept as JSON text under the SHA-256 of the file's bytes, so an edited file simply misses and
is parsed again; the Python version is part of the file's header, as tomllib comes with it.

The cache file lives in the user's cache folder, which other programs of the user may write:
it holds JSON only (never pickle: loading it runs no code), and a truncated or altered file is
detected and ignored, then rewritten (cache_file.py). It is
only a cache: if it cannot be read or written, every file is parsed as before. Data JSON
cannot hold exactly (TOML dates and times) is never kept, so that file is always parsed.
"""

from __future__ import annotations

import hashlib
import json
import sys
import tomllib
from pathlib import Path
from typing import Any

from helper.cache_file import read_cache_file, write_cache_file

FILE_NAME = "parsed-rules.json"
_FORMAT = 1
# tomllib ships with Python: another Python may parse a file differently
_HEADER = {"format": _FORMAT, "python": list(sys.version_info[:3])}


class ParsedToml:
    """Parsed TOML by the digest of its text, read from and written to ``folder`` (None: no
    file, every text parsed). One rule load at a time: ``parse`` each file, then ``finish``."""

    def __init__(self, folder: Path | None) -> None:
        self._path = folder / FILE_NAME if folder is not None else None
        self._known: dict[str, str] | None = None  # read on first use
        self._used: set[str] = set()
        self._changed = False

    def parse(self, text: str) -> dict[str, Any]:
        """``tomllib.loads(text)``, from the file when it holds this text's data. A fresh
        object on every call (JSON is decoded each time), so a caller may keep or change it.
        Raises tomllib.TOMLDecodeError as tomllib does."""
        if self._known is None:
            self._known = self._read()
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        self._used.add(digest)
        kept = self._known.get(digest)
        if kept is not None:
            data = json.loads(kept)
            if isinstance(data, dict):
                return data
        data = tomllib.loads(text)
        try:
            # allow_nan: TOML has inf and nan; JSON's extension keeps them exactly
            self._known[digest] = json.dumps(data, ensure_ascii=False, allow_nan=True)
        except TypeError:  # a date or time: parsed on every load
            self._known.pop(digest, None)
        self._changed = True
        return data

    def finish(self) -> None:
        """Rewrite the file if a text was parsed or a kept one is no longer read."""
        if self._path is None or self._known is None:
            return
        unused = self._known.keys() - self._used
        if not (self._changed or unused):
            return
        kept = {digest: self._known[digest] for digest in sorted(self._used & self._known.keys())}
        body = json.dumps({**_HEADER, "files": kept}, ensure_ascii=False).encode("utf-8")
        write_cache_file(self._path, body)
        self._known, self._used, self._changed = kept, set(), False

    def _read(self) -> dict[str, str]:
        if self._path is None:
            return {}
        body = read_cache_file(self._path)  # None: truncated, altered or not ours
        if body is None:
            return {}
        try:
            data = json.loads(body)
        except ValueError:
            return {}
        if not isinstance(data, dict) or any(data.get(k) != v for k, v in _HEADER.items()):
            return {}
        files = data.get("files")
        if not isinstance(files, dict):
            return {}
        return {k: v for k, v in files.items() if isinstance(k, str) and isinstance(v, str)}
