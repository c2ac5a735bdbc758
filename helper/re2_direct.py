"""RE2 matching on UTF-8 bytes without google-re2's Python wrapper around each call.

``re2.compile(...).search(data)`` runs a Python generator, builds a match object and, for
every call, re-checks its positions: on a 500-character draft the slot patterns are asked a
hundred times and the wrapper cost twice what RE2 itself did (docs/message-checks.md,
"Seventh wave: check path"). These functions call the compiled program directly, with the
wrapper's own semantics on ``bytes`` (same anchoring, same advance past an empty match);
tests/test_re2_direct.py compares them with the wrapper so that a change of the library's
internals is caught there.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from re import _constants, _parser  # type: ignore[attr-defined]
from typing import Any

import re2

_UNANCHORED = re2._re2.RE2.Anchor.UNANCHORED
_NO_MATCH = (-1, -1)
# what a match may not be cut from its surroundings for (max_width)
_POSITIONAL = frozenset(
    {
        _constants.AT,
        _constants.ASSERT,
        _constants.ASSERT_NOT,
        _constants.GROUPREF,
        _constants.GROUPREF_EXISTS,
    }
)
_REPEATS = frozenset({_constants.MAX_REPEAT, _constants.MIN_REPEAT, _constants.POSSESSIVE_REPEAT})


def program(compiled: Any) -> Any:
    """The C++ program behind a ``re2.compile`` result (what its methods call)."""
    return compiled._regexp


def spans(program: Any, data: bytes) -> Iterator[tuple[int, int]]:
    """``(m.span() for m in compiled.finditer(data))``, byte offsets."""
    pos, end = 0, len(data)
    match = program.Match
    while True:
        span = match(_UNANCHORED, data, pos, end)[0]
        if span == _NO_MATCH:
            return
        yield span
        if pos == end:
            return
        pos = pos + 1 if pos == span[1] else span[1]


def spans_near(
    program: Any, data: bytes, anchors: Sequence[int], width: int
) -> Iterator[tuple[int, int]]:
    """``spans(program, data)`` read only around ``anchors``: the byte offsets, in order,
    of every place where a word starts that each match must hold, for a pattern
    whose matches are at most ``width`` bytes long (``max_width`` characters times the
    most bytes a character of ``data`` takes) and test no position.

    A match starting at ``s`` holds an anchor starting at or after ``s``, so it starts no
    earlier than ``width`` before the first anchor not yet passed and ends no later than
    ``width`` after it: RE2 reads that window only. A match found there that starts at or
    before that anchor is the leftmost one of the whole text with its whole length (every
    match starting there fits the window); one that starts after it may have been cut short
    by the window's end, so the search moves on to the next anchor instead. The same spans
    as ``spans``, reading a few windows of a long text instead of all of it (a pattern with
    a gap of many characters after a common word runs RE2's DFA out of states)."""
    pos, size, count = 0, len(data), len(anchors)
    match = program.Match
    at = 0  # the first anchor not yet passed
    while True:
        found = None
        low = pos
        while at < count:
            start = anchors[at]
            if start < low:
                at += 1
                continue
            span = match(_UNANCHORED, data, max(low, start - width), min(size, start + width))[0]
            if span != _NO_MATCH and span[0] <= start:
                found = span
                break
            low = start + 1
            at += 1
        if found is None:
            return
        yield found
        if pos == size:
            return
        pos = pos + 1 if pos == found[1] else found[1]


def max_width(regex: bytes) -> int | None:
    """The most characters a match of ``regex`` can span, or None when
    it is unbounded, tests a position (``^``, ``$``, ``\\b``: a window would change what it
    sees) or is not a pattern Python's parser reads the same way. Read with Python's own
    parser: the slot patterns use the syntax both share (groups, classes, bounded repeats)."""
    try:
        parsed = _parser.parse(regex.decode("utf-8"))
    except (re.error, UnicodeDecodeError, OverflowError, RecursionError):
        return None
    if _tests_a_position(parsed.data):
        return None
    high = parsed.getwidth()[1]
    return None if high >= _constants.MAXREPEAT else high


def _tests_a_position(items: Any) -> bool:
    for op, value in items:
        if op in _POSITIONAL:
            return True
        if op is _constants.SUBPATTERN and _tests_a_position(value[-1]):
            return True
        if op in _REPEATS and _tests_a_position(value[2]):
            return True
        if op is _constants.BRANCH and any(_tests_a_position(b) for b in value[1]):
            return True
    return False
