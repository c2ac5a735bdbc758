"""The ``reminders`` table (the truth about every reminder), ``reminder_deliveries`` (which
client of which agent's helper was handed which reminder, and whether it acknowledged it) and
``reminder_agents`` (which agent's helper has shown it, and whether that agent answered it:
on a team database every agent gets each reminder, once).

Delivery is at least once: a delivery stays unacknowledged (``acked_at`` NULL) until the client
acknowledges it, and is handed out again after ``[reminders] redeliver_seconds``. The client
shows a reminder once (its notification id is the reminder id) however often it arrives."""

from __future__ import annotations

import sqlalchemy as sa

from helper.store.schema import RowId, UtcDateTime, metadata

# pending: not yet fired on the desktop; fired: desktop notification done (the client queues
# still hand it out); acked: the agent answered it; cancelled: no longer needed.
STATES = ("pending", "fired", "acked", "cancelled")
LIVE_STATES = ("pending", "fired")

reminders = sa.Table(
    "reminders",
    metadata,
    sa.Column("id", RowId, primary_key=True),
    sa.Column(
        "complaint_id", RowId, sa.ForeignKey("complaints.id", ondelete="CASCADE"), index=True
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
    sa.Column("acked_by", sa.String(200)),  # the agent who answered it
)

reminder_deliveries = sa.Table(
    "reminder_deliveries",
    metadata,
    sa.Column(
        "reminder_id",
        RowId,
        sa.ForeignKey("reminders.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    # The agent whose helper delivered it, and that helper's client (client ids are local to
    # each helper: no foreign key, see 0010_team_agents and 0011_team_deliveries).
    sa.Column("agent", sa.String(200), primary_key=True, server_default=sa.text("''")),
    sa.Column("client_id", RowId, primary_key=True),
    # The last time it was handed out; handed out again when unacknowledged long enough.
    sa.Column("delivered_at", UtcDateTime, nullable=False),
    sa.Column("acked_at", UtcDateTime),
    sa.Column("attempts", sa.Integer, nullable=False, server_default=sa.text("1")),
)

# Per agent: when this agent's helper showed the reminder on the desktop, and when the agent
# answered it. A helper schedules only the reminders its agent has no fired row for.
reminder_agents = sa.Table(
    "reminder_agents",
    metadata,
    sa.Column(
        "reminder_id",
        RowId,
        sa.ForeignKey("reminders.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    sa.Column("agent", sa.String(200), primary_key=True),
    sa.Column("fired_at", UtcDateTime),
    sa.Column("fired_late", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("acked_at", UtcDateTime),
)
