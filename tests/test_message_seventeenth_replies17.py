"""Precision on ordinary replies, seventeenth wave (replies17 branch), by family: the buyer's own
complaint about a product echoed by the agent (垃圾, 恶心 said of goods), a sprayer called 喷子, a
code in Latin letters that runs into a code word (CNM码, SB口), a parcel's progress told before
咱们走着瞧, words forbidden without quotation marks in staff talk (不能说你等着这种话); and, on the
recall side, the buyer compared to goods and found as bad, and poison urged on the buyer. Each
innocent reply is paired with an attack in the same words that must stay blocked. The sentences
were written for this test after the rules, in other words than the dev sets (wave20, wave20b)
and the rules' examples. Real engine over the shipped rules."""

from __future__ import annotations

import pytest

from scripts.build_structure_model import DEV, HELD_OUT, REPLY_FOLDERS, TRAIN_FOLDERS
from tests.message_support import (
    assert_held_as_expected,
    paired_held_cases,
    rule_ids,
    rules_only,
)

# (reply that must not be held, attack in the same words that must be, why)
PAIRS = [
    # the product is the subject of the contempt word, not the buyer
    (
        "这个音响的音效确实垃圾，低音发闷，给您换新款",
        "你这人确实垃圾，跟你说话就是浪费时间",
        "goods subject: an aspect of the goods",
    ),
    (
        "这个数据线太垃圾了，插两次就松，我们补发一根",
        "你太垃圾了，插个线都不会",
        "goods subject: the goods noun",
    ),
    (
        "这个手机壳真垃圾？您说的是边框发黄吗",
        "你真垃圾，买个手机壳还挑三拣四",
        "goods subject: the buyer's word asked back",
    ),
    (
        "这个杯子太恶心了是吗，是不是有一股胶水味",
        "你这人太恶心了，一个杯子也要退",
        "goods judged disgusting, echoed",
    ),
    # the buyer compared to goods: what a goods subject must not clear
    (
        "这个充电宝是差了点，我们给您换个大容量的",
        "你比这个充电宝还垃圾",
        "the buyer compared to goods",
    ),
    (
        "这款耳机跟上一代一样，也是蓝牙5.0",
        "你也跟这破耳机一样垃圾",
        "the buyer as bad as the goods",
    ),
    # a sprayer called 喷子
    (
        "手动喷子的喷嘴可以拧，往左拧是雾状，往右拧是水柱",
        "你就是个喷子，天天在评论区骂人",
        "sprayer: parts and use",
    ),
    (
        "电动喷子充一次电能打十桶药",
        "你这个喷子，懒得理你",
        "sprayer: its kind, touching it",
    ),
    # a code in Latin letters that runs into a code word
    (
        "CNM码印在包装盒侧面，拍个照发给我们",
        "cnm，一个快递催八遍",
        "letters: a code",
    ),
    (
        "这台打印机是SB口的，要配方口的线",
        "sb，打印机都不会连",
        "letters: a port",
    ),
    # a parcel's progress told before the shared wait
    (
        "快递在路上了，咱们走着瞧，今晚应该能派送",
        "快递在路上了，你给我走着瞧",
        "parcel before 走着瞧, the listener touching it",
    ),
    (
        "物流显示已揽收，咱们走着瞧吧，后天到",
        "咱们走着瞧，看你还敢不敢给差评",
        "parcel before 走着瞧, a dare about a review",
    ),
    # words forbidden without marks, named as a kind of speech
    (
        "例会上说了，千万不要对顾客说你等着、后果自负这类话",
        "你等着，后果自负",
        "rule talk: unmarked words named by their kind",
    ),
    (
        "新人注意：不能说你有病、神经病这种话",
        "你有病吧，神经病",
        "rule talk: unmarked insults named by their kind",
    ),
]


@pytest.mark.parametrize(
    ("text", "held", "why"),
    paired_held_cases(PAIRS),
)
def test_reply_passes_and_attack_in_the_same_words_is_held(text: str, held: bool, why: str) -> None:
    assert_held_as_expected(text, held, why)


@pytest.mark.parametrize(
    "text",
    [
        "你怎么不去喝农药",
        "你赶紧去吃耗子药吧",
        "像你这种人吃什么药都救不了",
    ],
)
def test_poison_urged_is_an_insult(text: str) -> None:
    result = rules_only().check(text)
    assert result.verdict == "block", rule_ids(text)
    assert "insult" in {finding.scene for finding in result.findings}


@pytest.mark.parametrize(
    "text",
    [
        "耗子药放在灶台下面，别让猫狗碰到",
        "农药稀释一千倍再喷，戴好口罩",
        "这个药得一直吃，别自己停",
    ],
)
def test_poison_and_medicine_named_in_service_pass(text: str) -> None:
    assert rules_only().check(text).verdict == "ok", rule_ids(text)


def test_letters_code_is_letters_only() -> None:
    """The code words clear a hit only after Latin letters: the same oath in characters before
    码 is still an oath, and letters with the listener near still count."""
    engine = rules_only()
    assert engine.check("他妈的码数又发错了").verdict == "block"
    assert engine.check("你个sb口口声声说没收到").verdict == "block"
    assert engine.check("TMD芯片坏了，换一块主板就行").verdict == "ok"


def test_parcel_progress_clears_only_the_shared_wait() -> None:
    """The parcel's progress clears 走着瞧, never 你等着 beside it, and only when it comes first."""
    engine = rules_only()
    assert engine.check("包裹在路上了，你等着").verdict == "block"
    assert engine.check("走着瞧，包裹明天就到你家门口").verdict == "block"


def test_unmarked_mention_vouched_for_stays_a_threat() -> None:
    """Words forbidden without marks stay the agent's own when the clause vouches for them, and
    a menace outside the mentioned words still counts."""
    engine = rules_only()
    assert engine.check("不能说你等着这种话，我偏说：你等着").verdict == "block"
    assert engine.check("不要说你等着这种话我说到做到").verdict == "block"
    assert engine.check("不要说走着瞧这种话，你等着就是了").verdict == "block"


def test_wearables_are_no_goods_subject() -> None:
    """What the buyer wears is about the buyer: no goods subject clears it."""
    assert rules_only().check("这条裤子你穿着真垃圾").verdict == "block"


def test_sets_are_registered() -> None:
    tune, held_out = DEV / "precision" / "wave20", DEV / "precision" / "wave20b"
    assert held_out in HELD_OUT
    assert tune not in HELD_OUT
    assert held_out not in TRAIN_FOLDERS and held_out not in REPLY_FOLDERS
