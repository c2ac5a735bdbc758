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
