"""Loading what the policy needs to know about one buyer from the store.

This runs on every check and reservation, so the statements are built once, with bound
parameters, rather than per call (building a SQLAlchemy statement costs more than running it
on SQLite).
"""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from helper.complaints.tables import OPEN_STATUSES, complaints
from helper.contacts.buyers import BuyerInfo
from helper.contacts.policy import Attempt, BuyerState, OptOut
from helper.contacts.policy_rules import Policy
from helper.contacts.restrictions import Restriction
from helper.contacts.tables import (
    buyer_keys,
    buyer_messages,
    contact_attempts,
    contact_opt_outs,
    contact_restrictions,
)

HARASSMENT = "harassment"  # the complaints vocabulary's code for 恶意骚扰

_OPEN_HARASSMENT = sa.and_(complaints.c.type == HARASSMENT, complaints.c.status.in_(OPEN_STATUSES))
# Complaints name the buyer by the same keyed hash as ``buyer_keys.key``: any linked identity.
_COMPLAINT_FOR_BUYER = (
    sa.select(complaints.c.id)
    .where(
        _OPEN_HARASSMENT,
        complaints.c.buyer_key.in_(
            sa.select(buyer_keys.c.key).where(buyer_keys.c.buyer_id == sa.bindparam("buyer_id"))
        ),
    )
    .limit(1)
)
_COMPLAINT_FOR_KEY = (
    sa.select(complaints.c.id)
    .where(_OPEN_HARASSMENT, complaints.c.buyer_key == sa.bindparam("key"))
    .limit(1)
)
_ATTEMPTS = sa.select(
    contact_attempts.c.at, contact_attempts.c.channel, contact_attempts.c.outcome
).where(
    contact_attempts.c.buyer_id == sa.bindparam("buyer_id"),
    contact_attempts.c.at > sa.bindparam("since"),
)
_ACTIVE_OPT_OUTS = sa.select(
    contact_opt_outs.c.at, contact_opt_outs.c.scope, contact_opt_outs.c.excerpt
).where(
    contact_opt_outs.c.buyer_id == sa.bindparam("buyer_id"),
    contact_opt_outs.c.reversed_at.is_(None),
)
_ACTIVE_RESTRICTIONS = sa.select(contact_restrictions).where(
    contact_restrictions.c.buyer_id == sa.bindparam("buyer_id"),
    contact_restrictions.c.lifted_at.is_(None),
)
# Buyer messages matter while they are recent: the latest one (an IM reply to it is allowed
# after a stop) and the newest callback preference (at most a day ahead).
_RECENT_MESSAGES = (
    sa.select(buyer_messages.c.at, buyer_messages.c.callback_after)
    .where(
        buyer_messages.c.buyer_id == sa.bindparam("buyer_id"),
        buyer_messages.c.at > sa.bindparam("since"),
    )
    .order_by(buyer_messages.c.at.desc())
)


def has_open_harassment_complaint(conn: Connection, buyer: BuyerInfo) -> bool:
    """Does any identity of this buyer have an open 恶意骚扰 complaint?"""
    if buyer.id is None:
        found = conn.execute(_COMPLAINT_FOR_KEY, {"key": buyer.keys[0]}).first()
    else:
        found = conn.execute(_COMPLAINT_FOR_BUYER, {"buyer_id": buyer.id}).first()
    return found is not None


def load_state(conn: Connection, buyer: BuyerInfo, policy: Policy, at: datetime) -> BuyerState:
    complaint = has_open_harassment_complaint(conn, buyer)
    if buyer.id is None:
        return BuyerState(timezone=buyer.timezone, open_harassment_complaint=complaint)
    recent = {"buyer_id": buyer.id, "since": at - policy.lookback}
    attempts = conn.execute(_ATTEMPTS, recent).all()
    opt_outs = conn.execute(_ACTIVE_OPT_OUTS, {"buyer_id": buyer.id}).all()
    messages = conn.execute(_RECENT_MESSAGES, recent).all()
    restrictions = conn.execute(_ACTIVE_RESTRICTIONS, {"buyer_id": buyer.id}).all()
    return BuyerState(
        timezone=buyer.timezone,
        attempts=tuple(Attempt(row.at, row.channel, row.outcome) for row in attempts),
        opt_outs=tuple(OptOut(row.at, row.scope, row.excerpt) for row in opt_outs),
        last_message_at=messages[0].at if messages else None,
        callback_after=next((m.callback_after for m in messages if m.callback_after), None),
        open_harassment_complaint=complaint,
        restrictions=tuple(restriction_of(row) for row in restrictions),
    )


def active_restrictions(conn: Connection, buyer_id: int) -> list[Restriction]:
    rows = conn.execute(_ACTIVE_RESTRICTIONS, {"buyer_id": buyer_id}).all()
    return [restriction_of(row) for row in rows]


def restriction_of(row: sa.Row) -> Restriction:
    return Restriction(
        kind=row.kind,
        scope=row.scope,
        allowed_from=row.allowed_from,
        allowed_until=row.allowed_until,
        days=frozenset(int(day) for day in row.days or ""),
        not_before=date.fromisoformat(row.not_before) if row.not_before else None,
        holiday=row.holiday,
        excerpt=row.excerpt,
        at=row.at,
        rule_id=row.rule_id,
    )
