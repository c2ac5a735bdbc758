"""The contact log: checking, recording and reserving contact attempts.

``record`` runs check-then-insert inside one ``store.write()`` block holding the buyer's lock
(SQLite: the database's write lock, taken at BEGIN; PostgreSQL: the per-buyer locks of
``helper.contacts.locking``), so concurrent callers (threads of one helper, other processes,
other agents' helpers on a team database) can never together exceed a cap.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Row

from helper.contacts.buyers import (
    BuyerInfo,
    buyer_info,
    buyer_info_by_id,
    ensure_buyer,
    lock_buyer,
)
from helper.contacts.policy import NoteChecker, Verdict, evaluate, iso
from helper.contacts.policy_rules import Policy
from helper.contacts.state import load_state
from helper.contacts.tables import OUTCOMES_BY_CHANNEL, buyer_keys, contact_attempts
from helper.identity import BuyerRef
from helper.store import Store


@dataclass(frozen=True)
class AttemptRequest:
    buyer: BuyerRef
    channel: str
    at: datetime
    platform: str
    agent: str
    source: str  # "extension", "api" or "cli"
    outcome: str | None = None
    note: str | None = None  # parcel note text: checked, never stored


@dataclass(frozen=True)
class Recorded:
    verdict: Verdict
    buyer: BuyerInfo
    attempt: dict[str, Any] | None  # None when a reservation was refused


class OutcomeError(ValueError):
    """An outcome that does not fit the channel (e.g. ``answered`` for an SMS)."""


def check_outcome(channel: str, outcome: str | None) -> None:
    if outcome is not None and outcome not in OUTCOMES_BY_CHANNEL[channel]:
        allowed = ", ".join(OUTCOMES_BY_CHANNEL[channel])
        raise OutcomeError(f"{channel} 的结果只能是 {allowed} 之一，收到 {outcome!r}")


def check(
    store: Store,
    policy: Policy,
    ref: BuyerRef,
    channel: str,
    at: datetime,
    *,
    note: str | None = None,
    note_checker: NoteChecker | None = None,
) -> tuple[Verdict, BuyerInfo]:
    """A dry run: what would the policy say now? Records nothing."""
    with store.read() as conn:
        buyer = buyer_info(conn, ref)
        state = load_state(conn, buyer, policy, at)
    return evaluate(policy, state, channel, at, note=note, note_checker=note_checker), buyer


def record(
    store: Store,
    policy: Policy,
    request: AttemptRequest,
    *,
    reserve: bool,
    now: datetime,
    note_checker: NoteChecker | None = None,
) -> Recorded:
    """Check and record one attempt atomically. With ``reserve`` a blocked attempt is not
    recorded; without it the attempt is logged anyway (it already happened), with its verdict."""
    check_outcome(request.channel, request.outcome)
    with store.write() as conn:
        lock_buyer(conn, request.buyer)
        buyer = buyer_info(conn, request.buyer)
        state = load_state(conn, buyer, policy, request.at)
        verdict = evaluate(
            policy,
            state,
            request.channel,
            request.at,
            note=request.note,
            note_checker=note_checker,
        )
        if reserve and verdict.blocked:
            return Recorded(verdict, buyer, None)
        buyer_id = buyer.id if buyer.id is not None else ensure_buyer(conn, request.buyer, now)
        attempt_id = conn.execute(
            contact_attempts.insert().values(
                buyer_id=buyer_id,
                buyer_key=request.buyer.key,
                channel=request.channel,
                at=request.at,
                outcome=request.outcome,
                outcome_at=now if request.outcome else None,
                verdict=verdict.verdict,
                rule_ids=",".join(reason.rule_id for reason in verdict.reasons),
                platform=request.platform,
                agent=request.agent,
                source=request.source,
                created_at=now,
            )
        ).inserted_primary_key[0]
        attempt = _stored_attempt(conn, int(attempt_id))
        if buyer.id is None:
            buyer = buyer_info_by_id(conn, buyer_id)
    return Recorded(verdict, buyer, attempt)


def set_outcome(
    store: Store, attempt_id: int, outcome: str, now: datetime
) -> dict[str, Any] | None:
    """Report (or correct) how an attempt went; None if there is no such attempt."""
    with store.write() as conn:
        row = _attempt_row(conn, attempt_id)
        if row is None:
            return None
        check_outcome(row.channel, outcome)
        conn.execute(
            contact_attempts.update()
            .where(contact_attempts.c.id == attempt_id)
            .values(outcome=outcome, outcome_at=now)
        )
        return _stored_attempt(conn, attempt_id)


_ATTEMPT_COLUMNS = (
    contact_attempts.c.id,
    contact_attempts.c.channel,
    contact_attempts.c.at,
    contact_attempts.c.outcome,
    contact_attempts.c.outcome_at,
    contact_attempts.c.verdict,
    contact_attempts.c.rule_ids,
    contact_attempts.c.platform,
    contact_attempts.c.agent,
    contact_attempts.c.source,
    buyer_keys.c.masked,
    buyer_keys.c.kind,
)


def attempts_query() -> sa.Select[Any]:
    """Attempts with the masked identity that was contacted (history, exports)."""
    return sa.select(*_ATTEMPT_COLUMNS).select_from(
        contact_attempts.outerjoin(buyer_keys, buyer_keys.c.key == contact_attempts.c.buyer_key)
    )


_ATTEMPT_BY_ID = attempts_query().where(contact_attempts.c.id == sa.bindparam("attempt_id"))


def _attempt_row(conn: Connection, attempt_id: int) -> Row[Any] | None:
    return conn.execute(_ATTEMPT_BY_ID, {"attempt_id": attempt_id}).first()


def _stored_attempt(conn: Connection, attempt_id: int) -> dict[str, Any]:
    row = _attempt_row(conn, attempt_id)
    if row is None:
        raise LookupError(f"attempt {attempt_id} vanished inside its own transaction")
    return attempt_json(row)


def attempt_json(row: Row[Any]) -> dict[str, Any]:
    return {
        "id": row.id,
        "buyer": {"masked": row.masked, "kind": row.kind},
        "channel": row.channel,
        "at": iso(row.at),
        "outcome": row.outcome,
        "outcome_at": iso(row.outcome_at),
        "verdict": row.verdict,
        "rule_ids": [rule_id for rule_id in row.rule_ids.split(",") if rule_id],
        "platform": row.platform,
        "agent": row.agent,
        "source": row.source,
    }
