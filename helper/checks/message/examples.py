"""The "message" rule family for ``helper rules lint|test``: every rule's own examples must
behave as the rule says (LanguageTool-style), so a rule edit that breaks one is caught."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from helper.checks.message.engine import CompiledRules, Finding, MessageEngine
from helper.checks.message.rules import Rule, lint_rules, load_rulebook
from helper.checks.message.scorer import load_second_opinion
from helper.rulefiles import RuleFileError
from helper.rulesets import RuleFamily, register


def lint(dirs: Sequence[Path]) -> list[RuleFileError]:
    """Problems in the files, then (when the files are sound) problems compiling them, and
    a learned scorer model or advisory file the engine would refuse."""
    problems = lint_rules(dirs)
    if not problems:
        try:
            CompiledRules(load_rulebook(dirs)).compile_all()
        except RuleFileError as exc:
            problems.append(exc)
    try:
        load_second_opinion(dirs)
    except RuleFileError as exc:
        problems.append(exc)
    return problems


def run_examples(dirs: Sequence[Path]) -> list[str]:
    """One line per example that does not behave: a ``flag`` example the rule misses, a
    ``flag`` example that the rule's ``replacement`` does not fix, or a ``pass`` example the
    rule flags."""
    engine = MessageEngine(CompiledRules(load_rulebook(dirs)))
    failures = []
    for rule in engine.rules.book.rules:
        where = f"{rule.path}:{rule.line} {rule.id}"
        for example in rule.flag:
            findings = engine.check(example, one_per_span=False).findings
            if not any(_same_kind(f, rule) for f in findings):
                failures.append(f"{where}: flag example not caught: {example!r}")
            elif rule.replacement is not None:
                ids = {f.rule_id for f in findings if _same_kind(f, rule)}
                failures.extend(_replacement_failures(engine, ids, example, findings, where))
        for example in rule.passes:
            if any(_same_kind(f, rule) for f in engine.check(example, one_per_span=False).findings):
                failures.append(f"{where}: pass example flagged: {example!r}")
    return failures


def _same_kind(finding: Finding, rule: Rule) -> bool:
    """A rule's examples are about the rule; a lexicon category's about all of its rules
    (``insult.contempt`` and ``insult.contempt.aimed``)."""
    if rule.label:
        return finding.scene == rule.scene and finding.category == rule.category
    return finding.rule_id == rule.id


def _replacement_failures(
    engine: MessageEngine,
    rule_ids: set[str],
    example: str,
    findings: Sequence[Finding],
    where: str,
) -> list[str]:
    """Apply the rule's replacement to each of its findings, as the agent's 「替换」 would: the
    rule must no longer fire, and the new words must not set off a rule that did not fire."""
    fixed = apply_replacements(example, [f for f in findings if f.rule_id in rule_ids])
    after = {f.rule_id for f in engine.check(fixed, one_per_span=False).findings}
    if rule_ids & after:
        return [f"{where}: replacement does not fix {example!r}: still flagged in {fixed!r}"]
    added = after - {f.rule_id for f in findings}
    if added:
        return [f"{where}: replacement of {example!r} gives {fixed!r}, flagged by {sorted(added)}"]
    return []


def apply_replacements(text: str, findings: Sequence[Finding]) -> str:
    """``text`` with each finding's span replaced by its ``replacement`` (findings without one
    are left as they are)."""
    for finding in sorted(findings, key=lambda f: f.start_cp, reverse=True):
        if finding.replacement is not None:
            text = text[: finding.start_cp] + finding.replacement + text[finding.end_cp :]
    return text


register(RuleFamily("message", lint=lint, examples=run_examples))
