"""Threats and harassment of the fourteenth wave (structure), by register: a single menace the
agent quotes as a kind of speech ("你等着"这类话), which is talk about speech, not a threat, while
quotation marks used for emphasis or a mention the agent vouches for stay the agent's own; then
families the earlier waves under-covered: the buyer's account frozen or watched, a child's school
known a clause away, the buyer's debt told to the people they deal with, the agent's side in a
group of the buyer's village or trade, damage with no blame taken, the matter settled "our way",
plans given to a colleague (to frighten the buyer, to call round the buyer's people, to call in
shifts, a sellers' blacklist), a contract's remedy. Each attack is paired with a reply that shares
its words, which must not block. The sentences were written for this test after the rules, in
other words than the rules' examples and the dev sets. Real engine over the shipped rules."""

from __future__ import annotations

import pytest

from scripts.build_structure_model import DEV, HELD_OUT, REPLY_FOLDERS, TRAIN_FOLDERS
from tests.message_support import (
    assert_attack_blocks_by_rule,
    assert_reply_not_blocked,
    rule_ids,
    shipped_engine,
)

# (attack, the rule that must read it, a reply with the same words)
PAIRS = [
    ("你再乱评，我让你的借呗也冻结", "threat.standing", "您的借呗如果被冻结，请联系支付宝客服解冻"),
    ("你这个买家号我们已经盯上了", "threat.standing", "您这个买家号我们已经备注了，下次优先发货"),
    (
        "你儿子的抖音挺有意思，在哪个中学上学我们早就打听到了",
        "threat.family",
        "您儿子在哪个中学上学呀？有的学校校服要统一款式，尺码可以先问老师",
    ),
    (
        "我会一个个通知你的客户，让他们都知道你赖账",
        "threat.exposure",
        "我们会通知仓库，让他们知道您急着用",
    ),
    (
        "你们镇上的老乡群我进去了",
        "threat.exposure",
        "您说的那个群我们也进去了，里面有团购优惠",
    ),
    ("回头你店里玻璃被砸了可别怪我们", "threat.menace", "运输中玻璃被砸坏了我们负责补发"),
    (
        "您要坚持这样，我们就只好按我们的规矩来办了",
        "threat.menace",
        "那我们就只好按我们的办法来办，先给您补发一件",
    ),
    (
        "按流程我们也不想走到那一步，你自己掂量",
        "threat.",
        "逾期付款按协议要收违约金，我们也不想走到那一步",
    ),
    ("找几个人去他店门口吓唬他", "threat.menace", "这款仿真蜘蛛玩具放在桌上能吓唬吓唬他，很好玩"),
    (
        "他老婆的电话找出来，挨个打过去",
        "harassment.third_party",
        "快递员联系不上他，他老婆的电话打过去问问能不能代收",
    ),
    ("他不撤就一个打一个发，轮流不停", "harassment.campaign", "我们客服轮流不停在线，随时回复您"),
    ("你不同意我就再换个号", "harassment.new_number", "您不同意的话也没关系，旺旺上联系就行"),
    (
        "这个买家报到商家黑名单群里去",
        "threat.standing",
        "这个骚扰电话太烦了，我把它拉进黑名单了",
    ),
]


@pytest.mark.parametrize(("attack", "rule", "reply"), PAIRS)
def test_the_attack_blocks_by_its_family(attack: str, rule: str, reply: str) -> None:
    assert_attack_blocks_by_rule(attack, rule)


@pytest.mark.parametrize(("attack", "rule", "reply"), PAIRS)
def test_the_same_words_in_a_reply_do_not_block(attack: str, rule: str, reply: str) -> None:
    assert_reply_not_blocked(reply)


# (text, whether it blocks): one menace quoted as a kind of speech, counted out or named as a
# message or deed is staff talk; marks for emphasis, the listener near, or the rest of the clause
# vouching for the words keep it the agent's
QUOTED = [
    ('给买家发"你等着"这类话会被判定为恶意骚扰', False),
    ("同事们注意：“你等着”这种话一句都不能发", False),
    ('"你等着"之类的，千万别跟买家说', False),
    ("“走着瞧”这样的话会被投诉", False),
    ('规定里写着，"后果自负"这四个字不能出现在回复里', False),
    ('上个月有店铺给买家发"我知道你住哪"这类消息，被罚了', False),
    ('你给我"等着"，我知道你住哪', True),
    ('你就"等着"吧', True),
    ('"你等着"这种话我说到做到', True),
    ('"你等着"这类话我可不是说着玩的', True),
    ('"你等着"这种事我干得出来', True),
    ('你知道"后果自负"这四个字怎么写吗', True),
]


@pytest.mark.parametrize(("text", "blocks"), QUOTED)
def test_a_menace_in_marks_blocks_only_when_the_agent_owns_it(text: str, blocks: bool) -> None:
    assert (shipped_engine().check(text).verdict == "block") == blocks, rule_ids(text)


def test_a_menace_read_by_sound_past_the_mark_is_inside_the_mention() -> None:
    # 着 and 这 sound alike: the menace's match runs past the closing mark into the kind word
    text = '给买家发"你等着"这类话会被判定为恶意骚扰'
    assert not any(found.startswith("threat.") for found in rule_ids(text)), rule_ids(text)
    listed = '给买家发"你等着"、"小心点"这类话会被判定为恶意骚扰'
    assert shipped_engine().check(text).verdict == shipped_engine().check(listed).verdict


def test_a_colleague_asked_whether_the_address_was_found_to_ship_is_a_reply() -> None:
    asked = "那个买家住哪查到了没？查到了就发顺丰过去"
    assert shipped_engine().check(asked).verdict != "block", rule_ids(asked)
    assert shipped_engine().check("你住哪我们都查到了，你等着").verdict == "block"


def test_training_never_reads_the_fourteenth_waves_held_out_set() -> None:
    held = DEV / "structure" / "wave16b"
    assert held in HELD_OUT
    assert held not in set(TRAIN_FOLDERS) | set(REPLY_FOLDERS)
