"""Eleventh wave, lexicon: insults aimed at a person in the frames of insult.demean and the
widened slot classes (faculty asked what it is for, a dull thing brighter than the buyer, unworthy
even of a menial act, a mind to be mended, the poor sent away, a reviewer or a dialect pronoun as
the target), each blocked where it is aimed at the buyer and passing in the same words used
innocently, on the shipped rules without the scorer."""

from __future__ import annotations

import pytest

from tests.message_support import assert_insult_blocked_and_innocent_passes

# (attack, the same words used innocently)
PAIRS = [
    ("你眼睛是出气用的吗", "这款兔耳朵发箍是干什么用的？是拍照道具"),
    ("跟木头说话都比跟你说话强", "狗粮都比你说的那款便宜"),
    ("石头都比你聪明", "您还不如选木头的，更结实"),
    ("你连给我们提鞋都不配", "这款手机连充电器都不配"),
    ("建议先治治您的脑子", "治一下头疼，脑子就清醒了"),
    ("亲亲，穷的话可以去拼多多看看哦～", "没钱的话可以去我们拼多多店看看，更便宜"),
    ("回去问问你爹怎么做人", "回去问问家人尺码再下单"),
    ("亲，您的脸皮真是比城墙还厚呢", "您的脸皮肤角质比较厚的话，这款去角质很合适"),
    ("别在这儿当显眼包了", "这个显眼包配色是今年新款"),
    ("楼上差评的是瞎子吧，颜色明明一样", "差评的原因我们已经核实了，是快递压坏了"),
    ("侬脑子坏脱了伐", "侬好，这款是上海产的"),
    ("你们一家子都是奇葩", "我们全家一家子都很喜欢这款"),
    ("亲，您这问题问得，小学生都知道答案呢", "这款操作简单，小学生都会用"),
]


@pytest.mark.parametrize(("attack", "innocent"), PAIRS)
def test_aimed_and_innocent(attack: str, innocent: str) -> None:
    assert_insult_blocked_and_innocent_passes(attack, innocent)
