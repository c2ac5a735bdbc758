"""Fourteenth wave, lead: of two readings of the same letters, the one that blocks stands.

Initials such as cnm read both as an oath (操你妈, 草泥马: profanity, blocking) and as a slur
that needs a person to count (臭娘们: hedged when said of no one, so it only warns). One finding
is kept per stretch and scene; the hedged reading must not be the one kept, or the oath goes out
on Enter. On the shipped rules without the scorer."""

from __future__ import annotations

import pytest

from tests.message_support import rules_only


@pytest.mark.parametrize("draft", ["cnm", "cnm，别来烦我", "C N M，退什么款", "ｃｎｍ"])
def test_initials_of_an_oath_block(draft: str) -> None:
    result = rules_only().check(draft)
    assert result.verdict == "block", draft
    assert "insult.profanity" in {f.rule_id for f in result.findings}


def test_a_slur_that_blocks_is_not_hidden_by_its_hedged_reading() -> None:
    """娘炮 said of whoever buys: the sexual slur blocks; the discrimination reading, hedged
    because no person is pointed at, no longer stands in its place."""
    result = rules_only().check("娘炮才会买这种东西")
    assert result.verdict == "block"
    assert {f.rule_id for f in result.findings} == {"insult.sexual"}


@pytest.mark.parametrize(
    "reply",
    ["SB编号的配件已经补发", "外箱上的NMD代码是产地，不是型号", "TMD批号在瓶底"],
)
def test_letters_that_name_a_code_pass(reply: str) -> None:
    result = rules_only().check(reply)
    assert result.verdict == "ok", [f.rule_id for f in result.findings]


def test_a_cloaked_judgement_read_by_a_slot_rule_blocks() -> None:
    """令人作欧 is a sound-alike of 令人作呕: the lexicon's reading is a guess (hedged), the
    disgust rule's reading of the same stretch is not, and it is the one kept."""
    result = rules_only().check("令人作欧")
    assert result.verdict == "block"
    assert {f.rule_id for f in result.findings} == {"insult.disgust"}
