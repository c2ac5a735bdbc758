"""The ``complaints`` and ``seen_orders`` tables.

Other features rely on ``complaints``: the contact checks look for an open harassment complaint
on a buyer (``buyer_key``, ``type == "harassment"``, ``status`` in OPEN_STATUSES).
"""

from __future__ import annotations

import sqlalchemy as sa

from helper.store.schema import RowId, UtcDateTime, metadata

STATUSES = ("open", "evidence_submitted", "decided", "closed")
# The shop still answers for these: the buyer should not be contacted by phone meanwhile.
OPEN_STATUSES = ("open", "evidence_submitted")

complaints = sa.Table(
    "complaints",
    metadata,
    sa.Column("id", RowId, primary_key=True),
    sa.Column("platform", sa.String(20), nullable=False),
    # The platform's own complaint / violation number; NULL for a complaint added by hand
    # without one.
    sa.Column("case_id", sa.String(100)),
    sa.Column("type", sa.String(40), nullable=False),  # short code, see rules/complaints
    sa.Column("type_label", sa.String(100), nullable=False),  # as the page or agent named it
    sa.Column("buyer_key", sa.String(64), index=True),  # services.hasher.buyer(value).key
    sa.Column("buyer_masked", sa.String(100)),
    sa.Column("order_id", sa.String(64)),
    sa.Column("received_at", UtcDateTime, nullable=False),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("evidence_due_at", UtcDateTime, nullable=False),
    # True when the page stated the evidence deadline (it wins over our computation).
    sa.Column("evidence_due_stated", sa.Boolean, nullable=False),
    # The rule's deadline (received + evidence_days), kept when the page's wins; what the page
    # showed (≤100 chars); when a countdown (剩余 1 天 23 小时) was read, i.e. counted from.
    sa.Column("evidence_due_rule_at", UtcDateTime),
    sa.Column("evidence_due_page_text", sa.String(100)),
    sa.Column("evidence_due_seen_at", UtcDateTime),
    sa.Column("evidence_submitted_at", UtcDateTime),
    sa.Column("decision_expected_from", UtcDateTime, nullable=False),
    sa.Column("decision_expected_by", UtcDateTime, nullable=False),
    # Working days came from a guess (a year chinesecalendar does not cover); recomputed later.
    sa.Column("provisional", sa.Boolean, nullable=False),
    sa.Column("source", sa.String(20), nullable=False),  # "page" or "manual"
    sa.Column("created_at", UtcDateTime, nullable=False),
    sa.Column("updated_at", UtcDateTime, nullable=False),
    sa.UniqueConstraint("platform", "case_id", name="uq_complaints_platform_case_id"),
)

# Orders seen on order pages, so the agent knows how long the buyer can still complain.
seen_orders = sa.Table(
    "seen_orders",
    metadata,
    sa.Column("id", RowId, primary_key=True),
    sa.Column("platform", sa.String(20), nullable=False),
    sa.Column("order_id", sa.String(64), nullable=False),
    sa.Column("buyer_key", sa.String(64)),
    sa.Column("buyer_masked", sa.String(100)),
    sa.Column("trade_status", sa.String(100)),
    # When the trade (or the refund that closed it) succeeded; the buyer window starts there.
    sa.Column("settled_at", UtcDateTime),
    sa.Column("complaint_window_ends_at", UtcDateTime),
    sa.Column("seen_at", UtcDateTime, nullable=False),
    sa.UniqueConstraint("platform", "order_id", name="uq_seen_orders_platform_order_id"),
)
