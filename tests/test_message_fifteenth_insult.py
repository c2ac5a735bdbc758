"""Fifteenth wave, insult: the buyer (or their spouse or child) shamed through body, looks or age
(insult.looks: 你都胖成这样了还买S码, 您这身材穿什么都救不了, 一把年纪了还装嫩, 黑得跟炭一样,
建议您先照照镜子再来下单) and through income, home or station (insult.means: 这个价位不太适合您的
收入水平, 您这种家庭条件可能欣赏不来, 买不起就去地摊看看; insult.jibe: 一个打工的还想穿大牌),
each blocked where the put-down follows the body or the means, and passing in the replies that
name the same body or budget to help (size by weight and height, shades for darker skin, goods for
older buyers, budgets and instalments). On the shipped rules without the scorer.
"""

from __future__ import annotations

import pytest

from tests.message_support import assert_insult_blocked_and_innocent_passes, fires, rules_only

# (attack, a reply in the same words): every attack is insult.looks'
LOOKS_PAIRS = [
    ("你都胖成这样了还买S码，心里没点数吗", "您身高165体重140斤的话建议拍XL码"),
    ("您这身材穿什么都救不了", "您这身材穿什么都好看"),
    ("你家孩子那么胖，买多大都塞不进去", "孩子那么胖的话建议拿大一码"),
    ("你老公长那样，戴什么帽子都白搭", "您老公脸型偏圆的话，这款宽檐帽更修饰"),
    ("一把年纪了还装嫩", "这个年纪还能穿这么好看，阿姨气质真好"),
    ("满脸痘痘还好意思给差评", "满脸痘痘的话建议先用温和的洁面"),
    ("瘦得跟猴子似的，穿什么都挂不住", "我家猫胖得跟球一样，这个猫窝要大号"),
    ("建议您先照照镜子再来下单", "您可以穿上照照镜子再决定"),
    ("您这个年纪就别赶时髦了", "这款是适合中老年人的软底鞋"),
    ("黑胖子，别买浅色的了", "肤色偏黑的亲选03号自然色就好"),
]

# (attack, a reply in the same words): every attack is insult.means'
MEANS_PAIRS = [
    ("这个价位可能不太适合您的收入水平", "这款价格有点高，预算不够可以看看同系列的平价款"),
    ("您这种家庭条件可能欣赏不来", "以您的收入完全可以考虑这款，也支持分期"),
    ("实在买不起可以去地摊看看哦", "我们小店买不起广告位，全靠老顾客口碑"),
    ("建议您先看看自己的钱包", "请先看看您的钱包里有没有优惠券"),
]


@pytest.mark.parametrize(("attack", "innocent"), LOOKS_PAIRS)
def test_looks_aimed_and_innocent(attack: str, innocent: str) -> None:
    assert_insult_blocked_and_innocent_passes(attack, innocent)


@pytest.mark.parametrize(("attack", "innocent"), MEANS_PAIRS)
def test_means_aimed_and_innocent(attack: str, innocent: str) -> None:
    assert_insult_blocked_and_innocent_passes(attack, innocent)


@pytest.mark.parametrize(
    "attack",
    ["你都胖成这样了还买S码，心里没点数吗", "您这身材穿什么都救不了", "您這身材穿什麼都救不了",
     "建议您先照照镜子再来下单", "一把年纪了还装嫩"],
)
def test_looks_is_its_own_rule(attack: str) -> None:
    """Fat, ugly, old are no lexicon words (size advice uses them): the put-down after them
    fires."""
    assert fires(rules_only(), attack, "insult.looks"), attack


@pytest.mark.parametrize(
    "attack", ["这个价位可能不太适合您的收入水平", "您这种家庭条件可能欣赏不来"]
)
def test_means_is_its_own_rule(attack: str) -> None:
    assert fires(rules_only(), attack, "insult.means"), attack


def test_a_job_with_a_count_word_is_still_a_station() -> None:
    """一个 before the despised job no longer hides it from insult.jibe."""
    assert fires(rules_only(), "一个打工的还想穿大牌，做梦呢", "insult.jibe")


REPLIES = [
    "您家宝宝那么胖的话，这款可能塞不进去，建议换宽松款",
    "这款面霜救不了太严重的皱纹，您这个年纪建议配合精华",
    "瘦得跟竹竿一样的模特穿着不一定适合您",
    "黑得跟锅底一样的锅我们给您换新的",
    "这款阿姨穿出去不怕被人笑，很端庄",
    "试穿后照照镜子再决定要不要留",
    "这款不太适合您的肤质，建议选温和型",
    "学生党预算有限的话可以看看这款，支持分期",
]


@pytest.mark.parametrize("text", REPLIES)
def test_replies_naming_the_body_or_budget_pass(text: str) -> None:
    """A condition (那么胖的话), goods that fail, a likeness of a third party or a pan, a
    mirror after trying on, a skin type and a student's budget: the insult's words, said to help."""
    assert rules_only().check(text).verdict == "ok", text


def test_reported_looks_in_complaint_handling_passes() -> None:
    """Someone else's words about the buyer's body, repeated while handling the complaint."""
    text = "您反馈快递员说您胖成这样还买S码，非常抱歉，我们已经投诉该快递员"
    assert rules_only().check(text).verdict == "ok", text
