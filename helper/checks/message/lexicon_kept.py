"""What ``Lexicon.add`` makes of a whole list of terms, kept between runs.

Adding the ~4,000 terms of the rule book (folding each, reading its spellings, filing every
key under its entries) took 60-110 ms of every rule load, the spellings file read included.
The result depends only on the terms in their order (with their kinds, owners and flags), the
normaliser's look-alikes, and what the spellings depend on (spellings.digest: pypinyin's table,
the digit syllables, lexicon.py, normalise.py), plus the rest of the code that folds a term
(_CODE), opencc and Python's Unicode data. The file's digest covers the code and the
libraries; each lexicon (the rules', the sound-alike slot words') is one value under a hash of
its terms and look-alikes, so any rule edit that adds, removes or moves a term makes that
lexicon afresh (its terms' spellings still come from spellings.json). The automata are not
kept: loading a saved one is slower than building it. JSON (no pickle), checksummed
(kept.py): a damaged, altered or stale value is made again.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple

import opencc

from helper.checks.message.kept import KeptValues
from helper.checks.message.lexicon_entry import KIND_OF, Entry, Term
from helper.checks.message.spellings import digest as spellings_digest

FILE_NAME = "lexicons.json"
# between keys in one string: a key is folded text, which never holds a control character
_SEPARATOR = "\x00"
_FORMAT = 1
_HERE = Path(__file__).resolve().parent
# code that decides what a term makes besides lexicon.py and normalise.py (in the spellings'
# digest): the folding, the syllable table's reading back, this file's own format
_CODE = (
    _HERE.parent.parent / "text.py",
    _HERE / "syllable_cache.py",
    _HERE / "lexicon_entry.py",
    Path(__file__).resolve(),
)


class Made(NamedTuple):
    """A lexicon after its terms were added, before ``build``."""

    counts: list[int]  # keys per term, in the terms' order (what ``add`` returned)
    sounds: dict[str, Sequence[Entry]]  # key-view key → entries
    literals: dict[str, Sequence[Entry]]  # pattern-view key → entries
    written_terms: set[str]
    half_respelled: set[tuple[str, str]]
    exact_respelled: set[tuple[str, str]]
    spelled: list[str]  # the terms whose spellings came from spellings.json (kept there)


class KeptLexicons:
    """One rule load at a time: ``start``, ``made``/``keep`` per lexicon, ``finish``."""

    def __init__(self, folder: Path | None) -> None:
        self._kept = KeptValues(folder, FILE_NAME, _is_made)
        self._lookalikes = ""

    def start(self, digits: Mapping[str, str], lookalikes: Mapping[str, str]) -> None:
        self._kept.start(_digest(digits))
        self._lookalikes = json.dumps(sorted(lookalikes.items()), ensure_ascii=False)

    def made(self, terms: Sequence[Term]) -> Made | None:
        value = self._kept.get(self._key(terms))
        return None if value is None else _decoded(value, len(terms))

    def keep(self, terms: Sequence[Term], made: Made) -> None:
        self._kept.put(self._key(terms), _encoded(made))

    def finish(self) -> None:
        self._kept.finish()

    @property
    def missed(self) -> bool:
        """Whether a lexicon of the last load was made afresh (tests)."""
        return self._kept.missed

    def _key(self, terms: Sequence[Term]) -> str:
        listed = json.dumps([self._lookalikes, terms], ensure_ascii=False)
        return hashlib.sha256(listed.encode()).hexdigest()


def _digest(digits: Mapping[str, str]) -> str:
    hasher = hashlib.sha256(f"{_FORMAT} {sys.version_info[:3]}".encode())
    hasher.update(spellings_digest(digits).encode())
    # the library's own version: importlib.metadata cost ~30 ms to import and ~7 ms to ask
    hasher.update(opencc.__version__.encode())
    for path in _CODE:
        hasher.update(path.read_bytes())
    return hasher.hexdigest()


def _encoded(made: Made) -> dict[str, Any]:
    # entries are written once and named by their index (one term's entry sits under all of
    # its keys, and under both automata for a term matched both ways)
    index: dict[int, int] = {}
    entries: list[list[Any]] = []
    for table in (made.sounds, made.literals):
        for listed in table.values():
            for entry in listed:
                if id(entry) not in index:
                    index[id(entry)] = len(entries)
                    entries.append([int(entry.kind), entry.owner, entry.term, entry.written])
    return {
        "counts": made.counts,
        "entries": entries,
        "sounds": _table_value(made.sounds, index),
        "literals": _table_value(made.literals, index),
        "written_terms": sorted(made.written_terms),
        "half_respelled": sorted(made.half_respelled),
        "exact_respelled": sorted(made.exact_respelled),
        "spelled": made.spelled,
    }


def _table_value(table: dict[str, Sequence[Entry]], index: dict[int, int]) -> dict[str, Any]:
    """A key table in a form JSON reads back fast (a per-key object or list cost more than
    making the lexicon): every key in one string, each key's first entry in one list of
    numbers, and the few keys with more entries apart."""
    return {
        "keys": _SEPARATOR.join(table),
        "first": [index[id(listed[0])] for listed in table.values()],
        "more": [
            [at, *(index[id(entry)] for entry in listed[1:])]
            for at, listed in enumerate(table.values())
            if len(listed) > 1
        ],
    }


def _decoded(value: dict[str, Any], terms: int) -> Made | None:
    """The lexicon a value stands for; None if any part is not what ``_encoded`` writes (a
    file altered by hand is a miss, not an error)."""
    try:
        entries = [_entry(*fields) for fields in value["entries"]]
        counts = value["counts"]
        if len(counts) != terms or not all(type(n) is int for n in counts):
            return None
        return Made(
            counts,
            _table(value["sounds"], entries),
            _table(value["literals"], entries),
            set(_strings(value["written_terms"])),
            _pairs(value["half_respelled"]),
            _pairs(value["exact_respelled"]),
            _strings(value["spelled"]),
        )
    except (TypeError, ValueError, IndexError, KeyError):
        return None


def _entry(kind: int, owner: str, term: str, written: str) -> Entry:
    # checked without a generator, and the kind looked up (an unknown number: KeyError);
    # read for each of ~5,000 entries at every load
    if type(kind) is not int or not (
        isinstance(owner, str) and isinstance(term, str) and isinstance(written, str)
    ):
        raise TypeError("not an entry")
    return Entry(KIND_OF[kind], owner, term, written)


def _table(value: dict[str, Any], entries: list[Entry]) -> dict[str, Sequence[Entry]]:
    # an index that is no int raises TypeError; another valid index (only written by hand,
    # with the checksum redone) cannot be told from the real one and is not looked for
    joined, first, more = value["keys"], value["first"], value["more"]
    keys = joined.split(_SEPARATOR) if joined else []
    if len(keys) != len(first):
        raise ValueError("keys and entries differ in number")
    # a key with one entry shares that entry's one tuple: a term has a dozen keys, and a
    # list of its own for each of 55,000 keys was a quarter of what the collector walks
    # after a load (read only from here on: Lexicon.add_all adds nothing to a kept lexicon)
    alone = [(entry,) for entry in entries]
    lists: list[Sequence[Entry]] = [alone[i] for i in first]
    for at, *others in more:
        lists[at] = (*lists[at], *(entries[i] for i in others))
    return dict(zip(keys, lists, strict=True))


def _strings(value: list[str]) -> list[str]:
    if not all(isinstance(s, str) for s in value):
        raise TypeError("not a string")
    return value


def _pairs(value: list[list[str]]) -> set[tuple[str, str]]:
    return {(owner, written) for owner, written in map(_strings, value)}


def _is_made(value: Any) -> bool:
    """The outline ``_encoded`` writes; its contents are checked as they are read back."""
    return isinstance(value, dict) and all(
        isinstance(value.get(name), kind)
        for name, kind in (
            ("counts", list),
            ("entries", list),
            ("sounds", dict),
            ("literals", dict),
            ("written_terms", list),
            ("half_respelled", list),
            ("exact_respelled", list),
            ("spelled", list),
        )
    )
