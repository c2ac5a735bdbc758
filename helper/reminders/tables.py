"""The ``reminders`` table (the truth about every reminder) and ``reminder_deliveries``
(which client was handed which reminder, and whether it acknowledged it).

Delivery is at least once: a delivery stays unacknowledged (``acked_at`` NULL) until the client
acknowledges it, and is handed out again after ``[reminders] redeliver_seconds``. The client
shows a reminder once (its notification id is the reminder id) however often it arrives."""

from __future__ import annotations

import sqlalchemy as sa

from helper.store.schema import UtcDateTime, metadata

# pending: not yet fired on the desktop; fired: desktop notification done (the client queues
# still hand it out); acked: the agent answered it; cancelled: no longer needed.
STATES = ("pending", "fired", "acked", "cancelled")
LIVE_STATES = ("pending", "fired")

reminders = sa.Table(
    "reminders",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column(
        "complaint_id", sa.Integer, sa.ForeignKey("complaints.id", ondelete="CASCADE"), index=True
    ),
    sa.Column("kind", sa.String(20), nullable=False),  # "evidence" (from offsets) or "custom"
    # Minutes before the evidence deadline, for kind "evidence".
    sa.Column("offset_minutes", sa.Integer),
    sa.Column("title", sa.String(200), nullable=False),
    sa.Column("body", sa.String(2000), nullable=False),
    sa.Column("due_at", UtcDateTime, nullable=False, index=True),
    sa.Column("state", sa.String(20), nullable=False, index=True),
    sa.Column("fired_at", UtcDateTime),
    # Fired well after it was due (the helper was down or the PC slept).
    sa.Column("fired_late", sa.Boolean, nullable=False, default=False),
    sa.Column("created_at", UtcDateTime, nullable=False),
    sa.Column("closed_at", UtcDateTime),  # acked or cancelled
)

reminder_deliveries = sa.Table(
    "reminder_deliveries",
    metadata,
    sa.Column(
        "reminder_id",
        sa.Integer,
        sa.ForeignKey("reminders.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    sa.Column(
        "client_id", sa.Integer, sa.ForeignKey("clients.id", ondelete="CASCADE"), primary_key=True
    ),
    # The last time it was handed out; handed out again when unacknowledged long enough.
    sa.Column("delivered_at", UtcDateTime, nullable=False),
    sa.Column("acked_at", UtcDateTime),
    sa.Column("attempts", sa.Integer, nullable=False, server_default=sa.text("1")),
)
