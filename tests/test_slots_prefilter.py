"""The slot matcher's prefilter (only patterns with a word of every required token in the
text run) finds exactly what running every pattern on every text finds, on the team's
corpora and on long messages joined from them."""

from __future__ import annotations

import random
from pathlib import Path

from helper.checks.message.structure import SlotMatcher
from helper.slots import Slots
from helper.text import fold
from tests.message_support import shipped_engine

DATA = Path(__file__).parent / "data"


def corpus() -> list[str]:
    lines = [row.split("\t")[-1] for row in _lines(DATA / "violations.tsv")[1:]]
    lines += _lines(DATA / "normal_replies.txt")
    for path in sorted((DATA / "fresh").glob("*.tsv")):
        lines += [cell for row in _lines(path) for cell in row.split("\t")]
    rng = random.Random(20261130)
    joined = ["".join(rng.choice(lines) for _ in range(12)) for _ in range(150)]
    return lines + joined


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def test_the_prefilter_changes_no_slot_match() -> None:
    rules = shipped_engine().rules
    fast = SlotMatcher(rules.book, rules.normaliser)
    every = SlotMatcher(rules.book, rules.normaliser, prefilter=False)
    matched = 0
    for text in corpus():
        views = rules.normaliser.views(text)
        normalised = rules.normaliser.normalise(text, views)
        assert fast.may_match(views) == every.may_match(views), text
        found = sorted((m.rule.id, m.start, m.end) for m in fast.find(normalised))
        assert found == sorted((m.rule.id, m.start, m.end) for m in every.find(normalised)), text
        matched += bool(found)
    assert matched >= 50  # the corpora hold many threats and harassment drafts


def test_anchors_are_the_words_of_required_tokens() -> None:
    slots = Slots({"held": ("地址", "身份证"), "time": "[0-9]+点"}, fold, "，。")
    assert slots.anchors("held ..6 [知道|有] 等着? ~9 上门") == (
        ("地址", "身份证"),
        ("知道", "有"),
        ("上门",),
    )
    assert slots.anchors("held ..4 time") is None  # a pattern slot has no word list
