"""The syllable table (normalise.Syllables) kept between runs.

Building it from pypinyin's 41,000-character table (read, then keyed character by character)
took 70-90 ms of every rule load. It depends only on that table file and on the code that
builds it, so it is kept in the cache folder (kept.py: JSON, checksummed, under a digest of
both) in a form that reads back with a few C-level calls: the characters as one string and
each one's reading keys beside it.
"""

from __future__ import annotations

import hashlib
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
    keys_of_char = dict(zip(chars, map(tuple, keys), strict=True))
    key_of_char = dict(zip(chars, (key[0] for key in keys), strict=True))
    key_of_syllable = value["syllables"]
    spelling = {key: syllable for syllable, key in key_of_syllable.items()}
    return Syllables(
        key_of_char, spelling, key_of_syllable, keys_of_char, str.maketrans(key_of_char)
    )


def _is_table(value: Any) -> bool:
    if not isinstance(value, dict):
        return False
    chars, keys, syllables = value.get("chars"), value.get("keys"), value.get("syllables")
    return (
        isinstance(chars, str)
        and isinstance(keys, list)
        and len(keys) == len(chars)
        and all(isinstance(k, str) and k for k in keys)
        and isinstance(syllables, dict)
        and all(isinstance(k, str) and isinstance(v, str) for k, v in syllables.items())
    )


def _digest() -> str:
    hasher = hashlib.sha256(f"{_FORMAT}".encode())
    for path in (normalise.pinyin_table_file(), Path(normalise.__file__)):
        hasher.update(path.read_bytes())
    return hasher.hexdigest()
