"""Twelfth wave, insult: insults aimed at the buyer in the frames of insult.scoff (a name said as a
whole clause with 一个, a pointing form touching a dialect name, told not to rave here, an asylum
escaped from or advised, a mind as small as a goldfish's, the whole family no better, sent back to
primary school, the eyes set elsewhere, ancestors greeted, a mean look, a mouth fed dung, looks
thrown at the buyer, Cantonese, Shanghainese and Taiwanese words), each blocked where it is aimed
at the buyer and passing in the same words used innocently, on the shipped rules without the
scorer."""

from __future__ import annotations

import pytest

from tests.message_support import assert_insult_blocked_and_innocent_passes

# (attack, the same words used innocently)
PAIRS = [
    ("戆大一个，拎不清的", "小丑一个，兔子两个，一共三个公仔"),
    ("铁憨憨一个，链接都能点错", "铁憨憨一个多少钱"),
    ("这人虎了吧唧的", "这人很好，上次还送了我们锦旗"),
    ("别在这里发疯", "别在这里拆快递，回家再拆"),
    ("刚从精神病院溜出来的吧", "患者刚从精神病院出院，家属要注意"),
    ("您要不先去挂个精神科再来聊", "老人失眠焦虑的话，要不去精神科看看"),
    ("您这脑子跟金鱼一样记不住事吧", "您家孩子跟金鱼一样可爱"),
    ("你们全家都是这种货色吧", "你们全家都是我们的老顾客了"),
    ("不识字就找个识字的人帮你看", "孩子不识字的话可以让家长帮忙读"),
    ("回去重读一下小学语文吧", "孩子明年回去重读一年级，书包要大一点"),
    ("眼睛长在头顶上了吧", "这款青蛙玩偶的眼睛长在头顶上，很可爱"),
    ("睁大你的狗眼看看", "狗眼睛发炎可以用这款滴眼液"),
    ("您这脑子该去拍个CT了", "宝宝摔到脑袋了建议去拍个CT"),
    ("建议去看看眼科，这么大的字都看不见", "字太小看不清的话，建议配副老花镜"),
    ("问候你家祖宗十八代", "祝您和家人新年快乐，顺便问候一下老人"),
    ("你是复读机吗", "这款复读机可以录音和跟读"),
    ("侬十三点啊", "侬好，十三点以后发货"),
    ("你很機車欸", "你好，机车夹克今天到货"),
    ("笑死，根本买不起", "我们小店根本买不起这么多库存"),
    ("看你那寒酸样", "看你这个样子是要退货吗？我帮你申请"),
    ("你这张嘴是刚吃完屎吗", "您的嘴巴干的话可以用这款润唇膏"),
    ("减减肥吧猪", "吃吧，猪蹄炖得很烂"),
    ("请问您是用脚下的单吗", "这款开关可以用脚踩"),
    ("您这问题，我家狗都知道答案", "这款猫爬架我家猫都很喜欢"),
    ("您配不上我们的产品", "您的型号配不上这款壳，建议换一款"),
    ("大姨妈来了吧这么暴躁", "妈妈更年期脾气这么大，可以试试这款调理茶"),
    ("你阿媽係雞", "你妈妈是鸡年生的吧，这款生肖吊坠很合适"),
]


@pytest.mark.parametrize(("attack", "innocent"), PAIRS)
def test_aimed_and_innocent(attack: str, innocent: str) -> None:
    assert_insult_blocked_and_innocent_passes(attack, innocent)
