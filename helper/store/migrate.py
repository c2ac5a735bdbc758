"""Schema migrations with Alembic, driven from code (no alembic.ini for users to carry).

Revisions live in ``helper/store/migrations/versions``; each feature adds its own. The local
SQLite file is upgraded by every command that opens it, so an upgraded helper migrates the
user's existing database in place. A team database (PostgreSQL) is upgraded only by
``helper db upgrade``: many helpers share it, possibly of different versions, so one person
upgrades it deliberately and every helper checks it is current before it starts
(``require_current``).
"""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Engine

from helper.store import SchemaOutdated
from helper.store.locks import lock_id

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
UPGRADE_COMMAND = "helper db upgrade"


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def upgrade(engine: Engine, target: str = "heads") -> None:
    config = alembic_config()
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            # Two `helper db upgrade` at once on a team database: the second waits, then finds
            # nothing left to do.
            connection.execute(
                sa.text("SELECT pg_advisory_xact_lock(:id)"), {"id": lock_id("schema-upgrade")}
            )
        config.attributes["connection"] = connection
        command.upgrade(config, target)


def current_heads(engine: Engine) -> set[str]:
    with engine.connect() as connection:
        return set(MigrationContext.configure(connection).get_current_heads())


def latest_heads() -> set[str]:
    return set(ScriptDirectory.from_config(alembic_config()).get_heads())


def known_revisions() -> set[str]:
    return {rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def require_current(engine: Engine) -> None:
    """Refuse a database whose schema is older (or newer) than this helper's code."""
    current = current_heads(engine)
    if current == latest_heads():
        return
    if not current:
        raise SchemaOutdated(f"数据库还没有建表：请先运行 {UPGRADE_COMMAND}（加上同样的 --db）")
    if current - known_revisions():
        raise SchemaOutdated(
            f"数据库的结构版本（{', '.join(sorted(current))}）比这个助手新：请升级助手"
        )
    raise SchemaOutdated(
        f"数据库的结构版本（{', '.join(sorted(current))}）已过时：请运行 {UPGRADE_COMMAND}"
        "（加上同样的 --db）后再启动"
    )
