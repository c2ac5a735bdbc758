"""What a lexicon holds per key (``Entry``) and what it is given per term (``Term``): apart from
lexicon.py so that the kept lexicons (lexicon_kept.py) can read and write them."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import NamedTuple


class Kind(IntEnum):
    RULE = 0
    CONTEXT = 1
    EXCEPTION = 2


# The members as module names, for loops run per key or per hit: in Python 3.11 reading a
# member through its class (``Kind.RULE``) costs ~0.3 µs, a module name ~0.02 µs, and the load
# reads one or two per key of 60,000 (a tenth of building the automata).
RULE, CONTEXT, EXCEPTION = Kind.RULE, Kind.CONTEXT, Kind.EXCEPTION
# an entry's kind by its number (the kept lexicons write the number; calling the enum costs ~1 µs)
KIND_OF = {int(kind): kind for kind in Kind}


@dataclass(frozen=True, slots=True)
class Entry:
    kind: Kind
    owner: str  # rule id, or context id
    term: str  # the term as the rule file writes it (what a finding and an allowance name)
    written: str  # the term folded, without separators (what the real-word gate compares)


class Term(NamedTuple):
    """One ``Lexicon.add`` call (see there for the three numbers and flags)."""

    kind: Kind
    owner: str
    term: str
    sounds_alike: bool
    letters_only_below: int = 0
    respelled_from: int = 0
