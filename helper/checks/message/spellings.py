"""The sound-alike spellings of lexicon terms, kept between runs.

Generating every spelling of every term (``Lexicon._variants``) is half of the rule load:
about 150 ms for 18,000 keys. The spellings of a term depend only on the term (its folded
characters), pypinyin's reading table, the rule book's digit syllables and the code that
generates them (the digest covers pypinyin's table file, the digits and the two modules), so
they are kept in a plain JSON file in the user's cache folder (kept.py), under a digest of
all but the term. A term not in the file (a rule edited since) is generated and the file
rewritten; a changed pypinyin, digit table or generator starts the file afresh. The file
is only a cache: if it cannot be read or written, spellings are generated as before.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from pathlib import Path

from helper.checks.message.kept import KeptValues
from helper.checks.message.normalise import pinyin_table_file

FILE_NAME = "spellings.json"
_FORMAT = 2  # 2: checksummed (cache_file.py)
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
        self.folder = folder
        self._kept = KeptValues(folder, FILE_NAME, _is_spellings)

    def start(self, digit_syllables: Mapping[str, str]) -> None:
        """Begin a rule load: read the file (once per digest)."""
        self._kept.start(digest(digit_syllables))

    def spellings(self, term: str, generate: Callable[[], set[str]]) -> set[str]:
        known = self._kept.get(term)
        if known is not None:
            return set(known)
        made = generate()
        self._kept.put(term, sorted(made))
        return made

    def used(self, terms: list[str]) -> None:
        """Terms of a lexicon read back whole (lexicon_kept.py): still in use, though not
        asked for, so ``finish`` keeps their spellings."""
        self._kept.used(terms)

    def finish(self) -> None:
        """End a rule load: rewrite the file if a term was missing or is no longer used."""
        self._kept.finish()

    @property
    def missed(self) -> bool:
        """Whether the last load generated a term's spellings (tests)."""
        return self._kept.missed


def _is_spellings(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(key, str) for key in value)
