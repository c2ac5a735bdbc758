"""Table definitions shared by the queries (SQLAlchemy Core).

Features define their tables in their own modules against this ``metadata``; the tables'
creation and every later change is an Alembic revision in ``helper/store/migrations``, never
``metadata.create_all``, so that an upgrade keeps a user's data.

Times are stored as timezone-aware UTC (``UtcDateTime``), identifiers of people only as keyed
hashes (see ``helper.identity``).
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.types import TypeDecorator

metadata = sa.MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


class UtcDateTime(TypeDecorator[datetime]):
    """Aware datetimes in, aware UTC datetimes out, on SQLite (which has no time zones) too."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store; pass an aware datetime")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


# Row ids: 64-bit on both engines. SQLite's INTEGER PRIMARY KEY already is (and must be
# spelled INTEGER to be the rowid); PostgreSQL's INTEGER is 32-bit, and the driver casts every
# bound id to the column's type, so the columns themselves must be BIGINT there.
RowId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")

clients = sa.Table(
    "clients",
    metadata,
    sa.Column("id", RowId, primary_key=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("kind", sa.String(20), nullable=False),  # "extension" (paired) or "script"
    sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("created_at", UtcDateTime, nullable=False),
    sa.Column("last_seen_at", UtcDateTime),
    sa.Column("revoked_at", UtcDateTime),
)

pairing_codes = sa.Table(
    "pairing_codes",
    metadata,
    sa.Column("id", RowId, primary_key=True),
    sa.Column("code_hash", sa.String(64), nullable=False),
    sa.Column("created_at", UtcDateTime, nullable=False),
    sa.Column("expires_at", UtcDateTime, nullable=False),
    sa.Column("used_at", UtcDateTime),
    sa.Column("client_id", RowId, sa.ForeignKey("clients.id", ondelete="SET NULL")),
)

# One row per failed pairing attempt; the lockout counts recent rows.
pairing_failures = sa.Table(
    "pairing_failures",
    metadata,
    sa.Column("id", RowId, primary_key=True),
    sa.Column("at", UtcDateTime, nullable=False, index=True),
)

# One row, rewritten by the store watcher (helper.store.watch) to learn whether a write works
# again after a read-only file, a full disk or a lock.
store_heartbeat = sa.Table(
    "store_heartbeat",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("at", UtcDateTime, nullable=False),
)
