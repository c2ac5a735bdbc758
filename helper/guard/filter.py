"""What the shop said, as a predicate the engine applies to its matches: findings cleared by
an allowance or by a product category of the shop profile are dropped. Pure: the check
service builds a ``ShopFilter`` from the store and the rules and hands ``clears`` to the
engine (which knows nothing about shops).

The engine applies it before it keeps one finding per stretch of text: allowing the finding
an agent saw must not also silence another rule's finding that only hid behind it (allowing
the sentence shape of 我看你就是个弱智 leaves the word 弱智 flagged)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from helper.checks.message.engine import Match
from helper.guard.categories import Category
from helper.text import fold


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

    def clears(self, match: Match, text: str) -> bool:
        """Whether the shop let ``match`` (in ``text`` as typed) through. Threats never."""
        if not match.rule.allowable:
            return False
        # a rule's own term, else its id; the matched words if a matcher named neither
        term = fold(match.term or text[match.start : match.end])
        if (match.rule.id, term) in self.allowances or (None, term) in self.allowances:
            return True
        for category in self.categories:
            start = max(match.start - category.within, 0)
            around = fold(text[start : match.end + category.within])
            if category.permits(match.rule.scene, term, around):
                return True
        return False
