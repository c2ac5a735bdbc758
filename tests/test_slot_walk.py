"""helper/checks/message/slot_walk.py: a slot pattern walked from its words' places finds
exactly the spans RE2 finds with the pattern's source (leftmost-first, one match after
another), on hand-written patterns that exercise every step (greedy gaps, clause breaks,
optional words before, between and after gaps, words inside other words) and on every shipped
slot pattern and ``unless`` pattern over the team's corpora, long joined messages and drafts
generated from the slot words."""

from __future__ import annotations

import random
from collections.abc import Sequence

import ahocorasick
import re2
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helper.checks.message.slot_walk import Places, Walk, WalkStep
from helper.checks.message.structure import SlotMatcher
from helper.re2_direct import program, spans
from helper.slots import Slots
from helper.text import fold
from tests.message_support import shipped_engine
from tests.test_slots_prefilter import DRAFT_PIECES, corpus, shipped_matchers

_SLOTS = {
    "you": ("你", "您", "你们"),
    "kin": ("家人", "孩子", "家"),
    "held": ("地址", "电话", "地"),
}
_PATTERNS = [
    "you ~4 [差评|投诉]",
    "you ..3 [家|地址] [在]?",
    "等着 瞧?",
    "[a|ab] ~2 [b]",
    "[找|去] ~6 你家 ~2 [门口|楼下]?",
    "you? [的]? kin ..3 [我|我们]",
    "held ~5 [知道|有]? ~3 上门",
    "[你|你们] [你们|们]? ~3 [们|打]",
    "kin ..2 kin",
    "you [的]? held? ..4 [在|有] ~2 you?",
]
_PIECES = [
    *(word for words in _SLOTS.values() for word in words),
    *"差评投诉在等着瞧找去门口楼下的我们知道有上门打好了",
    "你家",
    "a",
    "b",
    "ab",
    "，",
    "。",
    " ",
]
_BREAKS = "。"


def _walk_and_program(
    source: str, rarest_last: bool
) -> tuple[Walk, dict[str, int], list[frozenset[int]], object]:
    """The pattern's walk over its own tokens (the first or the last required token taken
    as the rarest: it bounds where a match may start), its words numbered, and its RE2
    program."""
    slots = Slots(_SLOTS, fold, _BREAKS)
    found = slots.steps(source)
    assert found is not None
    words: dict[str, int] = {}
    tokens: list[frozenset[int]] = []
    widths: list[tuple[int, int]] = []
    steps: list[WalkStep] = []
    for value, flag in found:
        if isinstance(value, int):
            steps.append((True, value, flag))
            continue
        tokens.append(frozenset(words.setdefault(word, len(words)) for word in value))
        widths.append((min(map(len, value)), max(map(len, value))))
        steps.append((False, len(tokens) - 1, flag))
    lengths = [len(word) for word in words]
    walk = Walk(steps, widths, lengths, lambda token: -token if rarest_last else token)
    compiled = program(re2.compile(slots.compile(source).regex.encode()))
    return walk, words, tokens, compiled


_BUILT = {
    (source, last): _walk_and_program(source, last)
    for source in _PATTERNS
    for last in (False, True)
}


def _walked(source: str, text: str, rarest_last: bool = False) -> list[tuple[int, int]]:
    walk, words, tokens, _ = _BUILT[source, rarest_last]
    automaton = ahocorasick.Automaton()
    for word, number in words.items():
        automaton.add_word(word, number)
    automaton.make_automaton()
    lengths = [len(word) for word in words]
    places = Places(text, list(automaton.iter(text)), lengths, tokens, _BREAKS)
    return list(walk.spans(places))


def _read(source: str, text: str) -> list[tuple[int, int]]:
    data = text.encode()
    return [
        (len(data[:start].decode()), len(data[:end].decode()))
        for start, end in spans(_BUILT[source, False][3], data)
    ]


def test_the_walk_finds_re2s_leftmost_first_spans_on_written_cases() -> None:
    # the longest word, the widest gap, and the next match after the end of the last
    assert _walked("you ~4 [差评|投诉]", "你们好差评投诉你差评") == [(0, 7), (7, 10)]
    assert _read("you ~4 [差评|投诉]", "你们好差评投诉你差评") == [(0, 7), (7, 10)]
    # a gap without clause breaks stops at 。
    assert _walked("you ..3 [家|地址] [在]?", "你。家在你家在") == [(4, 7)]
    # an optional word taken when it is there
    assert _walked("等着 瞧?", "等着瞧等着") == [(0, 3), (3, 5)]


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_PIECES), max_size=40), st.sampled_from(_PATTERNS), st.booleans())
def test_the_walk_finds_what_re2_finds(pieces: list[str], source: str, rarest_last: bool) -> None:
    text = "".join(pieces)
    assert _walked(source, text, rarest_last) == _read(source, text), (source, text)


def _shipped() -> SlotMatcher:
    return shipped_matchers()[0]


def _required(walk: Walk) -> set[int]:
    return {value for is_gap, value, optional in walk._steps if not is_gap and not optional}


def _compare_shipped(texts: Sequence[str]) -> int:
    """Every shipped walk whose required words are in the view against RE2 on its source;
    how many spans they found."""
    matcher = _shipped()
    rules = shipped_engine().rules
    unless = [
        (walk, matcher._unless(source))
        for source, walk in matcher._unless_walks.items()
        if walk is not None
    ]
    patterns = [
        (walk, matcher._pattern(index)[0])  # type: ignore[index]
        for index, walk in enumerate(matcher._walks)
        if walk is not None
    ]
    found = 0
    for text in texts:
        seen = matcher._seen(matcher._alphabet.text(rules.normaliser.views(text).view))
        for walk, compiled in patterns + unless:
            if not _required(walk) <= seen.tokens:
                continue
            walked = list(walk.spans(seen.places))
            assert walked == list(seen.read(compiled)), text
            found += len(walked)
    return found


def test_every_shipped_pattern_walks_to_re2s_spans_on_the_corpora() -> None:
    texts = corpus()
    rng = random.Random(9)
    texts += ["".join(rng.choice(texts) for _ in range(40)) for _ in range(20)]
    assert _compare_shipped(texts) >= 1000


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(DRAFT_PIECES, min_size=1, max_size=120))
def test_every_shipped_pattern_walks_to_re2s_spans_on_generated_drafts(
    pieces: list[str],
) -> None:
    _compare_shipped(["".join(pieces)])
