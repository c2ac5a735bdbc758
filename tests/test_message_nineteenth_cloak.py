"""Nineteenth wave, cloak19 branch (issue 9, item 2: homophone cloaking by mechanism). Measured on
COLD train cloaked as bench/quality.py cloaks COLD dev (bench/cloak_mechanisms.py), most of the
sentences lost when every character of a caught word is respelled had been caught by slot
patterns, and the slot words that went unread were of slots not read by sound. `[slot_sounds]`
(rules/message/slots.toml) now reads twelve more slot classes by sound through the same gated
mechanism: the intensifier and the judging verb before a disgust word (另人饿心 for 令人恶心),
the people word and the generaliser of a group claim (任豆 for 人都, 天声 for 天生), a crime as a
group's trait (犯最 for 犯罪). Each attack is paired with an ordinary reply in the same characters,
where they are a real word (任何, 饭量) or no slot word at all (另人签收), which must go out; the
real-word gate that keeps 致歉/明智/首先 safe is untouched, and `trait` stays out of the table."""

from __future__ import annotations

import pytest

from bench.cloak_mechanisms import finding_class
from bench.corpora import read_drafts, read_replies
from helper.checks.message import MessageEngine
from scripts.build_structure_model import DEV, HELD_OUT, REPLY_FOLDERS, TRAIN_FOLDERS
from tests.message_support import (
    assert_attack_blocks_by_rule,
    assert_reply_not_blocked,
    copied_rules,
    fires,
    rules_only,
    shipped_engine,
)

# (attack with slot words respelled, the same characters in an ordinary reply, the rule)
PAIRS = [
    ("这种人真的另人饿心", "这个要另人签收，本人不在也行", "insult.disgust"),
    ("这种人真的另人饿心", "另外人工客服晚上也在", "insult.disgust"),
    ("东北任豆是黑社会", "东北任何地方都能到", "insult.group_contempt"),
    ("外地任斗是小偷", "外地任何地区都包邮", "insult.group_contempt"),
    ("黑人天声懒", "这款音箱天声效果很好", "insult.group_contempt"),
    ("河南人就是犯最多", "河南人就是饭量大", "insult.group_trait"),
]


@pytest.mark.parametrize(("attack", "reply", "rule"), PAIRS)
def test_respelled_slot_words_are_read_and_the_same_characters_in_a_reply_go_out(
    attack: str, reply: str, rule: str
) -> None:
    assert_attack_blocks_by_rule(attack, rule)
    assert_reply_not_blocked(reply)


OLD_SLOT_SOUNDS = (
    "held",
    "know",
    "menace",
    "act",
    "campaign",
    "new_number",
    "contact",
    "place",
    "home",
    "group",
    "demean",
    "despise",
    "disgusted",
)


@pytest.fixture(scope="module")
def before_this_wave(tmp_path_factory: pytest.TempPathFactory) -> MessageEngine:
    """The shipped rules with `[slot_sounds]` as it was before this wave."""
    rules = copied_rules(tmp_path_factory.mktemp("slot_sounds"))
    slots = rules / "message" / "slots.toml"
    text = slots.read_text(encoding="utf-8")
    now = shipped_engine().rules.book.slot_sounds
    line = "slots = [" + ", ".join(f'"{name}"' for name in now) + "]"
    assert line in text
    old = "slots = [" + ", ".join(f'"{name}"' for name in OLD_SLOT_SOUNDS) + "]"
    slots.write_text(text.replace(line, old), encoding="utf-8")
    return MessageEngine.load([rules])


@pytest.mark.parametrize(("attack", "rule"), [(a, r) for a, _reply, r in PAIRS])
def test_the_attacks_are_read_through_the_new_slot_sounds(
    attack: str, rule: str, before_this_wave: MessageEngine
) -> None:
    assert before_this_wave.check(attack).verdict == "ok", attack
    assert fires(shipped_engine(), attack, rule)


@pytest.mark.parametrize("reply", ["首先向您致歉哈", "您这是很明智的选择哦", "之前的订单退款了"])
def test_the_real_word_gate_still_keeps_everyday_words(reply: str) -> None:
    assert rules_only().check(reply).verdict == "ok", reply


def test_traits_stay_read_as_written() -> None:
    # `trait` is left out of [slot_sounds]: read by sound, 扣扣搜搜 folds to 抠搜 and a claim
    # negated four characters away (东北人真就没你这样…) became a group insult (a COLD dev safe line
    # of the same shape moved AWAY when it was in)
    engine = shipped_engine()
    assert "trait" not in engine.rules.book.slot_sounds
    assert engine.check("我认识的东北人真就没你这样扣扣搜搜的").verdict == "ok"


def test_places_stay_read_as_written() -> None:
    # `homeland` is left out of [slot_sounds]: 外地 typed as itself would refuse the sound-alike
    # it overlaps (外地忍 for 外地人, a `group` word), and the attack would go out
    engine = shipped_engine()
    assert "homeland" not in engine.rules.book.slot_sounds
    assert engine.check("我看不起外地忍").verdict == "block"
    assert engine.check("外地任何地区都包邮").verdict == "ok"


def test_the_bench_names_what_caught_a_sentence() -> None:
    engine = rules_only()
    pattern = engine.check("东北人都是黑社会").findings
    assert {finding_class(engine.rules, f) for f in pattern} == {"pattern"}
    lexicon = engine.check("你就是个傻逼").findings
    assert "pattern" not in {finding_class(engine.rules, f) for f in lexicon}


def test_the_tune_set_is_scored_and_its_replies_go_out() -> None:
    folder = DEV / "cloaking" / "wave17"
    engine = rules_only()
    drafts = read_drafts(folder / "drafts.tsv")
    assert len(drafts) >= 40
    missed = [d.text for d in drafts if engine.check(d.text).verdict == "ok"]
    # the drafts left alone, named in docs/message-checks.md (nineteenth wave, cloak19)
    assert missed == [
        "你就是个人扎",
        "你怎么不去屎啊",
        "白吃一个，问了八百遍",
        "我要弄屎你全家",
        "你的照片我会暴光到网上",
    ]
    replies = read_replies(folder / "normal_replies.txt")
    assert len(replies) >= 40
    assert [r.text for r in replies if engine.check(r.text).verdict != "ok"] == []


def test_the_held_out_set_stays_out_of_training() -> None:
    held_out = DEV / "cloaking" / "wave17b"
    assert (held_out / "drafts.tsv").is_file()
    assert held_out in HELD_OUT
    assert held_out not in TRAIN_FOLDERS and held_out not in REPLY_FOLDERS
