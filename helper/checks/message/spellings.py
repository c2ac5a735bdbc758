"""The sound-alike spellings of lexicon terms, kept between runs.

Generating every spelling of every term (``Lexicon._variants``) is half of the rule load:
about 150 ms for 18,000 keys. The spellings of a term depend only on the term (its folded
characters), pypinyin's reading table, the rule book's digit syllables and the code that
generates them (the digest covers pypinyin's table file, the digits and the two modules), so
they are kept in a plain JSON file in the user's cache folder, under a
digest of all but the term. A term not in the file (a rule edited since) is generated and the
file rewritten; a changed pypinyin, digit table or generator starts the file afresh. The file
is only a cache: if it cannot be read or written, spellings are generated as before.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from pathlib import Path

from helper.cache_file import write_cache_file
from helper.checks.message.normalise import pinyin_table_file

FILE_NAME = "spellings.json"
_FORMAT = 1
# The modules whose code decides the spellings: a change to either makes a new digest.
_GENERATORS = ("lexicon.py", "normalise.py")


def digest(digit_syllables: Mapping[str, str]) -> str:
    """What the spellings depend on besides the term itself."""
    hasher = hashlib.sha256(f"{_FORMAT}".encode())
    hasher.update(json.dumps(sorted(digit_syllables.items())).encode())
    for path in (pinyin_table_file(), *(Path(__file__).parent / name for name in _GENERATORS)):
        hasher.update(path.read_bytes())
    return hasher.hexdigest()


class SpellingCache:
    """Term (its folded view) → its spellings, for one digest. One rule load at a time uses
    it: the start-up load, then each reload of the same process (which finds every unchanged
    term in memory)."""

    def __init__(self, folder: Path | None) -> None:
        self._path = folder / FILE_NAME if folder is not None else None
        self._digest: str | None = None
        self._known: dict[str, list[str]] = {}
        self._used: set[str] = set()
        self._missed = False

    def start(self, digit_syllables: Mapping[str, str]) -> None:
        """Begin a rule load: read the file (once per digest)."""
        wanted = digest(digit_syllables)
        if wanted != self._digest:
            self._digest = wanted
            self._known = self._read(wanted)
        self._used = set()
        self._missed = False

    def spellings(self, term: str, generate: Callable[[], set[str]]) -> set[str]:
        self._used.add(term)
        known = self._known.get(term)
        if known is not None:
            return set(known)
        made = generate()
        self._known[term] = sorted(made)
        self._missed = True
        return made

    def finish(self) -> None:
        """End a rule load: rewrite the file if a term was missing or is no longer used."""
        if self._path is None or not (self._missed or self._known.keys() - self._used):
            return
        self._known = {term: self._known[term] for term in sorted(self._used)}
        body = json.dumps({"digest": self._digest, "spellings": self._known}, ensure_ascii=False)
        write_cache_file(self._path, body.encode("utf-8"))

    def _read(self, wanted: str) -> dict[str, list[str]]:
        if self._path is None:
            return {}
        try:
            data = json.loads(self._path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict) or data.get("digest") != wanted:
            return {}
        spellings = data.get("spellings")
        if not isinstance(spellings, dict):
            return {}
        return {
            term: keys
            for term, keys in spellings.items()
            if isinstance(keys, list) and all(isinstance(key, str) for key in keys)
        }
