"""Team mode: reminders reach every agent, exactly once per agent.

* ``reminder_deliveries`` is keyed on the agent too: client ids are per helper (each agent's
  local SQLite file numbers its own clients from 1), so on a team database two agents'
  client 1 are different clients.
* ``reminder_agents``: one row per reminder and agent once that agent's helper has shown it
  (desktop notification, ``fired_at``) and once the agent answered it (``acked_at``). A
  helper's scheduler fires only reminders its agent has no row for: the table, not a shared
  job store, says what is left to do.

Revision ID: 0011_team_deliveries
Revises: 0010_team_agents
"""

import sqlalchemy as sa
from alembic import op

from helper.store.schema import RowId, UtcDateTime

revision = "0011_team_deliveries"
down_revision = "0010_team_agents"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("reminder_deliveries", recreate="always") as batch:
        batch.add_column(
            sa.Column("agent", sa.String(200), nullable=False, server_default=sa.text("''"))
        )
        batch.drop_constraint("pk_reminder_deliveries", type_="primary")
        batch.create_primary_key("pk_reminder_deliveries", ["reminder_id", "agent", "client_id"])
    op.create_table(
        "reminder_agents",
        sa.Column("reminder_id", RowId, nullable=False),
        sa.Column("agent", sa.String(200), nullable=False),
        sa.Column("fired_at", UtcDateTime),
        sa.Column("fired_late", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("acked_at", UtcDateTime),
        sa.PrimaryKeyConstraint("reminder_id", "agent", name="pk_reminder_agents"),
        sa.ForeignKeyConstraint(
            ["reminder_id"],
            ["reminders.id"],
            ondelete="CASCADE",
            name="fk_reminder_agents_reminder_id_reminders",
        ),
    )


def downgrade() -> None:
    op.drop_table("reminder_agents")
    op.execute("DELETE FROM reminder_deliveries WHERE agent <> ''")
    with op.batch_alter_table("reminder_deliveries", recreate="always") as batch:
        batch.drop_constraint("pk_reminder_deliveries", type_="primary")
        batch.create_primary_key("pk_reminder_deliveries", ["reminder_id", "client_id"])
        batch.drop_column("agent")
