"""Loading what the policy needs to know about one buyer from the store."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from helper.contacts.buyers import BuyerInfo
from helper.contacts.policy import Attempt, BuyerState, OptOut
from helper.contacts.policy_rules import Policy
from helper.contacts.tables import buyer_messages, contact_attempts, contact_opt_outs

# The complaints feature owns this table (its migration runs after ours). Only the columns
# read here are declared; the buyer is linked by the same keyed hash as ``buyer_keys.key``.
_complaints = sa.table("complaints", sa.column("buyer_key"), sa.column("type"), sa.column("status"))
HARASSMENT = "harassment"  # 恶意骚扰
OPEN_STATUSES = ("open", "evidence_submitted")


def has_open_harassment_complaint(conn: Connection, keys: Sequence[str]) -> bool:
    """Does any identity of this buyer have an open 恶意骚扰 complaint?

    Until the complaints feature's migration has created its table there are no complaints;
    the check costs one catalogue lookup.
    """
    if not keys or not sa.inspect(conn).has_table("complaints"):
        return False
    found = conn.execute(
        sa.select(sa.literal(1))
        .select_from(_complaints)
        .where(
            _complaints.c.buyer_key.in_(list(keys)),
            _complaints.c.type == HARASSMENT,
            _complaints.c.status.in_(OPEN_STATUSES),
        )
        .limit(1)
    ).first()
    return found is not None


def load_state(conn: Connection, buyer: BuyerInfo, policy: Policy, at: datetime) -> BuyerState:
    complaint = has_open_harassment_complaint(conn, buyer.keys)
    if buyer.id is None:
        return BuyerState(timezone=buyer.timezone, open_harassment_complaint=complaint)
    attempts = conn.execute(
        sa.select(
            contact_attempts.c.at, contact_attempts.c.channel, contact_attempts.c.outcome
        ).where(
            contact_attempts.c.buyer_id == buyer.id,
            contact_attempts.c.at > at - policy.lookback,
        )
    ).all()
    opt_outs = conn.execute(
        sa.select(
            contact_opt_outs.c.at, contact_opt_outs.c.scope, contact_opt_outs.c.excerpt
        ).where(contact_opt_outs.c.buyer_id == buyer.id, contact_opt_outs.c.reversed_at.is_(None))
    ).all()
    # Buyer messages matter while they are recent: the latest one (an IM reply to it is
    # allowed after a stop) and the newest callback preference (at most a day ahead).
    messages = conn.execute(
        sa.select(buyer_messages.c.at, buyer_messages.c.callback_after)
        .where(buyer_messages.c.buyer_id == buyer.id, buyer_messages.c.at > at - policy.lookback)
        .order_by(buyer_messages.c.at.desc())
    ).all()
    last_message_at = messages[0].at if messages else None
    callback_after = next((m.callback_after for m in messages if m.callback_after), None)
    return BuyerState(
        timezone=buyer.timezone,
        attempts=tuple(Attempt(row.at, row.channel, row.outcome) for row in attempts),
        opt_outs=tuple(OptOut(row.at, row.scope, row.excerpt) for row in opt_outs),
        last_message_at=last_message_at,
        callback_after=callback_after,
        open_harassment_complaint=complaint,
    )
