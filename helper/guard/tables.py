"""Tables of the guard feature (created by migration 0007_guard_allowances)."""

from __future__ import annotations

import sqlalchemy as sa

from helper.store.schema import RowId, UtcDateTime, metadata

# 「以后不再提示」: a term the shop says is fine here, for one rule (rule_id) or for every rule
# that may be allowed away (rule_id NULL). Never a threat: the API refuses those.
guard_allowances = sa.Table(
    "guard_allowances",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("rule_id", sa.String(100)),
    sa.Column("term", sa.String(100), nullable=False),
    sa.Column("folded", sa.String(100), nullable=False),  # helper.text.fold(term), for lookups
    sa.Column("note", sa.String(200)),
    sa.Column("added_by", sa.String(100), nullable=False),
    # A client of the agent's own helper (local ids; no foreign key, see 0010_team_agents).
    sa.Column("client_id", RowId),
    sa.Column("created_at", UtcDateTime, nullable=False),
    sa.Column("updated_at", UtcDateTime, nullable=False),
    sa.UniqueConstraint("rule_id", "folded", name="uq_guard_allowances_rule_term"),
)

# The shop profile, one row per key ("platforms", "categories"): a JSON list of ids.
shop_profile = sa.Table(
    "shop_profile",
    metadata,
    sa.Column("key", sa.String(40), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
    sa.Column("updated_by", sa.String(100), nullable=False),
    sa.Column("updated_at", UtcDateTime, nullable=False),
)
