"""Sixteenth wave, person: attacks on the person addressed that use no lexicon slur. Taunts
(insult.taunt: the buyer's kin shamed by them, shame felt on their behalf, fit only for menial work,
laughed at, a life called a failure), the mind of a forum-style addressee (insult.mind: 楼主/博主/
此人/这位 as the target) and contempt set phrases (the contempt lexicon), each blocked where the
buyer is the target and passing in replies that use the same words of the agent's own work, the
buyer's family as recipients, a joke, or the shop's own blunder. On the shipped rules without the
scorer.
"""

from __future__ import annotations

import pytest

from scripts.build_structure_model import DEV, HELD_OUT, REPLY_FOLDERS, TRAIN_FOLDERS
from tests.message_support import (
    assert_held_as_expected,
    assert_insult_blocked_and_innocent_passes,
    fires,
    held_cases,
    rules_only,
)

# (attack, a reply in the same words): every attack is insult.taunt's
TAUNT_PAIRS = [
    ("你爹妈要是看到你这副德行得气死", "您爸妈看到这款按摩椅一定很开心"),
    ("有你这样的儿子你妈也是倒了八辈子霉", "您儿子穿这个码正合适，您妈妈那件也发货了"),
    ("说出来你自己不脸红吗", "这个口红颜色不会让您脸红的，很自然"),
    ("我都替你臊得慌", "我都替您着急，快递怎么还没到"),
    ("真替你感到羞耻", "真替您感到高兴，宝宝喜欢就好"),
    ("你这种人一辈子也就配搬砖", "我年轻时也搬过砖，知道这份辛苦"),
    ("你这辈子也就送外卖的命", "您放心，送外卖的小哥已经到楼下了"),
    ("难怪你只能去工地搬砖", "这款适合工地搬砖穿，耐磨耐脏"),
    ("这种理解能力，怪不得只能去端盘子", "端盘子的服务员穿这款工作服正合适"),
    ("你这操作真是让人笑掉大牙", "说出来不怕您笑掉大牙，我们老板也拍错过"),
    ("就你还想要赔偿，做梦", "就您还想要的那款，我们已经补货了"),
    ("笑死人了，就你也配用我们家的东西", "哈哈哈哈亲您太可爱了，笑死我了，我这就给您备注"),
    ("大家快来看这个人，笑死", "大家快来看这位买家的买家秀"),
    ("你活得真失败，难怪到处找茬", "您活得精致，这款很配您"),
    # second batch (tuned on after the first tune)
    ("你这么干，你爹妈脸上有光吗", "您爸妈要是知道您买了这款，肯定很欣慰"),
    ("替你爸妈感到悲哀", "替您爸妈选的这款按摩仪很受欢迎"),
    ("一把年纪了还干这种事，你不嫌臊得慌吗", "您别难为情，退换货很正常"),
    ("我都不好意思替你说出口", "您不用替我们难为情，是我们自己的问题"),
    ("你就不怕别人笑话你吗", "这款阿姨穿出去不怕被人笑话，很端庄"),
    ("回去搬你的砖吧，别在这丢人", "搬砖手套二十双一包，工地上很好用"),
    ("看你这样子真是好笑", "笑死，这只猫的表情太可爱了"),
    ("你活成这样也挺可悲的", "您的付款真是失败了好几次吗？我们帮您查"),
    ("你就是个没出息的，一辈子也就这样了", "您一辈子就买这一次的话，建议买好一点的"),
    ("就这点本事吗？还好意思来要赔偿", "我们小店就这点能耐了，尽力给您争取"),
    ("你说的话能把人笑掉大牙", "您说的段子让我笑掉大牙了，太有意思了"),
]

# (attack, a reply in the same words): every attack is insult.mind's, aimed at a forum-style
# addressee
FORUM_PAIRS = [
    ("楼主脑子怕是有坑吧", "楼主您好，这款益智玩具能锻炼孩子的脑子"),
    ("这位买家的智商让人着急", "这位买家的快递让人着急，我们已经催了"),
    ("此人智商堪忧", "此人冒充我们客服，请您注意"),
    ("楼主是没带脑子出门吗", "楼主是没带充电器出门吗？我们有便携款"),
    ("博主智商堪忧啊", "博主推荐的智商测试桌游已经补货了"),
    ("这位朋友的智商怕是不太够用", "这位朋友的内存怕是不太够用，建议选256G"),
]

# (attack, a reply in the same words): contempt set phrases of the lexicon
SET_PHRASE_PAIRS = [
    ("你这是狗嘴里吐不出象牙", "这款象牙白的手机壳有现货"),
    ("你这种人就是烂泥扶不上墙", "墙面有烂泥的话先铲干净再刷漆"),
    ("真是人穷志短，几块钱都计较", "几块钱的差价我们给您补上"),
    ("敬酒不吃吃罚酒是吧", "这款酒杯敬酒的时候用很有面子"),
    ("你真是丢人丢到姥姥家了", "真是丢人丢到家了，我们把包裹发到了隔壁城市，运费我们承担"),
    ("人丑还多作怪", "这款丑萌的玩偶很受欢迎"),
]


@pytest.mark.parametrize(("attack", "innocent"), TAUNT_PAIRS)
def test_taunt_aimed_and_innocent(attack: str, innocent: str) -> None:
    assert_insult_blocked_and_innocent_passes(attack, innocent)


@pytest.mark.parametrize(("attack", "innocent"), FORUM_PAIRS)
def test_forum_mind_aimed_and_innocent(attack: str, innocent: str) -> None:
    assert_insult_blocked_and_innocent_passes(attack, innocent)


@pytest.mark.parametrize(("attack", "innocent"), SET_PHRASE_PAIRS)
def test_set_phrase_aimed_and_innocent(attack: str, innocent: str) -> None:
    assert_insult_blocked_and_innocent_passes(attack, innocent)


@pytest.mark.parametrize(
    "attack",
    ["有你这样的儿子你妈也是倒了八辈子霉", "我都替你臊得慌", "你这辈子也就送外卖的命",
     "难怪你只能去工地搬砖", "你这操作真是让人笑掉大牙", "大家快来看这个人，笑死", "你活得真失败"],
)
def test_taunt_is_its_own_rule(attack: str) -> None:
    """No word of these is a slur: the shape around the buyer fires insult.taunt."""
    assert fires(rules_only(), attack, "insult.taunt"), attack


@pytest.mark.parametrize(
    "attack", ["楼主脑子怕是有坑吧", "这位买家的智商让人着急", "楼主是没带脑子出门吗"]
)
def test_forum_addressee_mind_is_insult_mind(attack: str) -> None:
    assert fires(rules_only(), attack, "insult.mind"), attack


NOT_BLOCKED = [
    ("不丢人不丢人，很多客户第一次都不会用的", "shame waved away is a reassurance"),
    ("这有什么丢人的，问清楚再买是对的", "shame asked away"),
    ("我们老板以前也是送外卖的，现在开了这家店", "the agent's side named by its own work"),
    ("搬砖手套二十双一包", "goods for the work"),
    ("您这双鞋一辈子在工地穿也穿不坏", "a lifetime of wear, not a fate"),
    ("你妈妈的订单已经发货，气死我了快递太慢", "the agent's own outburst, not the kin's"),
    ("您妈妈知道您买这个一定很开心", "the buyer's family as a recipient"),
    ("我们也就在网上开店，没有实体店", "the shop online, no keyboard warrior"),
    ("这位亲，孩子撞到头以后脑袋有问题的话先去医院", "a hurt head named near"),
    ("这位顾客的逻辑思维训练课有问题可以退", "a mind course, not a mind"),
]
CAUGHT = [
    ("你也就在网上横，现实里谁搭理你", "a keyboard warrior without 敢"),
    ("你妈知道你在这讹人吗", "the kin told of the conduct"),
]


@pytest.mark.parametrize(("text", "held", "why"), held_cases(NOT_BLOCKED, CAUGHT))
def test_held_as_expected(text: str, held: bool, why: str) -> None:
    assert_held_as_expected(text, held, why)


def test_the_held_out_set_is_never_trained_on() -> None:
    held = DEV / "lexicon" / "wave20b"
    assert held in HELD_OUT
    assert held not in set(TRAIN_FOLDERS) | set(REPLY_FOLDERS)
    assert (held / "drafts.tsv").is_file()
    assert (held / "normal_replies.txt").is_file()
