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

from collections.abc import Iterator
from typing import Any

import re2

_UNANCHORED = re2._re2.RE2.Anchor.UNANCHORED
_NO_MATCH = (-1, -1)


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
