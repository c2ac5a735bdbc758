"""One complaint's evidence pack as plain data (the JSON format; Markdown and HTML are drawn
from it, so the three can never disagree)."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

from helper.contacts.policy import iso
from helper.evidence import chart as charts
from helper.evidence.draft import draft_paragraphs
from helper.evidence.facts import Record, load_record
from helper.evidence.review import Review, review
from helper.evidence.rules import Case, EvidenceRules, load_evidence_rules
from helper.evidence.wording import long_time
from helper.services import Services

log = logging.getLogger("helper.evidence")


def build_pack(
    svc: Services,
    complaint_id: int,
    *,
    shop: str | None = None,
    reveal_phone: str | None = None,
    requested_by: str = "",
) -> dict[str, Any]:
    """The pack for one complaint. ComplaintNotFound / PhoneMismatch for bad input."""
    rules = load_evidence_rules(svc.settings.rules_dirs)
    record = load_record(svc, complaint_id, reveal_phone)
    if record.revealed:
        # Who asked and for which complaint; never the number.
        log.warning(
            "evidence pack for complaint #%s built with the buyer's phone number revealed (%s)",
            complaint_id,
            requested_by or "unknown",
        )
    checked = review(record, rules)
    signals = _signals(record, checked)
    cases = _ranked_cases(rules.cases, signals)
    likely = next((case for case in cases if case.signals and case.signals <= signals), None)
    checklist = _checklist(record, rules)
    chart = charts.daily_usage(record, rules)
    paragraphs = draft_paragraphs(record, rules, checked, likely, [i["title"] for i in checklist])
    tz = record.timezone
    return {
        "complaint": record.complaint,
        "status_label": rules.labels["statuses"].get(
            record.complaint["status"], record.complaint["status"]
        ),
        "shop": shop,
        "generated_at": iso(svc.clock()),
        "buyer": {
            "identities": record.identities,
            "timezone": tz.key,
            "phone_revealed": record.revealed,
        },
        "summary": _summary(record),
        "timeline": _timeline(record, rules, checked),
        "policy_review": {
            "kept": checked.kept,
            "statements": [s.to_json() for s in checked.statements],
        },
        "chart": {**chart.to_json(), "svg": charts.svg(chart)},
        "checklist": checklist,
        "carriers": [{"name": c.name, "steps": list(c.steps)} for c in rules.carriers],
        "cases": [
            {
                "id": case.id,
                "title": case.title,
                "matches": case is likely,
                "advice": case.advice,
                "say": case.say,
            }
            for case in cases
        ],
        "likely_case": likely.id if likely else None,
        "draft": {"paragraphs": paragraphs, "text": "\n\n".join(paragraphs)},
        "time_zone_note": None
        if tz.key == record.platform.time_zone.key
        else f"联系时间均为买家当地时间（{tz.key}）",
        "generated_local": long_time(svc.clock().astimezone(UTC), record.platform.time_zone),
    }


def _signals(record: Record, checked: Review) -> frozenset[str]:
    phone = any(c.channel in ("call", "sms") for c in record.contacts)
    found = {"phone_contact" if phone else "no_phone_contact"}
    found.add("policy_kept" if checked.kept else "policy_broken")
    if record.warnings:
        found.add("warnings")
    return frozenset(found)


def _ranked_cases(cases: tuple[Case, ...], signals: frozenset[str]) -> list[Case]:
    """Cases whose signals all show first, in file order (the file lists the more telling
    ones first), then those that partly show, and the ones the record cannot show last."""

    def rank(case: Case) -> tuple[int, int]:
        if not case.signals:
            return (2, 0)
        if case.signals <= signals:
            return (0, 0)
        return (1, -len(case.signals & signals))

    return sorted(cases, key=rank)


def _summary(record: Record) -> dict[str, Any]:
    contacts = record.contacts
    calls = [c for c in contacts if c.channel == "call"]
    return {
        "contacts": len(contacts),
        "calls": len(calls),
        "calls_answered": sum(1 for c in calls if c.outcome == "answered"),
        "calls_not_answered": sum(
            1 for c in calls if c.outcome in ("unanswered", "busy", "rejected", "failed")
        ),
        "sms": sum(1 for c in contacts if c.channel == "sms"),
        "im": sum(1 for c in contacts if c.channel == "im"),
        "parcels": sum(1 for c in contacts if c.channel == "parcel"),
        "opt_outs": len(record.opt_outs),
        "limits": len(record.limits),
        "opt_ins": sum(1 for m in record.said if m.opt_in),
        "warnings": len(record.warnings),
        "first_contact": iso(contacts[0].at) if contacts else None,
        "last_contact": iso(contacts[-1].at) if contacts else None,
    }


def _timeline(record: Record, rules: EvidenceRules, checked: Review) -> list[dict[str, Any]]:
    labels, tz = rules.labels, record.timezone
    events: list[dict[str, Any]] = []

    def event(at: Any, kind: str, title: str, **extra: Any) -> None:
        local = at.astimezone(tz)
        events.append(
            {
                "at": iso(at),
                "local_time": f"{local:%Y-%m-%d %H:%M}",
                "kind": kind,
                "title": title,
                **extra,
            }
        )

    for c in record.contacts:
        breaches = checked.breaches.get(c.id, [])
        names = labels["rule_names"]
        event(
            c.at,
            "contact",
            labels["verbs"].get(c.channel, c.channel),
            id=c.id,
            channel=c.channel,
            channel_label=labels["channels"].get(c.channel, c.channel),
            outcome=c.outcome,
            outcome_label=labels["outcomes"].get(c.outcome, c.outcome)
            if c.outcome
            else rules.pending_outcome,
            identity=c.identity,
            agent=c.agent.strip() or rules.not_recorded,
            breaches=breaches,
            breach_labels=[names.get(b.removeprefix("contact."), b) for b in breaches],
        )
    for opt in record.opt_outs:
        event(
            opt.at,
            "opt_out",
            "买家" + labels["scopes"].get(opt.scope, opt.scope),
            scope=opt.scope,
            excerpt=opt.excerpt,
            reversed_at=iso(opt.reversed_at),
        )
    for limit in record.limits:
        event(
            limit.at,
            "restriction",
            "买家提出联系限制",
            excerpt=limit.restriction.excerpt,
            reversed_at=iso(limit.lifted_at),
        )
    for said in record.said:
        if said.opt_in:
            event(said.at, "opt_in", "买家表示可以再联系")
        elif said.callback_after:
            local = said.callback_after.astimezone(tz)
            event(said.at, "callback", f"买家希望 {local:%m-%d %H:%M} 以后再联系")
        elif not said.opt_out and not any(limit.at == said.at for limit in record.limits):
            event(said.at, "buyer_message", "买家发来消息")
    for warned in record.warnings:
        scenes = "、".join(
            dict.fromkeys(labels["scenes"].get(r.split(".")[0], r) for r in warned.rule_ids)
        )
        event(
            warned.at,
            "warning",
            f"草稿被{labels['verdicts'].get(warned.verdict, warned.verdict)}（{scenes}）",
            rule_ids=list(warned.rule_ids),
            action=warned.action,
            action_label=labels["actions"].get(warned.action, warned.action),
            text=warned.kept_text,
        )
    complaint = record.complaint
    event(
        datetime.fromisoformat(complaint["received_at"]),
        "complaint",
        f"收到「{complaint['type_label']}」投诉",
    )
    return sorted(events, key=lambda e: (e["at"], e["kind"] != "complaint"))


def _checklist(record: Record, rules: EvidenceRules) -> list[dict[str, Any]]:
    summary = _summary(record)
    tz = record.timezone
    calls = [c for c in record.contacts if c.channel == "call"]
    counts = {"calls": summary["calls"], "sms": summary["sms"], "parcels": summary["parcels"]}
    values = {
        **counts,
        "first_call": long_time(calls[0].at, tz) if calls else "",
        "last_call": long_time(calls[-1].at, tz) if calls else "",
    }
    present = {
        "always": True,
        "calls": counts["calls"] > 0,
        "sms": counts["sms"] > 0,
        "parcels": counts["parcels"] > 0,
        "im": True,
    }

    def facts(template: str) -> str:
        # Left out when a count it names is 0: "0 次电话（ 至 ）" says nothing.
        if any(f"{{{name}}}" in template and not count for name, count in counts.items()):
            return ""
        return template.format(**values)

    return [
        {
            "id": item.id,
            "title": item.title,
            "detail": item.detail,
            "facts": facts(item.facts),
            "carriers": item.carriers,
            "source": item.source,
        }
        for item in rules.items
        if present[item.when]
    ]
