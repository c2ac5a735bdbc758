"""The draft appeal statement: templates from ``rules/evidence/statements.toml`` filled with
the record's facts only. Where the record is silent (no case id, no order) the draft says
【…】 for the agent to fill; a rule the record shows was not kept is never claimed as kept,
it becomes a 【请注意…】 note instead."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from helper.contacts.tables import SCOPES
from helper.evidence.facts import Contact, Record
from helper.evidence.review import Review
from helper.evidence.rules import Case, EvidenceRules
from helper.evidence.wording import joined, long_time, short_time

# Contacts the statement speaks of: the phone and what the buyer holds in hand. Chat on 旺旺
# is covered by the whole chat record itself.
SPOKEN_CHANNELS = ("call", "sms", "email", "parcel")


def draft_paragraphs(
    record: Record,
    rules: EvidenceRules,
    review: Review,
    case: Case | None,
    evidence_titles: Sequence[str],
) -> list[str]:
    template = rules.draft
    complaint = record.complaint
    received = datetime.fromisoformat(complaint["received_at"])
    paragraphs = [
        template["opening"].format(
            buyer=record.identities[0] if record.identities else "【买家】",
            received=long_time(received, record.platform.time_zone),
            order_id=complaint["order_id"] or "【订单号】",
            type_label=complaint["type_label"],
            case_id=complaint["case_id"] or "【投诉编号】",
        )
    ]
    paragraphs.append(_contacts(record, rules))
    paragraphs.extend(_opt_outs(record, rules, review))
    kept = [s.text for s in review.statements if s.kept]
    if kept and record.contacts:  # with no contact at all, the sentence above says it all
        paragraphs.append(template["kept"].format(rules="；".join(kept)))
    if broken := review.broken():
        paragraphs.append(template["broken"].format(rules="；".join(s.text for s in broken)))
    paragraphs.append(
        template["case"].format(say=case.say) if case else "【请根据实际情况说明投诉的真实原因】"
    )
    if record.timezone.key != record.platform.time_zone.key and record.contacts:
        paragraphs.append(template["time_zone"].format(zone=record.timezone.key))
    paragraphs.append(template["evidence"].format(items="、".join(evidence_titles)))
    paragraphs.append(template["closing"])
    return paragraphs


def _contacts(record: Record, rules: EvidenceRules) -> str:
    template, labels, tz = rules.draft, rules.labels, record.timezone
    spoken = [c for c in record.contacts if c.channel in SPOKEN_CHANNELS]
    phone = [c for c in spoken if c.channel in ("call", "sms")]
    if not phone and not spoken:
        return template["no_contact"]
    if len(spoken) <= rules.list_at_most:
        sentences = [
            template["contact"].format(
                at=(long_time if index == 0 else short_time)(c.at, tz),
                verb=labels["verbs"].get(c.channel, c.channel),
                outcome=_outcome(c, rules),
            )
            for index, c in enumerate(spoken)
        ]
        text = template["contacts_listed"].format(contacts="；".join(sentences))
    else:
        calls = [c for c in spoken if c.channel == "call"]
        text = template["contacts_summed"].format(
            first=long_time(spoken[0].at, tz),
            last=short_time(spoken[-1].at, tz),
            total=len(spoken),
            calls=len(calls),
            answered=sum(1 for c in calls if c.outcome == "answered"),
            unanswered=sum(1 for c in calls if c.outcome in ("unanswered", "busy", "rejected")),
            sms=sum(1 for c in spoken if c.channel == "sms"),
        )
    calls = [c for c in record.contacts if c.channel == "call"]
    if calls and calls[-1].outcome in record.policy.redial_cooldown.after_outcomes:
        text += template["no_redial"]
    return text


def _outcome(contact: Contact, rules: EvidenceRules) -> str:
    if contact.outcome is None:
        return rules.pending_outcome
    return rules.labels["outcomes"].get(contact.outcome, contact.outcome)


def _opt_outs(record: Record, rules: EvidenceRules, review: Review) -> list[str]:
    """What the buyer asked (stops, limits, opt-ins) and what the shop did after, in order."""
    template, tz = rules.draft, record.timezone
    events: list[tuple[datetime, str]] = []
    for opt in record.opt_outs:
        after = _after(record, rules, review, opt.at, opt.reversed_at, SCOPES[opt.scope], None)
        scope = rules.labels["scopes"].get(opt.scope, opt.scope)
        events.append(
            (
                opt.at,
                template["opt_out"].format(at=short_time(opt.at, tz), scope=scope, after=after),
            )
        )
    restricted = record.policy.restricted
    for limit in record.limits:
        channel_only = limit.restriction.kind == "channel"
        covered = SCOPES[limit.restriction.scope] & restricted.channels
        after = _after(
            record,
            rules,
            review,
            limit.at,
            limit.lifted_at,
            covered,
            None if channel_only else template["restriction_kept"],
        )
        text = template["restriction"].format(
            at=short_time(limit.at, tz), excerpt=limit.restriction.excerpt, after=after
        )
        events.append((limit.at, text))
    for said in record.said:
        if said.opt_in:
            events.append((said.at, template["opt_in"].format(at=short_time(said.at, tz))))
    return [text for _, text in sorted(events, key=lambda event: event[0])]


def _after(
    record: Record,
    rules: EvidenceRules,
    review: Review,
    start: datetime,
    until: datetime | None,
    covered: frozenset[str],
    kept: str | None,
) -> str:
    """What the shop did while a stop or limit was in force: a 【…】 for the agent when a
    contact then broke a rule, else only 旺旺 replies, or no contact on the covered channels
    (``kept``: the words for a limit that leaves some contact open)."""
    template = rules.draft
    after = [c for c in record.contacts if c.at >= start and (until is None or c.at < until)]
    if any(c.id in review.breaches and c.channel in covered for c in after):
        return "【请说明此后的联系情况】"
    if kept is not None:
        return kept
    if any(c.channel == "im" for c in after):
        return template["opt_out_after_im"]
    verbs = [rules.labels["verbs"].get(ch, ch) for ch in SPOKEN_CHANNELS if ch in covered]
    return template["opt_out_after_none"].format(verbs=joined(verbs))
