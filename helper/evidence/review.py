"""Was the contact policy kept? Each recorded contact is checked again with the policy code
the helper uses before a contact (``helper.contacts.policy.evaluate``), against the buyer's
state at that moment as the record shows it now: the contacts before it, the opt-outs in
force, the buyer's messages, an open harassment complaint. Opt-outs captured after the fact
count, so the review can be stricter than the verdict given at the time, never laxer.

Then one statement per rule: kept (「未在 21:00–08:00 之间致电」) or, with the contacts
that broke it, not kept. The pack never claims what the record cannot show.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from helper.contacts.policy import Attempt, BuyerState, OptOut, Reason, evaluate
from helper.contacts.policy_rules import DailyCap, QuietHours, RedialCooldown, Rule, WindowCap
from helper.contacts.tables import SCOPES
from helper.evidence.facts import Contact, Limit, OptOutEvent, Record
from helper.evidence.rules import EvidenceRules
from helper.evidence.wording import joined, short_time, times_list


@dataclass(frozen=True)
class Statement:
    rule_id: str
    kept: bool
    text: str
    contact_ids: tuple[int, ...] = ()  # the contacts that broke the rule

    def to_json(self) -> dict[str, object]:
        return {
            "rule_id": self.rule_id,
            "kept": self.kept,
            "text": self.text,
            "contact_ids": list(self.contact_ids),
        }


@dataclass
class Review:
    statements: list[Statement] = field(default_factory=list)
    breaches: dict[int, list[str]] = field(default_factory=dict)  # contact id -> rule ids

    @property
    def kept(self) -> bool:
        return all(statement.kept for statement in self.statements)

    def broken(self) -> list[Statement]:
        return [statement for statement in self.statements if not statement.kept]


def state_before(record: Record, contact: Contact) -> BuyerState:
    """The buyer as the policy would have seen them just before ``contact``."""
    at = contact.at
    since = at - record.policy.lookback
    earlier = [
        Attempt(c.at, c.channel, c.outcome)
        for c in record.contacts
        if since < c.at and (c.at, c.id) < (at, contact.id)
    ]
    opt_outs = [
        OptOut(o.at, o.scope, o.excerpt)
        for o in record.opt_outs
        if o.at <= at and (o.reversed_at is None or o.reversed_at > at)
    ]
    limits = [
        limit.restriction
        for limit in record.limits
        if limit.at <= at and (limit.lifted_at is None or limit.lifted_at > at)
    ]
    said = [m for m in record.said if since < m.at <= at]
    callback = next((m.callback_after for m in reversed(said) if m.callback_after), None)
    complaint_open = any(
        span.received_at <= at and (not span.closed or span.updated_at > at)
        for span in record.harassment_complaints
    )
    return BuyerState(
        timezone=record.timezone,
        attempts=tuple(earlier),
        opt_outs=tuple(opt_outs),
        restrictions=tuple(limits),
        last_message_at=said[-1].at if said else None,
        callback_after=callback,
        open_harassment_complaint=complaint_open,
    )


def review(record: Record, rules: EvidenceRules) -> Review:
    policy = record.policy
    reviewed = _policy_rules(record)
    result = Review()
    for contact in record.contacts:
        verdict = evaluate(policy, state_before(record, contact), contact.channel, contact.at)
        ids = [rule_id for reason in verdict.reasons if (rule_id := _broken(reason, reviewed))]
        if ids:  # two limits broken at once are one rule broken
            result.breaches[contact.id] = list(dict.fromkeys(ids))
    writer = _Writer(record, rules, result.breaches)
    for rule_id, (table, rule) in reviewed.items():
        if table == "opted_out":
            result.statements.extend(writer.opt_out(rule, opt) for opt in record.opt_outs)
        elif table == "restricted":
            result.statements.extend(writer.limit(rule, limit) for limit in record.limits)
        elif table == "callback_later" and not any(m.callback_after for m in record.said):
            continue  # the buyer never asked to be called later: nothing to state
        elif table == "harassment_complaint" and not record.harassment_complaints:
            continue
        else:
            result.statements.append(writer.rule(rule_id, table, rule))
    return result


def _policy_rules(record: Record) -> dict[str, tuple[str, Rule]]:
    """rule id -> (the statements table that words it, the rule), for rules in force."""
    policy = record.policy
    found: list[tuple[str, Rule]] = [
        ("quiet_hours", policy.quiet_hours),
        ("redial_cooldown", policy.redial_cooldown),
        *(("daily_cap", cap) for cap in policy.daily_caps),
        ("weekly_total", policy.weekly_total),
        ("opted_out", policy.opted_out),
        ("callback_later", policy.callback_later),
        ("harassment_complaint", policy.harassment_complaint),
        ("restricted", policy.restricted),
    ]
    return {rule.rule_id: (table, rule) for table, rule in found if rule.action != "off"}


def _broken(reason: Reason, reviewed: dict[str, tuple[str, Rule]]) -> str | None:
    """The reviewed rule a reason says was not kept, or None. A limit the buyer set reports
    its kind (contact.restricted.hours); the other dotted ids are advice that is no breach
    (contact.opted_out.reply: answering the buyer's own new message)."""
    if reason.rule_id in reviewed:
        return reason.rule_id
    parent = reason.rule_id.rpartition(".")[0]
    if parent in reviewed and reviewed[parent][0] == "restricted" and reason.blocking:
        return parent
    return None


class _Writer:
    def __init__(self, record: Record, rules: EvidenceRules, breaches: dict[int, list[str]]):
        self.record, self.rules, self.breaches = record, rules, breaches

    def broke(self, rule_id: str, contacts: Sequence[Contact] | None = None) -> list[Contact]:
        return [
            c
            for c in (self.record.contacts if contacts is None else contacts)
            if rule_id in self.breaches.get(c.id, ())
        ]

    def verbs(self, channels: frozenset[str]) -> str:
        verbs = self.rules.labels["verbs"]
        return joined([verbs.get(channel, channel) for channel in _ordered(channels)])

    def fill(self, table: str, kept: bool, **values: object) -> str:
        return self.rules.rules[table]["kept" if kept else "broken"].format(**values)

    def rule(self, rule_id: str, table: str, rule: Rule) -> Statement:
        broken = self.broke(rule_id)
        tz = self.record.timezone
        values: dict[str, object] = {
            "verbs": self.verbs(rule.channels),
            "times": times_list([c.at for c in broken], tz),
        }
        if isinstance(rule, QuietHours):
            values.update(start=f"{rule.start:%H:%M}", end=f"{rule.end:%H:%M}")
        elif isinstance(rule, RedialCooldown):
            values["minutes"] = rule.minutes
        elif isinstance(rule, DailyCap):
            name = rule_id.removeprefix("contact.")
            values.update(limit=rule.per_day, what=self.rules.labels["caps"].get(name, name))
        elif isinstance(rule, WindowCap):
            values.update(limit=rule.limit, days=rule.days)
        text = self.fill(table, not broken, **values)
        return Statement(rule_id, not broken, text, tuple(c.id for c in broken))

    def opt_out(self, rule: Rule, opt: OptOutEvent) -> Statement:
        """One statement per opt-out: nothing on the channels it covers while it was in
        force (a reply on 旺旺 to the buyer's own new message is allowed and not counted)."""
        covered = SCOPES[opt.scope]
        in_force = [
            c
            for c in self.record.contacts
            if c.channel in covered
            and c.at >= opt.at
            and (opt.reversed_at is None or c.at < opt.reversed_at)
        ]
        broken = self.broke(rule.rule_id, in_force)
        text = self.fill(
            "opted_out",
            not broken,
            at=short_time(opt.at, self.record.timezone),
            scope=self.rules.labels["scopes"].get(opt.scope, opt.scope),
            verbs=self.verbs(covered),
            times=times_list([c.at for c in broken], self.record.timezone),
        )
        return Statement(rule.rule_id, not broken, text, tuple(c.id for c in broken))

    def limit(self, rule: Rule, limit: Limit) -> Statement:
        """One statement per limit the buyer set, while it was in force."""
        in_force = [
            c
            for c in self.record.contacts
            if c.at >= limit.at and (limit.lifted_at is None or c.at < limit.lifted_at)
        ]
        broken = self.broke(rule.rule_id, in_force)
        covered = SCOPES[limit.restriction.scope] & rule.channels
        text = self.fill(
            "restricted",
            not broken,
            at=short_time(limit.at, self.record.timezone),
            excerpt=limit.restriction.excerpt,
            verbs=self.verbs(frozenset(covered)),
            times=times_list([c.at for c in broken], self.record.timezone),
        )
        return Statement(rule.rule_id, not broken, text, tuple(c.id for c in broken))


_CHANNEL_ORDER = ("call", "sms", "email", "im", "parcel")


def _ordered(channels: frozenset[str]) -> list[str]:
    return sorted(channels, key=lambda c: _CHANNEL_ORDER.index(c) if c in _CHANNEL_ORDER else 99)
