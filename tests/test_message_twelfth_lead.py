"""Twelfth wave, lead: tone (服务态度) shapes from the lead's own probes (written before the tone
rules were re-read). Each brush-off only warns, with no platform penalty and never a block, and
the same words said kindly pass; on the shipped rules without the scorer."""

from __future__ import annotations

import pytest

from tests.message_support import rules_only


@pytest.mark.parametrize(
    ("brush_off", "kind"),
    [
        # answered already, across a clause break; a pointer to where the answer is, kindly
        ("我早就解释过了，自己往上翻", "这个问题我回答过其他亲，答案在详情页第二张图"),
        # a question put as beneath the shop
        ("这些问题百度一下就明白了", "这个问题我们也在百度上查过，和说明书一致"),
        ("麻烦您长点心", "麻烦您确认一下收货地址"),
        ("我讲的是普通话吧？", "我讲的是普通话版本的说明，粤语版稍后发您"),
        # must I repeat myself; an offer to repeat is kind
        ("难道要我再说一遍吗", "需要我再说一遍吗？刚才可能没讲清楚"),
        # too many demands for the price; a demand written down is service
        ("这点钱要求那么多", "您的要求我们都备注给仓库了"),
        # the shop has other buyers
        ("我们又不是只服务你一个人", "我们会一个一个核对每位亲的订单"),
        ("不差您这一单", "我们不差这点运费，给您包邮"),
        # not the shop's job, asked after hours
        ("这个我们不负责解答", "这个问题我们负责到底"),
        ("都半夜了还来问", "半夜下单也没关系，明早第一时间发货"),
        # you deal with it, as the last word; the buyer's choice offered kindly
        ("就这样吧，你看着办", "两款都不错，您看着办就行"),
        # where are your eyes; no time to answer each buyer
        ("你眼睛放哪了", "这只娃娃的眼睛是手绘的"),
        ("我们没时间一个个解释", "我们会一个个给您解释清楚"),
        # go and complain if you like
        ("不服就去投诉呗", "有意见您随时提，我们会改进"),
        # no send-off, as the last word; a gift not included
        ("想退就退吧，不送", "这款不送赠品哦，抱歉"),
    ],
)
def test_brush_off_warns_and_kind_words_pass(brush_off: str, kind: str) -> None:
    engine = rules_only()
    result = engine.check(brush_off)
    assert result.verdict == "warn", brush_off
    assert {f.rule_id for f in result.findings} == {"tone.dismissive"}
    assert all(f.penalty is None for f in result.findings)
    assert engine.check(kind).verdict == "ok", [f.rule_id for f in engine.check(kind).findings]


def test_sent_off_to_complain_is_tone_not_a_threat() -> None:
    """Telling the buyer to go and complain, as they like, is a brush-off: it warns and is never
    read as the threat of pressing the buyer over a complaint (threat.pressed)."""
    result = rules_only().check("有意见就去投诉好了，随您")
    assert result.verdict == "warn"
    assert {f.scene for f in result.findings} == {"tone"}


@pytest.mark.parametrize(
    "reply",
    ["您的电话我们记下了，发货后会短信通知您", "您的地址记下了，收货后会有回访"],
)
def test_function_word_is_no_respelled_slot_word(reply: str) -> None:
    """会 (92,091 alone in the dictionary) reads with its neighbours: 发货后会 holds no 后悔
    heard as a menace, so a detail noted for the order is no threat."""
    assert rules_only().check(reply).verdict == "ok", [
        f.rule_id for f in rules_only().check(reply).findings
    ]


def test_rare_respelling_of_a_menace_still_counts() -> None:
    """A respelled character rare alone (诲 for 悔) is still a disguise of the menace."""
    result = rules_only().check("你的地址我记下了，你会后诲的")
    assert result.verdict == "block"
    assert "threat" in {f.scene for f in result.findings}


def test_family_greeted_with_a_blessing_is_no_threat() -> None:
    """问候 with a blessing is a greeting (found by the insult branch); 问候 alone, of the
    buyer's family, is still read as a threat."""
    engine = rules_only()
    assert engine.check("问候您家人身体健康").verdict == "ok"
    assert engine.check("我会去问候你家人的").verdict == "block"
