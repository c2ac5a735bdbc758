"""Which allowances the shop may add: never one that would let a threat through."""

from __future__ import annotations

from helper.checks.message.engine import MessageEngine

THREAT_REFUSAL = "威胁类提醒不能设为以后不再提示：威胁买家的话在任何店铺都会被判违规"


class AllowanceRefused(ValueError):
    pass


def check_allowable(engine: MessageEngine, rule_id: str | None, term: str) -> None:
    """Raise AllowanceRefused when the rule is a threat rule, the term names one (a pattern
    or slot finding's term is its rule id), or the term alone is judged a threat."""
    rules = engine.rules.rules
    for named in (rule_id, term.strip()):
        rule = rules.get(named) if named else None
        if rule is not None and not rule.allowable:
            raise AllowanceRefused(THREAT_REFUSAL)
    for finding in engine.check(term).findings:
        if rule_id is not None and finding.rule_id != rule_id:
            continue
        if not finding.allowable:
            raise AllowanceRefused(THREAT_REFUSAL)
