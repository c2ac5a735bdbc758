"""Direct abuse in comment style (eighth wave): attacks aimed at a third person (楼主, 博主, 这人,
那女的, 他/她) as well as at 你, names called by a short copula (楼主是猪吧), disgust said as a
judgement (觉得恶心), and abuse terms of current internet use. Each attack is paired with the
same words used innocently, which must pass (the shipped rules, real engine, no scorer)."""

from __future__ import annotations

import pytest

from tests.message_support import rule_ids, rules_only

# (attack, the same words used innocently)
PAIRS = [
    # a third person pointed at with a judgement: 他真/她太 are targets, 他 alone is not
    ("他真贱", "他真的会给您回电话"),
    ("她太蠢了，这都不懂", "她太忙了，稍后给您回复"),
    # a person called a name by a short copula, the name touching it
    ("楼主是猪吧", "他是猪肉店的老板"),
    ("他就是条狗", "这只狗是柯基，很亲人"),
    ("那女的就是头母猪", "母猪产后护理用品在这个链接"),
    ("她就是个恐龙", "恐龙玩具适合三岁以上"),
    ("楼主是个疯狗", "他是属狗的"),
    # disgust said as a judgement, unless a word of the body is near it
    ("我是真的觉得恶心", "孕早期觉得恶心是正常的"),
    ("这些人越来越恶心", "吃了药觉得恶心的话先停用"),
    # abuse terms of current internet use, and everyday words that contain or resemble them
    ("这人就是个疯批", "这款是无脑入的性价比之选"),
    ("这博主是个搅屎棍", "羊杂碎汤很好喝"),
    ("她就是个碧池", "防色狼喷雾已经发货"),
    ("坟头草三尺高", "清明节记得给坟头除草"),
    ("楼主没妈教吧", "孤儿院的捐赠物资已经寄出"),
    ("狗男人都一样", "狗粮和猫砂都有货"),
    ("你🐴死了", "🐴年吉祥，新春礼盒已发货"),
    ("你怎么还活着", "被困三天，他们怎么还活着？靠雨水"),
]

# a relative fetched or named as someone's: a request or a relation, not the speaker posing as
# the buyer's elder
RELATIVES = ["叫爸爸来接一下电话", "我是你爷爷的老同事", "叫爷爷过来签收一下"]


@pytest.mark.parametrize(("attack", "innocent"), PAIRS)
def test_an_attack_is_flagged_and_the_same_words_used_innocently_pass(
    attack: str, innocent: str
) -> None:
    engine = rules_only()
    result = engine.check(attack)
    assert result.verdict != "ok", attack
    assert "insult" in {finding.scene for finding in result.findings}
    assert engine.check(innocent).verdict == "ok", rule_ids(innocent)


@pytest.mark.parametrize("text", RELATIVES)
def test_a_relative_fetched_or_named_as_someone_s_passes(text: str) -> None:
    assert rules_only().check(text).verdict == "ok", rule_ids(text)


def test_the_speaker_posing_as_the_elder_still_blocks() -> None:
    for text in ("我是你爷爷，懂？", "叫爸爸，爸爸教你做人"):
        assert "insult.kinship" in rule_ids(text)


def test_a_name_called_by_a_short_copula_is_the_name_calling_rule_s_own() -> None:
    # 猪 and 狗 alone are everyday words: only the person, the copula and the name together
    for text in ("楼主是猪吧", "他就是条狗"):
        assert "insult.name_calling" in rule_ids(text)
    assert rules_only().check('情侣T恤一件印"他是猪"一件印"她是猪"').verdict == "ok"


def test_disgust_denied_passes() -> None:
    assert rules_only().check("一点都不觉得恶心，很好吃").verdict == "ok"


def test_traditional_script_is_read_the_same() -> None:
    assert rules_only().check("這博主是個攪屎棍").verdict != "ok"


def test_emoji_for_a_clown_or_a_retch_need_what_their_words_need() -> None:
    engine = rules_only()
    assert engine.check("你就是个🤡").verdict != "ok"
    assert engine.check("这人真🤮").verdict != "ok"
    for text in ("🤡", "小丑🤡气球今天发货", "孕吐🤮怎么办"):
        assert engine.check(text).verdict == "ok", rule_ids(text)


@pytest.mark.parametrize(
    ("aimed", "described"),
    [
        ("你就是个杠精", "杠精这个词最近很火"),
        ("你这个书呆子", "电影里总把书呆子的形象安给眼镜男"),
        ("你这井底之蛙", "只要多读书，就不会有井底之蛙的思维"),
    ],
)
def test_a_mild_label_counts_only_aimed_at_someone(aimed: str, described: str) -> None:
    engine = rules_only()
    assert engine.check(aimed).verdict != "ok", aimed
    assert engine.check(described).verdict == "ok", rule_ids(described)
