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
