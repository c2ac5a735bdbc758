"""Tables of the warnings feature (migrations 0004_warnings, 0008_evidence_pack)."""

from __future__ import annotations

import sqlalchemy as sa

from helper.store.schema import RowId, UtcDateTime, metadata

# One row per decision the agent took after the extension showed a warning. The rule ids say
# what was found, the action what the agent did; the message text is stored only when the
# agent chose to keep it as evidence.
warning_events = sa.Table(
    "warning_events",
    metadata,
    sa.Column("id", RowId, primary_key=True),
    sa.Column("at", UtcDateTime, nullable=False, index=True),
    # The client of the agent's own helper (local ids; no foreign key, see 0010_team_agents).
    sa.Column("client_id", RowId),
    sa.Column("agent", sa.String(200)),  # who decided (settings.agent)
    sa.Column("platform", sa.String(40), nullable=False),
    sa.Column("site", sa.String(255)),
    sa.Column("rule_ids", sa.String(2000), nullable=False),  # space-separated rule ids
    sa.Column("verdict", sa.String(10), nullable=False),
    sa.Column("action", sa.String(20), nullable=False),
    # The buyer the draft was for (keyed hash, see helper.identity), when the page showed one.
    sa.Column("buyer_key", sa.String(64), index=True),
    # The draft, only when the agent chose to keep it as evidence (phone numbers masked).
    sa.Column("kept_text", sa.String(2000)),
    sa.Index("ix_warning_events_agent_at", "agent", "at"),
)

# How many drafts were checked per platform day (Asia/Shanghai), for "today's counts".
# A counter, not a log: nothing about the drafts themselves is kept.
check_counts = sa.Table(
    "check_counts",
    metadata,
    sa.Column("day", sa.String(10), primary_key=True),  # YYYY-MM-DD
    sa.Column("checks", sa.Integer, nullable=False),
)
