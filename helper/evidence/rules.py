"""The pack's data: ``rules/evidence/checklist.toml`` (evidence items, carrier steps),
``cases.toml`` (the four typical cases) and ``statements.toml`` (wording and templates).

A user's copy of a file replaces the shipped one as a whole. Templates may only use the
placeholders the pack fills, so a typo is a lint error with file and line, not a crash."""

from __future__ import annotations

import string
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from helper.rulefiles import RuleFileError, check_keys, line_of, load_toml, rule_files
from helper.rulesets import RuleFamily, register

WHEN = ("always", "calls", "sms", "parcels", "im")
SIGNALS = ("no_phone_contact", "phone_contact", "warnings", "policy_kept", "policy_broken")
RULE_TABLES = (
    "quiet_hours",
    "redial_cooldown",
    "daily_cap",
    "weekly_total",
    "opted_out",
    "callback_later",
    "harassment_complaint",
    "restricted",
)
_RULE_FIELDS = {
    *("start", "end", "verbs", "minutes", "limit", "days", "what", "at", "scope", "times"),
    "excerpt",
}
LABEL_TABLES = (
    "verbs",
    "channels",
    "outcomes",
    "scopes",
    "actions",
    "verdicts",
    "scenes",
    "caps",
    "rule_names",
    "statuses",
)
# Draft template -> the placeholders it may use.
DRAFT_TEMPLATES: dict[str, set[str]] = {
    "opening": {"buyer", "received", "order_id", "type_label", "case_id"},
    "no_contact": set(),
    "contact": {"at", "verb", "outcome"},
    "contacts_listed": {"contacts"},
    "contacts_summed": {"first", "last", "total", "calls", "answered", "unanswered", "sms"},
    "no_redial": set(),
    "opt_out": {"at", "scope", "after"},
    "opt_out_after_im": set(),
    "opt_out_after_none": {"verbs"},
    "restriction": {"at", "excerpt", "after"},
    "restriction_kept": set(),
    "opt_in": {"at"},
    "kept": {"rules"},
    "broken": {"rules"},
    "case": {"say"},
    "evidence": {"items"},
    "time_zone": {"zone"},
    "closing": set(),
}
_ITEM_FACTS = {"calls", "sms", "parcels", "first_call", "last_call"}


@dataclass(frozen=True)
class ChecklistItem:
    id: str
    when: str
    title: str
    detail: str
    facts: str
    carriers: bool
    source: str


@dataclass(frozen=True)
class Carrier:
    name: str
    steps: tuple[str, ...]


@dataclass(frozen=True)
class Case:
    id: str
    title: str
    signals: frozenset[str]
    advice: str
    say: str


@dataclass(frozen=True)
class EvidenceRules:
    items: tuple[ChecklistItem, ...]
    carriers: tuple[Carrier, ...]
    cases: tuple[Case, ...]
    labels: dict[str, dict[str, str]]
    pending_outcome: str
    not_recorded: str
    rules: dict[str, dict[str, str]]  # rule table -> {"kept", "broken"}
    draft: dict[str, str]
    list_at_most: int


class _File:
    """One rule file, with errors that name its path and line."""

    def __init__(self, dirs: Sequence[Path], name: str) -> None:
        found = rule_files(dirs, "evidence", name)
        if not found:
            raise RuleFileError(Path("rules/evidence") / name, None, "file is missing")
        self.path = found[-1]
        self.data, self.text = load_toml(self.path)

    def error(self, needle: str, message: str) -> RuleFileError:
        return RuleFileError(self.path, line_of(self.text, needle), message)

    def table(self, value: Any, where: str, allowed: Collection[str]) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.error(where, f"{where} must be a table")
        check_keys(value, allowed, path=self.path, text=self.text, where=where)
        return value

    def tables(self, key: str, allowed: Collection[str]) -> list[dict[str, Any]]:
        value = self.data.get(key, [])
        if not isinstance(value, list):
            raise self.error(f"[[{key}]]", f"[[{key}]] must be an array of tables")
        return [self.table(item, f"[[{key}]]", allowed) for item in value]

    def text_of(self, table: dict[str, Any], key: str, where: str, *, empty: bool = False) -> str:
        value = table.get(key, "" if empty else None)
        if not isinstance(value, str) or (not empty and not value.strip()):
            raise self.error(key, f"{where} {key} must be a non-empty string")
        return value

    def template(self, table: dict[str, Any], key: str, where: str, allowed: set[str]) -> str:
        value = self.text_of(table, key, where)
        try:
            names = {name for _, name, _, _ in string.Formatter().parse(value) if name is not None}
        except ValueError as exc:
            raise self.error(key, f"{where} {key}: bad {{placeholder}}: {exc}") from None
        if unknown := names - allowed:
            raise self.error(
                key,
                f"{where} {key}: unknown placeholder {{{sorted(unknown)[0]}}}; allowed: "
                + (", ".join(f"{{{name}}}" for name in sorted(allowed)) or "none"),
            )
        return value

    def choices(self, table: dict[str, Any], key: str, where: str, known: Sequence[str]) -> Any:
        value = table.get(key)
        values = value if isinstance(value, list) else [value]
        for item in values:
            if item not in known:
                raise self.error(key, f"{where} {key}: {item!r} is not one of {', '.join(known)}")
        return value


def load_evidence_rules(dirs: Sequence[Path]) -> EvidenceRules:
    checklist, cases, wording = (
        _File(dirs, name) for name in ("checklist.toml", "cases.toml", "statements.toml")
    )
    check_keys(
        checklist.data,
        {"item", "carrier"},
        path=checklist.path,
        text=checklist.text,
        where="the file",
    )
    item_keys = {"id", "when", "title", "detail", "facts", "carriers", "source"}
    items = tuple(
        ChecklistItem(
            id=checklist.text_of(t, "id", "[[item]]"),
            when=checklist.choices(t, "when", "[[item]]", WHEN),
            title=checklist.text_of(t, "title", "[[item]]"),
            detail=checklist.text_of(t, "detail", "[[item]]"),
            facts=checklist.template(t, "facts", "[[item]]", _ITEM_FACTS) if "facts" in t else "",
            carriers=t.get("carriers") is True,
            source=checklist.text_of(t, "source", "[[item]]"),
        )
        for t in checklist.tables("item", item_keys)
    )
    carriers = tuple(
        Carrier(checklist.text_of(t, "name", "[[carrier]]"), _steps(checklist, t))
        for t in checklist.tables("carrier", {"name", "steps"})
    )
    check_keys(cases.data, {"case"}, path=cases.path, text=cases.text, where="the file")
    case_list = tuple(
        Case(
            id=cases.text_of(t, "id", "[[case]]"),
            title=cases.text_of(t, "title", "[[case]]"),
            signals=frozenset(cases.choices(t, "signals", "[[case]]", SIGNALS)),
            advice=cases.text_of(t, "advice", "[[case]]"),
            say=cases.text_of(t, "say", "[[case]]"),
        )
        for t in cases.tables("case", {"id", "title", "signals", "advice", "say"})
    )
    if len(case_list) < 1:
        raise cases.error("[[case]]", "needs at least one [[case]]")
    return _wording(wording, items, carriers, case_list)


def _steps(file: _File, table: dict[str, Any]) -> tuple[str, ...]:
    steps = table.get("steps")
    if not isinstance(steps, list) or not steps or not all(isinstance(s, str) for s in steps):
        raise file.error("steps", "[[carrier]] steps must be a non-empty list of strings")
    return tuple(steps)


def _wording(
    file: _File,
    items: tuple[ChecklistItem, ...],
    carriers: tuple[Carrier, ...],
    cases: tuple[Case, ...],
) -> EvidenceRules:
    check_keys(
        file.data, {"labels", "rules", "draft"}, path=file.path, text=file.text, where="the file"
    )
    labels_table = file.table(
        file.data.get("labels"),
        "[labels]",
        {*LABEL_TABLES, "pending_outcome", "not_recorded"},
    )
    labels = {}
    for name in LABEL_TABLES:
        table = labels_table.get(name)
        if not isinstance(table, dict) or not all(isinstance(v, str) for v in table.values()):
            raise file.error(name, f"[labels] {name} must be a table of strings")
        labels[name] = dict(table)
    rules_table = file.table(file.data.get("rules"), "[rules]", RULE_TABLES)
    rules = {}
    for name in RULE_TABLES:
        where = f"[rules.{name}]"
        table = file.table(rules_table.get(name), where, {"kept", "broken"})
        rules[name] = {
            key: file.template(table, key, where, _RULE_FIELDS) for key in ("kept", "broken")
        }
    draft_table = file.table(file.data.get("draft"), "[draft]", {*DRAFT_TEMPLATES, "list_at_most"})
    draft = {
        key: file.template(draft_table, key, "[draft]", allowed)
        for key, allowed in DRAFT_TEMPLATES.items()
    }
    at_most = draft_table.get("list_at_most")
    if isinstance(at_most, bool) or not isinstance(at_most, int) or at_most < 1:
        raise file.error("list_at_most", "[draft] list_at_most must be a whole number ≥ 1")
    return EvidenceRules(
        items=items,
        carriers=carriers,
        cases=cases,
        labels=labels,
        pending_outcome=file.text_of(labels_table, "pending_outcome", "[labels]"),
        not_recorded=file.text_of(labels_table, "not_recorded", "[labels]"),
        rules=rules,
        draft=draft,
        list_at_most=at_most,
    )


def _lint(dirs: Sequence[Path]) -> list[RuleFileError]:
    try:
        load_evidence_rules(dirs)
    except RuleFileError as exc:
        return [exc]
    return []


register(RuleFamily("evidence", lint=_lint))
