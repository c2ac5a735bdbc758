"""Homophone cloaking for bench/quality.py: respell the words a check caught with other
characters of the same toneless pinyin, as people do to slip past a filter (傻逼 → 煞笔).

The replacement characters come from pypinyin (the readings) and jieba's dictionary (only
characters common enough to be typed from an IME's first page: a single-character entry of at
least ``COMMON_MIN_COUNT``). A fixed seed makes every run cloak the same way.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable, Sequence
from functools import lru_cache

from pypinyin import Style, pinyin

from helper.checks.message.words import dictionary_path

SEED = 20261130
COMMON_MIN_COUNT = 2000


@lru_cache(maxsize=1)
def homophones() -> dict[str, tuple[str, ...]]:
    """Common character → the other common characters of its (first) toneless reading."""
    common: list[str] = []
    for line in dictionary_path().read_text(encoding="utf-8").splitlines():
        word, count, *_ = line.split()
        if len(word) == 1 and "\u4e00" <= word <= "\u9fff" and int(count) >= COMMON_MIN_COUNT:
            common.append(word)
    by_sound: dict[str, list[str]] = defaultdict(list)
    sound_of: dict[str, str] = {}
    for char in common:
        sound = pinyin(char, style=Style.NORMAL, heteronym=False)[0][0]
        sound_of[char] = sound
        by_sound[sound].append(char)
    return {
        char: tuple(other for other in by_sound[sound] if other != char)
        for char, sound in sound_of.items()
        if len(by_sound[sound]) > 1
    }


Spans = Sequence[tuple[int, int]]  # code-point spans of what a check caught


def cloak(text: str, spans: Spans, rng: random.Random, *, every: bool) -> str:
    """``text`` with the characters of each span respelled: all of them (``every``) or one
    chosen at random per span. Characters without a common homophone stay as typed."""
    table = homophones()
    chars = list(text)
    for start, end in spans:
        places = [i for i in range(start, min(end, len(chars))) if chars[i] in table]
        if not places:
            continue
        for place in places if every else [rng.choice(places)]:
            chars[place] = rng.choice(table[chars[place]])
    return "".join(chars)


def kept_when_cloaked(
    texts: Sequence[str],
    caught_spans: Callable[[str], Spans],
    flagged: Callable[[str], bool],
    *,
    every: bool,
) -> tuple[int, int]:
    """(originals caught, of those still flagged after cloaking their caught words)."""
    rng = random.Random(SEED)
    caught = kept = 0
    for text in texts:
        spans = caught_spans(text)
        if not spans:
            continue
        caught += 1
        kept += flagged(cloak(text, spans, rng, every=every))
    return caught, kept
