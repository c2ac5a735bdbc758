"""Attacks on a group, tenth wave (rules/message/groups.toml, insult.group_trait): words that
are an attack wherever they stand in a clause with a group (`vile`), what a group is said to be
to a society (`blight`), "good for nothing else", "not one of them good", "what could they
have", "wherever they go they steal", a group's manners called low, groups named by a job, an
age or a means, and a disability as a taunt. Each shape is paired with the same group or the
same word used innocently, which must pass. Sentences written for this test."""

from __future__ import annotations

import pytest

from tests.message_support import rule_ids, rules_only

# (attack, the same group or word used innocently)
PAIRS = [
    # a vile word anywhere in the clause with the group
    ("广西来的人里小偷特别多", "小区保安抓到了一个小偷"),
    ("我看男的都挺贱的", "男生款清仓贱卖，数量不多"),
    ("黑人的犯罪率高是出了名的", "黑人牙膏的美白款有货"),
    ("外卖员身上臭烘烘的", "外卖员送餐辛苦了，请给个好评"),
    ("女的一张嘴就是不要脸", "女生孕早期有点恶心是正常的"),
    # what a group is to a society
    ("这些城管就是社会的毒瘤", "城管通知门店前不能摆摊"),
    ("老头老太都是国家的累赘", "老头老太用的老年机字大声音大"),
    # good for nothing else; not one of them good
    ("程序员除了写代码还会干啥", "程序员常用的键盘都在这里"),
    ("就没见过一个讲理的四川人", "四川的朋友下单我们发成都仓"),
    ("干销售的没一个好东西", "做销售的朋友常买这款公文包"),
    # what could they have; wherever they go
    ("穷山沟出来的能有什么教养", "山沟里出来的野生菌就是香"),
    ("外地来的走到哪偷到哪", "外地来的订单走到哪个仓由系统定"),
    # manners or mind called low
    ("快递员的素质真的太差", "快递员说明天送到"),
    ("湖南人智商就是低", "湖南人爱吃辣，这款剁椒很合适"),
    # kept out of sight; a disability as a taunt
    ("残疾人就别出来碍眼了", "残疾人专用的折叠轮椅有现货"),
    ("瞎子买什么眼镜", "盲人朋友可以用读屏软件下单"),
    # a vile word said of a group after it
    ("骗子都是河南的", "骗子都喜欢冒充客服，请认准官方"),
]

# the claim denied, reported, condemned, or the word said of catching or warning against
NOT_SAID = [
    "不是所有河南人都是骗子",
    "说东北人都是黑社会是地域偏见",
    "冒充快递员的骗子又出现了，请大家小心",
    "提醒老年人警惕骗子，不要转账",
    "女生怀孕以后闻到油烟会恶心",
    "网上那些说农民工脏的言论是偏见",
]


# every attack is the group rule's own and blocks; its innocent twin and every claim not said pass
CASES = [(attack, "block") for attack, _ in PAIRS] + [
    (text, "ok") for text in [innocent for _, innocent in PAIRS] + NOT_SAID
]


@pytest.mark.parametrize(("text", "verdict"), CASES)
def test_each_shape_blocks_and_its_innocent_twin_passes(text: str, verdict: str) -> None:
    found = rule_ids(text)
    assert rules_only().check(text).verdict == verdict, found
    assert ("insult.group_trait" in found) == (verdict == "block"), found


def test_vile_words_are_matched_as_written_not_by_sound() -> None:
    # 畜生 is no `vile` word: its sound-alikes (出省, 出声) would be read in ordinary words
    assert rules_only().check("河北的年轻人全考出省了").verdict == "ok"
