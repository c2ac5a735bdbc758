"""What the shop said applied to a check result: findings cleared by an allowance or by a
product category of the shop profile are dropped and the verdict is recomputed. Pure: the
check service builds a ``ShopFilter`` from the store and the rules and applies it after the
engine ran (the engine itself knows nothing about shops)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from helper.checks.message.engine import CheckResult, verdict_of
from helper.guard.categories import Category
from helper.text import fold


def finding_term(finding: Any) -> str:
    """What an allowance names: the lexicon's canonical ``term`` when the engine gives one,
    else the matched text."""
    return getattr(finding, "term", None) or finding.match


def is_allowable(finding: Any) -> bool:
    """Threats can never be allowed away (NOTES: ``allowable`` false for every threat)."""
    return bool(getattr(finding, "allowable", finding.scene != "threat"))


@dataclass(frozen=True)
class ShopFilter:
    # (rule id or None for every allowable rule, folded term)
    allowances: frozenset[tuple[str | None, str]] = frozenset()
    categories: tuple[Category, ...] = ()

    @classmethod
    def build(
        cls, allowances: Iterable[tuple[str | None, str]], categories: Iterable[Category]
    ) -> ShopFilter:
        return cls(frozenset((rule, fold(term)) for rule, term in allowances), tuple(categories))

    def __bool__(self) -> bool:
        return bool(self.allowances or self.categories)

    def clears(self, finding: Any, text: str) -> bool:
        if not is_allowable(finding):
            return False
        term = fold(finding_term(finding))
        if (finding.rule_id, term) in self.allowances or (None, term) in self.allowances:
            return True
        for category in self.categories:
            start = max(finding.start_cp - category.within, 0)
            around = fold(text[start : finding.end_cp + category.within])
            if category.permits(finding.scene, term, around):
                return True
        return False

    def apply(self, result: CheckResult) -> CheckResult:
        if not self or not result.findings:
            return result
        kept = tuple(f for f in result.findings if not self.clears(f, result.text))
        if len(kept) == len(result.findings):
            return result
        return dataclasses.replace(result, findings=kept, verdict=verdict_of(kept))
