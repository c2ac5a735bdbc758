"""Precision on ordinary replies, nineteenth wave (replies19 branch), by mechanism: contact the
agent regrets (抱歉…打扰您), promises to stop or bans (我们不会…, 不要给买家…), or disowns (那个号码
不是我们的) is not a campaign of contact. `[quoted_speech]` regret_* in rules/message/slots.toml
names the words; structure.py `_regretted_contact` reads them a sentence at a time and sets aside
the harassment findings inside. Each innocent reply is paired with an attack in the same words that
must stay blocked. The sentences were written for this test after the rules, in other words than
the dev sets (precision/wave22, wave22b) and the rules' examples. Real engine over the shipped
rules."""

from __future__ import annotations

import pytest

from scripts.build_structure_model import DEV, HELD_OUT, REPLY_FOLDERS, TRAIN_FOLDERS
from tests.message_support import (
    assert_held_as_expected,
    paired_held_cases,
    rule_ids,
    rules_only,
    shipped_engine,
)

# (reply that must not be held, attack in the same words that must be, why)
PAIRS = [
    (
        "真对不起，上周连着给您发了好多条催付款的消息，已经停掉了",
        "上周连着给您发了好多条催付款的消息，不付款我们就每天给您发，一直发到您付款为止",
        "an apology for past messages, against messages that go on",
    ),
    (
        "不好意思一直打电话打扰您，后续只在旺旺上跟您说",
        "不好意思，我们会一直打电话打扰您，直到您撤掉差评",
        "an apology for calls, against a mock apology for calls until the review goes",
    ),
    (
        "您放心，我们不会再天天给您打电话了",
        "您不撤差评，我们就天天给您打电话",
        "a promise to stop calling daily, against a daily call as a condition",
    ),
    (
        "前天那个半夜一直给您打电话的号码不是本店的，请注意防骗",
        "那个半夜一直给您打电话的号码就是本店的，等着接吧",
        "a caller disowned, against one owned and announced",
    ),
]


@pytest.mark.parametrize(("text", "held", "why"), paired_held_cases(PAIRS))
def test_regretted_contact_passes_and_the_campaign_stays(text: str, held: bool, why: str) -> None:
    assert_held_as_expected(text, held, why)


@pytest.mark.parametrize(
    "text",
    [
        # the informal listener keeps the sentence the agent's own address
        "不好意思啊，我会每天给你打电话",
        # a word of regret_spoiled: the campaign goes on
        "抱歉，以后我们每个小时给您打一次电话，除非您改评价",
        "不好意思又来打扰您了，这是今天第九个电话了",
    ],
)
def test_a_spoiled_regret_clears_nothing(text: str) -> None:
    result = rules_only().check(text, one_per_span=False)
    assert result.verdict == "block", rule_ids(text)
    assert any(f.scene == "harassment" for f in result.findings), rule_ids(text)


def test_the_knobs_are_data() -> None:
    table = shipped_engine().rules.book.quoted_speech
    assert table is not None
    assert table.regret_scenes == ("harassment",)
    assert "抱歉" in table.regret_lead and "不会再" in table.regret_stop
    assert "直到" in table.regret_spoiled and "不是本店" in table.regret_disowned


def test_without_the_knobs_the_replies_block(monkeypatch: pytest.MonkeyPatch) -> None:
    """The mechanism is what lets them through: with regret_scenes emptied they block again."""
    from helper.checks.message import structure

    original = structure.QuotedSpeech._regretted_contact
    monkeypatch.setattr(structure.QuotedSpeech, "_regretted_contact", lambda self, text: [])
    engine = rules_only()
    blocked = [reply for reply, _a, _w in PAIRS if engine.check(reply).verdict == "block"]
    monkeypatch.setattr(structure.QuotedSpeech, "_regretted_contact", original)
    assert len(blocked) >= 2, blocked


def test_sets_are_registered() -> None:
    tune, held_out = DEV / "precision" / "wave22", DEV / "precision" / "wave22b"
    assert held_out in HELD_OUT
    assert tune not in HELD_OUT
    assert held_out not in TRAIN_FOLDERS and held_out not in REPLY_FOLDERS
