"""Buyer messages: what a buyer wrote means for contact (opt-out, opt-in, call back later).

The text is scanned and forgotten: the store keeps the effect, a short excerpt of an opt-out
(the proof of what the buyer asked), and a keyed digest so the same message captured twice
(snippets re-read the chat page) is recorded once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from helper.contacts import contact_rules
from helper.contacts.buyers import buyer_info_by_id, ensure_buyer, lock_buyer
from helper.contacts.optout import Detection
from helper.contacts.policy import iso
from helper.contacts.restrictions import Restriction
from helper.contacts.tables import buyer_messages, contact_opt_outs, contact_restrictions
from helper.services import Services
from helper.text import fold


@dataclass(frozen=True)
class BuyerMessageEffect:
    opt_out: bool
    opt_in: bool
    callback_after: datetime | None
    scope: str | None  # of the opt-out: "all", "phone", "call" or "sms"
    rule_ids: tuple[str, ...] = ()
    duplicate: bool = False  # this message had been recorded before
    restrictions: tuple[Restriction, ...] = ()  # limits the message set (replacing older ones)

    def to_json(self) -> dict[str, object]:
        return {
            "restrictions": [r.to_json() for r in self.restrictions],
            "opt_out": self.opt_out,
            "opt_in": self.opt_in,
            "callback_after": iso(self.callback_after),
            "scope": self.scope,
            "rule_ids": list(self.rule_ids),
            "duplicate": self.duplicate,
        }


def record_buyer_message(
    services: Services, buyer: str, text: str, at: datetime, source: str
) -> BuyerMessageEffect:
    """Record that ``buyer`` (nick or phone) wrote ``text`` at ``at`` (aware), seen via
    ``source`` (e.g. "snippet:qianniu", "api"), and apply opt-out / opt-in detection.
    Raises ValueError for an empty buyer."""
    ref = services.hasher.buyer(buyer)
    rules = contact_rules(services).optout
    digest = services.hasher.key("message", fold(text))
    now = services.clock()
    with services.store.write() as conn:
        lock_buyer(conn, ref)  # two agents capturing the same message record it once
        buyer_id = ensure_buyer(conn, ref, now)
        earlier = conn.execute(
            sa.select(buyer_messages).where(
                buyer_messages.c.buyer_id == buyer_id,
                buyer_messages.c.at == at,
                buyer_messages.c.digest == digest,
            )
        ).first()
        if earlier is not None:
            return BuyerMessageEffect(
                earlier.opt_out, earlier.opt_in, earlier.callback_after, earlier.scope, (), True
            )
        detection = rules.detect(text, at, buyer_info_by_id(conn, buyer_id).timezone)
        conn.execute(
            buyer_messages.insert().values(
                buyer_id=buyer_id,
                at=at,
                source=source,
                digest=digest,
                opt_out=detection.opt_out,
                opt_in=detection.opt_in,
                scope=detection.scope,
                callback_after=detection.callback_after,
            )
        )
        if detection.opt_out:
            _add_opt_out(conn, buyer_id, detection, at, source)
        elif detection.opt_in:
            _end_active(conn, contact_opt_outs, "reversed", buyer_id, at, detection.rule_ids[0])
            _end_active(conn, contact_restrictions, "lifted", buyer_id, at, detection.rule_ids[0])
        elif detection.restrictions:
            _replace_restrictions(conn, buyer_id, detection.restrictions, at, source)
    return BuyerMessageEffect(
        detection.opt_out,
        detection.opt_in,
        detection.callback_after,
        detection.scope,
        detection.rule_ids,
        restrictions=detection.restrictions,
    )


def _add_opt_out(
    conn: Connection, buyer_id: int, detection: Detection, at: datetime, source: str
) -> None:
    # A message captured late may be older than an opt-in already on record: then the buyer
    # has already taken this opt-out back.
    later_opt_in = _later_opt_in(conn, buyer_id, at)
    conn.execute(
        contact_opt_outs.insert().values(
            buyer_id=buyer_id,
            at=at,
            scope=detection.scope,
            rule_id=detection.rule_ids[0],
            excerpt=detection.excerpt[:80],
            source=source,
            reversed_at=later_opt_in,
            reversed_by="opt_in" if later_opt_in else None,
        )
    )


def _end_active(
    conn: Connection, table: sa.Table, ended: str, buyer_id: int, at: datetime, rule_id: str
) -> None:
    """End the buyer's records in ``table`` made at or before ``at`` and not ended yet: an
    opt-in reverses opt-outs; a newer limit or an opt-in lifts earlier limits. ``ended`` names
    the pair of columns, ``<ended>_at`` and ``<ended>_by``."""
    conn.execute(
        table.update()
        .where(
            table.c.buyer_id == buyer_id,
            table.c[f"{ended}_at"].is_(None),
            table.c.at <= at,
        )
        .values({f"{ended}_at": at, f"{ended}_by": rule_id})
    )


def _replace_restrictions(
    conn: Connection,
    buyer_id: int,
    restrictions: tuple[Restriction, ...],
    at: datetime,
    source: str,
) -> None:
    _end_active(conn, contact_restrictions, "lifted", buyer_id, at, restrictions[0].rule_id)
    # A message captured late may be older than a limit or an opt-in already on record: then
    # the buyer has already replaced what this message said.
    later_opt_in = _later_opt_in(conn, buyer_id, at)
    later_limit = _first_at(
        conn,
        contact_restrictions.c.at,
        contact_restrictions.c.buyer_id == buyer_id,
        contact_restrictions.c.at > at,
    )
    later = min((t for t in (later_opt_in, later_limit) if t is not None), default=None)
    for restriction in restrictions:
        conn.execute(
            contact_restrictions.insert().values(
                buyer_id=buyer_id,
                at=at,
                kind=restriction.kind,
                scope=restriction.scope,
                allowed_from=restriction.allowed_from,
                allowed_until=restriction.allowed_until,
                days="".join(str(day) for day in sorted(restriction.days)) or None,
                not_before=restriction.not_before.isoformat() if restriction.not_before else None,
                holiday=restriction.holiday,
                rule_id=restriction.rule_id,
                excerpt=restriction.excerpt[:80],
                source=source,
                lifted_at=later,
                lifted_by="later_message" if later else None,
            )
        )


def _later_opt_in(conn: Connection, buyer_id: int, at: datetime) -> datetime | None:
    """The buyer's first opt-in after ``at``, for a message captured late."""
    return _first_at(
        conn,
        buyer_messages.c.at,
        buyer_messages.c.buyer_id == buyer_id,
        buyer_messages.c.at > at,
        buyer_messages.c.opt_in.is_(True),
    )


def _first_at(conn: Connection, column: sa.Column, *where: object) -> datetime | None:
    return conn.execute(sa.select(column).where(*where).order_by(column).limit(1)).scalar()
