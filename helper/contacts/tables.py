"""The contact log's tables and the model's fixed vocabulary (channels, outcomes, scopes).

Buyers are known only by keyed hashes (``helper.identity``). One buyer can have several keys
(a nick and a phone number) once the agent links them; every record points at the buyer, so
linking merges the histories. Complaints (another feature) refer to buyers by key, which is
the link they fill in later.
"""

from __future__ import annotations

import sqlalchemy as sa

from helper.store.schema import RowId, UtcDateTime, metadata

DEFAULT_TIME_ZONE = "Asia/Shanghai"

CHANNELS = ("call", "sms", "im", "email", "parcel")
OUTCOMES = ("answered", "unanswered", "busy", "rejected", "sent", "failed")
# Which outcomes make sense for which channel; anything else is a caller's mistake.
OUTCOMES_BY_CHANNEL = {
    "call": ("answered", "unanswered", "busy", "rejected", "failed"),
    "sms": ("sent", "failed"),
    "im": ("sent", "failed"),
    "email": ("sent", "failed"),
    "parcel": ("sent", "failed"),
}
# What each opt-out scope stops. "all" leaves IM open only as a reply to the buyer's own new
# message (the policy adds that); "phone" is 有事旺旺说 / 别打电话;
# "call" is 不要打电话，发短信就行.
SCOPES: dict[str, frozenset[str]] = {
    "all": frozenset({"call", "sms", "email", "im"}),
    "phone": frozenset({"call", "sms"}),
    "call": frozenset({"call"}),
    "sms": frozenset({"sms"}),
}


def _buyer_id() -> sa.Column:
    """The link from a record to its buyer (a fresh Column each time: one per table)."""
    return sa.Column(
        "buyer_id", RowId, sa.ForeignKey("buyers.id", ondelete="CASCADE"), nullable=False
    )


buyers = sa.Table(
    "buyers",
    metadata,
    sa.Column("id", RowId, primary_key=True),
    sa.Column("timezone", sa.String(64), nullable=False),
    sa.Column("created_at", UtcDateTime, nullable=False),
)

buyer_keys = sa.Table(
    "buyer_keys",
    metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    _buyer_id(),
    sa.Column("kind", sa.String(10), nullable=False),  # "phone" or "nick"
    sa.Column("masked", sa.String(40), nullable=False),
    sa.Column("created_at", UtcDateTime, nullable=False),
    sa.Index("ix_buyer_keys_buyer_id", "buyer_id"),
)

contact_attempts = sa.Table(
    "contact_attempts",
    metadata,
    sa.Column("id", RowId, primary_key=True),
    _buyer_id(),
    sa.Column("buyer_key", sa.String(64), nullable=False),  # the identity that was contacted
    sa.Column("channel", sa.String(10), nullable=False),
    sa.Column("at", UtcDateTime, nullable=False),
    sa.Column("outcome", sa.String(12)),  # NULL: reserved, outcome not reported yet
    sa.Column("outcome_at", UtcDateTime),
    sa.Column("verdict", sa.String(8), nullable=False),  # what the policy said when recorded
    sa.Column("rule_ids", sa.String(500), nullable=False),
    sa.Column("platform", sa.String(32), nullable=False),
    sa.Column("agent", sa.String(200), nullable=False),
    sa.Column("source", sa.String(20), nullable=False),
    sa.Column("created_at", UtcDateTime, nullable=False),
    sa.Index("ix_contact_attempts_buyer_at", "buyer_id", "at"),
    sa.Index("ix_contact_attempts_at", "at"),
    sa.Index("ix_contact_attempts_agent_at", "agent", "at"),
)

contact_opt_outs = sa.Table(
    "contact_opt_outs",
    metadata,
    sa.Column("id", RowId, primary_key=True),
    _buyer_id(),
    sa.Column("at", UtcDateTime, nullable=False),
    sa.Column("scope", sa.String(10), nullable=False),
    sa.Column("rule_id", sa.String(80), nullable=False),
    sa.Column("excerpt", sa.String(80), nullable=False),
    sa.Column("source", sa.String(40), nullable=False),
    sa.Column("reversed_at", UtcDateTime),
    sa.Column("reversed_by", sa.String(80)),  # the opt-in rule id, or "agent"
    sa.Index("ix_contact_opt_outs_buyer_id", "buyer_id"),
)

# What a buyer's message meant for contact; never its text.
buyer_messages = sa.Table(
    "buyer_messages",
    metadata,
    sa.Column("id", RowId, primary_key=True),
    _buyer_id(),
    sa.Column("at", UtcDateTime, nullable=False),
    sa.Column("source", sa.String(40), nullable=False),
    # Keyed hash of the folded text: the same message captured twice is recorded once.
    sa.Column("digest", sa.String(64), nullable=False),
    sa.Column("opt_out", sa.Boolean, nullable=False),
    sa.Column("opt_in", sa.Boolean, nullable=False),
    sa.Column("scope", sa.String(10)),
    sa.Column("callback_after", UtcDateTime),
    sa.Index("ix_buyer_messages_buyer_at", "buyer_id", "at"),
    sa.Index("ix_buyer_messages_at", "at"),
)

# Limits a buyer set on contact (helper.contacts.restrictions), with the buyer's words. A newer
# limit or an opt-in lifts the older ones (``lifted_at``); lifted rows are kept as the record.
contact_restrictions = sa.Table(
    "contact_restrictions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    _buyer_id(),
    sa.Column("at", UtcDateTime, nullable=False),
    sa.Column("kind", sa.String(10), nullable=False),  # hours | days | date | channel | holidays
    sa.Column("scope", sa.String(10), nullable=False),
    sa.Column("allowed_from", sa.Integer),  # minute of the buyer's local day
    sa.Column("allowed_until", sa.Integer),
    sa.Column("days", sa.String(7)),  # ISO weekday digits, e.g. "12345"
    sa.Column("not_before", sa.String(10)),  # the buyer's local date, YYYY-MM-DD
    sa.Column("holiday", sa.String(32)),  # holidays: a chinesecalendar name, NULL = every rest day
    sa.Column("rule_id", sa.String(80), nullable=False),
    sa.Column("excerpt", sa.String(80), nullable=False),
    sa.Column("source", sa.String(40), nullable=False),
    sa.Column("lifted_at", UtcDateTime),
    sa.Column("lifted_by", sa.String(80)),  # the rule id of the message that lifted it
    sa.Index("ix_contact_restrictions_buyer_id", "buyer_id"),
)
