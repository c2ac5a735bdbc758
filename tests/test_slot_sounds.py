"""Slot words in sound-alike spellings (helper/checks/message/slot_sounds.py): the shipped
rules read 暴光 as 曝光 and 住那 as 住哪 inside a slot pattern, the real-word gate keeps an
everyday word that sounds like a slot word itself, and a bad [slot_sounds] table is reported."""

from __future__ import annotations

from pathlib import Path

import pytest

from helper.checks.message import MessageEngine
from helper.checks.message.examples import lint
from helper.platforms import load_platforms
from helper.rulefiles import shipped_rules_dir
from tests.test_message_rules import GOOD_RULE, write_rules


@pytest.fixture(scope="module")
def engine() -> MessageEngine:
    dirs = [shipped_rules_dir()]
    return MessageEngine.load(dirs, load_platforms(dirs), "taobao")


def scenes(engine: MessageEngine, text: str) -> set[str]:
    return {finding.scene for finding in engine.check(text).findings}


@pytest.mark.parametrize(
    ("text", "scene"),
    [
        ("你的地止我有，自己掂量", "threat"),  # 地止 for 地址
        ("我知道你在哪上斑，等着", "threat"),  # 上斑 for 上班
        ("你不删我就天天给你发段信", "harassment"),  # 段信 for 短信
        ("我知道你 dizhi 了，xiaoxin 点", "threat"),  # pinyin for 地址, 小心
    ],
)
def test_a_slot_word_in_a_sound_alike_spelling_counts(
    engine: MessageEngine, text: str, scene: str
) -> None:
    assert scene in scenes(engine, text)


@pytest.mark.parametrize(
    "text",
    [
        "直到您收到货为止，我们都会跟进",  # 直到 sounds like 知道
        "您住那边的话快递要三天",  # 住那 inside 那边
        "我们抵制假货，您放心",  # 抵制 sounds like 地址
        "您的地址我们有，快递会小心轻放",
        # two letters are initials of countless words: ex is an ex-partner here, not 恶心
        "您ex的礼物要单独包装吗",
    ],
)
def test_an_everyday_word_that_sounds_like_a_slot_word_stays_itself(
    engine: MessageEngine, text: str
) -> None:
    assert engine.check(text).verdict == "ok"


def test_the_finding_covers_the_words_as_typed(engine: MessageEngine) -> None:
    text = "对面小区的，你的地止我有，自己掂量"
    [finding] = [f for f in engine.check(text).findings if f.scene == "threat"]
    assert text[finding.start_cp : finding.end_cp] == finding.match
    assert finding.match.startswith("地止")


def test_an_unknown_slot_in_slot_sounds_is_reported(tmp_path: Path) -> None:
    table = '[slots]\nheld = ["地址"]\n\n[slot_sounds]\nslots = ["held", "nowhere"]\n\n'
    path = write_rules(tmp_path, "a.toml", table + GOOD_RULE)
    problems = lint([tmp_path])
    assert [(p.path, p.line) for p in problems] == [(path, 4)]
    assert "'nowhere'" in str(problems[0])


def test_a_slot_sounds_table_that_is_not_a_list_is_reported(tmp_path: Path) -> None:
    write_rules(tmp_path, "a.toml", '[slot_sounds]\nslots = "held"\n\n' + GOOD_RULE)
    problems = lint([tmp_path])
    assert len(problems) == 1 and "slot_sounds" in str(problems[0])


def test_a_respelling_only_adds_matches(engine: MessageEngine) -> None:
    # 好吗 sounds like the slot word 号码; the tone shape on the words as typed still counts
    result = engine.check("我也很忙的好吗")
    assert result.verdict == "warn"
    assert [f.scene for f in result.findings] == ["tone"]
