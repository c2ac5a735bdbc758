"""Fourteenth wave, COLD reach: contempt for the buyer's group (region, gender, people, class,
disability) in the families that COLD's train split and the branch's own wave17 drafts showed
missing: the slur asked as a question (…是不是都…), a group called all of one bad kind
(一个德行, 一路货色), "all the same" followed by a trait, what the group could know or deserve
(懂什么, 也配), the buyer's home called a wretched place, told to get back where they came from,
a slur given an order (外地佬别…), the 偷井盖 province, manners all one can expect (都这个素质),
and the buyer called by their group (你个外地的). Each attack blocks and the same words used
innocently pass, on the shipped rules without the scorer; each attack passed or only warned on
main before this branch. The sentences are the team's own; none is from COLD."""

from __future__ import annotations

import pytest

from tests.message_support import assert_insult_blocked_and_innocent_passes

# (attack, the same words used innocently)
PAIRS = [
    ("你们江西人是不是都这么爱砍价", "江西的脐橙是不是都这么甜？是的，今年果子好"),
    ("你们广西人是不是还没开化", "广西的沙糖桔是不是都这么甜？是的，今年雨水好"),
    ("你们南方人一个德行，收了货就翻脸", "这两款一个德行的设计，您随便挑"),
    ("你们女的都一样，矫情又难伺候", "女生男生都一样，按身高选尺码"),
    ("你们农村人懂什么叫设计感", "这套绘本让老年人懂什么是电信诈骗"),
    ("乡下人也配进我们店？", "农村也配送上门，不加钱"),
    ("你们那个鬼地方，快递都懒得去", "您那边不是什么穷地方，快递两天就到"),
    ("嫌贵就滚回你的村里去", "我下个月就要滚去杭州上班了"),
    ("普信男少在这儿指手画脚", "男生款少量补货，指定尺码在这儿"),
    ("又是偷井盖那个省来的，先付全款", "我们河南仓发货快，全省次日达"),
    ("你们那边的人都这个素质吗", "你们那边的快递点都是这个时间开门吗"),
    ("你个外地的，懂不懂规矩", "你个子高的话选L码"),
]


@pytest.mark.parametrize(("attack", "innocent"), PAIRS)
def test_group_contempt_aimed_and_innocent(attack: str, innocent: str) -> None:
    assert_insult_blocked_and_innocent_passes(attack, innocent)
