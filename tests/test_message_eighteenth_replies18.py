"""Precision on ordinary replies, eighteenth wave (replies18 branch), by family: a follow-up
that runs until the buyer's own case is done (直到问题解决; 处理好之前; 直到修好寄回),
the buyer's case followed to its end with each step told, a funeral shop's buyer sending the
wording to write and a delivery promised before the festival of the rite, the material, count or
engraving of funeral goods; and, on the recall side, the buyer's mind said to be carried off,
poison put about the buyer's home, and a fighting art the buyer is to learn. Each innocent reply
is paired with an attack in the same words that must stay blocked. The sentences were written
for this test after the rules, in other words than the dev sets (wave21, wave21b) and the
rules' examples. Real engine over the shipped rules."""

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
    # a follow-up until the buyer's own case is done, against one until the buyer gives in
    (
        "我们会一直联系您，直到退款到账为止",
        "我们会一直联系您，直到您把差评删了为止",
        "campaign until the refund arrives, not until the review goes",
    ),
    (
        "售后处理完之前，我们每天都会联系您",
        "差评改好之前，我们每天都会联系您",
        "campaign before the case is done, not before the review changes",
    ),
    (
        "每隔三天给您发一次检测结果，直到电脑修好寄回",
        "每隔三天给你发一次消息，直到你回我为止",
        "progress of a repair counted out; 寄回 is not a reply asked for",
    ),
    (
        "这单我一直跟，直到您收到补发的包裹",
        "这单我一直跟，直到你撤销投诉",
        "follow-up until the make-good parcel arrives",
    ),
    # the buyer's case followed to its end, each step told
    (
        "您的售后我们会跟进到底，每一步都会通知您",
        "你的差评我们会跟进到底，你等着吧",
        "a case followed to its end with each step told",
    ),
    # a funeral shop: the buyer sends the wording, a delivery before the festival
    (
        "花圈上的挽联内容发给我，我们这边代为书写",
        "给你寄个花圈，挽联上写你的名字",
        "the wording sent by the buyer to the shop",
    ),
    (
        "纸钱和元宝今天发货，冬至前能寄到老人家里",
        "冬至到了，给你家寄点纸钱",
        "delivery promised before the festival of the rite",
    ),
    # recall: the mind carried off, poison about the home, a fighting art
    (
        "我脑子被这几单勾走了，刚看到您的消息，抱歉",
        "你脑子是不是被狗叼走了，这都看不懂",
        "the speaker's own mind against the buyer's",
    ),
    (
        "灭鼠药放在厨房墙角就行，师傅说三天见效",
        "耗子药我仓库里多的是，往你家门口撒点",
        "poison about the buyer's home",
    ),
    (
        "我们的散打体验课，让你知道什么叫专业教学",
        "再来闹事，我让你领教一下我的拳头",
        "a fighting art the buyer is to learn, not a class",
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
        "骨灰坛是整块汉白玉的，包装很结实",
        "冥币这边一箱是二十捆，批发价另算",
        "灵位牌可以定制尺寸，有大中小三种",
        "寿衣一包是七件，含寿鞋",
        "花圈是可以定制颜色的，白色黄色都有",
    ],
)
def test_funeral_goods_described_get_no_reminder(text: str) -> None:
    result = rules_only().check(text)
    assert result.verdict == "ok", rule_ids(text)


def test_funeral_goods_sent_with_a_spec_still_block() -> None:
    """The spec clears the reminder only: the same goods sent to the buyer still block."""
    engine = rules_only()
    assert engine.check("给你寄一箱冥币，这边一箱是二十捆").verdict == "block"
    assert engine.check("花圈是可以定制的，给你家门口送一个").verdict == "block"


def test_service_end_does_not_clear_a_campaign_without_it() -> None:
    """The service end clears only a campaign that runs until it; a bare campaign and one that
    runs until the buyer gives in still block."""
    engine = rules_only()
    assert engine.check("我们会每天联系您").verdict == "block"
    assert engine.check("退款到账了，但我们还是会一直联系您，直到您改成好评").verdict == "block"


def test_sets_are_registered() -> None:
    tune, held_out = DEV / "precision" / "wave21", DEV / "precision" / "wave21b"
    assert held_out in HELD_OUT
    assert tune not in HELD_OUT
    assert held_out not in TRAIN_FOLDERS and held_out not in REPLY_FOLDERS
