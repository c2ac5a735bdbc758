"""Tenth wave, precision: ordinary replies the rules blocked or warned about, cleared by
structure (a Latin model name set off by spaces or followed by a model code, a goods name said
again, the listing's own text read back, his mother acting on him, an offer of self-service or
of a choice, a doubled unit symbol, a child learning to speak, a third party's threat
reported), each next to the draft of the same shape that must still be caught."""

from __future__ import annotations

import pytest

from helper.checks.message import MessageEngine
from tests.message_support import rules_only

# (reply, why it is clean)
CLEAN = [
    ("NMD 系列这周有货，您要什么码？", "initials set off by a space before a goods word"),
    ("NMD R1 还有 42 码。", "initials followed by a model code of letters and digits"),
    ("这款 TMD 是型号缩写，指的是温控模块。", "initials after a goods classifier and a space"),
    ("傻瓜相机虽然叫傻瓜，拍出来效果挺好的。", "the goods name said again alone"),
    ('商品标题里的"屌丝必备"我们已经改掉了。', "the listing's title read back in marks"),
    ("他妈让他来问尺码的话，您直接发身高体重就行。", "his mother acting on him"),
    ("她妈给她买的这件有点小，可以换大一码。", "her mother acting on her"),
    ("随便你挑，颜色都有货。", "take your pick"),
    ("您可以自己去查询物流信息，单号已经发您了。", "self-service offered politely"),
    ("您也可以自己百度一下安装视频，有问题随时找我。", "self-service offered politely"),
    ("mm的尺码偏小，建议拍大一码。", "a unit symbol of one letter doubled"),
    ("单位是mm的，您量一下。", "a unit symbol of one letter doubled"),
    ("宝宝会叫爸爸了吗？这款早教机可以教说话。", "a child learning to speak"),
    ("教孩子叫爷爷奶奶，这款点读笔很好用。", "a child taught to speak"),
    ("对方威胁说要把您的照片发到网上，您可以直接报警。", "a third party's threat reported"),
    ("对方扬言要去您单位闹，建议您报警。", "a third party's threat reported"),
]

# (draft, why it still counts)
CAUGHT = [
    ("TMD，你到底买不买", "initials before a break, aimed at the buyer"),
    ("TMD 你到底买不买", "a space before words that are no goods"),
    ("SB 250", "digits alone are no model code"),
    ("你这个 NMD 系列", "a target near keeps the insult"),
    ("傻瓜相机都不会用，你真是个傻瓜", "said again, but to the buyer"),
    ("你这个傻瓜，傻瓜相机都不会用", "the first one is aimed: no goods name to repeat"),
    ('你就是标题里的"屌丝"', "the listener before the naming words"),
    ("他妈又来退货了", "no verb acting on him"),
    ("他妈的快递又丢了", "the oath with 的"),
    ("真他妈烦", "the oath after an adverb"),
    ("随便你，爱咋咋地", "suit yourself"),
    ("你可以自己百度", "the informal offer still brushes the buyer off"),
    ("您自己去查吧", "no offer before it"),
    ("你个sbb", "a doubled letter that is no unit is still held long"),
    ("宝宝，叫爸爸", "宝宝 alone may be the buyer addressed"),
    ("你会叫爸爸吗", "no child before it"),
    ("对方说了，你再差评就把你照片发网上", "the report ends at the break"),
    ("你再差评，我就把你照片发到网上", "no report at all"),
]


@pytest.fixture(scope="module")
def engine() -> MessageEngine:
    return rules_only()


@pytest.mark.parametrize(("reply", "why"), CLEAN)
def test_ordinary_reply_is_clean(engine: MessageEngine, reply: str, why: str) -> None:
    result = engine.check(reply)
    assert result.verdict == "ok", (why, [(f.rule_id, f.term) for f in result.findings])


@pytest.mark.parametrize(("draft", "why"), CAUGHT)
def test_draft_of_the_same_shape_is_caught(engine: MessageEngine, draft: str, why: str) -> None:
    assert engine.check(draft).verdict != "ok", why
