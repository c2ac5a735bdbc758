"""Slot patterns: threats, harassment and buyer opt-outs recognised by their structure.

A *slot* is a named list of words (``held = ["地址", "身份证", ...]``). A *slot pattern* is a
combination of slots with order and distance constraints, written as a line of tokens:

- ``held``            a word of slot ``held``; ``held?`` makes it optional;
- ``[再|又]``, ``上门``  words written in place (a bare word has no ASCII letters); an item
                      of ``[...]`` that is the name of a slot stands for its words:
                      ``[有|know]``;
- ``..8``             up to 8 characters, none of them a clause break (，。！？ ...);
- ``~20``             up to 20 characters of anything, clause breaks included;
- tokens without a gap between them must touch.

A pattern may carry negative conditions: ``{ match = "...", unless = ["...", ...] }``; a match
that shares a character with a match of an ``unless`` pattern does not count.

Patterns compile to RE2 (one alternation per slot, longest word first), so matching stays
linear in the length of the text whatever the words. Message rules and opt-out rules both use
this module; each passes the normalisation its text goes through and its clause breaks.
The format is described in docs/slot-patterns.md.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import re2

from helper.rulefiles import RuleFileError, line_of

_SLOT_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_GAP = re.compile(r"^(\.\.|~)(\d{1,3})$")
_NAMED_GROUP = re.compile(r"\(\?P<[a-z_]+>")
MAX_GAP = 200


# One step of a compiled slot pattern (Slots.steps): a word token (its words, optional) or a
# gap (its size in characters, whether it crosses clause breaks).
Step = tuple[tuple[str, ...], bool] | tuple[int, bool]


class SlotError(ValueError):
    """A slot pattern that cannot be compiled; the caller adds the file and line."""


@dataclass(frozen=True)
class SlotPattern:
    source: str
    regex: str  # RE2 source of what must match
    unless: tuple[str, ...] = ()  # RE2 sources; a match overlapping one of these is dropped


@dataclass(frozen=True)
class Slots:
    """The slot word lists of one rule family, and how its text is prepared for matching."""

    # a word list, or (a *pattern slot*) an RE2 pattern for what no list can hold, such as a
    # clock time; its named groups let the caller read the value
    words: Mapping[str, tuple[str, ...] | str]
    normalise: Callable[[str], str]
    breaks: str  # characters that end a clause in the matched text
    # token -> its words normalised, and its RE2 alternation: a rule book names one slot in
    # hundreds of patterns, and folding and escaping its words each time dominated rule load
    _words_cache: dict[str, tuple[str, ...]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    _alternations: dict[str, str] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def compile(self, spec: Any) -> SlotPattern:
        """A pattern given as a string or as ``{match, unless}``; raises SlotError."""
        if isinstance(spec, str):
            return SlotPattern(spec, self._regex(spec))
        if isinstance(spec, dict) and isinstance(spec.get("match"), str):
            extra = set(spec) - {"match", "unless"}
            if extra:
                raise SlotError(f"unknown key {sorted(extra)[0]!r} in a slot pattern")
            unless = spec.get("unless", [])
            if not isinstance(unless, list) or not all(isinstance(u, str) for u in unless):
                raise SlotError("unless must be a list of slot patterns")
            return SlotPattern(
                spec["match"], self._regex(spec["match"]), tuple(self._regex(u) for u in unless)
            )
        raise SlotError('a slot pattern is a string or a table { match = "...", unless = [...] }')

    def _regex(self, source: str) -> str:
        tokens = source.split()
        if not tokens:
            raise SlotError("empty slot pattern")
        parts: list[str] = []
        words_seen = False
        for token in tokens:
            gap = _GAP.match(token)
            if gap:
                if not parts or _is_gap(parts[-1]):
                    raise SlotError(f"gap {token!r} must stand between two words or slots")
                size = int(gap.group(2))
                if size > MAX_GAP:
                    raise SlotError(f"gap {token!r} is longer than {MAX_GAP} characters")
                any_char = "(?s:.)" if gap.group(1) == "~" else f"[^{re.escape(self.breaks)}]"
                parts.append(f"{_GAP_MARK}{any_char}{{0,{size}}}")
                continue
            optional = token.endswith("?") and len(token) > 1
            body = token[:-1] if optional else token
            alternation = self._fragment(body, source)
            parts.append(f"(?:{alternation})?" if optional else f"(?:{alternation})")
            words_seen = words_seen or not optional
        if _is_gap(parts[-1]):
            raise SlotError(f"slot pattern {source!r} ends with a gap")
        if not words_seen:
            raise SlotError(f"slot pattern {source!r} needs at least one required slot")
        return "".join(part.removeprefix(_GAP_MARK) for part in parts)

    def anchors(self, source: str) -> tuple[tuple[str, ...], ...] | None:
        """The words of each required token of a compiled pattern (normalised as the text):
        a match needs one word of every token to occur in the text, so a caller may skip the
        pattern when one token has none. A required pattern slot (no word list to look for)
        is left out: its word tokens still bound the pattern (twelfth wave; before, such a
        pattern ran on every view). None when no required token has a word list."""
        found = []
        for token in source.split():
            if _GAP.match(token) or (token.endswith("?") and len(token) > 1):
                continue
            if isinstance(self.words.get(token), str):
                continue
            found.append(self._words_of(token, source))
        return tuple(found) or None

    def steps(self, source: str) -> tuple[Step, ...] | None:
        """A compiled pattern as the steps its RE2 source is made of, in order: a word token
        as ``(words, optional)`` (the words normalised as the text, as in its alternation), a
        gap as ``(size, crosses_breaks)`` (``~N`` crosses clause breaks, ``..N`` does not).
        None when the pattern names a pattern slot (no word list to walk)."""
        found: list[Step] = []
        for token in source.split():
            gap = _GAP.match(token)
            if gap:
                found.append((int(gap.group(2)), gap.group(1) == "~"))
                continue
            optional = token.endswith("?") and len(token) > 1
            body = token[:-1] if optional else token
            if isinstance(self.words.get(body), str):
                return None
            found.append((self._words_of(body, source), optional))
        return tuple(found)

    def _fragment(self, token: str, source: str) -> str:
        """The RE2 alternative a token stands for."""
        value = self.words.get(token)
        if isinstance(value, str):  # a pattern slot: its named groups are for extraction only
            return _NAMED_GROUP.sub("(?:", value)
        found = self._alternations.get(token)
        if found is None:
            found = self._alternations[token] = _alternation(self._words_of(token, source))
        return found

    def _words_of(self, token: str, source: str) -> tuple[str, ...]:
        """The words a token stands for, normalised (``source``: the pattern, for errors)."""
        found = self._words_cache.get(token)
        if found is None:
            found = self._words_cache[token] = self._read_words(token, source)
        return found

    def _read_words(self, token: str, source: str) -> tuple[str, ...]:
        if token.startswith("[") and token.endswith("]"):
            items = [w for w in token[1:-1].split("|") if w]
            if not items:
                raise SlotError(f"empty word list {token!r} in {source!r}")
            folded = []
            for item in items:  # an item may name a word slot: [有|know]
                # a pattern slot named here is refused below: read as a word, it never matched
                if item in self.words:
                    # normalised already: normalising twice need not give the same word
                    # (a word in the message slot matcher's codes, slot_alphabet.py)
                    folded.extend(self._words_of(item, source))
                else:
                    folded.append(self.normalise(item))
            return self._checked(tuple(folded), token)
        elif _SLOT_NAME.match(token):
            if token not in self.words:
                known = ", ".join(sorted(self.words)) or "none"
                raise SlotError(f"unknown slot {token!r} in {source!r} (known: {known})")
            value = self.words[token]
            if isinstance(value, str):
                raise SlotError(f"pattern slot {token!r} cannot stand inside [...] in {source!r}")
            words = list(value)
        elif not re.search(r"[A-Za-z\[\]|]", token):
            words = [token]  # a word written in place: 上门
        else:
            raise SlotError(
                f"cannot read {token!r} in {source!r}: expected a slot, a word, [a|b] or ..N"
            )
        return self._checked(tuple(self.normalise(word) for word in words), token)

    @staticmethod
    def _checked(folded: tuple[str, ...], token: str) -> tuple[str, ...]:
        if not all(folded):
            raise SlotError(f"a word in {token!r} has nothing left to match once normalised")
        return folded


# Marks a compiled gap while the pattern is assembled (removed before it is returned).
_GAP_MARK = "\x00"


def _is_gap(part: str) -> bool:
    return part.startswith(_GAP_MARK)


def _alternation(words: Sequence[str]) -> str:
    # Longest first: RE2 prefers the leftmost alternative, and a longer word is the better span.
    unique = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(re.escape(word) for word in unique)


def read_slot_table(data: Any, path: Any, text: str, problems: list[RuleFileError]) -> dict:
    """The ``[slots]`` table of one file (name → words, or an RE2 pattern for a pattern slot
    written ``{ regex = "..." }``), recording problems with lines."""
    if data is None:
        return {}
    start = line_of(text, "[slots]") or 1
    if not isinstance(data, dict):
        problems.append(RuleFileError(path, start, "slots must be a table of word lists"))
        return {}
    found: dict[str, tuple[str, ...] | str] = {}
    for name, words in data.items():
        # the line is looked up only for a problem (a load reads hundreds of good slots)
        if not _SLOT_NAME.match(name):
            problems.append(
                RuleFileError(
                    path, _line(text, name, start), f"slot name {name!r} must be lower_case"
                )
            )
        elif isinstance(words, dict):
            pattern = _pattern_slot(words, name, path, _line(text, name, start), problems)
            if pattern is not None:
                found[name] = pattern
        elif (
            not isinstance(words, list)
            or not words
            or not all(isinstance(w, str) and w.strip() for w in words)
        ):
            problems.append(
                RuleFileError(
                    path,
                    _line(text, name, start),
                    f"slot {name!r} must be a list of non-empty words",
                )
            )
        else:
            found[name] = tuple(words)
    return found


def _line(text: str, name: str, start: int) -> int:
    """The line of slot ``name`` in a ``[slots]`` table starting at line ``start``."""
    return line_of(text, f"{name} ", start_line=start) or start


def _pattern_slot(
    table: dict, name: str, path: Any, line: int, problems: list[RuleFileError]
) -> str | None:
    pattern = table.get("regex")
    if set(table) != {"regex"} or not isinstance(pattern, str) or not pattern:
        problems.append(RuleFileError(path, line, f'slot {name!r}: write {{ regex = "..." }}'))
        return None
    try:
        re2.compile(pattern, re2_options())
    except re2.error as exc:
        problems.append(RuleFileError(path, line, f"slot {name!r}: invalid RE2 pattern: {exc}"))
        return None
    return pattern


def merge_slot_tables(
    tables: Sequence[tuple[Any, int, dict[str, tuple[str, ...] | str]]],
    problems: list[RuleFileError],
) -> dict[str, tuple[str, ...] | str]:
    """One slot dictionary from every file's ``[slots]``; a name defined twice is a problem
    (two lists with one name would make a pattern mean different things in different files)."""
    merged: dict[str, tuple[str, ...] | str] = {}
    where: dict[str, Any] = {}
    for path, line, table in tables:
        for name, words in table.items():
            if name in merged:
                problems.append(
                    RuleFileError(path, line, f"slot {name!r} also defined in {where[name]}")
                )
                continue
            merged[name] = words
            where[name] = path
    return merged


def re2_options() -> re2.Options:
    options = re2.Options()
    options.log_errors = False
    return options


def overlaps(span: tuple[int, int], others: Sequence[tuple[int, int]]) -> bool:
    return any(start < span[1] and span[0] < end for start, end in others)


class Matcher:
    """One compiled slot pattern over ``str`` text (the opt-out rules' folded text)."""

    def __init__(self, pattern: SlotPattern) -> None:
        options = re2_options()
        self.pattern = pattern
        self._match = re2.compile(pattern.regex, options)
        self._unless = tuple(re2.compile(u, options) for u in pattern.unless)

    def spans(self, text: str) -> list[tuple[int, int]]:
        found = [m.span() for m in self._match.finditer(text)]
        if not found or not self._unless:
            return found
        blocked = [m.span() for u in self._unless for m in u.finditer(text)]
        return [span for span in found if not overlaps(span, blocked)]

    def search(self, text: str) -> tuple[int, int] | None:
        found = self.spans(text)
        return found[0] if found else None
