"""The long18 branch of the eighteenth wave: offences inside long service talk and in polite
wording. The learned gate (`learned_at_least`) read only the whole message, whose score two
sentences of ordinary after-sales talk dilute; it now also reads runs of whole clauses that a
match touches (`clause_windows`). Real engine over the shipped rules, learned model included."""

from __future__ import annotations

import pytest

from helper.checks.message import engine as engine_module
from helper.checks.message.engine import LEARNED_WINDOW, clause_windows
from tests.message_support import rule_ids, shipped_engine

# a menace after two or three clauses of ordinary service talk; the whole message scores below
# the bar of threat.overall (0.82), the clauses of the menace above it
DILUTED = [
    '亲，您说"要去12315投诉"，您随便投，我们不怕，不过投诉之前想想你住的那个小区，晚上路灯可不太亮',
    "亲，运费我们已经承担了，退款也在走流程，您耐心等两天，不过投诉之前想想你住的那个小区，晚上路灯可不太亮",
]

# the same service talk and the same objects (the buyer's estate, address, child) said innocently
LONG_REPLIES = [
    "亲，运费我们已经承担了，退款也在走流程，您耐心等两天，您住的那个小区晚上路灯不太亮，取件时注意安全",
    "您好，换货单已经给您登记好了，仓库明天就发出新的，您住的地址我们核对过了，请留意快递电话",
    "亲，这边已经帮您改了地址，快递明天上午派送，您家孩子在学校的话可以让家人代收",
    "亲，我们会安排安装师傅上门，师傅会提前一天跟您电话预约时间，请保持电话畅通",
]


def test_a_short_message_is_read_whole_only() -> None:
    assert clause_windows("你住哪我们都知道，自己掂量") == []


def test_parts_are_runs_of_whole_clauses_within_the_window() -> None:
    text = DILUTED[1]
    parts = clause_windows(text)
    assert parts and all(end - start <= LEARNED_WINDOW for start, end in parts)
    assert all(start == 0 or text[start - 1] in "，" for start, _ in parts)
    assert "不过投诉之前想想你住的那个小区，晚上路灯可不太亮" in {text[s:e] for s, e in parts}


@pytest.mark.parametrize("draft", DILUTED)
def test_a_menace_diluted_by_service_talk_is_held(draft: str) -> None:
    model = shipped_engine().rules.book.model
    assert model.score(draft) < 0.82  # the whole message alone would not pass the gate
    assert shipped_engine().check(draft).verdict == "block", rule_ids(draft)
    assert "threat.overall" in rule_ids(draft)


@pytest.mark.parametrize("draft", DILUTED)
def test_without_the_parts_the_gate_sets_it_aside(draft: str, monkeypatch) -> None:
    monkeypatch.setattr(engine_module, "clause_windows", lambda text, size=40: [])
    assert shipped_engine().check(draft).verdict == "ok"


@pytest.mark.parametrize("reply", LONG_REPLIES)
def test_long_replies_in_the_same_words_pass(reply: str) -> None:
    assert shipped_engine().check(reply).verdict == "ok", rule_ids(reply)


# the rule changes: each attack with an innocent reply in the same words
PAIRS = [
    # polite upbringing insults (insult.scoff)
    ("您好，请问您是不是从小就没人教过您怎么说话", "之前没人教过您怎么安装吗？我来一步步教您"),
    ("您父母没教过您吗，说话这么冲", "您父母没教过孩子怎么用也没关系，说明书第二页有图"),
    # care advised for a buyer with many enemies (threat.menace)
    (
        "建议您晚上出门注意安全，毕竟您这样的人得罪的人应该不少",
        "您晚上出门注意安全，我们做客服的得罪的人不少，您多担待",
    ),
    # a job to cherish where the workplace is known (threat.standing)
    (
        "温馨提示：您的工作单位我们已经知道了，请您珍惜自己的工作",
        "您的工作单位地址我们已经核对过了，明天送到，请您珍惜自己的工作时间",
    ),
    # the buyer's friends added vs a scam warning (harassment.third_party)
    (
        "不删差评我就私信你所有好友",
        "友情提醒：本店不会主动加您好友，任何以客服名义加您好友的都是骗子",
    ),
    # incense sent vs incense classed for shipping (mailing.funeral)
    (
        "给你寄了一箱香烛，易燃的，你小心点拆",
        "温馨提示：香烛属于易燃品，快递只能走陆运，时效会比平时慢两天",
    ),
]


@pytest.mark.parametrize(("attack", "reply"), PAIRS)
def test_attack_blocks_and_reply_in_the_same_words_passes(attack: str, reply: str) -> None:
    assert shipped_engine().check(attack).verdict == "block", rule_ids(attack)
    assert shipped_engine().check(reply).verdict == "ok", rule_ids(reply)


def test_a_funeral_shops_delivery_bought_politely_is_no_reminder() -> None:
    reply = "您好，您购买的寿衣已经发出，我们按照习俗用红布包好了，请家属节哀"
    assert shipped_engine().check(reply).verdict == "ok", rule_ids(reply)
    assert shipped_engine().check("给你寄了一套寿衣，节哀").verdict == "block"


@pytest.mark.parametrize(
    ("brush_off", "kind"),
    [
        (
            "恕我直言，您这种要求我们满足不了，您还是另请高明吧",
            "这款我们没有货，可以帮您推荐另寻他家的同款",
        ),
        (
            "麻烦您以后有问题先自己看详情页，不要什么都来问客服",
            "有什么都可以来问我们客服，不用客气",
        ),
    ],
)
def test_polite_brush_offs_warn(brush_off: str, kind: str) -> None:
    result = shipped_engine().check(brush_off)
    assert result.verdict == "warn", rule_ids(brush_off)
    assert "tone.dismissive" in rule_ids(brush_off)
    assert shipped_engine().check(kind).verdict == "ok", rule_ids(kind)


# the insult families met at the end of long service talk
TAIL_INSULTS = [
    # hurrying to a rebirth (insult.wish)
    (
        "亲亲，物流停在中转站是因为下雪，恢复后马上走，急着投胎啊",
        "您着急用的话可以选顺丰，急着去上班的话放驿站也行",
    ),
    # the eyes for breathing or show (insult.scoff)
    (
        "亲，这件是清仓款不退不换的，页面写了，眼睛长来出气的吗",
        "这个玩偶的眼睛是装饰用的，不能转动",
    ),
    # a name in the polite register, the worst the agent has met (insult.scorned_name)
    (
        "您好，您的售后单已经关闭了，如有疑问可以重新申请，您真是我见过最难缠的老赖",
        "您好，您的售后单已经关闭了，您真是我见过最有耐心的顾客，谢谢您",
    ),
]


@pytest.mark.parametrize(("attack", "reply"), TAIL_INSULTS)
def test_an_insult_at_the_end_of_service_talk_blocks(attack: str, reply: str) -> None:
    assert shipped_engine().check(attack).verdict == "block", rule_ids(attack)
    assert any(rule.startswith("insult.") for rule in rule_ids(attack)), rule_ids(attack)
    assert shipped_engine().check(reply).verdict == "ok", rule_ids(reply)
