"""The lead's change of the seventeenth wave: the agent's own 下班前 (before the agent's shift
ends) times a reply, a callback or a number sent; it is not the buyer's way home from work,
which `threat.overall` reads as a place where the buyer is exposed. The buyer's 下班 in a menace
must still be held. Real engine over the shipped rules (the learned structure model included,
since `threat.overall` needs it)."""

from __future__ import annotations

import pytest

from tests.message_support import rule_ids, shipped_engine

SERVICE_TIMES = [
    "下班前我会把单号发给您",
    "今天下班前我会给您回电话",
    "下班之前我帮您确认一下仓库的库存",
]

MENACES = [
    "你下班的时候小心点，我们的人在门口等你",
    "下班前我会把你的地址发给兄弟们",
    "下班前给你个答复，不然你等着瞧",
]


@pytest.mark.parametrize("reply", SERVICE_TIMES)
def test_the_agents_own_end_of_shift_is_a_time_of_service(reply: str) -> None:
    assert shipped_engine().check(reply).verdict == "ok", rule_ids(reply)


@pytest.mark.parametrize("draft", MENACES)
def test_the_buyers_way_home_in_a_menace_is_still_held(draft: str) -> None:
    assert shipped_engine().check(draft).verdict == "block", draft
    assert any(rule.startswith("threat.") for rule in rule_ids(draft)), rule_ids(draft)
