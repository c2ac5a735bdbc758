"""Reminder rows: creating, cancelling, firing, snoozing and acknowledging them.

Every function takes an open connection, so callers combine it with their own changes in one
``store.write()`` transaction. The scheduler only *triggers*: ``fire`` re-reads the row and
acts only if it is still live, due, and not yet shown to this agent.

Everything is per agent (``reminder_agents``, and the agent in ``reminder_deliveries``): on a
team database each agent's helper shows every reminder to its own agent once, and one agent's
answer does not silence it for the others. Cancelling (evidence submitted, case closed) stops
it for everyone. Outside team mode there is one agent, and answering closes the reminder.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from helper.reminders.tables import LIVE_STATES, reminder_agents, reminder_deliveries, reminders
from helper.services import Services
from helper.store import StoreUnavailable
from helper.store.upsert import insert_unless_exists, upsert

log = logging.getLogger(__name__)

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
    acked_by: str | None = None  # the agent who answered it

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
            "acked_by": self.acked_by,
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


def _agent_row(agent: str) -> Any:
    """The agent's ``reminder_agents`` row of each reminder (outer-join condition)."""
    return sa.and_(
        reminder_agents.c.reminder_id == reminders.c.id, reminder_agents.c.agent == agent
    )


def to_fire(conn: Connection, agent: str) -> list[Reminder]:
    """Live reminders this agent's helper has not shown yet (what its scheduler schedules)."""
    rows = conn.execute(
        sa.select(reminders)
        .select_from(reminders.outerjoin(reminder_agents, _agent_row(agent)))
        .where(reminders.c.state.in_(LIVE_STATES), reminder_agents.c.agent.is_(None))
        .order_by(reminders.c.due_at)
    ).all()
    return [Reminder.from_row(row) for row in rows]


def fire(
    conn: Connection, reminder_id: int, agent: str, now: datetime, overdue_after: timedelta
) -> Reminder | None:
    """Record that ``agent``'s helper shows a due, live reminder now and return it; None if
    there is nothing to do (cancelled or answered, snoozed to later, or already shown to this
    agent, possibly by the same agent's helper on another PC: the insert decides)."""
    reminder = get(conn, reminder_id)
    if reminder is None or reminder.state not in LIVE_STATES or reminder.due_at > now:
        return None
    late = now - reminder.due_at > overdue_after
    row = {"reminder_id": reminder_id, "agent": agent, "fired_at": now, "fired_late": late}
    if insert_unless_exists(conn, reminder_agents, row, ("reminder_id", "agent")) is None:
        return None
    conn.execute(
        reminders.update()
        .where(reminders.c.id == reminder_id, reminders.c.state == "pending")
        .values(state="fired", fired_at=now, fired_late=late)
    )
    shown = get(conn, reminder_id)
    return None if shown is None else replace(shown, fired_late=late)


def take_due_for_client(
    conn: Connection,
    client_id: int,
    now: datetime,
    redeliver_after: timedelta,
    agent: str = "",
) -> list[Reminder]:
    """Due, unanswered reminders this client has not acknowledged: never handed to it, or
    handed to it at least ``redeliver_after`` ago without an acknowledgement (the answer was
    lost: a dropped socket, a suspended service worker, a helper killed after its commit).
    Records the delivery in the same transaction, so a handed-out reminder is never lost."""
    delivery = reminder_deliveries.c
    mine = sa.and_(
        delivery.reminder_id == reminders.c.id,
        delivery.agent == agent,
        delivery.client_id == client_id,
    )
    rows = conn.execute(
        sa.select(reminders, delivery.client_id.label("delivered_to"))
        .select_from(
            reminders.outerjoin(reminder_deliveries, mine).outerjoin(
                reminder_agents, _agent_row(agent)
            )
        )
        .where(
            reminders.c.state.in_(LIVE_STATES),
            reminder_agents.c.acked_at.is_(None),  # this agent has not answered it
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
            [
                {"reminder_id": rid, "agent": agent, "client_id": client_id, "delivered_at": now}
                for rid in fresh
            ],
        )
    if again:
        conn.execute(
            reminder_deliveries.update()
            .where(
                delivery.agent == agent,
                delivery.client_id == client_id,
                delivery.reminder_id.in_(again),
            )
            .values(delivered_at=now, attempts=delivery.attempts + 1)
        )
    return found


def ack(
    conn: Connection,
    reminder_id: int,
    now: datetime,
    client_id: int,
    *,
    agent: str = "",
    close: bool = True,
) -> Reminder | None:
    """The agent has been shown the reminder: this client's delivery is acknowledged and the
    agent has answered it (neither gets it again); the first agent to answer is recorded as
    ``acked_by``. ``close`` (outside team mode) also closes it for good; on a team database
    the other agents still get it until each answers."""
    conn.execute(
        reminders.update()
        .where(reminders.c.id == reminder_id, reminders.c.acked_by.is_(None))
        .where(reminders.c.state.in_(LIVE_STATES))
        .values(acked_by=agent or None)
    )
    if close:
        conn.execute(
            reminders.update()
            .where(reminders.c.id == reminder_id, reminders.c.state.in_(LIVE_STATES))
            .values(state="acked", closed_at=now)
        )
    delivered = {"reminder_id": reminder_id, "agent": agent, "client_id": client_id}
    upsert(
        conn,
        reminder_deliveries,
        {**delivered, "delivered_at": now, "acked_at": now},
        ("reminder_id", "agent", "client_id"),
        {"acked_at": sa.func.coalesce(reminder_deliveries.c.acked_at, now)},
    )
    upsert(
        conn,
        reminder_agents,
        {"reminder_id": reminder_id, "agent": agent, "acked_at": now, "fired_late": False},
        ("reminder_id", "agent"),
        {"acked_at": sa.func.coalesce(reminder_agents.c.acked_at, now)},
    )
    return get(conn, reminder_id)


def snooze(conn: Connection, reminder_id: int, until: datetime) -> Reminder | None:
    """Due again at ``until``: pending once more, and every agent and client gets it again
    then."""
    conn.execute(
        reminders.update()
        .where(reminders.c.id == reminder_id, reminders.c.state.in_(LIVE_STATES))
        .values(state="pending", due_at=until, fired_at=None, fired_late=False)
    )
    for table in (reminder_deliveries, reminder_agents):
        conn.execute(table.delete().where(table.c.reminder_id == reminder_id))
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
    if svc.reminder_scheduler is None:
        return
    try:
        svc.reminder_scheduler.sync()
    except StoreUnavailable as exc:
        # The change is committed: answering 503 now would tell the client it failed (an ack
        # never retried, a reminder created twice). The periodic sync catches up instead.
        log.warning("reminder scheduler not re-synced now, at the next sync: %s", exc)
