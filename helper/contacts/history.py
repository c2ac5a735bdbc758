"""Read-only views of the contact log: one buyer's masked history, and the dashboard's list
of recently contacted buyers with their counts against the caps."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from helper.contacts.buyers import buyer_info, buyer_info_by_id
from helper.contacts.log import attempt_json, attempts_query
from helper.contacts.policy import cap_usage, iso
from helper.contacts.policy_rules import Policy
from helper.contacts.state import load_state, restriction_of
from helper.contacts.tables import (
    buyer_messages,
    contact_attempts,
    contact_opt_outs,
    contact_restrictions,
)
from helper.identity import BuyerRef
from helper.store import Store


def history(store: Store, ref: BuyerRef, limit: int) -> dict[str, Any]:
    """Everything on record about one buyer, newest first, identities masked."""
    with store.read() as conn:
        buyer = buyer_info(conn, ref)
        if buyer.id is None:
            return {
                "buyer": buyer.to_json(ref),
                "attempts": [],
                "opt_outs": [],
                "messages": [],
                "restrictions": [],
            }
        attempts = conn.execute(
            attempts_query()
            .where(contact_attempts.c.buyer_id == buyer.id)
            .order_by(contact_attempts.c.at.desc(), contact_attempts.c.id.desc())
            .limit(limit)
        ).all()
        return {
            "buyer": buyer.to_json(ref),
            "attempts": [attempt_json(row) for row in attempts],
            "opt_outs": opt_outs_json(conn, contact_opt_outs.c.buyer_id == buyer.id, limit),
            "messages": messages_json(conn, buyer_messages.c.buyer_id == buyer.id, limit),
            "restrictions": restrictions_json(
                conn, contact_restrictions.c.buyer_id == buyer.id, limit
            ),
        }


def _newest(conn: Connection, table: sa.Table, where: Any, limit: int | None) -> list[Any]:
    query = sa.select(table).where(where).order_by(table.c.at.desc()).limit(limit)
    return list(conn.execute(query).all())


def opt_outs_json(conn: Connection, where: Any, limit: int | None = None) -> list[dict[str, Any]]:
    return [
        {
            "at": iso(row.at),
            "scope": row.scope,
            "rule_id": row.rule_id,
            "excerpt": row.excerpt,
            "source": row.source,
            "active": row.reversed_at is None,
            "reversed_at": iso(row.reversed_at),
            "reversed_by": row.reversed_by,
        }
        for row in _newest(conn, contact_opt_outs, where, limit)
    ]


def restrictions_json(
    conn: Connection, where: Any, limit: int | None = None
) -> list[dict[str, Any]]:
    """The limits a buyer set, in force or replaced, with the buyer's words."""
    return [
        {
            **restriction_of(row).to_json(),
            "source": row.source,
            "active": row.lifted_at is None,
            "lifted_at": iso(row.lifted_at),
            "lifted_by": row.lifted_by,
        }
        for row in _newest(conn, contact_restrictions, where, limit)
    ]


def messages_json(conn: Connection, where: Any, limit: int | None = None) -> list[dict[str, Any]]:
    return [
        {
            "at": iso(row.at),
            "source": row.source,
            "opt_out": row.opt_out,
            "opt_in": row.opt_in,
            "scope": row.scope,
            "callback_after": iso(row.callback_after),
        }
        for row in _newest(conn, buyer_messages, where, limit)
    ]


def recent(store: Store, policy: Policy, now: datetime, limit: int) -> list[dict[str, Any]]:
    """Buyers contacted within the weekly window, latest first: today's counts (the buyer's
    local day) and the window's total against the caps, the last attempt, opt-out state."""
    since = now - policy.weekly_total.window
    with store.read() as conn:
        latest = (
            sa.select(
                contact_attempts.c.buyer_id,
                sa.func.max(contact_attempts.c.at).label("last_at"),
            )
            .where(contact_attempts.c.at > since)
            .group_by(contact_attempts.c.buyer_id)
            .subquery()
        )
        buyer_ids = (
            conn.execute(
                sa.select(latest.c.buyer_id).order_by(latest.c.last_at.desc()).limit(limit)
            )
            .scalars()
            .all()
        )
        # Buyers who set a limit stay on the card while it holds, contacted lately or not.
        restricted = conn.execute(
            sa.select(contact_restrictions.c.buyer_id)
            .where(contact_restrictions.c.lifted_at.is_(None))
            .group_by(contact_restrictions.c.buyer_id)
            .order_by(sa.func.max(contact_restrictions.c.at).desc())
            .limit(limit)
        ).scalars()
        buyer_ids += [b for b in restricted if b not in buyer_ids][: limit - len(buyer_ids)]
        active_opt_outs: dict[int, list[str]] = defaultdict(list)
        for row in conn.execute(
            sa.select(contact_opt_outs.c.buyer_id, contact_opt_outs.c.scope).where(
                contact_opt_outs.c.buyer_id.in_(buyer_ids),
                contact_opt_outs.c.reversed_at.is_(None),
            )
        ):
            active_opt_outs[row.buyer_id].append(row.scope)
        entries = []
        for buyer_id in buyer_ids:
            buyer = buyer_info_by_id(conn, buyer_id)
            state = load_state(conn, buyer, policy, now)
            last = conn.execute(
                attempts_query()
                .where(contact_attempts.c.buyer_id == buyer_id)
                .order_by(contact_attempts.c.at.desc(), contact_attempts.c.id.desc())
                .limit(1)
            ).first()
            entries.append(
                {
                    "buyer": {"masked": buyer.identities[0], "identities": list(buyer.identities)},
                    "timezone": buyer.timezone.key,
                    "caps": [usage.to_json() for usage in cap_usage(policy, state, now)],
                    "last_attempt": attempt_json(last) if last is not None else None,
                    "opted_out": bool(active_opt_outs[buyer_id]),
                    "opt_out_scopes": sorted(set(active_opt_outs[buyer_id])),
                    "open_harassment_complaint": state.open_harassment_complaint,
                    "restrictions": [r.to_json() for r in state.restrictions],
                }
            )
    return entries
