"""Opt-out detection: what a buyer's message means for contact (``rules/contact/optout*.toml``).

Rules are data with examples, like message rules: RE2 patterns over folded text (either
script), ``unless`` patterns for false friends, and ``flag`` / ``pass`` examples that
``helper rules test`` runs. The rules join ``helper rules lint|test`` as family "optout".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import re2

from helper.contacts.tables import SCOPES
from helper.rulefiles import (
    RuleFileError,
    check_keys,
    line_of,
    load_toml,
    rule_files,
    with_start_lines,
)
from helper.rulesets import RuleFamily, register
from helper.text import fold, to_simplified

KINDS = ("opt_out", "opt_in", "callback")
_RULE_KEYS = {"id", "kind", "scope", "minutes", "next_day_at", "patterns", "unless", "flag"}
_RULE_KEYS |= {"pass", "why"}
_ID = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")
_EXCERPT_CHARS = 12  # of context either side of the match; the stored excerpt stays short
_LONG_NUMBER = re.compile(r"\d{5,}")  # phone or order numbers never go into an excerpt
# Narrowest first, so that scopes adding up get the smallest name that covers them.
_SCOPE_ORDER = ("call", "sms", "phone", "all")

_OPTIONS = re2.Options()
_OPTIONS.log_errors = False


@dataclass(frozen=True)
class OptOutRule:
    id: str
    kind: str
    scope: str | None
    minutes: int | None
    next_day_at: time | None
    patterns: tuple[Any, ...]  # compiled RE2
    unless: tuple[Any, ...]
    flag: tuple[str, ...]
    passes: tuple[str, ...]
    path: Path
    line: int

    def match(self, folded: str) -> Any | None:
        if any(pattern.search(folded) for pattern in self.unless):
            return None
        for pattern in self.patterns:
            found = pattern.search(folded)
            if found:
                return found
        return None


@dataclass(frozen=True)
class Detection:
    """What one message means: an opt-out (with its scope), an opt-in, a callback time."""

    opt_out: bool = False
    opt_in: bool = False
    scope: str | None = None
    callback_after: datetime | None = None
    rule_ids: tuple[str, ...] = ()
    excerpt: str = ""


class OptOutRules:
    def __init__(self, rules: Sequence[OptOutRule]) -> None:
        self.rules = tuple(rules)

    def detect(self, text: str, at: datetime, tz: ZoneInfo) -> Detection:
        """Scan ``text`` (sent at ``at`` by a buyer living in ``tz``)."""
        folded = fold(text)
        hits = [(rule, found) for rule in self.rules if (found := rule.match(folded))]
        opt_outs = [(rule, found) for rule, found in hits if rule.kind == "opt_out"]
        if opt_outs:
            # Refusal wins over anything else in the same message.
            channels = frozenset().union(*(SCOPES[rule.scope or "all"] for rule, _ in opt_outs))
            scope = next(name for name in _SCOPE_ORDER if channels <= SCOPES[name])
            first = min(opt_outs, key=lambda hit: hit[1].start())
            return Detection(
                opt_out=True,
                scope=scope,
                rule_ids=tuple(rule.id for rule, _ in opt_outs),
                excerpt=_excerpt(folded, first[1].start(), first[1].end()),
            )
        opt_ins = [rule for rule, _ in hits if rule.kind == "opt_in"]
        callbacks = [rule for rule, _ in hits if rule.kind == "callback"]
        times = [_callback_time(rule, at, tz) for rule in callbacks]
        return Detection(
            opt_in=bool(opt_ins),
            callback_after=max(times) if times and not opt_ins else None,
            rule_ids=tuple(rule.id for rule in (*opt_ins, *callbacks)),
        )


def _callback_time(rule: OptOutRule, at: datetime, tz: ZoneInfo) -> datetime:
    if rule.next_day_at is not None:
        day = at.astimezone(tz).date() + timedelta(days=1)
        return datetime.combine(day, rule.next_day_at, tzinfo=tz).astimezone(UTC)
    return at + timedelta(minutes=rule.minutes or 0)


def _excerpt(folded: str, start: int, end: int) -> str:
    text = folded[max(0, start - _EXCERPT_CHARS) : end + _EXCERPT_CHARS]
    return _LONG_NUMBER.sub(lambda m: "*" * len(m.group()), " ".join(text.split()))


# ---- loading ------------------------------------------------------------------------------


def optout_files(dirs: Sequence[Path]) -> list[Path]:
    return rule_files(dirs, "contact", "optout*.toml")


def load_optout_rules(dirs: Sequence[Path]) -> OptOutRules:
    """Raises RuleFileError (file and line) for the first bad rule."""
    rules: list[OptOutRule] = []
    seen: dict[str, Path] = {}
    for path in optout_files(dirs):
        for rule in _load_file(path):
            if rule.id in seen:
                raise RuleFileError(path, rule.line, f"rule id {rule.id!r} also in {seen[rule.id]}")
            seen[rule.id] = path
            rules.append(rule)
    if not rules:
        raise RuleFileError(Path("rules/contact/optout.toml"), None, "no opt-out rules found")
    return OptOutRules(rules)


def _load_file(path: Path) -> list[OptOutRule]:
    data, text = load_toml(path)
    check_keys(data, {"rule"}, path=path, text=text, where="the file")
    tables = data.get("rule", [])
    if not isinstance(tables, list):
        raise RuleFileError(path, line_of(text, "rule"), "rules must be [[rule]] tables")
    return [
        _rule(table, path, text, start)
        for table, start in with_start_lines(tables, "[[rule]]", text)
    ]


def _rule(table: dict[str, Any], path: Path, text: str, start: int) -> OptOutRule:
    def fail(key: str, message: str) -> RuleFileError:
        return RuleFileError(path, line_of(text, key, start_line=start) or start, message)

    check_keys(table, _RULE_KEYS, path=path, text=text, where="[[rule]]", start_line=start)
    rule_id = table.get("id")
    if not isinstance(rule_id, str) or not _ID.match(rule_id):
        raise fail("id", f"id must look like 'optout.stop_contact', got {rule_id!r}")
    kind = table.get("kind")
    if kind not in KINDS:
        raise fail("kind", f"{rule_id}: kind must be one of {', '.join(KINDS)}")
    scope = table.get("scope")
    if (kind == "opt_out") != (scope is not None) or (scope is not None and scope not in SCOPES):
        raise fail(
            "kind" if scope is None else "scope",
            f"{rule_id}: opt_out rules, and only they, need scope = one of {', '.join(SCOPES)}",
        )
    minutes, next_day_at = table.get("minutes"), table.get("next_day_at")
    if kind == "callback":
        if (minutes is None) == (next_day_at is None):
            raise fail("kind", f"{rule_id}: a callback rule needs minutes or next_day_at")
        if minutes is not None and (
            isinstance(minutes, bool) or not isinstance(minutes, int) or minutes < 1
        ):
            raise fail("minutes", f"{rule_id}: minutes must be a whole number of at least 1")
    elif minutes is not None or next_day_at is not None:
        raise fail("minutes" if minutes is not None else "next_day_at", f"{rule_id}: callback only")
    clock = None
    if next_day_at is not None:
        try:
            if not isinstance(next_day_at, str) or not re.fullmatch(r"\d{2}:\d{2}", next_day_at):
                raise ValueError
            clock = time.fromisoformat(next_day_at)
        except ValueError:
            raise fail("next_day_at", f"{rule_id}: next_day_at must look like 10:00") from None

    def strings(key: str, required: bool) -> tuple[str, ...]:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise fail(key, f"{rule_id}: {key} must be a list of non-empty strings")
        if required and not value:
            raise fail(key if key in table else "id", f"{rule_id}: needs at least one {key}")
        return tuple(value)

    def compiled(key: str, required: bool) -> tuple[Any, ...]:
        result = []
        for pattern in strings(key, required):
            try:
                result.append(re2.compile(pattern, options=_OPTIONS))
            except re2.error as exc:
                raise fail(pattern[:20], f"{rule_id}: bad RE2 pattern {pattern!r}: {exc}") from None
        return tuple(result)

    if not isinstance(table.get("why", ""), str):
        raise fail("why", f"{rule_id}: why must be a string")
    return OptOutRule(
        id=rule_id,
        kind=kind,
        scope=scope,
        minutes=minutes,
        next_day_at=clock,
        patterns=compiled("patterns", True),
        unless=compiled("unless", False),
        flag=strings("flag", True),
        passes=strings("pass", True),
        path=path,
        line=start,
    )


# ---- helper rules lint | test --------------------------------------------------------------


def _is_traditional(text: str) -> bool:
    return to_simplified(text) != text


def _lint(dirs: Sequence[Path]) -> list[RuleFileError]:
    problems: list[RuleFileError] = []
    seen: dict[str, Path] = {}
    for path in optout_files(dirs):
        try:
            rules = _load_file(path)
        except RuleFileError as exc:
            problems.append(exc)
            continue
        for rule in rules:
            if rule.id in seen:
                problems.append(
                    RuleFileError(path, rule.line, f"{rule.id} also in {seen[rule.id]}")
                )
            seen[rule.id] = path
            has_chinese = [e for e in rule.flag if re.search(r"[\u4e00-\u9fff]", e)]
            scripts = {_is_traditional(example) for example in has_chinese}
            if has_chinese and scripts != {True, False}:
                problems.append(
                    RuleFileError(
                        path,
                        rule.line,
                        f"{rule.id}: flag examples need both scripts (Simplified and Traditional)",
                    )
                )
    return problems


def _examples(dirs: Sequence[Path]) -> list[str]:
    failures: list[str] = []
    for path in optout_files(dirs):
        try:
            rules = _load_file(path)
        except RuleFileError:
            continue  # lint reports it
        for rule in rules:
            for example in rule.flag:
                if rule.match(fold(example)) is None:
                    failures.append(f"{path}:{rule.line}: {rule.id} should flag {example!r}")
            for example in rule.passes:
                if rule.match(fold(example)) is not None:
                    failures.append(f"{path}:{rule.line}: {rule.id} should pass {example!r}")
    return failures


register(RuleFamily("optout", lint=_lint, examples=_examples))
