"""What the helper does with a page fragment the extension sends (POST /v1/snippets).

The site profile matching the URL says what kind of page it is; each kind has its reader:
violation pages give complaints (saved, deduplicated by platform and case id), chat pages give
the buyer's messages, order pages give the buyer, the order id and how long the buyer can
still complain. Whatever cannot be read is skipped: a partial page gives a partial answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bs4 import Tag

from helper.complaints import service as complaints
from helper.complaints.rules import complaint_rules
from helper.contacts.messages import record_buyer_message
from helper.platforms import Platform
from helper.services import Services
from helper.sites import bounds, extract
from helper.sites.profiles import SiteProfile, SiteProfiles, load_profiles
from helper.text import fold

_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_\-]*")
_DIGITS = re.compile(r"\d{6,}")


@dataclass
class SnippetResult:
    profile: SiteProfile | None
    recognized: list[dict[str, Any]] = field(default_factory=list)
    actions: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "profile": {"id": self.profile.id, "platform": self.profile.platform}
            if self.profile
            else None,
            "recognized": self.recognized,
            "actions": self.actions,
        }


def site_profiles(svc: Services) -> SiteProfiles:
    if svc.site_profiles is None:
        svc.site_profiles = load_profiles(svc.settings.rules_dirs, svc.platforms.ids())
    return svc.site_profiles


def read_snippet(svc: Services, url: str, html: str, captured_at: datetime) -> SnippetResult:
    profile = site_profiles(svc).match(url)
    result = SnippetResult(profile)
    if profile is None:
        return result
    platform = svc.platforms.by_id[profile.platform]
    limits = svc.settings.snippets
    # Raises bounds.TooComplex, at the cost of a millisecond, for markup that would take the
    # parser seconds and hundreds of MB.
    bounds.check(html, max_tags=limits.max_tags, max_depth=limits.max_depth)
    root = extract.parse(html)
    if profile.complaint_labels:
        _complaints(svc, profile, platform, root, captured_at, result)
    if profile.messages is not None:
        _messages(svc, profile, root, captured_at, result)
    if profile.order_labels:
        _orders(svc, profile, platform, root, result)
    return result


def _complaints(
    svc: Services,
    profile: SiteProfile,
    platform: Platform,
    root: Tag,
    captured_at: datetime,
    result: SnippetResult,
) -> None:
    vocabulary = complaint_rules(svc).vocabulary
    tz = platform.time_zone
    for record in extract.records(root, profile.complaint_labels, "case_id"):
        values = record.values
        case_id = _first(_ID, values["case_id"], limit=100)
        if case_id is None:
            continue
        type_text = values.get("type", "")
        type_code = vocabulary.type_code(type_text) if type_text else None
        type_code = type_code or vocabulary.type_code(record.text) or "other"
        received = extract.parse_page_time(values.get("received_at", ""), tz)
        deadline = _stated_deadline(
            values.get("deadline"), record.text, tz, captured_at, vocabulary.countdown_markers
        )
        status = vocabulary.status_code(values.get("status", "")) or vocabulary.status_code(
            record.text
        )
        outcome = complaints.save(
            svc,
            complaints.ComplaintInput(
                platform=platform,
                case_id=case_id,
                type_code=type_code,
                type_label=vocabulary.type_label(type_code)
                if type_code != "other"
                else (type_text or vocabulary.type_label("other"))[:100],
                received_at=received,
                source="page",
                buyer=_word(values.get("buyer")),
                order_id=_first(_DIGITS, values.get("order_id", ""), limit=64),
                stated_evidence_due=deadline.at if deadline else None,
                stated_evidence_due_text=deadline.text if deadline else None,
                stated_countdown_unit=deadline.unit if deadline else None,
                status=status,
                observed_at=captured_at,
            ),
        )
        complaint = outcome.complaint
        read = {
            "case_id": True,
            "type": type_code != "other" or bool(type_text),
            "buyer": complaint["buyer"] is not None and bool(_word(values.get("buyer"))),
            "order_id": _first(_DIGITS, values.get("order_id", ""), limit=64) is not None,
            "received_at": received is not None,
            "deadline": deadline is not None,
            "status": status is not None,
        }
        result.recognized.append(
            {
                "kind": "complaint",
                "complaint": complaint,
                "received_at_from_page": received is not None,
                "missing": [vocabulary.field_labels[name] for name, ok in read.items() if not ok],
            }
        )
        result.actions.append(_complaint_action(outcome))


@dataclass(frozen=True)
class _Deadline:
    at: datetime
    text: str  # as the page showed it
    unit: timedelta | None  # a countdown's smallest unit; None for a date


def _stated_deadline(
    value: str | None,
    record_text: str,
    tz: ZoneInfo,
    captured_at: datetime,
    markers: tuple[str, ...],
) -> _Deadline | None:
    """The evidence deadline the page states: a date under a deadline label, a countdown
    there (剩余 1 天 23 小时, counted from the capture time), or, without such a label, a
    countdown anywhere in the record (待举证（还剩 2 天）)."""
    if value:
        if (moment := extract.parse_page_time(value, tz, end_of_day=True)) is not None:
            return _Deadline(moment, value, None)
        left = extract.parse_countdown(value, captured_at, markers, countdown=True)
        if left is not None:
            return _Deadline(left.at, value, left.unit)
    if (left := extract.parse_countdown(record_text, captured_at, markers)) is not None:
        return _Deadline(left.at, extract.countdown_phrase(record_text, markers), left.unit)
    return None


def _complaint_action(outcome: complaints.Outcome) -> dict[str, Any]:
    complaint = outcome.complaint
    name = f"{complaint['type_label']} {complaint['case_id']}"
    if outcome.created:
        action, message = (
            "complaint_created",
            f"已记录投诉 {name}，设置了 {outcome.reminders_created} 个举证提醒",
        )
    elif outcome.changed:
        action, message = "complaint_updated", f"已更新投诉 {name}"
    else:
        action, message = "complaint_unchanged", f"投诉 {name} 已记录，无变化"
    if outcome.reminders_cancelled and not outcome.created:
        message += f"，取消了 {outcome.reminders_cancelled} 个提醒"
    if complaint["provisional"]:
        message += "。" + complaint["notice"]
    return {"action": action, "complaint_id": complaint["id"], "message": message}


def _messages(
    svc: Services, profile: SiteProfile, root: Tag, captured_at: datetime, result: SnippetResult
) -> None:
    rules = profile.messages
    assert rules is not None
    buyer = extract.page_buyer(root, rules, profile.extension["buyer_selectors"])
    tz = svc.platforms.by_id[profile.platform].time_zone
    for message in extract.messages(root, rules):
        if buyer:
            from_buyer = fold(message.sender) == fold(buyer)
        else:
            from_buyer = rules.seller_marker not in message.sender
        if not from_buyer:
            continue
        at = extract.parse_page_time(message.at or "", tz, now=captured_at) or captured_at
        ref = svc.hasher.buyer(message.sender)
        effect = record_buyer_message(
            svc, message.sender, message.text, at, f"snippet:{profile.id}"
        )
        result.recognized.append(
            {
                "kind": "buyer_message",
                "buyer": {"masked": ref.masked, "kind": ref.kind},
                "at": at.astimezone(UTC).isoformat(),
                "chars": len(message.text),
                "effect": effect.to_json(),
            }
        )
        if effect.duplicate:
            continue
        if effect.opt_out:
            result.actions.append(
                {
                    "action": "opt_out_recorded",
                    "buyer": {"masked": ref.masked},
                    "message": f"买家 {ref.masked} 表示不希望再被联系，已记录，之后的联系会被拦截",
                }
            )
        elif effect.opt_in:
            result.actions.append(
                {
                    "action": "opt_in_recorded",
                    "buyer": {"masked": ref.masked},
                    "message": f"买家 {ref.masked} 同意再次联系，已记录",
                }
            )


def _orders(
    svc: Services, profile: SiteProfile, platform: Platform, root: Tag, result: SnippetResult
) -> None:
    for record in extract.records(root, profile.order_labels, "order_id"):
        order_id = _first(_DIGITS, record.values["order_id"], limit=64)
        if order_id is None:
            continue
        moments = [
            extract.parse_page_time(record.values.get(name, ""), platform.time_zone)
            for name in ("settled_at", "refunded_at")
        ]
        # A refund after the trade succeeded closes the trade; the window runs from the later.
        settled = max((moment for moment in moments if moment), default=None)
        order = complaints.record_order(
            svc,
            platform=platform,
            order_id=order_id,
            buyer=_word(record.values.get("buyer")),
            trade_status=(record.values.get("status") or "")[:100] or None,
            settled_at=settled,
        )
        result.recognized.append({"kind": "order", "order": order})
        ends = order["complaint_window_ends_at"]
        result.actions.append(
            {
                "action": "order_seen",
                "order_id": order_id,
                "message": f"买家可投诉至 {_local(ends, platform)}"
                if ends
                else "订单尚未交易成功，买家投诉期未开始",
            }
        )


def _first(pattern: re.Pattern[str], text: str, *, limit: int) -> str | None:
    """The first match, cut to what the column holds (a page can show anything)."""
    match = pattern.search(text)
    return match.group(0)[:limit] if match else None


def _word(text: str | None) -> str | None:
    """The first word of a value: a nick followed by a 旺旺 icon text or 复制 link."""
    return text.split()[0][:100] if text and text.split() else None


def _local(iso: str, platform: Platform) -> str:
    return datetime.fromisoformat(iso).astimezone(platform.time_zone).strftime("%Y-%m-%d %H:%M")
