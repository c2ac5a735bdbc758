"""Connecting a helper to a team database: `helper team`, `helper db`, and every refusal that
says what to run (PostgreSQL only: team mode is PostgreSQL)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from helper.store import open_store
from helper.store.migrate import current_heads, latest_heads
from tests.support.helper_process import run_cli
from tests.support.postgres import TestCluster, admin, fresh_database

pytestmark = pytest.mark.postgres


@pytest.fixture
def empty_db(pg_cluster: TestCluster) -> str:
    """A database with no tables at all (not from the migrated template)."""
    name = f"wbg_empty_{os.getpid()}_{id(pg_cluster) % 10000}"
    admin(pg_cluster.admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin(pg_cluster.admin_url, f'CREATE DATABASE "{name}"')
    yield pg_cluster.url(name)
    admin(pg_cluster.admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _dir(tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    path.mkdir()
    return path


def test_upgrade_init_join_check_on_a_new_team_database(tmp_path: Path, empty_db: str) -> None:
    admin_pc, agent_pc = _dir(tmp_path, "admin"), _dir(tmp_path, "agent")
    # A helper refuses an empty database and names the command.
    refused = run_cli(admin_pc, "contacts", "history", "tb_x", "--db", empty_db, check=False)
    assert refused.returncode == 1
    assert "错误：" in refused.stderr and "helper db upgrade" in refused.stderr

    created = run_cli(admin_pc, "db", "upgrade", "--db", empty_db)
    assert "已建表" in created.stdout
    again = run_cli(admin_pc, "db", "upgrade", "--db", empty_db)
    assert "已是最新版本" in again.stdout

    # Upgraded but no team key yet: the helper says the admin must run team init.
    no_team = run_cli(admin_pc, "contacts", "history", "tb_x", "--db", empty_db, check=False)
    assert no_team.returncode == 1 and "helper team init" in no_team.stderr

    init = run_cli(admin_pc, "team", "init", "--db", empty_db)
    code = init.stdout.strip().splitlines()[-1]
    assert code.startswith("WBG1-")
    key_file = admin_pc / "team.key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    # The database holds no copy of the key.
    store = open_store(empty_db, migrate=False)
    try:
        with store.read() as conn:
            dump = "".join(
                str(row) for row in conn.exec_driver_sql("SELECT * FROM team").fetchall()
            )
    finally:
        store.close()
    assert key_file.read_bytes().hex() not in dump

    second = run_cli(admin_pc, "team", "init", "--db", empty_db, check=False)
    assert second.returncode == 1 and "helper team join" in second.stderr

    # The agent's PC: refused until it joins, then works.
    before = run_cli(agent_pc, "contacts", "history", "tb_x", "--db", empty_db, check=False)
    assert before.returncode == 1 and "helper team join" in before.stderr
    joined = run_cli(agent_pc, "team", "join", code.lower(), "--db", empty_db)
    assert "已加入团队" in joined.stdout
    assert stat.S_IMODE((agent_pc / "team.key").stat().st_mode) == 0o600
    assert (agent_pc / "team.key").read_bytes() == key_file.read_bytes()
    run_cli(agent_pc, "contacts", "history", "tb_x", "--db", empty_db)

    check = run_cli(agent_pc, "db", "check", "--db", empty_db)
    assert "引擎：postgresql" in check.stdout
    assert "连接：正常" in check.stdout
    assert ", ".join(sorted(latest_heads())) in check.stdout
    assert "团队密钥：正常" in check.stdout


def test_a_mistyped_or_foreign_join_code_is_refused(tmp_path: Path, team_db: str) -> None:
    pc = _dir(tmp_path, "pc")
    mistyped = run_cli(pc, "team", "join", "WBG1-AAAAA-BBBBB", "--db", team_db, check=False)
    assert mistyped.returncode == 1 and "加入码" in mistyped.stderr
    other_team = _dir(tmp_path, "other")
    from helper.team.secret import join_code, new_secret

    foreign = run_cli(pc, "team", "join", join_code(new_secret()), "--db", team_db, check=False)
    assert foreign.returncode == 1 and "不符" in foreign.stderr
    assert not (pc / "team.key").exists() and not (other_team / "team.key").exists()


def test_a_helper_with_another_teams_key_refuses(tmp_path: Path, team_db: str) -> None:
    from helper.team.secret import new_secret, write_secret

    pc = _dir(tmp_path, "pc")
    write_secret(pc / "team.key", new_secret())
    refused = run_cli(pc, "contacts", "history", "tb_x", "--db", team_db, check=False)
    assert refused.returncode == 1
    assert "不符" in refused.stderr and "--replace" in refused.stderr


def test_an_outdated_schema_is_refused_until_upgraded(tmp_path: Path, pg_cluster) -> None:  # type: ignore[no-untyped-def]
    pc = _dir(tmp_path, "pc")
    with fresh_database(pg_cluster) as url:
        store = open_store(url, migrate=False)
        try:
            store.engine.dispose()
            from alembic import command

            from helper.store.migrate import alembic_config

            config = alembic_config()
            with store.engine.begin() as connection:
                config.attributes["connection"] = connection
                command.downgrade(config, "0004_warnings")
            assert current_heads(store.engine) == {"0004_warnings"}
        finally:
            store.close()
        TestCluster.join(pc, url)
        refused = run_cli(pc, "contacts", "history", "tb_x", check=False)
        assert refused.returncode == 1
        assert "已过时" in refused.stderr and "helper db upgrade" in refused.stderr
        check = run_cli(pc, "db", "check", check=False)
        assert check.returncode == 1 and "helper db upgrade" in check.stderr
        run_cli(pc, "db", "upgrade")
        # The schema is current again; the downgrade dropped the team table, so what is
        # missing now is the team key's verifier, and the helper says so.
        after = run_cli(pc, "contacts", "history", "tb_x", check=False)
        assert after.returncode == 1 and "helper team init" in after.stderr


def test_a_password_in_the_config_file_is_refused(tmp_path: Path, team_db: str) -> None:
    pc = _dir(tmp_path, "pc")
    with_password = team_db.replace("postgres@", "postgres:hunter2@")
    (pc / "config.toml").write_text(f'[store]\nurl = "{with_password}"\n', encoding="utf-8")
    refused = run_cli(pc, "contacts", "history", "tb_x", check=False)
    assert refused.returncode == 1
    assert "不能写数据库密码" in refused.stderr and "PGPASSWORD" in refused.stderr
    assert "hunter2" not in refused.stderr


def test_the_password_comes_from_pgpass_or_the_environment(
    tmp_path: Path, team_db: str, pg_cluster: TestCluster
) -> None:
    from sqlalchemy.engine import make_url

    role = f"wbg_agent_{os.getpid()}"
    database = make_url(team_db).database
    admin(
        pg_cluster.admin_url,
        f"DROP ROLE IF EXISTS {role}",
        f"CREATE ROLE {role} LOGIN PASSWORD 's3cret-pw'",
        f'GRANT ALL ON DATABASE "{database}" TO {role}',
    )
    admin(team_db, f"GRANT ALL ON ALL TABLES IN SCHEMA public TO {role}")
    try:
        pc = _dir(tmp_path, "pc")
        TestCluster.join(pc, team_db.replace("postgres@", f"{role}@"))
        url = make_url(team_db)
        without = run_cli(pc, "db", "check", check=False, env={"PGPASSFILE": "/nonexistent"})
        assert without.returncode == 1 and "错误：" in without.stderr
        pgpass = tmp_path / "pgpass"
        pgpass.write_text(f"{url.host}:{url.port}:{database}:{role}:s3cret-pw\n")
        pgpass.chmod(0o600)
        via_file = run_cli(pc, "db", "check", env={"PGPASSFILE": str(pgpass)})
        assert "连接：正常" in via_file.stdout
        via_env = run_cli(
            pc, "db", "check", env={"PGPASSFILE": "/nonexistent", "PGPASSWORD": "s3cret-pw"}
        )
        assert "连接：正常" in via_env.stdout
    finally:
        admin(team_db, f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {role}")
        admin(pg_cluster.admin_url, f'REVOKE ALL ON DATABASE "{database}" FROM {role}')
        admin(pg_cluster.admin_url, f"DROP ROLE IF EXISTS {role}")


def test_tls_options_reach_libpq(tmp_path: Path, team_db: str) -> None:
    """The test server has no TLS: sslmode=verify-full (with a root certificate) makes libpq
    itself refuse it, sslmode=disable connects, so the options reach libpq as written."""
    pc = _dir(tmp_path, "pc")
    from helper.team.secret import write_secret
    from tests.support.postgres import TEAM_SECRET

    write_secret(pc / "team.key", TEAM_SECRET)
    root = tmp_path / "root.crt"
    url = f"{team_db}?sslmode=verify-full&sslrootcert={root}"
    refused = run_cli(pc, "db", "check", "--db", url, check=False)
    assert refused.returncode == 1
    assert "SSL was required" in refused.stderr and "团队数据库" in refused.stderr
    plain = run_cli(pc, "db", "check", "--db", f"{team_db}?sslmode=disable")
    assert "连接：正常" in plain.stdout


@pytest.mark.parametrize("variable", ["HELPER_DATABASE_URL", "HELPER_DB_URL"])
def test_the_database_url_from_the_environment(tmp_path: Path, team_db: str, variable: str) -> None:
    pc = _dir(tmp_path, "pc")
    from helper.team.secret import write_secret
    from tests.support.postgres import TEAM_SECRET

    write_secret(pc / "team.key", TEAM_SECRET)
    check = run_cli(pc, "db", "check", env={variable: team_db})
    assert "引擎：postgresql" in check.stdout and "团队密钥：正常" in check.stdout
