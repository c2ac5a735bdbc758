"""Fourteenth wave, insult: a crime or a vice put on the buyer as a name (insult.outlaw:
你这个强奸犯, 您就是个惯犯, 像您这样的骗子, 您的行为和诈骗犯没有区别, 你是不是坐过牢) and the
buyer set below a child, a beast, a beggar or a thing (insult.beneath: 你连小学生都不如,
捡破烂的都比你大方, 跟你说话还不如对着墙说), each blocked where it is aimed at the buyer and
passing in the same words used of no one (a warning about scams, the news, a film, a game role,
a dish, a toy, goods a child can use); and 你是读不懂说明吗 is impatience (tone), not an insult.
On the shipped rules without the scorer.
"""

from __future__ import annotations

import pytest

from tests.message_support import assert_insult_blocked_and_innocent_passes, fires, rules_only

# (attack, the same words of no one): every attack is insult.outlaw's
OUTLAW_PAIRS = [
    ("你这个强奸犯还有脸来要赔偿", "这本刑法案例集讲了强奸犯的量刑"),
    ("你就是个诈骗犯，收了货还想退钱", "诈骗犯已被警方抓获，您的损失可以去派出所登记"),
    ("您就是个惯偷吧", "温馨提示：快递站最近有惯偷，请尽快取件"),
    ("像您这样的小偷我们店不欢迎", "快递柜被小偷撬了，我们已经报警并给您补发"),
    ("你个人贩子", "人贩子拐卖儿童的新闻很多，这款手环可以定位"),
    ("您这是强盗逻辑", "强盗来了也打不开，这款保险箱是指纹加密码的"),
    ("你的所作所为跟诈骗犯没什么两样", "我们和骗子不一样，支持验货后付款"),
    ("杀人犯都没你这么凶", "剧本杀里杀人犯的角色卡在第二包"),
    ("你是不是蹲过监狱啊", "监狱主题密室的手铐和囚服道具，仅供拍摄"),
    ("你这个流氓", "你这个流氓兔公仔是大号的"),
    ("麻烦这位惯犯买家换一家店", "您是不是被骗子骗了？建议先报警"),
    ("你怕不是个逃犯吧", "你这种骗子电话接到直接挂掉就好"),
]

# (attack, the same words praising goods or of no one): every attack is insult.beneath's
BENEATH_PAIRS = [
    ("你连三岁小孩都不如", "这款积木三岁小孩都能自己拼"),
    ("您的脑子连我家猫都比不上", "连小学生都不如的质量，我们已经下架了"),
    ("乞丐都比你有骨气", "乞丐服是今年的流行款，破洞是设计"),
    ("小朋友都比你讲道理", "小学生都比你想的聪明，这套编程玩具六岁就能上手"),
    ("狗都学会了，你还不会", "这款狗粮狗狗都爱吃，挑食的也不例外"),
    ("跟你讲话还不如对着墙讲", "对着墙说话就能声控开灯"),
    ("和您沟通比跟石头还费劲", "跟您沟通很愉快"),
    ("你还不如你家的狗懂事", "您还不如给狗狗买大一号的，更舒服"),
]


@pytest.mark.parametrize(("attack", "innocent"), OUTLAW_PAIRS)
def test_outlaw_aimed_and_innocent(attack: str, innocent: str) -> None:
    assert_insult_blocked_and_innocent_passes(attack, innocent)


@pytest.mark.parametrize(
    "attack",
    [
        "你这个强奸犯还有脸来要赔偿",
        "像您这样的小偷我们店不欢迎",
        "你的所作所为跟诈骗犯没什么两样",
        "你怕不是个逃犯吧",
        "你個賊仔",
    ],
)
def test_outlaw_is_its_own_rule(attack: str) -> None:
    """The crime names are not lexicon words (they name real criminals in a warning): the frame
    that puts one on the buyer is what fires."""
    assert fires(rules_only(), attack, "insult.outlaw"), attack


@pytest.mark.parametrize(("attack", "innocent"), BENEATH_PAIRS)
def test_beneath_aimed_and_innocent(attack: str, innocent: str) -> None:
    assert_insult_blocked_and_innocent_passes(attack, innocent)


@pytest.mark.parametrize(
    "attack",
    ["你连三岁小孩都不如", "你連小學生都不如", "跟你讲话还不如对着墙讲", "捡破烂的都比你大方"],
)
def test_beneath_is_its_own_rule(attack: str) -> None:
    assert fires(rules_only(), attack, "insult.beneath"), attack


PROPS_AND_FACTS = [
    "要饭的碗是道具，话剧团定做的，不能盛热汤",
    "金鱼的记忆其实不止七秒，这本科普书里有讲",
    "猪其实比你想象的聪明，这本动物科普书里有讲",
    "您是刚出狱人员的家属吗？可以申请帮扶",
    "你跟小偷一样紧张？别担心，快递有保价",
]


@pytest.mark.parametrize("text", PROPS_AND_FACTS)
def test_props_and_facts_pass(text: str) -> None:
    """A beggar's bowl as a prop, a fish's memory as a fact, "smarter than you think", a simile of a
    mood: the words of an insult, said of no one."""
    assert rules_only().check(text).verdict == "ok", text


def test_goldfish_memory_aimed_still_blocks() -> None:
    """金鱼的记忆 now needs a target, and keeps blocking with one."""
    assert rules_only().check("你这金鱼的记忆，刚说完就忘").verdict == "block"


@pytest.mark.parametrize("text", ["你是读不懂说明吗", "您是看不懂安装图吗"])
def test_cannot_read_it_is_only_tone(text: str) -> None:
    result = rules_only().check(text)
    assert result.verdict == "warn", text
    assert {finding.scene for finding in result.findings} == {"tone"}


REPORTED = [
    "快递员骂您是个小偷，我们已经投诉并向您道歉",
    "您反馈客服说您就是个骗子，非常抱歉，我们已经处理该客服",
]


@pytest.mark.parametrize("text", REPORTED)
def test_reported_name_in_complaint_handling_passes(text: str) -> None:
    """Someone else's words about the buyer, repeated while handling the complaint."""
    assert rules_only().check(text).verdict == "ok", text


def test_said_by_anyone_else_still_blocks() -> None:
    """Without a third party reporting it, the same name said of the buyer blocks."""
    assert rules_only().check("大家都说您就是个骗子").verdict == "block"
