"""Values a rule load makes from a key, kept between runs in one JSON file of the cache folder.

Each value depends on its key and on things common to all keys (the rule book's tables, a
library's data, the code that makes it); a digest of the latter names the file's contents, so
a change to any of them starts the file afresh, while an edited rule only misses the keys it
changed. The file is JSON (no pickle: the cache folder is writable by any program of the user,
and reading it must run no code) and checksummed (cache_file.py): a damaged file reads as an
empty one. Values failing ``valid`` are made again. One rule load at a time: ``start``, then
``get``/``put`` per key, then ``finish``, which rewrites the file if a key was made or is no
longer used. The file is read at the first ``get`` or ``put``: a load that needs none of its
values (the spellings, when the whole lexicon was kept) does not pay for reading it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from helper.cache_file import read_cache_file, write_cache_file


class KeptValues:
    def __init__(self, folder: Path | None, file_name: str, valid: Callable[[Any], bool]) -> None:
        self._path = folder / file_name if folder is not None else None
        self._valid = valid
        self._digest: str | None = None
        self._known: dict[str, Any] | None = None  # None: not read yet for this digest
        self._used: set[str] = set()
        self._missed = False

    def start(self, digest: str) -> None:
        """Begin a rule load: read the file (once per digest)."""
        if digest != self._digest:
            self._digest = digest
            self._known = None
        self._used = set()
        self._missed = False

    def get(self, key: str) -> Any | None:
        self._used.add(key)
        return self._values().get(key)

    def put(self, key: str, value: Any) -> None:
        self._used.add(key)
        self._values()[key] = value
        self._missed = True

    @property
    def missed(self) -> bool:
        """Whether a value was made (``put``) since ``start``."""
        return self._missed

    def used(self, keys: list[str]) -> None:
        """Keys in use this load though not asked for (``finish`` keeps them)."""
        self._used.update(keys)

    def finish(self) -> None:
        if self._path is None or self._known is None:
            return  # the file was not needed: nothing to add or drop
        if not (self._missed or self._known.keys() - self._used):
            return
        self._known = {key: self._known[key] for key in sorted(self._used) if key in self._known}
        body = json.dumps({"digest": self._digest, "values": self._known}, ensure_ascii=False)
        write_cache_file(self._path, body.encode("utf-8"))

    def _values(self) -> dict[str, Any]:
        if self._known is None:
            self._known = self._read(self._digest)
        return self._known

    def _read(self, wanted: str | None) -> dict[str, Any]:
        if self._path is None or wanted is None:
            return {}
        body = read_cache_file(self._path)
        try:
            data = json.loads(body) if body is not None else None
        except ValueError:
            return {}
        if not isinstance(data, dict) or data.get("digest") != wanted:
            return {}
        values = data.get("values")
        if not isinstance(values, dict):
            return {}
        return {key: value for key, value in values.items() if self._valid(value)}
