"""Thirteenth wave, evasion: insults and threats cloaked by initials, 火星文, emoji standing for a
word, each blocked where it is aimed at the buyer and passing in the same words said of oneself,
talked about or used for goods, on the shipped rules without the scorer."""

from __future__ import annotations

import pytest

from tests.message_support import assert_insult_blocked_and_innocent_passes, rules_only

# (attack, the same words used innocently)
INSULTS = [
    # mmp (妈卖批) counts only aimed: an oath about the agent's own day, or the word asked about
    ("mmp你还有完没完", "mmp，我又把单号抄错了，马上改"),
    ("MMP你到底想干嘛", "您问的MMP是面膜的英文缩写"),
    # 你 typed in 火星文 is 你 as written, not a guess that alone only warns
    ("伱是猪吗", "伱好呀亲，今天就发货"),
    ("沵真是个沙雕", "沵好，包裹已经到驿站了"),
    # 神经病 through the snake emoji, aimed; the meme said of oneself, the cartoon's snake spirit
    ("你真是个🐍精病", "葫芦娃的🐍精手办今天到货"),
    ("买家是不是蛇精病啊", "忙了一天，我都快成蛇精病了"),
]

# (threat, the same words used innocently)
THREATS = [
    ("再闹我就🔪了你", "这把🔪你收好，刀刃很锋利"),
    ("烦死了，我🔪了你", "我给你寄的菜刀了你收到没"),
]


@pytest.mark.parametrize(("attack", "innocent"), INSULTS)
def test_insult_aimed_and_innocent(attack: str, innocent: str) -> None:
    assert_insult_blocked_and_innocent_passes(attack, innocent)


@pytest.mark.parametrize(("attack", "innocent"), THREATS)
def test_threat_and_innocent(attack: str, innocent: str) -> None:
    engine = rules_only()
    result = engine.check(attack)
    assert result.verdict == "block", attack
    assert "threat" in {finding.scene for finding in result.findings}
    assert engine.check(innocent).verdict == "ok", innocent
