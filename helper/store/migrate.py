"""Schema migrations with Alembic, driven from code (no alembic.ini for users to carry).

Revisions live in ``helper/store/migrations/versions``; each feature adds its own. Every
command that opens the store calls ``upgrade`` first, so an upgraded helper migrates the
user's existing database in place.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def upgrade(engine: Engine, target: str = "heads") -> None:
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, target)


def current_heads(engine: Engine) -> set[str]:
    with engine.connect() as connection:
        return set(MigrationContext.configure(connection).get_current_heads())


def latest_heads() -> set[str]:
    return set(ScriptDirectory.from_config(alembic_config()).get_heads())
