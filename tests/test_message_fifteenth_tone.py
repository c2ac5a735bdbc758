"""Fifteenth wave, tone branch: brush-offs (服务态度) by family, from probes written before the
tone rules were read. Each only warns, with no platform penalty and never a block, and the same
words said kindly pass; on the shipped rules without the scorer."""

from __future__ import annotations

import pytest

from tests.message_support import assert_tone_warns_and_kind_passes, rules_only


@pytest.mark.parametrize(
    ("brush_off", "kind"),
    [
        # no time, as the first word with nothing offered; free time offered is service
        ("没时间，你先等着", "我现在有空，您慢慢说"),
        # a sigh at the same question again; the same question with an apology
        ("唉，怎么又问这个", "又是这个问题让您跑一趟，真不好意思"),
        # read it all first, put as a question; asked to look at what arrived
        ("你能不能先把说明书看完", "您能不能先帮我看一下收到的是哪个颜色"),
        # cannot find it and the shop shrugs; a screenshot offered
        ("找不到那我也没辙", "找不到的话我截图发给您"),
        # coming to the shop is of no use; coming to the shop is right
        ("问我也没用", "找我们就对了，马上帮您处理"),
        # the fault put on the buyer across a clause break; a question about the buyer's photo
        ("你自己没检查，现在找我们", "是您自己拍的照片吗？拍得很清楚"),
        ("过了半个月才说破了，谁认啊", "谁认领的这个订单我查一下"),
        # the shop is fine, the buyer is not; the network as a possible cause
        ("我们这边没毛病，是你电脑的问题吧", "我们这边没问题的话，可能是网络原因"),
        # wishful, as the last word; reassurance that goes on
        ("还想要赠品？想太多了", "您别想多了，只是确认一下地址"),
        ("想得倒美", "想得很周到，谢谢亲"),
        # speechless at the buyer; a pleasant surprise
        ("这种问题真叫人头大", "让人惊喜的是这款还送收纳袋"),
        # not the buyer's private servant, stop tagging; the buyer's own agent, tag me
        ("我又不是你的专属客服", "我是您的专属客服，有事随时找我"),
        ("别一直艾特我", "有事随时@我"),
        # no common sense at all; common sense learnt with thanks
        ("连基本常识都没有吗", "这点常识我们也是刚知道，谢谢您提醒"),
        # leaving the chat on the buyer; an order placed for the buyer
        ("没有那我撤了", "没有的话我先帮您下单了"),
        # not here to chat all day; always here to chat
        ("没工夫一直陪你闲聊", "我们随时陪您聊"),
        # do not shop here again; shop here again with a coupon
        ("以后不要来我们店了", "以后到我们家买都有会员价"),
        # why ask in such detail, what is the hurry; welcomed, helped
        ("问这么仔细干嘛", "您问得这么仔细，我们很放心"),
        ("那么急有啥用", "这么急的话可以加钱走顺丰"),
        # your own blame, as the last word; the shop owning its own
        ("自己的责任自己扛吧", "自己的锅自己背，这次是我们的错，给您赔偿"),
        # cannot wait, then go; a refund offered
        ("等不了就别拍", "等不了的话可以先退款，到货再拍"),
        # did you not read the listing, as the last word; asked and answered
        ("没看说明书吗", "您没看公告吗？我再发您一次"),
        # this too is beyond you, as the last word; a fitter offered
        ("这也装不好？", "这都搞不定的话，师傅上门"),
    ],
)
def test_brush_off_warns_and_kind_words_pass(brush_off: str, kind: str) -> None:
    assert_tone_warns_and_kind_passes(brush_off, kind)


@pytest.mark.parametrize(
    "reply",
    [
        "您看着办都可以，两款都好看",
        "不急的话可以等活动，会更划算",
        "不好意思，刚才没说清楚，我再跟您说一遍",
    ],
)
def test_the_choice_or_the_wait_offered_kindly_passes(reply: str) -> None:
    """看着办 and 不急 offered as the buyer's free choice are service, not a brush-off."""
    assert rules_only().check(reply).verdict == "ok"


def test_buyer_told_not_to_flood_the_chat_is_tone_not_harassment() -> None:
    """能不能别刷屏 tells the buyer to stop flooding the chat: impatient, so it warns, and it is
    not the agent announcing a flood (harassment.flood), which would block."""
    result = rules_only().check("都说了三遍了，能不能别刷屏")
    assert result.verdict == "warn"
    assert {f.scene for f in result.findings} == {"tone"}


def test_flood_announced_still_blocks() -> None:
    """The exception covers the prohibition only: the agent flooding the buyer still blocks."""
    result = rules_only().check("你不回我就一直给你刷屏")
    assert result.verdict == "block"
    assert "harassment" in {f.scene for f in result.findings}


def test_a_sigh_with_an_apology_passes() -> None:
    """A sigh at the same question again warns; the same sigh with an apology is sympathy."""
    engine = rules_only()
    assert engine.check("唉，又是这种问题").verdict == "warn"
    assert engine.check("唉，又是这个问题，给您添麻烦了").verdict == "ok"


def test_many_brush_offs_together_still_only_warn() -> None:
    """A brush-off is a warn however many tone shapes it holds: tone never adds up to a block."""
    engine = rules_only()
    many = engine.check("唉，又是这个问题，连基本常识都没有吗，找我也没用，想得美")
    assert many.verdict == "warn"
    assert {f.scene for f in many.findings} == {"tone"}
    assert all(f.penalty is None for f in many.findings)
