"""Schema migrations keep a user's data."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa
from alembic.script import ScriptDirectory

from helper.store import open_store
from helper.store.migrate import alembic_config, current_heads, latest_heads, upgrade
from helper.store.schema import clients

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)


def _revisions_oldest_first() -> list[str]:
    script = ScriptDirectory.from_config(alembic_config())
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]


def test_fresh_database_reaches_the_latest_revision(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'h.db'}")
    try:
        assert current_heads(store.engine) == latest_heads()
    finally:
        store.close()


def test_upgrading_an_up_to_date_database_keeps_data(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'h.db'}"
    store = open_store(url)
    with store.write() as conn:
        conn.execute(
            clients.insert().values(
                name="keep me", kind="script", token_hash="a" * 64, created_at=NOW
            )
        )
    store.close()
    again = open_store(url)  # runs upgrade again
    try:
        assert current_heads(again.engine) == latest_heads()
        with again.read() as conn:
            names = conn.execute(sa.select(clients.c.name)).scalars().all()
        assert names == ["keep me"]
    finally:
        again.close()


def test_each_revision_upgrades_from_the_one_before_with_data(tmp_path: Path) -> None:
    """Create the schema at every version N-1 with data in it, upgrade, check the data."""
    revisions = _revisions_oldest_first()
    for index, revision in enumerate(revisions):
        url = f"sqlite:///{tmp_path / f'step{index}.db'}"
        store = open_store(url, migrate=False)
        try:
            upgrade(store.engine, revision)
            with store.write() as conn:
                conn.execute(
                    clients.insert().values(
                        name=f"at {revision}",
                        kind="script",
                        token_hash=f"{index:064d}",
                        created_at=NOW,
                    )
                )
            upgrade(store.engine)
            assert current_heads(store.engine) == latest_heads()
            with store.read() as conn:
                row = conn.execute(sa.select(clients.c.name, clients.c.created_at)).one()
            assert row.name == f"at {revision}"
            assert row.created_at == NOW
        finally:
            store.close()


def test_sqlite_runs_in_wal_with_foreign_keys(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'h.db'}")
    try:
        with store.read() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        store.close()
