"""Team mode: the team key's verifier, and which agent did what.

* ``team``: one row, the verifier of the team keying secret (never the secret).
* ``warning_events.agent``: who took the decision after a warning.
* ``reminders.acked_by``: who answered a reminder.
* ``warning_events.client_id`` no longer references ``clients``: paired clients stay in each
  agent's local SQLite file, so on a team database the id names a client of that agent's
  helper, not a row of the shared ``clients`` table.

``contact_attempts.agent`` already exists (0002).

Revision ID: 0005_team_agents
Revises: 0004_warnings
"""

import sqlalchemy as sa
from alembic import op

from helper.store.schema import UtcDateTime

revision = "0005_team_agents"
down_revision = "0004_warnings"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "team",
        sa.Column("id", sa.Integer, autoincrement=False),
        sa.Column("verifier", sa.String(64), nullable=False),
        sa.Column("created_at", UtcDateTime, nullable=False),
        sa.Column("created_by", sa.String(200), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_team"),
    )
    # Batch mode rebuilds the table on SQLite (which cannot drop a constraint in place); on
    # PostgreSQL these are plain ALTER TABLE statements.
    with op.batch_alter_table("warning_events") as batch:
        batch.drop_constraint("fk_warning_events_client_id_clients", type_="foreignkey")
        batch.add_column(sa.Column("agent", sa.String(200)))
    op.create_index("ix_warning_events_agent_at", "warning_events", ["agent", "at"])
    op.create_index("ix_contact_attempts_agent_at", "contact_attempts", ["agent", "at"])
    with op.batch_alter_table("reminders") as batch:
        batch.add_column(sa.Column("acked_by", sa.String(200)))


def downgrade() -> None:
    with op.batch_alter_table("reminders") as batch:
        batch.drop_column("acked_by")
    op.drop_index("ix_contact_attempts_agent_at", table_name="contact_attempts")
    op.drop_index("ix_warning_events_agent_at", table_name="warning_events")
    with op.batch_alter_table("warning_events") as batch:
        batch.drop_column("agent")
        batch.create_foreign_key(
            "fk_warning_events_client_id_clients",
            "clients",
            ["client_id"],
            ["id"],
            ondelete="SET NULL",
        )
    op.drop_table("team")
