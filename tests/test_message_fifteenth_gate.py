"""Fifteenth wave, real-word gate: characters typed as a term of the rules are read as that term
only, never also as another term they sound like (母狗 is no 穆狗, 殖人 no 纸人, 垃圾 no 拉圾);
the typed term's own rule, context and exceptions decide. Sound-alike spellings that are no
term (沐狗, 沙比, 兽衣) are still heard as the term."""

from __future__ import annotations

import pytest

from helper.checks.message.words import WordGate, shared_dictionary
from scripts.build_structure_model import DEV, HELD_OUT, REPLY_FOLDERS, TRAIN_FOLDERS
from tests.message_support import assert_held_as_expected, held_cases, rules_only

# (reply, why it is not held)
NOT_BLOCKED = [
    ("公狗和母狗都可以用这款驱虫药", "母狗 typed is the female dog, never the slur 穆狗"),
    ("这窝是一公两母，两只母狗已经被订走了", "a litter's female dogs"),
    ("母狗绝育后要穿手术服防舔，这款是专门给小型犬做的", "a female dog spayed"),
    ("祝您新婚快乐，早生贵子！喜糖礼盒已经帮您包好了", "早生贵子 is an idiom, no 鬼子"),
    ("猫砂里混了一点沙子是正常的，这款是膨润土的", "沙子 is sand, no 傻子"),
]

# (draft, why it still counts)
CAUGHT = [
    ("你个母狗", "母狗 called a name: its own aimed term"),
    ("你这条母狗，滚远点", "母狗 called a name"),
    ("你们这些穆狗", "the slur typed as itself"),
    ("你就是个沙比，说几遍了还不懂", "a respelling that is no term and no word"),
    ("再给差评我弄屎你", "a menace respelled"),
    ("给你寄套兽衣，穿着上路吧", "a funeral item respelled"),
    ("草泥马的，退你妹的款", "草泥马 is a term of its own"),
    ("你个垃.圾", "垃圾 read as itself"),
]


@pytest.mark.parametrize(("text", "held", "why"), held_cases(NOT_BLOCKED, CAUGHT))
def test_verdict_follows_the_words(text: str, held: bool, why: str) -> None:
    assert_held_as_expected(text, held, why)


def _terms(text: str) -> set[tuple[str, str]]:
    """Every rule's matches, also where another rule matched the same stretch (as rule
    examples see them), so a second reading of the same characters shows."""
    found = rules_only().check(text, one_per_span=False).findings
    return {(f.rule_id, f.term) for f in found}


def test_a_female_dog_is_no_finding_at_all() -> None:
    """Before, the sound-alike reading of 母狗 as the slur warned alone (a lone guess), cleared
    only by a context kept for that one word; now no reading of it is left at all."""
    assert _terms("公狗和母狗都可以用这款驱虫药") == set()


def test_a_typed_term_is_not_also_another_term() -> None:
    """殖人 (a slur) typed sounds like 纸人 (a funeral item): the insult stands, the mailing
    reading it only sounds like is gone."""
    rules = {rule for rule, _ in _terms("说的就是你这个殖人")}
    assert "insult.contempt" in rules
    assert "mailing.funeral" not in rules


def test_the_finding_names_the_term_typed() -> None:
    """草泥马 is listed as a term itself; it is no longer also reported as 操你妈."""
    terms = {term for _, term in _terms("草泥马")}
    assert "草泥马" in terms
    assert "操你妈" not in terms


def test_a_respelling_that_is_no_term_still_counts() -> None:
    """沐狗 is no term and no dictionary word: still heard as 穆狗."""
    assert ("insult.discrimination", "穆狗") in _terms("一看就是个沐狗，难怪这么难缠")


def test_the_gate_refuses_another_term_and_keeps_its_own() -> None:
    gate = WordGate(shared_dictionary(), {"母狗", "穆狗"})
    assert gate.another_term("母狗", "穆狗")
    assert not gate.another_term("穆狗", "穆狗")
    assert not gate.another_term("沐狗", "穆狗")
    assert not gate.counts("公狗和母狗", 3, 5, "穆狗")


def test_the_held_out_set_is_never_trained_on() -> None:
    held = DEV / "precision" / "wave17b"
    assert held in HELD_OUT
    assert held not in set(TRAIN_FOLDERS) | set(REPLY_FOLDERS)
    assert (held / "drafts.tsv").is_file()
    assert (held / "normal_replies.txt").is_file()
