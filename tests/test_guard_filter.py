"""The check service's filter on the real engine and rules: allowances, product categories,
threats never cleared; and the category file's lint."""

from __future__ import annotations

from pathlib import Path

import pytest

from helper.checks.message.engine import MessageEngine
from helper.guard.categories import lint_categories, load_categories
from helper.guard.filter import ShopFilter
from helper.platforms import load_platforms
from helper.rulefiles import shipped_rules_dir

RULES = [shipped_rules_dir()]


@pytest.fixture(scope="module")
def engine() -> MessageEngine:
    return MessageEngine.load(RULES, load_platforms(RULES), "taobao")


def test_an_allowance_for_one_rule_or_every_rule(engine: MessageEngine) -> None:
    text = "傻逼"
    found = engine.check(text).findings[0]
    assert ShopFilter.build([(found.rule_id, "傻逼")], []).apply(engine.check(text)).verdict == "ok"
    assert ShopFilter.build([(None, "傻逼")], []).apply(engine.check(text)).findings == ()
    assert ShopFilter.build([("other.rule", "傻逼")], []).apply(engine.check(text)).findings
    # Terms compare folded: a Traditional or upper-case allowance names the same term.
    traditional = ShopFilter.build([(None, "傻逼".upper())], [])
    assert traditional.apply(engine.check(text)).findings == ()


def test_threats_are_never_cleared(engine: MessageEngine) -> None:
    text = "再投诉我就去你家找你"
    threat = next(f for f in engine.check(text).findings if f.scene == "threat")
    allowing = ShopFilter.build([(threat.rule_id, threat.term), (None, threat.term)], [])
    assert threat in allowing.apply(engine.check(text)).findings
    assert allowing.apply(engine.check(text)).verdict == "block"


def test_a_category_permits_its_goods_unless_aimed_at_the_buyer(engine: MessageEngine) -> None:
    funeral = ShopFilter.build([], [load_categories(RULES)["funeral"]])
    assert funeral.apply(engine.check("寿衣和花圈今天都能发货")).findings == ()
    assert funeral.apply(engine.check("再闹就给你寄花圈")).verdict == "block"
    assert funeral.apply(engine.check("花圈寄到你家")).verdict == "block"
    assert ShopFilter().apply(engine.check("花圈今天发货")).verdict == "block"


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
