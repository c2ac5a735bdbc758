"""The families of rule files that ``helper rules lint`` and ``helper rules test`` cover.

Each family (message rules, opt-out phrases, site profiles, platforms, ...) registers how to
lint its files and how to run the examples its rules carry, so the two commands cover every
file under ``rules/`` without knowing each format.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from helper.rulefiles import RuleFileError

Dirs = Sequence[Path]


@dataclass(frozen=True)
class RuleFamily:
    name: str
    # Every problem in the family's files (empty when all is well); never raises for a bad file.
    lint: Callable[[Dirs], list[RuleFileError]]
    # One line per example that does not behave as its rule says (empty when all pass).
    examples: Callable[[Dirs], list[str]] | None = None


_families: dict[str, RuleFamily] = {}


def register(family: RuleFamily) -> RuleFamily:
    _families[family.name] = family
    return family


def families() -> list[RuleFamily]:
    """All registered families; importing the feature packages registers them."""
    _import_feature_families()
    return [_families[name] for name in sorted(_families)]


def _import_feature_families() -> None:
    # Importing each module registers its family.
    import helper.checks.message.examples
    import helper.complaints.vocabulary
    import helper.contacts.optout
    import helper.contacts.policy_rules
    import helper.evidence.rules
    import helper.guard.categories
    import helper.platforms
    import helper.sites.profiles
    import helper.workdays  # noqa: F401
