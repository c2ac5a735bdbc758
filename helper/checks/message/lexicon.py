"""The lexicon: every term of every rule, every context word and every exception phrase, in one
Aho–Corasick automaton over the key view (see ``normalise``).

All spelling variants are generated here, once, at load time: the homophone form (any
characters with the same toneless pinyin), full pinyin (``shabi``), initials (``sb`` for terms
of three or more characters, ``cnm``), mixed forms (``傻B``, ``sha逼``) and digit look-alikes
(``nm4l``, ``2b``). A check then does one automaton scan and no per-term work.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass
from enum import IntEnum
from typing import NamedTuple

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
# Readings per character used for variants: the common one and one more (曝光 bao, 了 liao);
# rarer readings only add keys that ordinary text hits by accident.
_READINGS_PER_CHAR = 2
_RARE_READING_MIN_CHARS = 3
# Initials alone are too short to be safe for one- and two-character terms (``tm`` would hit
# ™); those are listed explicitly in the rules when they are real slang (``sb``, ``2b``).
_INITIALS_MIN_CHARS = 3
# Letters and the digits that imitate them, for ASCII terms (``5b`` for ``sb``).
# (b → 8 is left out: ``S8`` is a model name far more often than an insult.)
_DIGIT_FOR_LETTER = {"o": "0", "i": "1", "l": "1", "z": "2", "e": "3", "a": "4", "s": "5"}


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
    term: str  # the term as the rule file writes it (what a finding and an allowance name)


class Hit(NamedTuple):
    """One key found in a message (a tuple: a draft with findings builds several per check)."""

    entry: Entry
    start: int  # code points in the original text
    end: int
    key: str  # the key-view text that matched


class Lexicon:
    def __init__(self, normaliser: Normaliser, digit_syllables: Mapping[str, str]) -> None:
        self._normaliser = normaliser
        self._automaton = ahocorasick.Automaton()
        # Only the keys that belong to a rule: a message none of them occurs in has no
        # findings, whatever contexts and exceptions it holds (see ``may_hit_rule``).
        self._rule_automaton = ahocorasick.Automaton()
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
        entry = Entry(kind, owner, literal, term)
        for key in keys:
            self._entries.setdefault(key, []).append(entry)
        return len(keys)

    def build(self) -> None:
        for key, entries in self._entries.items():
            # pyahocorasick reports where a key ends and its value, so the value carries the
            # key's length.
            self._automaton.add_word(key, (len(key), tuple(entries)))
            if any(entry.kind is Kind.RULE for entry in entries):
                self._rule_automaton.add_word(key, None)
        if self._entries:
            self._automaton.make_automaton()
        if len(self._rule_automaton):
            self._rule_automaton.make_automaton()

    @property
    def size(self) -> int:
        return len(self._entries)

    def may_hit_rule(self, keys: str) -> bool:
        """Whether any rule's key occurs in ``keys`` (a key view); False means ``scan`` would
        find no rule hit. One C-level scan that stops at the first key found."""
        if not len(self._rule_automaton):
            return False
        return next(self._rule_automaton.iter(keys), None) is not None

    def scan(self, text: Normalised) -> tuple[list[Hit], set[str]]:
        """Hits, and the ASCII words seen inside codes (``SB-200``): a hit on the same word
        elsewhere in the message refers to that code (``SB是Sound Bar的缩写``), not the buyer."""
        hits: list[Hit] = []
        in_codes: set[str] = set()
        if not self._entries:
            return hits, in_codes
        keys = text.keys
        for last, (length, entries) in self._automaton.iter(keys):
            start = last + 1 - length
            edges_ascii = keys[start].isascii() or keys[last].isascii()
            if edges_ascii and not text.ascii_bounded(start, last + 1):
                if text.in_code(start, last + 1):
                    in_codes.add(keys[start : last + 1])
                continue
            cp_start, cp_end = text.cp_span_of_keys(start, last + 1)
            typed = text.original[cp_start:cp_end]
            for entry in entries:
                span: tuple[int, int] | None = (cp_start, cp_end)
                if entry.literal is not None and typed != entry.literal:
                    span = text.written_span(cp_start, cp_end, entry.literal)
                    if span is None:
                        continue
                hits.append(Hit(entry, span[0], span[1], keys[start : last + 1]))
        return hits, in_codes

    def _variants(self, normalised: Normalised) -> set[str]:
        """Every spelling a sound-alike term is matched in (as key strings)."""
        table = syllables()
        # Every character as written (天天 stays two: its pinyin is tiantian), keyed by each
        # of its readings (曝 is pu alone, bao in 曝光); repeats collapse at the end.
        units = normalised.view.replace(BREAK, "")
        # a rarer reading only with the context of a longer term (位 can read li: 灵位 must
        # not match 零利)
        per_char = _READINGS_PER_CHAR if len(units) >= _RARE_READING_MIN_CHARS else 1
        options: list[list[tuple[Part, str]]] = []
        for unit in units:
            readings = table.keys_of_char.get(unit, ())[:per_char]
            if not readings:  # a letter or digit in the term itself
                options.append([(Part.AS_TYPED, unit)])
                continue
            choices: list[tuple[Part, str]] = []
            for rank, key in enumerate(readings):
                spelled = table.spelling_of_key[key]
                choices += [(Part.CHARACTER, key), (Part.SPELLED, spelled)]
                if rank == 0:
                    choices.append((Part.INITIAL, spelled[0]))
                    digit = self._digit_for_syllable.get(spelled)
                    if digit:
                        choices.append((Part.DIGIT, digit))
            options.append(list(dict.fromkeys(choices)))
        if all(choice[0][0] is Part.AS_TYPED for choice in options):
            return {normalised.keys}  # letters with no sound to vary (a Cyrillic word)
        if len(options) <= _MIXED_MAX_CHARS:
            combos = itertools.product(*options)
        else:  # long phrases: in characters (any reading), all spelled out, all initials
            characters = [
                [c for c in choice if c[0] in (Part.CHARACTER, Part.AS_TYPED)] for choice in options
            ]
            combos = itertools.chain(
                itertools.product(*characters),
                (
                    tuple(_pick(choice, kind) for choice in options)
                    for kind in (Part.SPELLED, Part.INITIAL)
                ),
            )
        variants = {
            collapse_repeats("".join(text for _, text in combo))
            for combo in combos
            if _acceptable(combo)
        }
        variants.discard("")
        return variants


class Part(IntEnum):
    """How one character of a term is written in a variant."""

    AS_TYPED = 0  # a letter or digit that is in the term itself
    CHARACTER = 1  # any character with that sound
    SPELLED = 2  # its pinyin
    INITIAL = 3  # the first letter of its pinyin
    DIGIT = 4  # a digit that sounds like it


def _pick(choices: list[tuple[Part, str]], kind: Part) -> tuple[Part, str]:
    for choice in choices:
        if choice[0] is kind:
            return choice
    return choices[0]


def _acceptable(combo: tuple[tuple[Part, str], ...]) -> bool:
    """Leave out forms that ordinary text would hit by accident."""
    kinds = [kind for kind, _ in combo]
    n = len(combo)
    if Part.CHARACTER not in kinds and Part.DIGIT not in kinds:
        # all letters: two syllables spelled out at least (``gun`` alone is English);
        # initials alone need three characters (``tm`` would hit ™)
        if all(kind in (Part.INITIAL, Part.AS_TYPED) for kind in kinds):
            return n >= _INITIALS_MIN_CHARS
        return n >= 2
    # a digit standing for a syllable only inside the term, or in an all-ASCII form:
    # ``去4楼`` must not read as 去死.
    all_ascii = Part.CHARACTER not in kinds
    return all_ascii or Part.DIGIT not in (kinds[0], kinds[-1])


def _ascii_variants(term: str) -> set[str]:
    """An ASCII term and its forms with one letter written as a look-alike digit."""
    variants = {term}
    for i, ch in enumerate(term):
        digit = _DIGIT_FOR_LETTER.get(ch)
        if digit:
            variants.add(term[:i] + digit + term[i + 1 :])
    # a term must keep at least one letter, or it is just a number
    return {v for v in variants if any(c.isalpha() for c in v)}
