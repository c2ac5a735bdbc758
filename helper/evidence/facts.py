"""Everything on record about one complaint's buyer, read once from the store: contacts,
opt-outs and opt-ins, callback wishes, warnings and the complaints on this buyer.

Identities stay masked. Only the agent can reveal a phone number (``Reveal``): the store
holds keyed hashes, so the agent types the number and it is shown only if it hashes to one of
this buyer's keys.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from helper.complaints import service as complaint_service
from helper.complaints.tables import complaints
from helper.contacts import contact_rules
from helper.contacts.buyers import buyer_info
from helper.contacts.log import attempts_query
from helper.contacts.policy_rules import Policy
from helper.contacts.restrictions import Restriction
from helper.contacts.state import restriction_of
from helper.contacts.tables import (
    buyer_messages,
    contact_attempts,
    contact_opt_outs,
    contact_restrictions,
)
from helper.identity import BuyerRef, mask_phones_in
from helper.platforms import Platform
from helper.services import Services
from helper.warnings import events as warning_events


@dataclass(frozen=True)
class Contact:
    id: int
    at: datetime
    channel: str
    outcome: str | None
    agent: str
    identity: str  # masked form of the identity contacted (or revealed, see Reveal)
    source: str


@dataclass(frozen=True)
class OptOutEvent:
    at: datetime
    scope: str
    excerpt: str  # the buyer's words, phone numbers masked
    source: str
    reversed_at: datetime | None
    reversed_by: str | None


@dataclass(frozen=True)
class Limit:
    """A limit the buyer set (hours, days, a date, a channel), and when it was lifted."""

    restriction: Restriction  # excerpt with phone numbers masked
    lifted_at: datetime | None

    @property
    def at(self) -> datetime:
        assert self.restriction.at is not None
        return self.restriction.at


@dataclass(frozen=True)
class BuyerSaid:
    """A message from the buyer (never its text): whether it was an opt-out, an opt-in or a
    wish to be called later. The buyer writing first matters for the policy too (an IM reply
    to the buyer's own message after a stop)."""

    at: datetime
    opt_out: bool
    opt_in: bool
    callback_after: datetime | None


@dataclass(frozen=True)
class Warned:
    at: datetime
    rule_ids: tuple[str, ...]
    verdict: str
    action: str
    kept_text: str | None


@dataclass(frozen=True)
class ComplaintSpan:
    """A harassment complaint on this buyer: contact by phone stops from when it arrived."""

    received_at: datetime
    closed: bool
    updated_at: datetime


@dataclass(frozen=True)
class Reveal:
    """The agent's explicit choice to show one phone number in full: its masked form and
    the number."""

    masked: str
    number: str


@dataclass
class Record:
    complaint: dict[str, Any]
    platform: Platform
    policy: Policy
    timezone: ZoneInfo
    identities: list[str]
    contacts: list[Contact] = field(default_factory=list)
    opt_outs: list[OptOutEvent] = field(default_factory=list)
    limits: list[Limit] = field(default_factory=list)
    said: list[BuyerSaid] = field(default_factory=list)
    warnings: list[Warned] = field(default_factory=list)
    harassment_complaints: list[ComplaintSpan] = field(default_factory=list)
    revealed: bool = False


class PhoneMismatch(ValueError):
    """The number the agent typed is not one of this buyer's identities."""


def load_record(svc: Services, complaint_id: int, reveal_phone: str | None = None) -> Record:
    """The record for complaint ``complaint_id`` (ComplaintNotFound if there is none).
    ``reveal_phone``: a number the agent typed, shown in full if it is this buyer's."""
    complaint = complaint_service.get(svc, complaint_id)
    platform = svc.platforms.by_id[complaint["platform"]]
    policy = contact_rules(svc).policies.for_platform(platform.id)
    with svc.store.read() as conn:
        row = conn.execute(sa.select(complaints).where(complaints.c.id == complaint_id)).one()
        if row.buyer_key is None:
            return Record(complaint, platform, policy, platform.time_zone, [])
        ref = BuyerRef("nick", row.buyer_key, row.buyer_masked or "")
        buyer = buyer_info(conn, ref)
        # The identity the complaint names first, then the ones linked to it.
        identities = sorted(buyer.identities, key=lambda masked: masked != row.buyer_masked)
        record = Record(complaint, platform, policy, buyer.timezone, identities)
        reveal = _reveal(svc, buyer.keys, reveal_phone)
        if buyer.id is not None:
            _load_contacts(conn, record, buyer.id, reveal)
        record.warnings = [
            Warned(w.at, w.rule_ids, w.verdict, w.action, w.kept_text)
            for w in warning_events.for_buyer(conn, buyer.keys)
        ]
        record.harassment_complaints = [
            ComplaintSpan(c.received_at, c.status in ("decided", "closed"), c.updated_at)
            for c in conn.execute(
                sa.select(complaints).where(
                    complaints.c.buyer_key.in_(buyer.keys), complaints.c.type == "harassment"
                )
            )
        ]
    if reveal is not None:
        record.identities = [reveal.number if m == reveal.masked else m for m in record.identities]
        record.revealed = True
    return record


def _reveal(svc: Services, keys: tuple[str, ...], number: str | None) -> Reveal | None:
    if number is None:
        return None
    ref = svc.hasher.buyer(number)
    if ref.kind != "phone" or ref.key not in keys:
        raise PhoneMismatch("输入的号码不是这位买家的号码（与记录中的任何号码都不匹配）")
    return Reveal(ref.masked, number.strip())


def _load_contacts(conn: Connection, record: Record, buyer_id: int, reveal: Reveal | None) -> None:
    for row in conn.execute(
        attempts_query()
        .where(contact_attempts.c.buyer_id == buyer_id)
        .order_by(contact_attempts.c.at, contact_attempts.c.id)
    ):
        identity = row.masked or ""
        if reveal is not None and identity == reveal.masked:
            identity = reveal.number
        record.contacts.append(
            Contact(row.id, row.at, row.channel, row.outcome, row.agent, identity, row.source)
        )
    record.opt_outs = [
        OptOutEvent(
            row.at,
            row.scope,
            mask_phones_in(row.excerpt),
            row.source,
            row.reversed_at,
            row.reversed_by,
        )
        for row in conn.execute(
            sa.select(contact_opt_outs)
            .where(contact_opt_outs.c.buyer_id == buyer_id)
            .order_by(contact_opt_outs.c.at)
        )
    ]
    record.limits = [
        Limit(replace(restriction_of(row), excerpt=mask_phones_in(row.excerpt)), row.lifted_at)
        for row in conn.execute(
            sa.select(contact_restrictions)
            .where(contact_restrictions.c.buyer_id == buyer_id)
            .order_by(contact_restrictions.c.at)
        )
    ]
    record.said = [
        BuyerSaid(row.at, row.opt_out, row.opt_in, row.callback_after)
        for row in conn.execute(
            sa.select(buyer_messages)
            .where(buyer_messages.c.buyer_id == buyer_id)
            .order_by(buyer_messages.c.at)
        )
    ]
