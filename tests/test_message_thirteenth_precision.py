"""Thirteenth wave, precision: ordinary replies that blocked — staff quoting what must not be
said or done, a polite reminder of the order's progress, an apology that says back how the
buyer felt or what they heard, fishing bait, a count packed short; each next to the draft of
the same shape that must still be caught."""

from __future__ import annotations

import pytest

from tests.message_support import assert_held_as_expected, held_cases

# (reply, why it is not held)
NOT_BLOCKED = [
    (
        '提醒大家：给买家发"你等着"、"小心点"这类话会被判定为恶意骚扰',
        "quotations listed, then mentioned",
    ),
    ('不要用"你算什么东西"这种话回买家，哪怕对方先骂人', "a quotation mentioned (这种话)"),
    ('隔壁店客服说了一句"你是不是有病"被判辱骂，罚了一千块', "a quotation the platform judged"),
    ("培训：不能给买家寄冥币、寿衣这类东西，违者开除", "staff told what must never be sent"),
    ("给差评的买家也不可以一直打电话求改评，平台算骚扰", "staff told what must not be done"),
    (
        "骚扰买家的行为包括频繁打电话、换号码联系、联系买家家人，这些都严禁",
        "a list of acts forbidden",
    ),
    (
        "我们会每天下午五点发消息提醒您物流进度，直到您收到货为止",
        "a reminder of the order's progress",
    ),
    (
        "对不住了亲，让您觉得自己像个傻瓜一样被来回推，这次我全程跟进",
        "the buyer's feeling said back",
    ),
    ("很抱歉让您觉得被当成傻子了，核对信息只是流程", "how the buyer felt treated"),
    ("您说我们把您当傻子耍，真的很抱歉，这就给您处理", "the buyer's words, with an apology"),
    ("我们没有把您当傻子的意思，刚才是我没说清楚", "a name taken back"),
    ("不是说您笨，是这款设计本身不直观", "a name taken back"),
    ("钓鱼用的蛆虫饵是专门养殖的，很干净", "bait a creature names"),
    ("打包同事少装了一件，非常抱歉，已经给您补发了", "a count packed short"),
    ("白事用品我们都可以提供，您需要什么清单发给我就好", "the buyer sends the shop a list"),
    ('提醒：不要回复买家"你有病吧"、"神经病"这类词', "你 inside another quotation is no listener"),
    ('平台判定辱骂的例子："傻逼"、"脑残"、"滚"，大家千万别用', "examples cited, listed"),
    ('禁止使用"你等着"、"走着瞧"等威胁性用语', "a list closed by 等…用语"),
    ('上个月同事回复"不买就滚"被罚了五百', "a quotation the platform fined"),
    ('买家原话："你们这群骗子，等着被曝光吧"，我已经截图', "the buyer's words as said"),
    ("我们每天晚上八点提醒您一次，直到活动结束", "a reminder until the sale ends"),
]

# (draft, why it still counts)
CAUGHT = [
    ('"你等着"这句话我说的，你就等着吧', "the menace said again outside the marks"),
    ('你就是个"废物"这种话我天天说', "the listener before the quotation"),
    ("不能给你寄冥币吗？我偏寄一箱给你", "only 买家 in the third person is a rule"),
    ("你不改评价，我每天换号码给你打电话，打到你改为止", "a campaign announced"),
    ("我会每天半夜提醒你一次，直到你删差评", "a reminder of the review, at midnight"),
    ("我们每天都会发消息提醒你，直到你改好评", "reminded of the review, not the order"),
    ("对不起个屁，你就是个傻逼", "an apology word does not clear a target"),
    ("不是说您笨，您就是笨", "the name said again after the denial"),
    ("把你当傻子了，抱歉", "the informal 你"),
    ("你这条蛆虫，滚", "a creature called a name"),
    ("少装了，谁不知道你", "a pose, not a count"),
    ("差评是吧，我寄一套寿衣到你家，你全家都用得上", "a funeral item sent"),
    ('例如"傻逼"就是说你', "the name given to the listener after it"),
    ('你就叫"傻逼"、"脑残"吧', "the listener names the whole list"),
    ("我每天给你打电话，直到这事结束", "a campaign until the dispute ends"),
    ('"我知道你住哪"这句话不是开玩笑', "a menace mentioned as itself, not as a kind"),
]


@pytest.mark.parametrize(("text", "held", "why"), held_cases(NOT_BLOCKED, CAUGHT))
def test_verdict_follows_the_structure(text: str, held: bool, why: str) -> None:
    assert_held_as_expected(text, held, why)
