"""Contempt for a person and for a group by structure (rules/message/people.toml and
rules/message/groups.toml): the word of contempt counts when it is aimed or said as a claim, and
the same words pass as a symptom, a denial, a condemnation or an ordinary noun."""

from __future__ import annotations

import pytest

from helper.checks.message.engine import MessageEngine
from tests.message_support import rule_ids, shipped_engine


@pytest.fixture(scope="module")
def rules_only() -> MessageEngine:
    """The rules without the learned scorer: these are claims about the rule files."""
    return MessageEngine(shipped_engine().rules)


@pytest.mark.parametrize(
    ("text", "rule_id"),
    [
        ("真是个恶心的男人", "insult.disgust"),
        ("这种做法更恶心", "insult.disgust"),
        ("这种人就该关起来", "insult.people_contempt"),
        ("他就是个见钱眼开的小人", "insult.name_calling"),
        ("女的开车就是不行", "insult.group_contempt"),
        ("残疾人就别出来添乱", "insult.group_contempt"),
        ("河南人都偷井盖", "insult.group_contempt"),
        # a scorned name after a lead-in or before a put-down (rules/message/mockery.toml)
        ("你个瓜怂", "insult.scorned_name"),
        ("侬个十三点", "insult.scorned_name"),
        ("矮子就别买长裙了", "insult.scorned_name"),
        ("你个fw", "insult.scorned_name"),
        ("买家是个zz吧", "insult.scorned_name"),
        ("楼上hq一个", "insult.scorned_name"),
        # the buyer's mind, harm wished, a sneer
        ("你脑袋被驴踢了吧", "insult.mind"),
        ("就您这智商，能找到下单按钮也算奇迹了", "insult.mind"),
        ("祝你买什么坏什么", "insult.wish"),
        ("你怎么还不去投胎", "insult.wish"),
        ("您可真是个天才，说明书都看不懂还好意思来问", "insult.sneer"),
    ],
)
def test_contempt_said_of_a_person_or_a_group_is_found(text: str, rule_id: str) -> None:
    assert rule_id in rule_ids(text)


@pytest.mark.parametrize(
    "text",
    [
        # nausea as a symptom
        "孕吐恶心的人可以少量多餐",
        "副作用是恶心和头晕",
        "早孕反应最常见的是恶心",
        # a denial, a condemnation, a question about the jibe
        "河南人不偷井盖",
        "说河南人偷井盖是地域黑，这种说法不可取",
        "河南人偷井盖是什么梗",
        "不是所有东北人都爱打架",
        # the group's orders, an ordinary calling, an ordinary noun
        "外地的订单就是麻烦一点，要转运",
        "他就是个快递员，您别生气",
        "这种人参要泡酒",
        "软骨头汤包已经发货了",
        # the words of mockery alone: a time, a fish, codes and units, the speaker, a symptom
        "我们每天十三点以后统一发货",
        "这个小丑鱼摆件放鱼缸很好看",
        "FW已经更新到最新固件",
        "文件不能超过5MB",
        "BT种子打不开的话换个客户端",
        "型号ZZ-100的配件已经到货",
        "我就是个韭菜，又买贵了",
        "你看我这脑子，又忘了给您备注",
        "手机进水了可以先关机再吹干",
        "出门注意安全，别被车撞了",
        "祝您早日康复",
        "这款是天才儿童系列的积木",
        "爱死小仙女风的裙子了",
    ],
)
def test_the_same_words_pass_where_nobody_is_put_down(rules_only: MessageEngine, text: str) -> None:
    assert rules_only.check(text).verdict == "ok"


def test_talking_is_not_a_report_of_the_buyer_s_words(rules_only: MessageEngine) -> None:
    # 你说话 is "you talk": the insult after it is the agent's own
    assert rules_only.check("你说话跟放屁一样").verdict == "block"
    # a quoted report of the buyer's words still is set aside
    assert rules_only.check("您说“你们是骗子”，我们马上核实").verdict == "ok"


def test_what_the_buyer_ordered_is_goods_not_the_buyer(rules_only: MessageEngine) -> None:
    # a word that needs a target, after 你要的/你买的, names the goods
    for text in ("你要的极品大红袍到了", "你买的渣男风外套已经发货", "你要的泼辣酱是陕西的"):
        assert rules_only.check(text).verdict == "ok", text
    # a word that is an insult alone still counts there, and so does a target said again
    assert rules_only.check("你买的都是垃圾").verdict == "block"
    assert rules_only.check("你要的我没有，你这人真恶心").verdict == "block"
