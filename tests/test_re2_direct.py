"""helper/re2_direct.py: RE2 called without google-re2's Python wrapper finds what the
wrapper finds, whatever its DFA's memory budget."""

from __future__ import annotations

import random
import re

import re2
from hypothesis import given, settings
from hypothesis import strategies as st

from helper.re2_direct import program, spans

# patterns shaped like the slot patterns (word alternations, bounded gaps, optional words)
_PATTERNS = [
    "(?:你|您)(?s:.){0,4}(?:差评|投诉)",
    "(?:你|您)[^，。]{0,3}(?:家|地址)(?:在)?",
    "(?:等着)(?:瞧)?",
    "(?:a|ab)(?s:.){0,2}(?:b)",
    "(?:找|去)(?s:.){0,6}(?:你家)(?s:.){0,2}(?:门口|楼下)?",
]
_TEXT = st.lists(
    st.sampled_from(
        [
            "你",
            "您",
            "差评",
            "投诉",
            "家",
            "地址",
            "在",
            "等着",
            "瞧",
            "找",
            "去",
            "你家",
            "门口",
            "，",
            "。",
            "a",
            "b",
            "ab",
            "好",
            "的",
            "了",
            " ",
        ]
    ),
    max_size=60,
).map("".join)


def _wrapper_spans(compiled: re2._Regexp, data: bytes) -> list[tuple[int, int]]:
    return [m.span() for m in compiled.finditer(data)]


@settings(max_examples=300, deadline=None)
@given(_TEXT, st.sampled_from(_PATTERNS))
def test_direct_calls_find_what_the_wrapper_finds(text: str, pattern: str) -> None:
    compiled = re2.compile(pattern.encode())
    data = text.encode()
    assert list(spans(program(compiled), data)) == _wrapper_spans(compiled, data)


def test_a_dfa_out_of_memory_still_finds_every_match() -> None:
    """RE2's DFA gives up on a bounded gap when its memory budget is too small for the states
    (the slot patterns' shape): ``RE2::Match``, which ``spans`` calls, then falls back to
    another engine and still answers in full. (``RE2::Set`` answers "no match" instead,
    silently; no slot pattern runs in a set: docs/message-checks.md, "Eighth wave".)"""
    rng = random.Random(5)
    text = "".join(rng.choice("abcxyz你您") for _ in range(20_000))
    pattern = "a[^x]{0,40}b[^y]{0,40}c"
    expected = [
        (len(text[: m.start()].encode()), len(text[: m.end()].encode()))
        for m in re.finditer(pattern, text)
    ]
    assert len(expected) > 100
    for budget in (1 << 14, 1 << 16, 64 << 20):  # far too small, small, ample
        options = re2.Options()
        options.log_errors = False
        options.max_mem = budget
        compiled = program(re2.compile(pattern.encode(), options))
        assert list(spans(compiled, text.encode())) == expected, budget
