"""Slot patterns (helper.slots): the pattern language, negative conditions, and the errors a
bad message rule file gets (file and line)."""

from __future__ import annotations

from pathlib import Path

import pytest

from helper.checks.message import MessageEngine
from helper.checks.message.examples import lint
from helper.rulefiles import RuleFileError
from helper.slots import Matcher, SlotError, Slots
from helper.text import fold
from tests.test_message_rules import GOOD_RULE, write_rules

WORDS = {
    "held": ("地址", "身份证"),
    "know": ("有", "知道"),
    "menace": ("掂量", "等着"),
    "benign": ("等着收",),
}
SLOTS = Slots(WORDS, fold, "，。！？,.!?")


def spans(pattern: object, text: str) -> list[tuple[int, int]]:
    return Matcher(SLOTS.compile(pattern)).spans(fold(text))


def test_a_combination_of_slots_matches_and_one_slot_alone_does_not() -> None:
    pattern = "held ..6 know ~12 menace"
    assert spans(pattern, "你的身份证号我都有，你自己掂量") == [(2, 15)]
    assert spans(pattern, "我知道您的地址，已经为您改好了") == []
    assert spans(pattern, "你的身份证我有") == []


def test_a_clause_gap_stops_at_punctuation_and_a_wide_gap_does_not() -> None:
    assert spans("held ..6 menace", "地址，等着") == []
    assert spans("held ~6 menace", "地址，等着") == [(0, 5)]
    assert spans("held ..2 menace", "地址一二三等着") == []


def test_optional_slots_inline_words_and_slot_names_inside_brackets() -> None:
    assert spans("[你|您]? held [有|know]", "地址有") == [(0, 3)]
    assert spans("[你|您]? held [有|know]", "您身份证知道") == [(0, 6)]
    assert spans("上门 held", "上门地址") == [(0, 4)]


def test_unless_clears_an_overlapping_match_only() -> None:
    pattern = {"match": "held ..4 menace", "unless": ["benign"]}
    assert spans(pattern, "地址有了您等着收货") == []
    assert spans(pattern, "地址有了您等着") == [(0, 7)]


def test_traditional_text_matches_simplified_words() -> None:
    assert spans("held ..6 know ~12 menace", "你的身份證號我都有，你自己掂量") == [(2, 15)]


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        ("held ..4", "ends with a gap"),
        ("..4 held", "must stand between"),
        ("held ..4 ..4 know", "must stand between"),
        ("held nowhere", "unknown slot 'nowhere'"),
        ("held? know?", "at least one required slot"),
        ("held ..999 know", "longer than"),
        ("Held", "cannot read 'Held'"),
        ({"match": "held", "unles": []}, "unknown key 'unles'"),
        (["held"], "a string or a table"),
        ("", "empty slot pattern"),
    ],
)
def test_bad_patterns_are_explained(pattern: object, message: str) -> None:
    with pytest.raises(SlotError, match=message):
        SLOTS.compile(pattern)


def test_bad_slot_pattern_in_a_rule_file_names_the_file_and_line(tmp_path: Path) -> None:
    slots = '[slots]\nheld = ["地址"]\n\n'
    rule = GOOD_RULE.replace('terms = ["坏蛋"]', 'slots = ["held ..3 nowhere"]')
    path = write_rules(tmp_path, "a.toml", slots + rule)
    problems = lint([tmp_path])
    assert [(p.path, p.line) for p in problems] == [(path, 11)]  # the slots line
    assert "unknown slot 'nowhere'" in str(problems[0])


def test_rule_load_names_the_file_and_line_of_a_bad_slot_pattern(tmp_path: Path) -> None:
    # rule load leaves the check of every pattern to lint; the engine's slot matcher still
    # stops at a bad one with its file and line, as lint does
    slots = '[slots]\nheld = ["地址"]\n\n'
    rule = GOOD_RULE.replace('terms = ["坏蛋"]', 'slots = ["held ..3 nowhere"]')
    path = write_rules(tmp_path, "a.toml", slots + rule)
    with pytest.raises(RuleFileError, match="unknown slot 'nowhere'") as raised:
        MessageEngine.load([tmp_path])
    assert (raised.value.path, raised.value.line) == (path, 11)


def test_slot_defined_twice_and_bad_slot_table_are_reported(tmp_path: Path) -> None:
    write_rules(tmp_path, "a.toml", '[slots]\nheld = ["地址"]\n\n' + GOOD_RULE)
    second = write_rules(tmp_path, "b.toml", '[slots]\nheld = ["电话"]\nBad = []\n')
    problems = lint([tmp_path])
    assert {(p.path, p.line) for p in problems} == {(second, 1), (second, 3)}
    assert any("also defined" in str(p) for p in problems)
    assert any("lower_case" in str(p) for p in problems)


def test_a_pattern_slot_stands_as_a_token_and_never_inside_a_word_list() -> None:
    # read as a word inside [...], a pattern slot never matched (a rule of the thirteenth wave
    # wrote [late_hour|凌晨|半夜] and never met 早上六点): lint must refuse it
    slots = Slots({**WORDS, "hour": "[0-9]+点"}, fold, "，。！？,.!?")
    assert Matcher(slots.compile("hour ..4 menace")).spans(fold("明早6点你等着")) == [(2, 7)]
    with pytest.raises(SlotError, match="pattern slot 'hour' cannot stand inside"):
        slots.compile("[hour|凌晨] ..4 menace")
