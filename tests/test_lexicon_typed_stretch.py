"""A sound-alike hit that ran on into a neighbour sharing a syllable (寿衣已: 衣已 reads as one
yi) is narrowed to the word as typed, on the real engine and rules."""

from __future__ import annotations

import pytest

from helper.checks.message.engine import MessageEngine
from helper.platforms import load_platforms
from helper.rulefiles import shipped_rules_dir

RULES = [shipped_rules_dir()]


@pytest.fixture(scope="module")
def engine() -> MessageEngine:
    return MessageEngine.load(RULES, load_platforms(RULES), "taobao")


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("傻逼比你还傻", "傻逼"),  # 逼比: one bi
        ("寿衣已经给你寄出了", "寿衣"),  # 衣已: one yi
        ("壽衣已經寄給你了", "壽衣"),  # Traditional, as typed
        ("你这个杀傻逼", "傻逼"),  # 杀傻: one sha, before the word
    ],
)
def test_the_finding_is_the_word_not_its_neighbour(engine: MessageEngine, text: str, word: str):
    found = engine.check(text).findings
    assert word in [f.match for f in found], found
    # the word typed as written is no guess: alone in a message it blocks
    assert engine.check(text).verdict == "block"


def test_an_in_place_fix_keeps_the_neighbour(engine: MessageEngine) -> None:
    (finding, *_) = [f for f in engine.check("傻逼比你还傻").findings if f.match == "傻逼"]
    assert "傻逼比你还傻"[finding.end_cp :] == "比你还傻"


def test_the_goods_named_context_sees_the_word_as_typed(engine: MessageEngine) -> None:
    # A funeral shop's shipping note: the word's own neighbours (已经发出) say goods are named,
    # so it is no mailing finding (at most the tone reminder of a mention).
    shipped = engine.check("寿衣已经发出了")
    assert "mailing" not in {f.scene for f in shipped.findings}
    assert engine.check("寿衣已经给你寄出了").verdict == "block"


def test_a_repeat_of_the_words_own_characters_keeps_its_stretch(engine: MessageEngine) -> None:
    assert [f.match for f in engine.check("你这个傻逼逼").findings] == ["傻逼逼"]
    assert [f.match for f in engine.check("傻傻傻逼").findings] == ["傻傻傻逼"]
