"""The check service's filter on the real engine and rules: allowances, product categories,
threats never cleared; and the category file's lint."""

from __future__ import annotations

from pathlib import Path

import pytest

from helper.checks.message.engine import CheckResult, MessageEngine
from helper.guard.categories import lint_categories, load_categories
from helper.guard.filter import ShopFilter
from helper.platforms import load_platforms
from helper.rulefiles import shipped_rules_dir

RULES = [shipped_rules_dir()]


@pytest.fixture(scope="module")
def engine() -> MessageEngine:
    return MessageEngine.load(RULES, load_platforms(RULES), "taobao")


def checked(engine: MessageEngine, shop: ShopFilter, text: str) -> CheckResult:
    return engine.check(text, shop_clears=shop.clears)


def test_an_allowance_for_one_rule_or_every_rule(engine: MessageEngine) -> None:
    text = "傻逼"
    found = engine.check(text).findings[0]
    assert checked(engine, ShopFilter.build([(found.rule_id, "傻逼")], []), text).verdict == "ok"
    assert checked(engine, ShopFilter.build([(None, "傻逼")], []), text).findings == ()
    assert checked(engine, ShopFilter.build([("other.rule", "傻逼")], []), text).findings
    # Terms compare folded: a Traditional or upper-case allowance names the same term.
    traditional = ShopFilter.build([(None, "傻逼".upper())], [])
    assert checked(engine, traditional, text).findings == ()


def test_allowing_what_the_agent_saw_leaves_what_hid_behind_it(engine: MessageEngine) -> None:
    # Two rules matched these very words; the agent saw one finding and allowed it: the
    # other rule's reading of the same words goes with it.
    text = "你这个傻逼"
    every = engine.check(text, one_per_span=False).findings
    seen = engine.check(text).findings
    assert len(seen) == 1 and len({f.rule_id for f in every if f.match == "傻逼"}) > 1
    allowed = ShopFilter.build([(seen[0].rule_id, seen[0].term)], [])
    assert checked(engine, allowed, text).verdict == "ok"
    # The agent saw the sentence shape and allowed the whole rule: the word 弱智 inside it,
    # which only hid behind the sentence's finding, is a finding of its own and still blocks.
    text = "我看你就是个弱智"
    (sentence,) = engine.check(text).findings
    assert sentence.term == sentence.rule_id and sentence.match != "弱智"
    after = checked(engine, ShopFilter.build([(sentence.rule_id, sentence.term)], []), text)
    assert after.verdict == "block"
    assert [(f.match, f.rule_id != sentence.rule_id) for f in after.findings] == [("弱智", True)]


def test_threats_are_never_cleared(engine: MessageEngine) -> None:
    text = "再投诉我就去你家找你"
    threat = next(f for f in engine.check(text).findings if f.scene == "threat")
    allowing = ShopFilter.build([(threat.rule_id, threat.term), (None, threat.term)], [])
    assert threat in checked(engine, allowing, text).findings
    assert checked(engine, allowing, text).verdict == "block"


def test_a_category_permits_its_goods_unless_aimed_at_the_buyer(engine: MessageEngine) -> None:
    funeral = ShopFilter.build([], [load_categories(RULES)["funeral"]])
    assert checked(engine, funeral, "寿衣和花圈今天都能发货").findings == ()
    assert checked(engine, funeral, "再闹就给你寄花圈").verdict == "block"
    assert checked(engine, funeral, "花圈寄到你家").verdict == "block"
    # twelfth wave: a shop shipping (发货) is no act aimed at the buyer, only the reminder, which
    # the category quiets; a parcel announced with no polite word still blocks without a profile
    assert checked(engine, ShopFilter(), "花圈今天发货").verdict == "warn"
    assert checked(engine, ShopFilter(), "一箱花圈，记得签收").verdict == "block"


def test_a_category_may_not_clear_threats(tmp_path: Path) -> None:
    shop = tmp_path / "shop"
    shop.mkdir()
    (shop / "categories.toml").write_text(
        '[[category]]\nid = "x"\nlabel = "y"\nscenes = ["threat"]\nterms = ["a"]\n'
        'aimed_at = ["b"]\n',
        encoding="utf-8",
    )
    problems = lint_categories([*RULES, tmp_path])
    assert len(problems) == 1 and "scenes" in str(problems[0])
    (shop / "categories.toml").write_text('[[category]]\nid = "x"\ncolour = 1\n', "utf-8")
    assert "unknown key 'colour'" in str(lint_categories([tmp_path])[0])
