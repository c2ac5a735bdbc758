"""Thirteenth wave, COLD reach: attacks on the person addressed in the families that the real
comments of COLD's train split showed missing (the upbringing blamed with no parent named, a
lump or a hole in the buyer's mind, the buyer named the worst of people or the cause of an
ill, asked whether they do not find themselves stupid, their words called stupid, a servile
nature laid on them), set in a seller's chat. Each attack blocks and the same words used
innocently pass, on the shipped rules without the scorer. The sentences are the team's own;
none is from COLD."""

from __future__ import annotations

import pytest

from tests.message_support import assert_insult_blocked_and_innocent_passes

# (attack, the same words used innocently)
PAIRS = [
    ("真不知道什么样的家庭才能养出你这种人", "什么样的面膜能养出您这样的好皮肤？就是这款"),
    ("啥家庭教出你这样的买家，收了货还要退", "我们家养出您这样的好孩子真是福气"),
    ("养出你这种人，你爸妈也是够悲哀的", "这款奶粉养出的宝宝个个健康"),
    ("你脑子是不是有包，图上写得清清楚楚", "宝宝撞到桌角了，您看孩子脑袋上有包吗"),
    ("您这脑袋里有个洞吧，说三遍了还问", "您的脑袋形状特别，这款帽子有包头设计"),
    ("你这种人才是最可怕的，用完了还要退", "你这种情况才是最常见的，换个码就好"),
    ("就是因为有你这种人，网购才这么难做", "就是因为有您这样的老顾客，我们才越做越好"),
    ("都怪你们这种顾客，害得我们天天加班", "就是因为你这种尺码不好选，我们才附了尺码表"),
    ("你不觉得自己很蠢吗？问了八遍了", "您不觉得这款很可爱吗？今天刚上新"),
    ("你难道不觉得自己很无耻吗", "你不觉得自己很幸运吗，最后一件了"),
    ("你这个问题问得很蠢，自己看详情页", "您的问题一点也不蠢，很多买家都问过"),
    ("您说的这个想法太幼稚了", "你说的问题，宝宝玩具太幼稚了我们换一款"),
    ("你这种人奴性刻在骨子里，给点好处就摇尾巴", "你说的这本《论奴性》有货，今天就能发"),
]


@pytest.mark.parametrize(("attack", "innocent"), PAIRS)
def test_aimed_and_innocent(attack: str, innocent: str) -> None:
    assert_insult_blocked_and_innocent_passes(attack, innocent)
