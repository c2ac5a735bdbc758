"""The syllable table (normalise.Syllables) kept between runs.

Building it from pypinyin's 41,000-character table (read, then keyed character by character)
took 70-90 ms of every rule load. It depends only on that table file and on the code that
builds it, so it is kept in the cache folder (kept.py: JSON, checksummed, under a digest of
both) in a form that reads back with a few C-level calls: the characters as one string and
each one's reading keys beside it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping
from functools import cached_property
from operator import itemgetter
from pathlib import Path
from typing import Any

from helper.checks.message import normalise
from helper.checks.message.kept import KeptValues
from helper.checks.message.normalise import Syllables, build_syllables, use_syllables

FILE_NAME = "syllables.json"
_FORMAT = 1
_ENTRY = "table"


def load_syllables(folder: Path | None) -> None:
    """Give the process its table from ``folder`` (or build it there), unless it has one."""
    if normalise._table is not None:
        return
    kept = KeptValues(folder, FILE_NAME, _is_table)
    kept.start(_digest())
    value = kept.get(_ENTRY)
    if value is not None:
        use_syllables(_table_of(value))
        return
    table = build_syllables()
    use_syllables(table)
    kept.put(_ENTRY, _value_of(table))
    kept.finish()


def _value_of(table: Syllables) -> dict[str, Any]:
    return {
        "chars": "".join(table.keys_of_char),
        "keys": ["".join(keys) for keys in table.keys_of_char.values()],
        "syllables": table.key_of_syllable,
    }


def _table_of(value: dict[str, Any]) -> Syllables:
    chars, keys = value["chars"], value["keys"]
    keys_of_char = _Readings(chars, keys)
    key_of_char = dict(zip(chars, map(itemgetter(0), keys), strict=True))  # C-level: 41,000
    key_of_syllable = value["syllables"]
    spelling = {key: syllable for syllable, key in key_of_syllable.items()}
    return Syllables(
        key_of_char, spelling, key_of_syllable, keys_of_char, str.maketrans(key_of_char)
    )


class _Readings(Mapping[str, tuple[str, ...]]):
    """``Syllables.keys_of_char``, made at first use: only making a term's spellings reads it
    (lexicon.py), which a load whose lexicons are kept (lexicon_kept.py) never does; making
    its 41,000 tuples cost ~20 ms of every load."""

    def __init__(self, chars: str, keys: list[str]) -> None:
        self._chars, self._keys = chars, keys

    @cached_property
    def _table(self) -> dict[str, tuple[str, ...]]:
        return dict(zip(self._chars, map(tuple, self._keys), strict=True))

    def __getitem__(self, char: str) -> tuple[str, ...]:
        return self._table[char]

    def __iter__(self) -> Iterator[str]:
        return iter(self._table)

    def __len__(self) -> int:
        return len(self._chars)


def _is_table(value: Any) -> bool:
    if not isinstance(value, dict):
        return False
    chars, keys, syllables = value.get("chars"), value.get("keys"), value.get("syllables")
    return (
        isinstance(chars, str)
        and isinstance(keys, list)
        and len(keys) == len(chars)
        and _strings(keys)
        and all(keys)  # none empty
        and isinstance(syllables, dict)
        and all(isinstance(k, str) and isinstance(v, str) for k, v in syllables.items())
    )


def _strings(items: list[Any]) -> bool:
    """Whether every item is a string: one C-level join, not a check per item (41,000)."""
    try:
        "".join(items)
    except TypeError:
        return False
    return True


def _digest() -> str:
    hasher = hashlib.sha256(f"{_FORMAT}".encode())
    for path in (normalise.pinyin_table_file(), Path(normalise.__file__)):
        hasher.update(path.read_bytes())
    return hasher.hexdigest()
