"""Threats and harassment by structure: any combination of the slot words of a shape is
caught, the same words in an ordinary reply are not, and the buyer's words an agent quotes
are not the agent's threat (rules/message/threat.toml, harassment.toml, slots.toml)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.message_support import shipped_engine

HELD = ["地址", "住址", "身份证号", "电话", "单位", "公司", "家人的电话", "孩子的学校", "照片"]
KNOW = ["有", "知道", "查到了", "找到了", "人肉到了", "都有", "拿到了", "掌握了"]
MENACE = ["小心点", "你自己掂量", "你等着", "后果自负", "你看着办", "别怪我", "别逼我"]
THREATS = ["你的{h}我{k}，{m}", "我{k}你的{h}，{m}", "{m}，你的{h}我{k}", "你{h}我们{k}，{m}"]

CAMPAIGN = ["每天", "每小时", "一直", "不停地", "半夜", "天天", "每隔一小时", "凌晨"]
CONTACT = ["打电话给你", "给你打电话", "给你发短信", "打你电话", "打给你", "发消息给你"]
AGENT = ["我", "我们会", "以后我"]

# held + knowing it, then an ordinary purpose: no menace, no finding
SERVICE = ["已经为您改好了", "快递会按这个送", "会严格保密", "明天给您发出"]
DAILY = ["每天都有发货", "我们会一直为您跟进", "半夜下单也会正常发货", "每小时更新一次物流"]


def scenes(text: str) -> set[str]:
    return {finding.scene for finding in shipped_engine().check(text).findings}


@given(
    st.sampled_from(THREATS),
    st.sampled_from(HELD),
    st.sampled_from(KNOW),
    st.sampled_from(MENACE),
)
@settings(max_examples=150, deadline=None)
def test_held_known_and_a_menace_is_a_threat_in_any_order(
    template: str, held: str, know: str, menace: str
) -> None:
    text = template.format(h=held, k=know, m=menace)
    assert "threat" in scenes(text), text


@given(st.sampled_from(AGENT), st.sampled_from(CAMPAIGN), st.sampled_from(CONTACT))
@settings(max_examples=100, deadline=None)
def test_a_declared_campaign_of_contact_is_harassment(agent: str, every: str, call: str) -> None:
    text = f"{agent}{every}{call}"
    assert "harassment" in scenes(text), text


@given(st.sampled_from(HELD), st.sampled_from(["知道", "有", "查到了"]), st.sampled_from(SERVICE))
@settings(max_examples=60, deadline=None)
def test_holding_a_detail_for_the_order_is_no_threat(held: str, know: str, purpose: str) -> None:
    text = f"您的{held}我们{know}，{purpose}"
    assert shipped_engine().check(text).verdict == "ok", text


def test_the_same_campaign_words_in_service_replies_pass() -> None:
    for text in DAILY:
        assert shipped_engine().check(text).verdict == "ok", text


@given(st.sampled_from(HELD), st.sampled_from(KNOW), st.sampled_from(MENACE))
@settings(max_examples=60, deadline=None)
def test_a_threat_the_agent_quotes_from_the_buyer_is_not_the_agents(
    held: str, know: str, menace: str
) -> None:
    quoted = f"你的{held}我{know}，{menace}"
    assert "threat" in scenes(quoted)
    text = f"您说“{quoted}”，我们非常理解您的心情，马上为您处理"
    assert "threat" not in scenes(text), text
