"""Which allowances the shop may add: never one that would let a threat through."""

from __future__ import annotations

from helper.checks.message.engine import MessageEngine
from helper.guard.filter import finding_term, is_allowable
from helper.text import fold

THREAT_REFUSAL = "威胁类提醒不能设为以后不再提示：威胁买家的话在任何店铺都会被判违规"


class AllowanceRefused(ValueError):
    pass


def check_allowable(engine: MessageEngine, rule_id: str | None, term: str) -> None:
    """Raise AllowanceRefused when the rule is a threat rule, or when the term itself is a
    threat (as the engine judges it alone)."""
    rule = engine.rules.rules.get(rule_id) if rule_id else None
    if rule is not None and (rule.scene == "threat" or getattr(rule, "allowable", True) is False):
        raise AllowanceRefused(THREAT_REFUSAL)
    wanted = fold(term)
    for finding in engine.check(term).findings:
        if rule_id is not None and finding.rule_id != rule_id:
            continue
        # a slot-pattern finding's term is its rule id: its words are what was matched
        said = {fold(finding_term(finding)), fold(finding.match)}
        if not is_allowable(finding) and wanted in said:
            raise AllowanceRefused(THREAT_REFUSAL)
