"""Adding, updating and answering complaints; keeping their deadlines and reminders right.

A complaint seen again (same platform and case id) is updated, never duplicated, also when
several agents' extensions report it at the same moment to a team database (the insert is an
upsert on the unique key, and the update holds the row's lock). Pages can
only move a case forward (open → evidence submitted → decided → closed): an old screenshot
of 待举证 must not reopen a case the agent has already answered. By hand, any status goes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from helper.complaints import deadlines as deadline_rules
from helper.complaints.rules import complaint_rules
from helper.complaints.tables import STATUSES, complaints, seen_orders
from helper.platforms import Platform
from helper.reminders import service as reminder_rows
from helper.services import Services
from helper.store.upsert import insert_unless_exists


@dataclass(frozen=True)
class ComplaintInput:
    platform: Platform
    type_code: str
    type_label: str
    source: str  # "page" or "manual"
    # None: not known (a new complaint then counts from when it was seen).
    received_at: datetime | None = None
    case_id: str | None = None
    buyer: str | None = None  # as written; only its keyed hash and masked form are stored
    order_id: str | None = None
    stated_evidence_due: datetime | None = None
    # What the page showed for the deadline, and for a countdown (剩余 1 天 23 小时) its
    # smallest unit: a countdown read again later moves the deadline only beyond that unit,
    # and never replaces a date the page stated.
    stated_evidence_due_text: str | None = None
    stated_countdown_unit: timedelta | None = None
    status: str | None = None
    # When the page was captured; a page that already shows 已举证 dates the evidence so.
    observed_at: datetime | None = None


# How the evidence deadline in force was found, as agents read it.
DUE_BASIS_LABELS = {"page": "页面所示", "rule": "按规则推算"}


@dataclass
class Outcome:
    complaint: dict[str, Any]
    created: bool = False
    changed: list[str] = field(default_factory=list)
    reminders_created: int = 0
    reminders_cancelled: int = 0


class ComplaintNotFound(LookupError):
    pass


def save(svc: Services, data: ComplaintInput) -> Outcome:
    """Insert a new complaint or update the one with the same platform and case id."""
    now = svc.clock()
    buyer = svc.hasher.buyer(data.buyer) if data.buyer else None
    with svc.store.write() as conn:
        existing = _same_case(conn, data)
        complaint_id = None
        if existing is None:
            status = data.status or "open"
            values: dict[str, Any] = {
                "platform": data.platform.id,
                "case_id": data.case_id,
                "type": data.type_code,
                "type_label": data.type_label,
                "buyer_key": buyer.key if buyer else None,
                "buyer_masked": buyer.masked if buyer else None,
                "order_id": data.order_id,
                "received_at": data.received_at or data.observed_at or now,
                "status": status,
                "evidence_submitted_at": (data.observed_at or now)
                if status == "evidence_submitted"
                else None,
                "source": data.source,
                "created_at": now,
                "updated_at": now,
            }
            values.update(_deadline_values(svc, data.platform, values, data.stated_evidence_due))
            values.update(_stated_values(data))
            complaint_id = _insert(conn, values)
            # None: another agent's helper inserted the same case since we looked.
            existing = _same_case(conn, data) if complaint_id is None else None
        if complaint_id is not None:
            outcome = Outcome(complaint={}, created=True)
        else:
            complaint_id = existing.id
            values = _merged(svc, existing, data, buyer, now)
            outcome = Outcome(complaint={}, changed=sorted(values))
            if values:
                values["updated_at"] = now
                conn.execute(
                    complaints.update().where(complaints.c.id == complaint_id).values(**values)
                )
        row = _row(conn, complaint_id)
        if outcome.created or {"evidence_due_at", "status"} & set(outcome.changed):
            created, cancelled = _sync_evidence_reminders(svc, conn, row, now)
            outcome.reminders_created, outcome.reminders_cancelled = created, cancelled
        outcome.complaint = to_json(svc, conn, row)
    reminder_rows.resync(svc)
    return outcome


def set_status(svc: Services, complaint_id: int, status: str) -> Outcome:
    if status not in STATUSES:
        raise ValueError(status)
    now = svc.clock()
    with svc.store.write() as conn:
        row = _row(conn, complaint_id)
        values: dict[str, Any] = {}
        if row.status != status:
            values = {"status": status, "updated_at": now}
            if status == "evidence_submitted":
                values["evidence_submitted_at"] = now
                merged = {**row._mapping, **values}
                values.update(
                    _deadline_values(svc, _platform(svc, row.platform), merged, _stated(row))
                )
            conn.execute(
                complaints.update().where(complaints.c.id == complaint_id).values(**values)
            )
            row = _row(conn, complaint_id)
        created, cancelled = _sync_evidence_reminders(svc, conn, row, now) if values else (0, 0)
        outcome = Outcome(
            complaint=to_json(svc, conn, row),
            changed=sorted(values),
            reminders_created=created,
            reminders_cancelled=cancelled,
        )
    reminder_rows.resync(svc)
    return outcome


def get(svc: Services, complaint_id: int) -> dict[str, Any]:
    with svc.store.read() as conn:
        return to_json(svc, conn, _row(conn, complaint_id), with_reminders=True)


def list_complaints(svc: Services, statuses: list[str] | None = None) -> list[dict[str, Any]]:
    query = sa.select(complaints).order_by(complaints.c.evidence_due_at, complaints.c.id)
    if statuses:
        query = query.where(complaints.c.status.in_(statuses))
    with svc.store.read() as conn:
        return [to_json(svc, conn, row) for row in conn.execute(query).all()]


def recompute_provisional(svc: Services) -> int:
    """Recompute deadlines that were guessed; better calendar data may have arrived (a newer
    chinesecalendar, or an official rules/calendar file). Returns how many changed."""
    changed = 0
    now = svc.clock()
    with svc.store.write() as conn:
        rows = conn.execute(sa.select(complaints).where(complaints.c.provisional.is_(True))).all()
        for row in rows:
            values = _deadline_values(svc, _platform(svc, row.platform), row._mapping, _stated(row))
            if any(row._mapping[key] != value for key, value in values.items()):
                values["updated_at"] = now
                conn.execute(complaints.update().where(complaints.c.id == row.id).values(**values))
                changed += 1
    return changed


def record_order(
    svc: Services,
    *,
    platform: Platform,
    order_id: str,
    buyer: str | None,
    trade_status: str | None,
    settled_at: datetime | None,
) -> dict[str, Any]:
    """Remember an order seen on a page, with how long its buyer can still complain."""
    now = svc.clock()
    ref = svc.hasher.buyer(buyer) if buyer else None
    window_ends = (
        deadline_rules.buyer_window_end(platform.deadlines, settled_at) if settled_at else None
    )
    values = {
        "buyer_key": ref.key if ref else None,
        "buyer_masked": ref.masked if ref else None,
        "trade_status": trade_status,
        "settled_at": settled_at,
        "complaint_window_ends_at": window_ends,
        "seen_at": now,
    }
    with svc.store.write() as conn:
        created = insert_unless_exists(
            conn,
            seen_orders,
            {"platform": platform.id, "order_id": order_id, **values},
            ("platform", "order_id"),
        )
        if created is None:
            # Seen before (by this agent or another): keep what an earlier page showed when
            # this one lacks it.
            kept = {key: value for key, value in values.items() if value is not None}
            conn.execute(
                seen_orders.update()
                .where(seen_orders.c.platform == platform.id, seen_orders.c.order_id == order_id)
                .values(**kept)
            )
        row = conn.execute(
            sa.select(seen_orders).where(
                seen_orders.c.platform == platform.id, seen_orders.c.order_id == order_id
            )
        ).one()
    ends = row.complaint_window_ends_at
    return {
        "order_id": order_id,
        "platform": platform.id,
        "buyer": {"masked": row.buyer_masked} if row.buyer_masked else None,
        "trade_status": row.trade_status,
        "settled_at": _iso(row.settled_at),
        "complaint_window_ends_at": _iso(ends),
        "complaint_window_open": ends is not None and ends > now,
    }


# --- internals -----------------------------------------------------------------------------


def _same_case(conn: Connection, data: ComplaintInput) -> Any:
    """The stored complaint with this platform and case id, locked for this transaction."""
    if not data.case_id:
        return None
    return conn.execute(
        sa.select(complaints)
        .where(complaints.c.platform == data.platform.id, complaints.c.case_id == data.case_id)
        .with_for_update()
    ).first()


def _insert(conn: Connection, values: dict[str, Any]) -> int | None:
    if values["case_id"] is None:  # no natural key: added by hand without a case number
        return int(conn.execute(complaints.insert().values(**values)).inserted_primary_key[0])
    inserted = insert_unless_exists(conn, complaints, values, ("platform", "case_id"))
    return None if inserted is None else int(inserted)


_RANK = {status: rank for rank, status in enumerate(STATUSES)}


def _merged(svc: Services, row: Any, data: ComplaintInput, buyer: Any, now: datetime) -> dict:
    """The columns that change when ``data`` is seen again for the complaint ``row``."""
    values: dict[str, Any] = {}
    if data.type_code != row.type and (data.source == "manual" or row.type == "other"):
        values.update(type=data.type_code, type_label=data.type_label)
    if buyer and buyer.key != row.buyer_key:
        values.update(buyer_key=buyer.key, buyer_masked=buyer.masked)
    if data.order_id and data.order_id != row.order_id:
        values["order_id"] = data.order_id
    if data.status and data.status != row.status:
        forward = _RANK[data.status] > _RANK[row.status]
        if forward or data.source == "manual":
            values["status"] = data.status
            if data.status == "evidence_submitted" and row.evidence_submitted_at is None:
                values["evidence_submitted_at"] = data.observed_at or now
    stated = _stated(row)
    if data.stated_evidence_due is not None and _replaces_stated(row, data):
        stated = data.stated_evidence_due
        values.update(
            {
                key: value
                for key, value in _stated_values(data).items()
                if row._mapping[key] != value
            }
        )
    merged = {**row._mapping, **values}
    if data.received_at is not None and data.received_at != row.received_at:
        merged["received_at"] = values["received_at"] = data.received_at
    for key, value in _deadline_values(svc, _platform(svc, row.platform), merged, stated).items():
        if row._mapping[key] != value:
            values[key] = value
    return values


def _replaces_stated(row: Any, data: ComplaintInput) -> bool:
    """Does the deadline ``data`` states replace the one on record?"""
    if not row.evidence_due_stated or data.stated_countdown_unit is None:
        return True  # nothing stated yet, or a date (which always wins)
    if row.evidence_due_seen_at is None:
        return False  # a date is on record; a countdown does not replace it
    assert data.stated_evidence_due is not None
    # The same countdown read again later: only a change beyond its unit is news.
    return abs(data.stated_evidence_due - row.evidence_due_at) > data.stated_countdown_unit


def _stated_values(data: ComplaintInput) -> dict[str, Any]:
    if data.stated_evidence_due is None:
        return {}
    countdown = data.stated_countdown_unit is not None
    return {
        "evidence_due_page_text": (data.stated_evidence_due_text or "")[:100] or None,
        "evidence_due_seen_at": (data.observed_at if countdown else None),
    }


def _deadline_values(
    svc: Services, platform: Platform, row: Any, stated: datetime | None
) -> dict[str, Any]:
    computed = deadline_rules.complaint_deadlines(
        platform.deadlines,
        complaint_rules(svc).calendar,
        platform.time_zone,
        received_at=row["received_at"],
        stated_evidence_due=stated,
        evidence_submitted_at=row.get("evidence_submitted_at"),
    )
    return {
        "evidence_due_at": computed.evidence_due_at,
        "evidence_due_stated": computed.evidence_due_stated,
        "evidence_due_rule_at": computed.evidence_due_rule_at,
        "decision_expected_from": computed.decision_expected_from,
        "decision_expected_by": computed.decision_expected_by,
        "provisional": computed.provisional,
    }


def _stated(row: Any) -> datetime | None:
    return row.evidence_due_at if row.evidence_due_stated else None


def _platform(svc: Services, platform_id: str) -> Platform:
    return svc.platforms.by_id[platform_id]


def _row(conn: Connection, complaint_id: int) -> Any:
    row = conn.execute(sa.select(complaints).where(complaints.c.id == complaint_id)).first()
    if row is None:
        raise ComplaintNotFound(complaint_id)
    return row


def _sync_evidence_reminders(
    svc: Services, conn: Connection, row: Any, now: datetime
) -> tuple[int, int]:
    """Cancel the complaint's unanswered evidence reminders and, while the shop still has to
    submit evidence, create one per configured offset that is still ahead.
    Offsets already past when the complaint is first seen are skipped: the agent is looking
    at the complaint right now."""
    existing = [
        r.id
        for r in reminder_rows.for_complaint(conn, row.id)
        if r.state in ("pending", "fired") and (r.kind == "evidence" or row.status != "open")
    ]
    reminder_rows.cancel(conn, existing, now)
    created = 0
    if row.status == "open":
        for offset in sorted(set(svc.settings.reminders.offsets_minutes), reverse=True):
            due = row.evidence_due_at - timedelta(minutes=offset)
            if due <= now:
                continue
            title, body = _evidence_wording(svc, row, offset)
            reminder_rows.create(
                conn,
                due_at=due,
                title=title,
                body=body,
                now=now,
                complaint_id=row.id,
                kind="evidence",
                offset_minutes=offset,
            )
            created += 1
    return created, len(existing)


def _evidence_wording(svc: Services, row: Any, offset_minutes: int) -> tuple[str, str]:
    platform = _platform(svc, row.platform)
    due_local = row.evidence_due_at.astimezone(platform.time_zone).strftime("%m月%d日 %H:%M")
    who = f"（买家 {row.buyer_masked}）" if row.buyer_masked else ""
    case = row.case_id or f"#{row.id}"
    title = f"举证截止提醒：{platform.name} {row.type_label} {case}{who}"
    how = "请到 商家中心 → 体检中心 → 违规处理，点「待举证」提交完整旺旺聊天记录或通话详单。"
    if offset_minutes == 0:
        return title, f"举证截止时间 {due_local} 已到。{how}"
    return title, f"距举证截止还有 {_duration(offset_minutes)}（{due_local}）。{how}"


def _duration(minutes: int) -> str:
    if minutes % 60 == 0:
        return f"{minutes // 60} 小时"
    return f"{minutes} 分钟"


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def to_json(
    svc: Services, conn: Connection, row: Any, *, with_reminders: bool = False
) -> dict[str, Any]:
    platform = _platform(svc, row.platform)
    data: dict[str, Any] = {
        "id": row.id,
        "platform": row.platform,
        "platform_name": platform.name,
        "case_id": row.case_id,
        "type": row.type,
        "type_label": row.type_label,
        "buyer": {"masked": row.buyer_masked} if row.buyer_masked else None,
        "order_id": row.order_id,
        "received_at": _iso(row.received_at),
        "status": row.status,
        "evidence_due_at": _iso(row.evidence_due_at),
        "evidence_due_source": "page" if row.evidence_due_stated else "rule",
        "evidence_due_basis": DUE_BASIS_LABELS["page" if row.evidence_due_stated else "rule"],
        "evidence_due_rule_at": _iso(row.evidence_due_rule_at),
        "evidence_due_page_text": row.evidence_due_page_text,
        "evidence_due_counted_from": _iso(row.evidence_due_seen_at),
        "evidence_submitted_at": _iso(row.evidence_submitted_at),
        "decision_expected_from": _iso(row.decision_expected_from),
        "decision_expected_by": _iso(row.decision_expected_by),
        "provisional": bool(row.provisional),
        "notice": _notice(svc, platform, row),
        "source": row.source,
        "deadline_source": platform.deadlines.source,
    }
    if with_reminders:
        overdue_after = timedelta(seconds=svc.settings.reminders.overdue_after_seconds)
        data["reminders"] = [
            r.to_json(svc.clock(), overdue_after) for r in reminder_rows.for_complaint(conn, row.id)
        ]
    return data


def _notice(svc: Services, platform: Platform, row: Any) -> str | None:
    if not row.provisional:
        return None
    calendar = complaint_rules(svc).calendar
    years = sorted(
        {
            moment.astimezone(platform.time_zone).year
            for moment in (row.decision_expected_from, row.decision_expected_by)
            if not calendar.is_official(moment.astimezone(platform.time_zone).year)
        }
    )
    listed = "、".join(str(year) for year in years) or "相关年份"
    return (
        f"{listed} 年的官方节假日安排尚未收录，平台处理期限暂按周末和 rules/calendar 估算"
        "（暂定），数据更新后会自动重算。"
    )
