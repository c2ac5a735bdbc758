"""Eleventh wave, rule load: the cheaper readings of kept files answer as the old ones did.

- ``Kind`` and ``Part`` members as module names (``RULE``, ``_INITIAL``...) and ``KIND_OF``
  (a kept entry's kind by its number) are the enums' own members;
- ``lexicon_kept._entry`` still refuses what ``_encoded`` never writes (an unknown kind, a
  bool for a kind, a number for a string);
- ``slot_sources._numbers`` gathers the types at C level: a bool is still no number;
- ``structure._rarity`` counts one-character words at C level: the generator's answer.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helper.checks.message import lexicon
from helper.checks.message.lexicon_entry import CONTEXT, EXCEPTION, KIND_OF, RULE, Entry, Kind
from helper.checks.message.lexicon_kept import _entry
from helper.checks.message.slot_sources import _numbers
from helper.checks.message.structure import _rarity


def test_module_names_are_the_members() -> None:
    assert (RULE, CONTEXT, EXCEPTION) == (Kind.RULE, Kind.CONTEXT, Kind.EXCEPTION)
    assert all(KIND_OF[int(kind)] is kind for kind in Kind)
    assert len(KIND_OF) == len(Kind)
    for part in lexicon.Part:
        assert getattr(lexicon, f"_{part.name}") is part


def test_a_kept_entry_is_read_as_written() -> None:
    for kind in Kind:
        assert _entry(int(kind), "insult.curse", "傻逼", "傻逼") == Entry(
            kind, "insult.curse", "傻逼", "傻逼"
        )


@pytest.mark.parametrize(
    "fields",
    [
        (len(Kind), "owner", "term", "written"),  # no such kind
        (-1, "owner", "term", "written"),
        (True, "owner", "term", "written"),  # a bool is no kind number
        (0.0, "owner", "term", "written"),
        (0, 1, "term", "written"),
        (0, "owner", None, "written"),
        (0, "owner", "term", ["written"]),
    ],
)
def test_a_kept_entry_not_written_by_encoded_is_refused(fields: tuple[object, ...]) -> None:
    # _decoded turns either error into a miss (the lexicon is made afresh)
    with pytest.raises((TypeError, KeyError)):
        _entry(*fields)  # type: ignore[arg-type]


@given(st.lists(st.one_of(st.integers(), st.booleans(), st.floats(), st.text(max_size=2))))
def test_numbers_are_ints_and_nothing_else(items: list[object]) -> None:
    assert _numbers(items) == all(type(item) is int for item in items)
    assert not _numbers(tuple(items))  # a list only, as JSON gives


@given(st.lists(st.text(min_size=1, max_size=4), max_size=30))
def test_rarity_counts_one_character_words(words: list[str]) -> None:
    assert _rarity(words) == (sum(len(word) == 1 for word in words), len(words))
