"""The lexicon: every term of every rule, every context word and every exception phrase, in one
Aho–Corasick automaton over the key view (see ``normalise``).

All spelling variants are generated here, once, at load time: the homophone form (any
characters with the same toneless pinyin), full pinyin (``shabi``), initials (``sb`` for terms
of three or more characters, ``cnm``), mixed forms (``傻B``, ``sha逼``) and digit look-alikes
(``nm4l``, ``2b``). A check then does one automaton scan and no per-term work.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import IntEnum

import ahocorasick

from helper.checks.message.normalise import (
    BREAK,
    Normalised,
    Normaliser,
    collapse_repeats,
    syllables,
)

# Mixed forms multiply per character; past this length only the all-hanzi, all-pinyin and
# all-initials forms are generated (long phrases are not spelled in mixed forms in practice).
_MIXED_MAX_CHARS = 4
# Initials alone are too short to be safe for one- and two-character terms (``tm`` would hit
# ™); those are listed explicitly in the rules when they are real slang (``sb``, ``nc``).
_INITIALS_MIN_CHARS = 3
# Letters and the digits that imitate them, for ASCII terms (``5b`` for ``sb``).
_DIGIT_FOR_LETTER = {"o": "0", "i": "1", "l": "1", "z": "2", "e": "3", "a": "4", "s": "5", "b": "8"}


class Kind(IntEnum):
    RULE = 0
    CONTEXT = 1
    EXCEPTION = 2


@dataclass(frozen=True, slots=True)
class Entry:
    kind: Kind
    owner: str  # rule id, or context id
    # The folded characters that must stand in the text (repeats included: 妈妈的 is not 妈的),
    # for exact terms, contexts and exceptions; None for terms that match any spelling that
    # sounds the same.
    literal: str | None


@dataclass(frozen=True, slots=True)
class Hit:
    entry: Entry
    start: int  # code points in the original text
    end: int


class Lexicon:
    def __init__(self, normaliser: Normaliser, digit_syllables: Mapping[str, str]) -> None:
        self._normaliser = normaliser
        self._automaton = ahocorasick.Automaton()
        self._entries: dict[str, list[Entry]] = {}
        # syllable spelling → the digit that sounds like it (四 → 4)
        self._digit_for_syllable = {syl: digit for digit, syl in digit_syllables.items()}

    def add(self, kind: Kind, owner: str, term: str, *, sounds_alike: bool) -> int:
        """Add a term; returns how many keys it produced (0: the term folds to nothing)."""
        normalised = self._normaliser.normalise(term)
        if not normalised.keys:
            return 0
        if normalised.keys.isascii():
            # ASCII terms (sb, cnm) are whole words with look-alike digits (5b); the word
            # boundary check is what keeps them exact.
            literal, keys = None, _ascii_variants(normalised.keys)
        elif sounds_alike:
            literal, keys = None, self._variants(normalised)
        else:
            literal, keys = normalised.view.replace(BREAK, ""), {normalised.keys}
        entry = Entry(kind, owner, literal)
        for key in keys:
            self._entries.setdefault(key, []).append(entry)
        return len(keys)

    def build(self) -> None:
        for key, entries in self._entries.items():
            # pyahocorasick reports where a key ends and its value, so the value carries the
            # key's length.
            self._automaton.add_word(key, (len(key), tuple(entries)))
        if self._entries:
            self._automaton.make_automaton()

    @property
    def size(self) -> int:
        return len(self._entries)

    def scan(self, text: Normalised) -> Iterator[Hit]:
        if not self._entries:
            return
        for last, (length, entries) in self._automaton.iter(text.keys):
            start = last + 1 - length
            if not text.ascii_bounded(start, last + 1):
                continue
            cp_start, cp_end = text.cp_span_of_keys(start, last + 1)
            written = None
            for entry in entries:
                if entry.literal is not None:
                    if written is None:
                        written = text.view_text(cp_start, cp_end)
                    if written != entry.literal:
                        continue
                yield Hit(entry, cp_start, cp_end)

    def _variants(self, normalised: Normalised) -> set[str]:
        """Every spelling a sound-alike term is matched in (as key strings)."""
        spelling_of = syllables().spelling
        options: list[list[str]] = []
        chinese = 0
        for key in normalised.keys:
            spelled = spelling_of(key)
            if spelled is None:  # a letter or digit in the term itself
                options.append([key])
                continue
            chinese += 1
            choices = [key, spelled, spelled[0]]
            digit = self._digit_for_syllable.get(spelled)
            if digit:
                choices.append(digit)
            options.append(choices)
        variants: set[str] = set()
        if chinese == 0:
            variants |= _ascii_variants(normalised.keys)
        elif len(options) <= _MIXED_MAX_CHARS:
            for combo in itertools.product(*options):
                if _acceptable(combo, options):
                    variants.add(collapse_repeats("".join(combo)))
        else:
            variants.add(normalised.keys)
            variants.add(collapse_repeats("".join(o[1] if len(o) > 1 else o[0] for o in options)))
            variants.add("".join(o[2] if len(o) > 1 else o[0] for o in options))
        variants.discard("")
        return variants


def _acceptable(combo: tuple[str, ...], options: list[list[str]]) -> bool:
    """Leave out forms that ordinary text would hit by accident."""
    n = len(combo)
    chosen = [options[i].index(part) for i, part in enumerate(combo)]
    letters_only = all(not part.isdigit() and part.isascii() for part in combo)
    if letters_only:
        # all spelled out: needs two syllables (``gun`` alone is English); all initials: three
        initials = all(c == 2 for c, o in zip(chosen, options, strict=True) if len(o) > 1)
        if initials:
            return n >= _INITIALS_MIN_CHARS
        return n >= 2
    combo_ascii = all(p.isascii() for p in combo)
    # a digit standing for a syllable only inside the term, or in an all-ASCII form:
    # ``去4楼`` must not read as 去死.
    for i, part in enumerate(combo):
        at_edge = i in (0, n - 1)
        if part.isdigit() and len(options[i]) > 1 and at_edge and not combo_ascii:
            return False
    return True


def _ascii_variants(term: str) -> set[str]:
    """An ASCII term and its forms with one letter written as a look-alike digit."""
    variants = {term}
    for i, ch in enumerate(term):
        digit = _DIGIT_FOR_LETTER.get(ch)
        if digit:
            variants.add(term[:i] + digit + term[i + 1 :])
    # a term must keep at least one letter, or it is just a number
    return {v for v in variants if any(c.isalpha() for c in v)}
