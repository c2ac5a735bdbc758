"""Reminder rows: creating, cancelling, firing, snoozing and acknowledging them.

Every function takes an open connection, so callers combine it with their own changes in one
``store.write()`` transaction. The scheduler only *triggers*: ``fire`` re-reads the row and
acts only if it is still pending and due.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from helper.reminders.tables import LIVE_STATES, reminder_deliveries, reminders
from helper.services import Services

OVERDUE_PREFIX = "【已逾期】"


@dataclass(frozen=True)
class Reminder:
    id: int
    complaint_id: int | None
    kind: str
    offset_minutes: int | None
    title: str
    body: str
    due_at: datetime
    state: str
    fired_at: datetime | None
    fired_late: bool

    @classmethod
    def from_row(cls, row: Any) -> Reminder:
        m = row._mapping
        return cls(**{name: m[name] for name in cls.__dataclass_fields__})

    def is_overdue(self, now: datetime, overdue_after: timedelta) -> bool:
        """Handed out (or fired) well after it was due: the helper was down or the PC slept."""
        return self.fired_late or now - self.due_at > overdue_after

    def worded(self, overdue: bool) -> tuple[str, str]:
        if not overdue:
            return self.title, self.body
        local = self.due_at.astimezone().strftime("%m-%d %H:%M")
        return OVERDUE_PREFIX + self.title, f"（本应在 {local} 提醒）{self.body}"

    def to_json(self, now: datetime, overdue_after: timedelta) -> dict[str, Any]:
        overdue = self.state in LIVE_STATES and self.is_overdue(now, overdue_after)
        title, body = self.worded(overdue)
        return {
            "id": self.id,
            "title": title,
            "body": body,
            "at": self.due_at.isoformat(),
            "complaint_id": self.complaint_id,
            "overdue": overdue,
            "state": self.state,
            "kind": self.kind,
        }


def create(
    conn: Connection,
    *,
    due_at: datetime,
    title: str,
    body: str,
    now: datetime,
    complaint_id: int | None = None,
    kind: str = "custom",
    offset_minutes: int | None = None,
) -> int:
    result = conn.execute(
        reminders.insert().values(
            complaint_id=complaint_id,
            kind=kind,
            offset_minutes=offset_minutes,
            title=title,
            body=body,
            due_at=due_at,
            state="pending",
            fired_late=False,
            created_at=now,
        )
    )
    return int(result.inserted_primary_key[0])


def get(conn: Connection, reminder_id: int) -> Reminder | None:
    row = conn.execute(sa.select(reminders).where(reminders.c.id == reminder_id)).first()
    return Reminder.from_row(row) if row else None


def for_complaint(conn: Connection, complaint_id: int) -> list[Reminder]:
    rows = conn.execute(
        sa.select(reminders)
        .where(reminders.c.complaint_id == complaint_id)
        .order_by(reminders.c.due_at, reminders.c.id)
    ).all()
    return [Reminder.from_row(row) for row in rows]


def cancel(conn: Connection, ids: Sequence[int], now: datetime) -> None:
    if ids:
        conn.execute(
            reminders.update()
            .where(reminders.c.id.in_(ids), reminders.c.state.in_(LIVE_STATES))
            .values(state="cancelled", closed_at=now)
        )


def cancel_pending_for_complaint(conn: Connection, complaint_id: int, now: datetime) -> list[int]:
    """Cancel everything not yet answered for a complaint (its evidence is in, or it closed)."""
    ids = [
        row.id
        for row in conn.execute(
            sa.select(reminders.c.id).where(
                reminders.c.complaint_id == complaint_id, reminders.c.state.in_(LIVE_STATES)
            )
        )
    ]
    cancel(conn, ids, now)
    return ids


def pending(conn: Connection) -> list[Reminder]:
    rows = conn.execute(
        sa.select(reminders).where(reminders.c.state == "pending").order_by(reminders.c.due_at)
    ).all()
    return [Reminder.from_row(row) for row in rows]


def fire(
    conn: Connection, reminder_id: int, now: datetime, overdue_after: timedelta
) -> Reminder | None:
    """Mark a due, still pending reminder fired and return it; None if there is nothing to do
    (answered, cancelled, already fired, or snoozed to later)."""
    reminder = get(conn, reminder_id)
    if reminder is None or reminder.state != "pending" or reminder.due_at > now:
        return None
    late = now - reminder.due_at > overdue_after
    conn.execute(
        reminders.update()
        .where(reminders.c.id == reminder_id, reminders.c.state == "pending")
        .values(state="fired", fired_at=now, fired_late=late)
    )
    return get(conn, reminder_id)


def take_due_for_client(
    conn: Connection, client_id: int, now: datetime, redeliver_after: timedelta
) -> list[Reminder]:
    """Due, unanswered reminders this client has not acknowledged: never handed to it, or
    handed to it at least ``redeliver_after`` ago without an acknowledgement (the answer was
    lost: a dropped socket, a suspended service worker, a helper killed after its commit).
    Records the delivery in the same transaction, so a handed-out reminder is never lost."""
    delivery = reminder_deliveries.c
    rows = conn.execute(
        sa.select(reminders, delivery.client_id.label("delivered_to"))
        .select_from(
            reminders.outerjoin(
                reminder_deliveries,
                sa.and_(delivery.reminder_id == reminders.c.id, delivery.client_id == client_id),
            )
        )
        .where(
            reminders.c.state.in_(LIVE_STATES),
            reminders.c.due_at <= now,
            sa.or_(
                delivery.client_id.is_(None),
                sa.and_(
                    delivery.acked_at.is_(None), delivery.delivered_at <= now - redeliver_after
                ),
            ),
        )
        .order_by(reminders.c.due_at, reminders.c.id)
    ).all()
    found = [Reminder.from_row(row) for row in rows]
    fresh = [r.id for r, row in zip(found, rows, strict=True) if row.delivered_to is None]
    again = [r.id for r, row in zip(found, rows, strict=True) if row.delivered_to is not None]
    if fresh:
        conn.execute(
            reminder_deliveries.insert(),
            [{"reminder_id": rid, "client_id": client_id, "delivered_at": now} for rid in fresh],
        )
    if again:
        conn.execute(
            reminder_deliveries.update()
            .where(delivery.client_id == client_id, delivery.reminder_id.in_(again))
            .values(delivered_at=now, attempts=delivery.attempts + 1)
        )
    return found


def ack(conn: Connection, reminder_id: int, now: datetime, client_id: int) -> Reminder | None:
    """The agent has been shown the reminder: it is closed for every client, and this
    client's delivery is acknowledged (it is never handed out again)."""
    conn.execute(
        reminders.update()
        .where(reminders.c.id == reminder_id, reminders.c.state.in_(LIVE_STATES))
        .values(state="acked", closed_at=now)
    )
    acked = conn.execute(
        reminder_deliveries.update()
        .where(
            reminder_deliveries.c.reminder_id == reminder_id,
            reminder_deliveries.c.client_id == client_id,
            reminder_deliveries.c.acked_at.is_(None),
        )
        .values(acked_at=now)
    )
    if acked.rowcount == 0 and not _delivered(conn, reminder_id, client_id):
        conn.execute(
            reminder_deliveries.insert().values(
                reminder_id=reminder_id, client_id=client_id, delivered_at=now, acked_at=now
            )
        )
    return get(conn, reminder_id)


def _delivered(conn: Connection, reminder_id: int, client_id: int) -> bool:
    return (
        conn.execute(
            sa.select(reminder_deliveries.c.reminder_id).where(
                reminder_deliveries.c.reminder_id == reminder_id,
                reminder_deliveries.c.client_id == client_id,
            )
        ).first()
        is not None
    )


def snooze(conn: Connection, reminder_id: int, until: datetime) -> Reminder | None:
    """Due again at ``until``: pending once more, and every client gets it again then."""
    conn.execute(
        reminders.update()
        .where(reminders.c.id == reminder_id, reminders.c.state.in_(LIVE_STATES))
        .values(state="pending", due_at=until, fired_at=None, fired_late=False)
    )
    conn.execute(
        reminder_deliveries.delete().where(reminder_deliveries.c.reminder_id == reminder_id)
    )
    return get(conn, reminder_id)


def between(conn: Connection, start: datetime, end: datetime) -> list[Reminder]:
    rows = conn.execute(
        sa.select(reminders)
        .where(reminders.c.due_at >= start, reminders.c.due_at < end)
        .order_by(reminders.c.due_at, reminders.c.id)
    ).all()
    return [Reminder.from_row(row) for row in rows]


def resync(svc: Services) -> None:
    """After changing rows: let this process's scheduler (``helper serve`` only) catch up at
    once rather than at its next periodic sync."""
    if svc.reminder_scheduler is not None:
        svc.reminder_scheduler.sync()
