"""Eleventh wave, precision: a context that clears the hits of some terms only
(``clears_only``: his mother acting on him clears 他妈, not the oath 你他妈 said to the
listener), a word given as a name (丑橘俗称丑八怪), and a patient's ward goods
(精神病人用的约束带), each next to the draft of the same shape that must still be caught."""

from __future__ import annotations

import functools

import pytest

from helper.checks.message import MessageEngine
from tests.message_support import rules_only

# (reply, why it is clean)
CLEAN = [
    ("他妈让他来店里试一下，码数不合适可以换。", "his mother acting on him"),
    ("她妈帮她挑的颜色，您看看喜不喜欢。", "her mother acting on her"),
    ("丑橘俗称丑八怪，皮厚但是很甜。", "a fruit's other name"),
    ("狂犬病俗称疯狗病，疫苗请到疾控中心接种。", "an illness's popular name"),
    ("这种懒人椅又名豆袋沙发，可以拆洗。", "a product's other name"),
    ("精神病人用的约束带属于医疗器械。", "a patient's ward goods after 用的"),
    ("精神病人的病号服有夏季款。", "a patient's ward goods after 的"),
    ("我们的仓库偏靠北，北方的亲收货快。", "靠北 as a direction after a degree word"),
    ("门店在商场靠北一些的入口旁边。", "靠北 as a direction before 一些"),
]

# (draft, why it still counts)
CAUGHT = [
    ("你他妈让他滚", "the oath said to the listener: clears_only spares 你他妈"),
    ("你他妈叫他自己来拿", "the oath said to the listener"),
    ("他妈的让他等着吧", "the oath with 的"),
    ("大家都叫你丑八怪", "叫 alone is no naming frame"),
    ("你也叫丑八怪", "也叫 is no naming frame: it follows people too"),
    ("丑八怪，说你呢", "no naming frame"),
    ("你个精神病人用的约束带给你自己留着", "a target near keeps the insult"),
    ("靠北喔，又要退", "the oath with no direction"),
    ("这地方更他妈难找", "a degree word clears 靠北 only (clears_only)"),
]


@functools.cache
def _engine() -> MessageEngine:
    return rules_only()


@pytest.mark.parametrize(
    ("text", "clean", "why"),
    [(text, True, why) for text, why in CLEAN] + [(text, False, why) for text, why in CAUGHT],
)
def test_verdict_follows_the_structure(text: str, clean: bool, why: str) -> None:
    result = _engine().check(text)
    assert (result.verdict == "ok") is clean, (why, [(f.rule_id, f.term) for f in result.findings])


def test_clears_only_is_read_from_the_context() -> None:
    assert _engine().rules.clears_only["kin_acts"] == frozenset({"他妈"})
