"""The "message" rule family for ``helper rules lint|test``: every rule's own examples must
behave as the rule says (LanguageTool-style), so a rule edit that breaks one is caught."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from helper.checks.message.engine import CompiledRules, MessageEngine
from helper.checks.message.rules import lint_rules, load_rulebook
from helper.rulefiles import RuleFileError
from helper.rulesets import RuleFamily, register


def lint(dirs: Sequence[Path]) -> list[RuleFileError]:
    """Problems in the files, then (when the files are sound) problems compiling them."""
    problems = lint_rules(dirs)
    if not problems:
        try:
            CompiledRules(load_rulebook(dirs))
        except RuleFileError as exc:
            problems.append(exc)
    return problems


def run_examples(dirs: Sequence[Path]) -> list[str]:
    """One line per example that does not behave: a ``flag`` example the rule misses, or a
    ``pass`` example the rule flags."""
    engine = MessageEngine(CompiledRules(load_rulebook(dirs)))
    failures = []
    for rule in engine.rules.book.rules:
        where = f"{rule.path}:{rule.line} {rule.id}"
        for example in rule.flag:
            if not any(f.rule_id == rule.id for f in engine.check(example).findings):
                failures.append(f"{where}: flag example not caught: {example!r}")
        for example in rule.passes:
            if any(f.rule_id == rule.id for f in engine.check(example).findings):
                failures.append(f"{where}: pass example flagged: {example!r}")
    return failures


register(RuleFamily("message", lint=lint, examples=run_examples))
