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

import unicodedata
from bisect import bisect_left
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

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

_SEPARATOR: tuple[tuple[str, str], ...] = ()
_JOINER: tuple[tuple[str, str], ...] = (("", ""),)  # a separator that joins codes: SB-200
# Between ASCII letters and digits these join one code (SB-200, a.b@example.com) rather than
# separate words; inside a term they are still skipped (s-b is sb).
JOINERS = frozenset("-_/.:#+@&'")
NO_GAP, JOINED, GAP = 0, 1, 2
_SENTENCE: tuple[tuple[str, str], ...] = ((BREAK, ""),)


@dataclass(frozen=True)
class Syllables:
    """Toneless pinyin syllables: Chinese character → one key character, and back."""

    key_of_char: Mapping[str, str]
    spelling_of_key: Mapping[str, str]
    key_of_syllable: Mapping[str, str]

    def spelling(self, key: str) -> str | None:
        return self.spelling_of_key.get(key)


@lru_cache(maxsize=1)
def syllables() -> Syllables:
    """Built once per process from pypinyin's character table. Text is keyed by each
    character's first (most common) reading; every reading gets a key, so that a term can also
    be keyed by the reading it has in context (曝光 is bao guang, though 曝 alone is pu)."""
    from pypinyin.pinyin_dict import pinyin_dict

    key_of_reading: dict[str, str] = {}
    key_of_syllable: dict[str, str] = {}
    key_of_char: dict[str, str] = {}
    for code_point, readings in pinyin_dict.items():
        for position, reading in enumerate(readings.split(",")):
            key = key_of_reading.get(reading)
            if key is None:
                syllable = _toneless(reading)
                key = key_of_syllable.setdefault(syllable, chr(_KEY_BASE + len(key_of_syllable)))
                key_of_reading[reading] = key
            if position == 0:
                key_of_char[chr(code_point)] = key
    spelling = {key: syllable for syllable, key in key_of_syllable.items()}
    return Syllables(key_of_char, spelling, key_of_syllable)


def _toneless(reading: str) -> str:
    # ü is typed as v on a pinyin keyboard (nv for 女); strip the tone marks from the rest.
    reading = reading.replace("ü", "v").replace("ǖ", "v").replace("ǘ", "v")
    reading = reading.replace("ǚ", "v").replace("ǜ", "v")
    decomposed = unicodedata.normalize("NFD", reading)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@dataclass(frozen=True)
class Normalised:
    original: str
    view: str
    view_start: list[int]  # per view unit: code-point span in ``original``
    view_end: list[int]
    keys: str
    key_start: list[int]  # per key unit: code-point span in ``original`` (covers repeats)
    key_end: list[int]
    key_units: str  # per key unit: the folded character it stands for (first of a run)
    # per key unit, what stood between it and the previous unit: NO_GAP, JOINED (only
    # joiners such as - _ / .) or GAP (any other separator)
    gap_before: list[int]

    def cp_span_of_keys(self, start: int, end: int) -> tuple[int, int]:
        return self.key_start[start], self.key_end[end - 1]

    def cp_span_of_view(self, start: int, end: int) -> tuple[int, int]:
        return self.view_start[start], self.view_end[end - 1]

    def written_span(self, cp_start: int, cp_end: int, literal: str) -> tuple[int, int] | None:
        """Where ``literal`` stands, as typed, at the start of ``[cp_start, cp_end)``.

        A key span can run on over a repeated sound (遗像相框 collapses 像相), so the literal
        may end early; it must start at the span's start, so that 妈妈的 is not 妈的.
        """
        first = bisect_left(self.view_start, cp_start)
        last = bisect_left(self.view_start, cp_end)
        if not self.view.startswith(literal, first) or first + len(literal) > last:
            return None
        return self.view_start[first], self.view_end[first + len(literal) - 1]

    def ascii_bounded(self, start: int, end: int) -> bool:
        """ASCII terms match whole words only: ``sb`` in ``USB`` or ``20261122SB001`` is no
        hit. A separator in the original text counts as a word boundary."""
        return not (self._joined(start) or self._joined(end))

    def in_code(self, start: int, end: int) -> bool:
        """The ASCII word at ``[start, end)`` is part of a code such as ``SB-200``,
        ``TB-SB-0921`` or ``20261122SB001`` (joined by a joiner or to a digit)."""
        for edge, neighbour in ((start, start - 1), (end, end)):
            if self._joined(edge) and (
                self.gap_before[edge] == JOINED or self.keys[neighbour].isdigit()
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
            and self.gap_before[edge] != GAP
        )


def _is_ascii_alnum(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def collapse_repeats(keys: str) -> str:
    """The key-view rule for repeats, for strings with no separators (rule terms)."""
    out: list[str] = []
    for key in keys:
        if out and key == out[-1] and not key.isdigit():
            continue
        out.append(key)
    return "".join(out)


class Normaliser:
    """Folds text into the two views. ``lookalikes`` maps a folded character to the one it
    imitates (Cyrillic ``с`` → ``s``, ``著`` → ``着``); it comes from the rule files."""

    def __init__(self, lookalikes: Mapping[str, str]) -> None:
        self._lookalikes = dict(lookalikes)
        self._key_of_char = syllables().key_of_char
        self._cache: dict[str, tuple[tuple[str, str], ...]] = {}

    def units(self, ch: str) -> tuple[tuple[str, str], ...]:
        """(folded unit, key) pairs for one code point; empty for a separator."""
        found = self._cache.get(ch)
        if found is None:
            found = self._units(ch)
            if len(self._cache) < _CACHE_LIMIT:
                self._cache[ch] = found
        return found

    def _units(self, ch: str) -> tuple[tuple[str, str], ...]:
        if ch in SENTENCE_MARKS:
            return _SENTENCE
        if ch in JOINERS:
            return _JOINER
        if unicodedata.category(ch) in _NEVER_LETTERS:
            return _SEPARATOR
        # Classify after folding: Kangxi radicals (⼈ U+2F08) are symbols until NFKC makes
        # them the characters they stand for.
        pairs = []
        for unit in fold(ch):
            unit = self._lookalikes.get(unit, unit)
            if unicodedata.category(unit)[0] in _KEPT_CATEGORIES:
                pairs.append((unit, self._key_of_char.get(unit, unit)))
        return tuple(pairs)

    def key_of(self, unit: str) -> str:
        return self._key_of_char.get(unit, unit)

    def normalise(self, text: str) -> Normalised:
        view: list[str] = []
        view_start: list[int] = []
        view_end: list[int] = []
        keys: list[str] = []
        key_start: list[int] = []
        key_end: list[int] = []
        key_units: list[str] = []
        gap_before: list[int] = []
        gap = NO_GAP
        sentence = False
        units = self.units
        for index, ch in enumerate(text):
            pairs = units(ch)
            if not pairs:
                gap = GAP
                continue
            if pairs is _JOINER:
                gap = max(gap, JOINED)
                continue
            if pairs is _SENTENCE:
                # Sentence punctuation ends a match: 包装，避免 is not 装逼. It is a unit of
                # both views, so no term spans it.
                if not sentence and view:
                    for units_list, starts, ends, mark in (
                        (view, view_start, view_end, BREAK),
                        (keys, key_start, key_end, BREAK),
                    ):
                        units_list.append(mark)
                        starts.append(index)
                        ends.append(index + 1)
                    key_units.append(BREAK)
                    gap_before.append(GAP)
                gap = GAP
                sentence = True
                continue
            for unit, key in pairs:
                view.append(unit)
                view_start.append(index)
                view_end.append(index + 1)
                if keys and key == keys[-1] and not key.isdigit():
                    key_end[-1] = index + 1
                else:
                    keys.append(key)
                    key_start.append(index)
                    key_end.append(index + 1)
                    key_units.append(unit)
                    gap_before.append(gap)
                gap = NO_GAP
                sentence = False
        return Normalised(
            original=text,
            view="".join(view),
            view_start=view_start,
            view_end=view_end,
            keys="".join(keys),
            key_start=key_start,
            key_end=key_end,
            key_units="".join(key_units),
            gap_before=gap_before,
        )


def utf16_offsets(text: str) -> list[int] | None:
    """Code point → UTF-16 offset table, or None when the two agree (no astral characters)."""
    if text.isascii() or all(ord(ch) < 0x10000 for ch in text):
        return None
    table = [0] * (len(text) + 1)
    position = 0
    for index, ch in enumerate(text):
        table[index] = position
        position += 2 if ord(ch) >= 0x10000 else 1
    table[len(text)] = position
    return table
