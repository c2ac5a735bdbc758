"""Sixteenth wave, slang: discriminatory and group slurs and internet slang insults that real
offensive comments use (gender: 男拳, 婚驴, 锅男, 男人婆; country and region: 棒子国, 大陆佬, 洋奴,
美爹, 跪族, 香蕉人; sexuality: 死同性恋, gay佬; names that are everyday words too and count only
when a person is called them: 村姑, 罗锅, 老棺材, 盲流, 小粉红, 老毛子), the buyer aimed at by an
order or a "still dares" after a slur (田园女权滚去别家, gay佬买什么口红, 男拳师来了, 村姑就是村姑),
a name called out as its own clause (杠精，…你…; 老不死的，…就别…; 真是个奇葩，), believers
and fans and a place + 男/女 as a group with a trait (信佛的脑子都不正常, 上海女就是势利), and the
doubled taunt 急了急了. Each attack is blocked and the same words in a shop's ordinary reply
pass (村姑风连衣裙, 罗锅桥, 玉米棒子国产, 男拳击手套, 上海女装, 香蕉人偶服装). On the shipped
rules without the scorer unless said otherwise.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.corpora import read_replies
from tests.message_support import (
    assert_insult_blocked_and_innocent_passes,
    fires,
    rule_ids,
    rules_only,
    shipped_engine,
)

DEV = Path(__file__).parent / "data" / "dev" / "lexicon"

# (attack, a reply in the same words)
PAIRS = [
    ("你这个男人婆凶什么凶", "这款中性风衬衫男女都能穿，不挑身材"),
    ("你个村姑还挑款式", "村姑风碎花连衣裙今年卖得最好"),
    ("你这个罗锅还想穿修身款", "老北京罗锅桥的明信片一套八张"),
    ("婚驴还挑三拣四，花老公的钱", "婚旅套餐包含机票和酒店"),
    ("台巴子也好意思来砍价", "台湾地区的订单走海运，七天左右"),
    ("gay佬买什么口红", "这款口红男生买来送女朋友的很多"),
    ("田园女权滚去别家买", "女权主义的书单我们整理好了，您可以看看"),
    ("男拳师来了，又要写小作文", "儿童男拳击手套有三个尺码"),
    ("老不死的，学不会就别下单", "老人机字大声音大，适合爷爷奶奶"),
    ("杠精，说一句你顶十句", "杠铃片和哑铃都有现货"),
    ("飞舞一个，快递都不会取", "彩带飞舞的舞台道具，一个二十元"),
    ("真是个奇葩，用过还要退", "这盆奇葩花卉是稀有品种"),
    ("东北女人就是泼", "水泼在上面也不会渗，防水面料"),
    ("上海女就是势利", "上海女装的尺码偏小，建议拍大一码"),
    ("信佛的脑子都不正常", "信佛的朋友可以看看这款素食礼盒"),
    ("追星的都是脑残", "追星的小伙伴们，周边下周预售"),
    ("你们这帮老毛子懂什么", "俄罗斯进口的糖，老毛子那边口味偏甜"),
    ("香蕉人，你懂什么中国货", "香蕉人偶服装有成人码"),
    ("急了急了，差评随便打", "不急不急，今天一定给您发货"),
    ("棒子国来的就是事多，你别买了", "玉米棒子国产的，放心吃"),
    ("锅男就是普信，你也配穿S码", "这口锅男生女生都拿得动"),
]


@pytest.mark.parametrize(("attack", "innocent"), PAIRS)
def test_slur_aimed_and_innocent(attack: str, innocent: str) -> None:
    assert_insult_blocked_and_innocent_passes(attack, innocent)


@pytest.mark.parametrize(
    "term",
    [
        "男拳",
        "婚驴",
        "锅男",
        "棒子国",
        "大陆佬",
        "洋奴",
        "死同性恋",
        "gay佬",
        "恨国党",
        "美爹",
        "跪族",
        "舔黑",
        "香蕉人",
    ],
)
def test_new_slurs_said_to_no_one_only_warn(term: str) -> None:
    """A discrimination slur about a group said to no one is hedged (untargeted = warn); aimed
    at the buyer it blocks."""
    engine = rules_only()
    lone = engine.check(term)
    assert lone.verdict == "warn", rule_ids(term)
    assert {finding.category for finding in lone.findings} == {"discrimination"}
    assert engine.check(f"你就是个{term}").verdict == "block", term


@pytest.mark.parametrize("term", ["村姑", "罗锅", "老棺材", "盲流", "小粉红", "老毛子"])
def test_everyday_names_count_only_when_called(term: str) -> None:
    """Goods, places, colours and old records share these words: only a name-calling lead-in
    makes them the aimed slur."""
    engine = rules_only()
    assert fires(engine, f"你个{term}", "insult.discrimination.aimed"), term
    assert engine.check(term).verdict == "ok", rule_ids(term)


@pytest.mark.parametrize(
    "text",
    [
        "男权社会的历史我们书店有专题",
        "国难当头的电视剧碟片已经绝版了",
        "南拳北腿的教学视频送给您",
        "盲流这个词是过去户籍档案里的说法",
        "广东男士都喜欢这款",
        "东北男款羽绒服都是加厚的",
        "饭桶，汤勺，饭盒都有货，您要哪个",
        "真是个好消息，您的包裹到了",
        "村姑风来了，新款碎花裙上架",
        "香蕉牛奶和香蕉干都有货",
        "您急了吗？我们马上加急",
        "杠精、键盘侠，这种词千万别对买家说",
    ],
)
def test_same_words_in_replies_pass(text: str) -> None:
    """Sound-alike everyday words (男权, 国难, 南拳), a place + 男 going on as goods, goods in a
    list, a plain 真是个 and a colour or a style: none is an insult."""
    assert rules_only().check(text).verdict == "ok", rule_ids(text)


def test_vocative_needs_the_buyer_or_an_order_after_it() -> None:
    """A name alone as a clause is called out only when the buyer or an order follows it."""
    engine = rules_only()
    assert fires(engine, "杠精，说一句你顶十句", "insult.scoff")
    assert not fires(engine, "杠精，这个词不太礼貌", "insult.scoff")


@pytest.mark.parametrize("wave", ["wave19", "wave19b"])
def test_the_waves_replies_are_never_held(wave: str) -> None:
    """The tune and held-out replies written before tuning: the shipped engine holds none
    (a funeral word the shop does not sell may still draw tone's advisory)."""
    replies = read_replies(DEV / wave / "normal_replies.txt")
    assert len(replies) >= 30
    held = [r.text for r in replies if shipped_engine().check(r.text).verdict == "block"]
    assert held == []
