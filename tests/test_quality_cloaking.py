"""bench/cloaking.py: the homophone respelling bench/quality.py measures recall under."""

from __future__ import annotations

import random

from pypinyin import Style, lazy_pinyin

from bench.cloaking import cloak, homophones, kept_when_cloaked


def sound(char: str) -> str:
    return lazy_pinyin(char, style=Style.NORMAL)[0]


def test_every_respelling_is_another_common_character_of_the_same_sound() -> None:
    table = homophones()
    assert len(table) > 1000
    for char in "傻逼蛋死":
        assert char in table
        for other in table[char]:
            assert other != char
            assert sound(other) == sound(char)


def test_only_the_caught_words_are_respelled() -> None:
    text = "亲，你这个傻逼，去死"
    spans = [(5, 7), (9, 10)]
    for every in (False, True):
        cloaked = cloak(text, spans, random.Random(1), every=every)
        assert len(cloaked) == len(text)
        changed = [i for i, (a, b) in enumerate(zip(text, cloaked, strict=True)) if a != b]
        assert changed and all(5 <= i < 7 or i == 9 for i in changed)
        assert all(sound(cloaked[i]) == sound(text[i]) for i in changed)
        if every:
            assert changed == [5, 6, 9]
        else:  # one character per caught word
            assert len([i for i in changed if i < 7]) == 1 and 9 in changed


def test_the_measurement_is_the_same_on_every_run() -> None:
    texts = ["你这个傻逼", "今天天气不错", "滚蛋吧你", "你是猪吗"]

    def spans(text: str) -> list[tuple[int, int]]:
        return [(text.index(w), text.index(w) + len(w)) for w in ("傻逼", "滚蛋") if w in text]

    seen: list[str] = []

    def flagged(text: str) -> bool:
        seen.append(text)
        return "傻逼" in text or "滚蛋" in text

    first = kept_when_cloaked(texts, spans, flagged, every=True)
    cloaked_first = list(seen)
    seen.clear()
    assert kept_when_cloaked(texts, spans, flagged, every=True) == first
    assert seen == cloaked_first
    assert first == (2, 0)  # two originals caught; respelled, the literal words are gone
