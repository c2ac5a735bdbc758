"""Precision on ordinary replies, sixteenth wave (replies16 branch), by family: staff talk about the
platform's rules (an act judged a violation, or forbidden after a staff lead-in), the buyer's words
in marks after a frame, a courier's call errands and a call stopped or limited, a review named only
to say the call is not about it, live bait and feeder animals, a funeral shop describing its goods,
a template's XX blank, the buyer's word asked back. Each innocent reply is paired with an attack in
the same words that must stay blocked. The sentences were written for this test after the rules,
in other words than the dev sets (wave19, wave19b) and the rules' examples. Real engine over the
shipped rules."""

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
    # staff talk about the rules, judged or forbidden, a sentence at a time
    (
        "培训内容：凌晨给买家发短信、打电话都算恶意骚扰，大家注意",
        "凌晨给你打电话、发短信，我天天这样",
        "rule talk: judged",
    ),
    ("隔壁店给顾客寄了冥币，被平台清退了", "给你寄了冥币，等着收吧", "rule talk: a case judged"),
    (
        "把顾客的电话号码发到群里属于严重违规",
        "把你的电话号码发到群里，让大家认识认识你",
        "rule talk: judged exposure",
    ),
    ("各位注意：不准去买家单位找人", "我们明天去你单位找你", "rule talk: a lead-in and a ban"),
    (
        "您好，给顾客寄花圈是违规行为，我们不会做的",
        "给您寄个花圈，不用谢",
        "rule talk after a greeting",
    ),
    # the judging word taken back, defied, or one buyer singled out keeps the act
    ("平台规定的骚扰我们不会做", "每天晚上十二点给你打电话，算骚扰又如何", "rule talk: defied"),
    (
        "新人注意：不要半夜打电话",
        "各位注意：那个买家不改评价，就每天半夜给他打电话",
        "rule talk: one buyer singled out",
    ),
    # the buyer's words in marks after a frame
    (
        "亲，您刚说“你们店就是骗子”，我们很抱歉让您有这种感受",
        "你们店就是骗子？我看你才是骗子",
        "frame + marks: 刚",
    ),
    (
        "您说“什么破东西”，能说说是哪里不好吗",
        "什么破东西，你脑子有病吧",
        "frame + marks: say 什么 inside the quote",
    ),
    (
        "您说的“脑子有坑才买”我们记下了，会改进",
        "你脑子有坑吧，这都不会用",
        "frame + marks: 您 of the frame",
    ),
    # call errands, calls stopped or limited, a review named only to deny it
    (
        "快递小哥每天都会打电话确认，请您留意来电",
        "快递小哥每天都会打电话给你，接到你删差评为止",
        "courier errand",
    ),
    (
        "物流每天都会打电话核对派送时间",
        "我们每天都会打电话给你，直到你改评价",
        "call with an errand",
    ),
    (
        "给您打了两个电话没人接，我们就不再打了，等您回复",
        "给你打了两个电话没人接，我会继续打",
        "calls counted then stopped",
    ),
    ("我们绝对不会给您同事打电话", "不删差评，我们就给你同事打电话", "third party negated"),
    (
        "打电话只是想问问您用得好不好，和评价没关系",
        "不改评价，我们就一直打电话给你",
        "a review named to deny it",
    ),
    ("上门验厂的话，我们派人上门前会先和您约时间", "再闹我就派人上门找你", "supplier visit"),
    # bait and feeder animals
    ("钓鱼用的蛆虫已经打包好了，冷藏发货", "你这条蛆虫，滚远点", "bait named by its use"),
    ("冷冻老鼠是喂蛇用的，收到放冷冻层", "给你寄一箱死老鼠，慢慢享用", "feeder named by its use"),
    # a template's blank, a word asked back, a shape
    (
        "您好，新地址已经改好了，是XX小区3栋对吗？我知道您的地址不方便透露，放心",
        "我知道你的地址，你最好识相点",
        "XX blank is no 识相",
    ),
    ("您说的是哪种垃圾袋？我们有加厚款", "你就是个垃圾", "a word asked back"),
]


@pytest.mark.parametrize(
    ("text", "held", "why"),
    paired_held_cases(PAIRS),
)
def test_pairs(text: str, held: bool, why: str) -> None:
    assert_held_as_expected(text, held, why)


# a funeral shop describing its goods gets no reminder, while sending them to the buyer still blocks
@pytest.mark.parametrize(
    ("spec", "sent"),
    [
        ("檀木骨灰盒有两种尺寸，可以刻字", "给你寄个骨灰盒，尺寸刚好装你"),
        ("寿衣五件套，尺码按身高选", "送你一套寿衣，五件套的，穿上试试"),
        ("遗像相框有黑色和胡桃色", "给你寄张遗像，相框是黑色的"),
    ],
)
def test_funeral_goods_described_pass_sent_block(spec: str, sent: str) -> None:
    engine = rules_only()
    assert engine.check(spec).verdict == "ok", rule_ids(spec)
    assert engine.check(sent).verdict == "block", sent
    assert "mailing" in {finding.scene for finding in engine.check(sent).findings}


def test_a_bare_mention_still_reminds() -> None:
    """No spec touching the item: the advisory reminder stays (a warning, never a block)."""
    result = rules_only().check("我们家寿衣都是手工的")
    assert result.verdict == "warn"
    assert {finding.rule_id for finding in result.findings} == {"tone.funeral_mention"}


def test_doubled_letters_other_than_x_are_still_initials() -> None:
    """The XX blank is set aside; initials that share a letter (zz for 政治) are not a blank, and
    a cloaked menace with one letter per character still counts."""
    assert rules_only().check("我知道你住哪，你给我小x点").verdict == "block"


def test_rule_talk_needs_no_listener() -> None:
    """A sentence that names the listener (你, or 您 outside a greeting) is no staff talk."""
    assert rules_only().check("您再投诉，我们每天给您打电话，被罚也认了").verdict == "block"
    assert rules_only().check("给你寄花圈属于严重违规，我偏要寄").verdict == "block"


def test_sets_are_registered() -> None:
    tune, held_out = DEV / "precision" / "wave19", DEV / "precision" / "wave19b"
    assert held_out in HELD_OUT
    assert tune not in HELD_OUT
    assert held_out not in TRAIN_FOLDERS and held_out not in REPLY_FOLDERS


def test_staff_talk_names_funeral_goods_without_a_reminder() -> None:
    """Staff talk that names funeral goods to forbid sending them gets no reminder; the same
    goods sent to the buyer with the judging word defied still block."""
    engine = rules_only()
    talk = "例会提醒：给顾客邮寄纸钱、寿衣属于情节特别严重"
    assert engine.check(talk).verdict == "ok", rule_ids(talk)
    assert engine.check("给你寄纸钱和寿衣，被罚也无所谓").verdict == "block"


def test_a_shop_named_by_its_goods() -> None:
    engine = rules_only()
    assert engine.check("亲，我们是花圈店，开业花篮也能做").verdict == "ok"
    assert engine.check("花圈店已经给你送了个花圈过去").verdict == "block"


def test_a_ban_covers_only_its_own_clause() -> None:
    """After a staff lead-in, only the clauses that hold the ban are staff talk."""
    engine = rules_only()
    assert engine.check("新人注意：不能打电话到买家单位，也不能联系买家的家人").verdict == "ok"
    assert engine.check("各位注意：不要犹豫，把买家地址挂网上").verdict == "block"
