"""Team mode: the team key's verifier, and which agent did what.

* ``team``: one row, the verifier of the team keying secret (never the secret).
* ``warning_events.agent``: who took the decision after a warning.
* ``reminders.acked_by``: who answered a reminder.
* ``client_id`` of ``warning_events``, ``reminder_deliveries`` and ``guard_allowances`` no
  longer references ``clients``: paired clients stay in each agent's local SQLite file, so on
  a team database the id names a client of that agent's helper, not a row of the shared
  ``clients`` table.

``contact_attempts.agent`` already exists (0002).

On PostgreSQL every integer id column (``id``, ``*_id``) and its sequence become 64-bit, as
they are on SQLite: ``INTEGER`` is 32-bit there, and the API accepts ids up to 2^63 - 1.
This runs over the tables as they are, so it covers tables added by revisions before it.

Revision ID: 0010_team_agents
Revises: 0009_faults_heartbeat
"""

import sqlalchemy as sa
from alembic import op

from helper.store.schema import UtcDateTime

revision = "0010_team_agents"
down_revision = "0009_faults_heartbeat"
branch_labels = None
depends_on = None


def _widen_ids_on_postgresql() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    inspector = sa.inspect(bind)
    for table in inspector.get_table_names():
        columns = inspector.get_columns(table)
        for column in columns:
            name, kind = column["name"], column["type"]
            is_id = name == "id" or name.endswith("_id")
            if is_id and isinstance(kind, sa.Integer) and not isinstance(kind, sa.BigInteger):
                op.alter_column(table, name, type_=sa.BigInteger)
        if not any(column["name"] == "id" for column in columns):
            continue
        sequence = bind.execute(
            sa.text("SELECT pg_get_serial_sequence(:table, 'id')"), {"table": table}
        ).scalar()
        if sequence:
            op.execute(f"ALTER SEQUENCE {sequence} AS bigint")


def upgrade() -> None:
    _widen_ids_on_postgresql()
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
    for table in ("reminder_deliveries", "guard_allowances"):
        with op.batch_alter_table(table) as batch:
            batch.drop_constraint(f"fk_{table}_client_id_clients", type_="foreignkey")


def downgrade() -> None:
    for table, on_delete in (("guard_allowances", "SET NULL"), ("reminder_deliveries", "CASCADE")):
        with op.batch_alter_table(table) as batch:
            batch.create_foreign_key(
                f"fk_{table}_client_id_clients",
                "clients",
                ["client_id"],
                ["id"],
                ondelete=on_delete,
            )
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
