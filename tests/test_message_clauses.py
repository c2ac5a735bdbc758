"""Threats and campaigns by clause: word classes combined, not listed phrases (the rules
threat.consequence, threat.known, harassment.persistence and harassment.review_pressure;
classes in rules/message/slots.toml). Every combination of a class's words is caught, the
same words in an ordinary reply (negated, with a service purpose, said to the platform's
chat) pass, and what the agent quotes from the buyer is not the agent's."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.message_support import scenes, shipped_engine

# the buyer's act a conditional threat answers, and a bad outcome for the listener
PROVOKE = ["闹", "给差评", "投诉", "催", "嘚瑟", "折腾", "纠缠", "坚持仅退款"]
HARM = ["吃亏", "倒霉", "难堪", "遭殃", "吃苦头", "睡不安稳", "不得安宁", "付出代价", "混不下去"]
# the agent's will and an act against the listener
RESOLVE = ["看我怎么", "信不信我", "小心我", "我迟早", "老子就"]
ATTACK = ["收拾", "修理", "揍", "弄", "削", "教训"]
# the buyer's no and the agent going on
REFUSE = ["拉黑我", "不接", "挂我电话", "屏蔽我", "关机", "说别打了"]
PERSIST = ["照样打", "还是会打", "偏要打", "继续发", "接着打", "照样给你发消息"]
# the buyer's people, and getting in touch with them
KIN = ["爸", "妈", "表姐", "老婆", "同事", "领导", "邻居", "村委会"]
REACH_KIN = ["我已经联系了你", "我发短信给你", "我打电话给你", "我明天去找你"]
# a held detail and knowing it, in a dispute
HELD = ["地址", "电话", "身份证号", "单位", "住址"]
KNOW = ["都有", "知道", "查到了", "记下了"]
DISPUTE = ["差评我看到了", "投诉我收到了", "仅退款是吧", "评价的事还没完"]
PURPOSE = ["已经核对过了，马上补发", "已经帮您改好了", "仅用于清关，请放心"]
# the buyer's silence or the review as a condition, a personal channel after it
CONDITION = ["差评不删", "你不改评价", "你不回", "投诉不撤", "你再不回复"]
PHONE = ["给你打电话", "打你手机", "加你微信", "给你发短信"]

# ordinary replies with the same words: an act about an order, a no respected, contact about a
# complaint with a purpose
ORDINARY = [
    "我来弄一下您的订单",
    "我会整理好您的资料",
    "我们不敢动您的包裹",
    "师傅会修理空调",
    "亲，您说不要再打电话了，我们记下了，后续都在线上沟通",
    "您说不需要回访，我们已经备注，以后不会再联系您了",
    "您不接电话的话我们就旺旺留言",
    "不好意思，刚才电话断了，我再给您打过去",
    "投诉我们收到了，我们会打电话给您了解情况",
    "您不回旺旺也没关系，我们会短信告知补发单号",
    "为了差评的事打扰您，真的很抱歉，我们只是想了解问题",
    "评价改不改都是您的权利，我们不打扰您",
]


def verdict(text: str) -> str:
    return shipped_engine().check(text).verdict


@given(st.sampled_from(PROVOKE), st.sampled_from(HARM))
@settings(max_examples=80, deadline=None)
def test_the_buyers_act_as_condition_and_any_harm_is_a_threat(act: str, harm: str) -> None:
    text = f"你要是再{act}，你会{harm}的"
    assert "threat" in scenes(text), text


@given(st.sampled_from(HARM))
@settings(max_examples=20, deadline=None)
def test_the_same_harm_promised_away_passes(harm: str) -> None:
    for text in (f"您放心，我们绝不会让您{harm}", f"建议您保留凭证，以免以后{harm}"):
        assert verdict(text) == "ok", text


@given(st.sampled_from(RESOLVE), st.sampled_from(ATTACK))
@settings(max_examples=40, deadline=None)
def test_an_act_against_the_listener_with_the_agents_will_is_a_threat(will: str, act: str) -> None:
    text = f"{will}{act}你"
    assert "threat" in scenes(text), text


@given(st.sampled_from(REFUSE), st.sampled_from(PERSIST))
@settings(max_examples=40, deadline=None)
def test_contact_despite_the_buyers_no_is_harassment(refuse: str, persist: str) -> None:
    text = f"你{refuse}也没用，我{persist}"
    assert "harassment" in scenes(text), text


@given(st.sampled_from(REACH_KIN), st.sampled_from(KIN))
@settings(max_examples=40, deadline=None)
def test_reaching_the_buyers_people_is_harassment(reach: str, kin: str) -> None:
    text = f"{reach}{kin}了"
    assert "harassment" in scenes(text), text


@given(st.sampled_from(["家人", "老公", "同事", "邻居"]))
@settings(max_examples=10, deadline=None)
def test_the_buyers_people_for_the_delivery_pass(kin: str) -> None:
    for text in (f"可以让您{kin}帮忙代收", f"您可以问问您{kin}是不是代收了"):
        assert verdict(text) == "ok", text


@given(st.sampled_from(DISPUTE), st.sampled_from(HELD), st.sampled_from(KNOW))
@settings(max_examples=60, deadline=None)
def test_a_held_detail_known_in_a_dispute_is_a_threat(dispute: str, held: str, know: str) -> None:
    text = f"{dispute}，你的{held}我{know}"
    assert "threat" in scenes(text), text


@given(st.sampled_from(HELD), st.sampled_from(KNOW[1:]), st.sampled_from(PURPOSE))
@settings(max_examples=40, deadline=None)
def test_a_held_detail_in_a_dispute_with_a_purpose_passes(
    held: str, know: str, purpose: str
) -> None:
    text = f"差评我们看到了，非常抱歉，您的{held}我们{know}，{purpose}"
    assert verdict(text) == "ok", text


@given(st.sampled_from(CONDITION), st.sampled_from(PHONE))
@settings(max_examples=40, deadline=None)
def test_contact_pressed_on_the_review_is_harassment(condition: str, phone: str) -> None:
    text = f"{condition}，我就{phone}"
    assert "harassment" in scenes(text), text


@given(st.sampled_from(PROVOKE), st.sampled_from(HARM), st.sampled_from(PHONE))
@settings(max_examples=40, deadline=None)
def test_the_buyers_words_quoted_back_are_not_the_agents(act: str, harm: str, phone: str) -> None:
    threat, campaign = f"你要是再{act}，你会{harm}的", f"差评不删，我就{phone}"
    for quoted, scene in ((threat, "threat"), (campaign, "harassment")):
        assert scene in scenes(quoted), quoted
        text = f"您说“{quoted}”，我们非常理解您的心情，马上为您处理"
        assert scene not in scenes(text), text


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_replies_with_the_same_words_pass(text: str) -> None:
    assert verdict(text) == "ok", text
