"""The normaliser: the forms of a message that rules match on, each mapped back to the text as
typed.

Two views are built from the text in one pass, code point by code point:

- the **pattern view** (``view``): every letter or digit folded (NFKC, case, Traditional →
  Simplified, look-alike characters); separators, punctuation, emoji and zero-width
  characters removed; a run of them that holds sentence punctuation becomes one ``。``. RE2
  patterns run here, so ``你 等 着`` and ``你等著`` both read ``你等着``.
- the **key view** (``keys``): the pattern view, each Chinese
  character replaced by a private-use character standing for its toneless pinyin syllable,
  and runs of the same key collapsed (``傻傻傻逼`` → ``傻逼``, ``shaaabi`` → ``shabi``). The
  lexicon matches here, so ``煞笔``, ``沙比`` and ``傻逼`` read the same.

Every unit of both views carries the code-point span of the original text it came from, so a
hit maps back to what the agent typed. Rule terms go through the same normaliser, which is what
makes the two sides agree.
"""

from __future__ import annotations

import importlib.util
import json
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from helper.text import fold

# A run of separators holding one of these reads as a sentence boundary in the pattern view.
SENTENCE_MARKS = frozenset("。！？!?；;…，,、\n\r")
BREAK = "。"
# Syllable keys live in the Basic Multilingual Plane's private-use area. Private-use characters
# typed by a user are separators (category Co), so typed text can never forge a key.
_KEY_BASE = 0xE000
# Lone surrogates (from JSON "\ud800" escapes) cannot even be encoded; control, format and
# private-use characters never stand for a letter.
_NEVER_LETTERS = frozenset({"Cs", "Cc", "Cf", "Co", "Cn"})
# Categories kept as letters or digits; everything else separates.
_KEPT_CATEGORIES = ("L", "N")
# Per-character results are cached; past this many distinct characters (hostile input) new ones
# are computed each time instead of growing the cache without bound.
_CACHE_LIMIT = 200_000

# Markers in the folded string (one per code point) that ``str.translate`` builds; none of them
# can be a folded letter or digit.
_SEP, _JOIN, _SENT, _MULTI = "\x00", "\x01", "\x02", "\x03"
# Between ASCII letters and digits these join one code (SB-200, a.b@example.com) rather than
# separate words; inside a term they are still skipped (s-b is sb).
JOINERS = frozenset("-_/.:#+@&'")
NO_GAP, JOINED, GAP = 0, 1, 2
_SEPARATOR_RUN = re.compile("[\x00-\x02]+")
# For ``Normaliser.views``: a separator run holding sentence punctuation (matched from the
# run's first marker to its last), and what is left of the others.
_SENTENCE_RUN = re.compile("[\x00\x01]*\x02[\x00-\x02]*")
_PLAIN_RUN = re.compile("[\x00\x01]+")
_REPEAT_RUN = re.compile(r"([^0-9])\1+")


@dataclass(frozen=True)
class Syllables:
    """Toneless pinyin syllables: Chinese character → one key character, and back."""

    key_of_char: Mapping[str, str]
    spelling_of_key: Mapping[str, str]
    key_of_syllable: Mapping[str, str]
    # every reading's key per character, first reading first (曝: pu, bao)
    keys_of_char: Mapping[str, tuple[str, ...]]
    # ``key_of_char`` as a ``str.translate`` table
    key_table: Mapping[int, str]

    def spelling(self, key: str) -> str | None:
        return self.spelling_of_key.get(key)


_table: Syllables | None = None


def syllables() -> Syllables:
    """The process's table: built on first need, unless a rule load read it from its cache
    folder first (syllable_cache.py, ``use_syllables``)."""
    global _table
    if _table is None:
        _table = build_syllables()
    return _table


def use_syllables(table: Syllables) -> None:
    """Make ``table`` the process's (if none is in use yet: a running process keeps one)."""
    global _table
    if _table is None:
        _table = table


def build_syllables() -> Syllables:
    """Built from pypinyin's character table. Text is keyed by each character's first (most
    common) reading; terms are also keyed by their other readings, so that 曝光 matches 爆光
    (曝 alone reads pu, in 曝光 it reads bao)."""
    key_of_reading: dict[str, str] = {}
    key_of_syllable: dict[str, str] = {}
    keys_of_char: dict[str, tuple[str, ...]] = {}
    key_of_char: dict[str, str] = {}
    key_table: dict[int, str] = {}
    # 41,000 characters share a few thousand reading lists: each list is keyed once
    keys_of_readings: dict[str, tuple[str, ...]] = {}
    for code_point, readings in _pinyin_table().items():
        found = keys_of_readings.get(readings)
        if found is None:
            keys: list[str] = []
            for reading in readings.split(","):
                key = key_of_reading.get(reading)
                if key is None:
                    syllable = _toneless(reading)
                    key = key_of_syllable.setdefault(
                        syllable, chr(_KEY_BASE + len(key_of_syllable))
                    )
                    key_of_reading[reading] = key
                if key not in keys:
                    keys.append(key)
            found = keys_of_readings[readings] = tuple(keys)
        char = chr(code_point)
        keys_of_char[char] = found
        # the three tables filled in this one pass (at every start: 41,000 characters)
        key_of_char[char] = key_table[code_point] = found[0]
    spelling = {key: syllable for syllable, key in key_of_syllable.items()}
    return Syllables(key_of_char, spelling, key_of_syllable, keys_of_char, key_table)


def _pinyin_table() -> dict[int, str]:
    """pypinyin's code point → readings table, loaded on its own: importing the ``pypinyin``
    package also loads its phrase dictionary and word segmenter (0.8 s of start-up for data the
    checks do not use). The JSON copy it ships parses in a third of the time it takes to run
    the Python module; versions without it get the module run from its file."""
    path = pinyin_table_file()
    if path.suffix == ".json":
        table = json.loads(path.read_text(encoding="utf-8"))
        return {int(code_point): readings for code_point, readings in table.items()}
    spec = importlib.util.spec_from_file_location("_wbg_pinyin_dict", path)
    if spec is None or spec.loader is None:
        raise ModuleNotFoundError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.pinyin_dict


def pinyin_table_file() -> Path:
    """The file pypinyin's character readings are read from (its JSON copy where it ships
    one, else the Python module)."""
    package = importlib.util.find_spec("pypinyin")
    if package is None or package.origin is None:
        raise ModuleNotFoundError("pypinyin is not installed")
    folder = Path(package.origin).parent
    as_json = folder / "pinyin_dict.json"
    return as_json if as_json.is_file() else folder / "pinyin_dict.py"


def _toneless(reading: str) -> str:
    # ü is typed as v on a pinyin keyboard (nv for 女); strip the tone marks from the rest.
    reading = reading.replace("ü", "v").replace("ǖ", "v").replace("ǘ", "v")
    reading = reading.replace("ǚ", "v").replace("ǜ", "v")
    decomposed = unicodedata.normalize("NFD", reading)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


class Normalised(NamedTuple):
    """Both views of one message (a tuple: built for every check, so it must be cheap)."""

    original: str
    view: str
    view_start: list[int]  # per view unit: code-point span in ``original``
    view_end: list[int]
    keys: str
    key_start: list[int]  # per key unit: code-point span in ``original`` (covers repeats)
    key_end: list[int]

    def cp_span_of_keys(self, start: int, end: int) -> tuple[int, int]:
        return self.key_start[start], self.key_end[end - 1]

    def cp_span_of_view(self, start: int, end: int) -> tuple[int, int]:
        return self.view_start[start], self.view_end[end - 1]

    def gap_before(self, index: int) -> int:
        """What stood between key units ``index - 1`` and ``index`` in the text as typed:
        NO_GAP, JOINED (only joiners such as - _ / .) or GAP (any other separator)."""
        between = self.original[self.key_end[index - 1] : self.key_start[index]]
        if not between:
            return NO_GAP
        return JOINED if all(ch in JOINERS for ch in between) else GAP

    def ascii_bounded(self, start: int, end: int) -> bool:
        """ASCII terms match whole words only: ``sb`` in ``USB`` or ``20261122SB001`` is no
        hit. A separator in the original text counts as a word boundary."""
        return not (self._joined(start) or self._joined(end))

    def in_code(self, start: int, end: int) -> bool:
        """The ASCII word at ``[start, end)`` is part of a code such as ``SB-200``,
        ``TB-SB-0921`` or ``20261122SB001`` (joined by a joiner or to a digit)."""
        for edge, neighbour in ((start, start - 1), (end, end)):
            if self._joined(edge) and (
                self.gap_before(edge) == JOINED or self.keys[neighbour].isdigit()
            ):
                return True
        return False

    def _joined(self, edge: int) -> bool:
        """Whether ASCII letters or digits run on across ``edge`` (between key units
        ``edge - 1`` and ``edge``) without a real separator."""
        keys = self.keys
        return (
            0 < edge < len(keys)
            and _is_ascii_alnum(keys[edge - 1])
            and _is_ascii_alnum(keys[edge])
            and self.gap_before(edge) != GAP
        )


class Views(NamedTuple):
    """``Normaliser.views``: the pattern view and the key view of a message, and the two
    strings ``normalise`` would build first (None when the text holds a character that folds
    to several, which ``normalise`` handles unit by unit)."""

    view: str
    keys: str
    folded: str | None  # one code (a folded character or a separator marker) per code point
    unmerged_keys: str | None  # ``keys`` before runs of one key collapse


def _is_ascii_alnum(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def collapse_repeats(keys: str) -> str:
    """The key-view rule for repeats, for strings with no separators (rule terms): a run of
    one key other than a digit is one key."""
    return _REPEAT_RUN.sub(r"\1", keys) if _REPEAT_RUN.search(keys) else keys


class _FoldTable(dict[int, str]):
    """Code point → its folded character or a marker, for ``str.translate``; filled on first
    sight of each character, so a check costs one C-level pass over the text."""

    def __init__(self, fold_char: Callable[[str], str]) -> None:
        super().__init__()
        self._fold_char = fold_char

    def __missing__(self, code_point: int) -> str:
        value = self._fold_char(chr(code_point))
        if len(self) < _CACHE_LIMIT:
            self[code_point] = value
        return value


class Normaliser:
    """Folds text into the two views. ``lookalikes`` maps a folded character to the one it
    imitates (Cyrillic ``с`` → ``s``, ``著`` → ``着``), or to the word a picture stands for
    (📞 → ``电话``); it comes from the rule files."""

    def __init__(self, lookalikes: Mapping[str, str]) -> None:
        self._lookalikes = dict(lookalikes)
        table = syllables()
        self._key_of_char = table.key_of_char
        self._key_table = table.key_table
        self._fold_table = _FoldTable(self._fold_char)

    def units(self, ch: str) -> str:
        """The folded letters and digits one code point stands for ("" for a separator)."""
        if ch in SENTENCE_MARKS or ch in JOINERS:
            return ""
        if unicodedata.category(ch) in _NEVER_LETTERS:
            return ""
        # Classify after folding: Kangxi radicals (⼈ U+2F08) are symbols until NFKC makes
        # them the characters they stand for.
        kept = []
        for folded in fold(ch):
            for unit in self._lookalikes.get(folded, folded):
                if unicodedata.category(unit)[0] in _KEPT_CATEGORIES:
                    kept.append(unit)
        return "".join(kept)

    def _fold_char(self, ch: str) -> str:
        if ch in SENTENCE_MARKS:
            return _SENT
        if ch in JOINERS:
            return _JOIN
        units = self.units(ch)
        if not units:
            return _SEP
        return units if len(units) == 1 else _MULTI

    def key_of(self, unit: str) -> str:
        return self._key_of_char.get(unit, unit)

    def views(self, text: str) -> Views:
        """The two views of ``normalise(text)`` without the offset maps: a few C-level
        passes, so that a message with nothing to find is cleared cheaply."""
        folded = text.translate(self._fold_table)
        if _MULTI in folded:
            normalised = self.normalise(text)
            return Views(normalised.view, normalised.keys, None, None)
        view = folded
        if _SEPARATOR_RUN.search(folded) is not None:
            view = _PLAIN_RUN.sub("", _SENTENCE_RUN.sub(BREAK, folded))
            # a BREAK never starts the view (a folded letter is never BREAK itself, which is
            # sentence punctuation: a leading one stands for a leading separator run)
            if view.startswith(BREAK):
                view = view[1:]
        unmerged = view.translate(self._key_table)
        keys = unmerged
        if _REPEAT_RUN.search(keys) is not None:  # rare; sub() costs more than a search
            keys = _REPEAT_RUN.sub(r"\1", keys)
        return Views(view, keys, folded, unmerged)

    def normalise(self, text: str, views: Views | None = None) -> Normalised:
        """Both views with their offset maps; ``views`` (of the same text) saves translating
        the text again."""
        folded = views.folded if views and views.folded is not None else None
        if folded is None:
            folded = text.translate(self._fold_table)
        origin: list[int] | None = None
        if _MULTI in folded:  # a character that folds to several (㈱ → (株)): unit by unit
            parts: list[str] = []
            origin = []
            for index, (ch, mark) in enumerate(zip(text, folded, strict=True)):
                expanded = self.units(ch) if mark == _MULTI else mark
                parts.append(expanded)
                origin.extend([index] * len(expanded))
            folded = "".join(parts)
        view, view_start = _view(folded, origin)
        view_end = [start + 1 for start in view_start]
        keys = views.unmerged_keys if views and views.unmerged_keys is not None else None
        if keys is None:
            keys = view.translate(self._key_table)
        repeats = list(_REPEAT_RUN.finditer(keys))
        if not repeats:
            return Normalised(text, view, view_start, view_end, keys, view_start, view_end)
        key_parts: list[str] = []
        key_start: list[int] = []
        key_end: list[int] = []
        position = 0
        for run in repeats:
            first, last = run.span()
            key_parts.append(keys[position : first + 1])
            key_start.extend(view_start[position : first + 1])
            key_end.extend(view_end[position:first])
            key_end.append(view_end[last - 1])
            position = last
        key_parts.append(keys[position:])
        key_start.extend(view_start[position:])
        key_end.extend(view_end[position:])
        return Normalised(text, view, view_start, view_end, "".join(key_parts), key_start, key_end)


def _view(folded: str, origin: list[int] | None) -> tuple[str, list[int]]:
    """Drop the separator markers; a run that holds sentence punctuation becomes one BREAK
    (never at the start). Returns the view and each unit's code point in the text."""
    if _SEPARATOR_RUN.search(folded) is None:  # no separators at all: the common short case
        return folded, (list(origin) if origin else list(range(len(folded))))
    parts: list[str] = []
    starts: list[int] = []
    position = 0
    for run in _SEPARATOR_RUN.finditer(folded):
        first, last = run.span()
        if first > position:
            parts.append(folded[position:first])
            starts.extend(origin[position:first] if origin else range(position, first))
        marks = run.group()
        if _SENT in marks and parts:
            at = first + marks.index(_SENT)
            parts.append(BREAK)
            starts.append(origin[at] if origin else at)
        position = last
    if position < len(folded):
        parts.append(folded[position:])
        starts.extend(origin[position:] if origin else range(position, len(folded)))
    return "".join(parts), starts


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def utf16_index(text: str, code_point: int) -> int:
    """The UTF-16 offset (what JavaScript counts) of a code-point offset: characters outside
    the Basic Multilingual Plane, such as most emoji, take two units."""
    return code_point + len(_ASTRAL.findall(text, 0, code_point))
