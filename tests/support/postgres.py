"""A PostgreSQL server for the tests: WBG_TEST_PG_URL, or a throwaway cluster of our own.

The cluster comes from scripts/pg-test-cluster.sh (initdb + pg_ctl in a temporary directory,
127.0.0.1 only, trust auth for the ``postgres`` user). A template database is migrated once
per run, with the test team's key verifier in it; each test gets its own copy
(``CREATE DATABASE … TEMPLATE``), dropped afterwards.

An external server (WBG_TEST_PG_URL, e.g. ``postgresql+psycopg://postgres@127.0.0.1:5432/postgres``)
must let that user create databases.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import psycopg
from sqlalchemy.engine import make_url

from tests.support.helper_process import free_port

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "pg-test-cluster.sh"
URL_ENV = "WBG_TEST_PG_URL"
# The team key every PostgreSQL test's helper holds (its verifier is in the template).
TEAM_SECRET = bytes(range(100, 132))


def server_binaries() -> str | None:
    found = shutil.which("pg_ctl")
    if found:
        return found
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    return candidates[-1] if candidates else None


def with_database(url: str, name: str) -> str:
    return make_url(url).set(database=name).render_as_string(hide_password=False)


def libpq_url(url: str) -> str:
    """The same URL for psycopg itself (no SQLAlchemy driver name)."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def admin(url: str, *statements: str) -> None:
    with psycopg.connect(libpq_url(url), autocommit=True) as conn:
        for statement in statements:
            conn.execute(statement)


@dataclass
class TestCluster:
    admin_url: str
    port: int | None  # set when this run started the cluster (and so stops it)
    template: str

    __test__ = False  # not a test class, whatever its name

    def url(self, database: str) -> str:
        return with_database(self.admin_url, database)

    def stop(self) -> None:
        try:
            admin(self.admin_url, f'DROP DATABASE IF EXISTS "{self.template}" WITH (FORCE)')
        finally:
            if self.port is not None:
                subprocess.run(["bash", str(SCRIPT), "stop", str(self.port)], check=False)

    def pause(self) -> None:
        """Stop the server abruptly, keeping its data (an outage); ``resume`` ends it."""
        self._script("pause")

    def resume(self) -> None:
        self._script("resume")

    def _script(self, action: str) -> None:
        assert self.port is not None, "only a cluster this run started can be paused"
        subprocess.run(["bash", str(SCRIPT), action, str(self.port)], check=True)

    @staticmethod
    def join(data_dir: Path, url: str) -> None:
        """Make ``data_dir`` a helper of the test team on the database at ``url``."""
        from helper.team.secret import write_secret

        with (data_dir / "config.toml").open("a", encoding="utf-8") as config:
            config.write(f'[store]\nurl = "{url}"\n')
        write_secret(data_dir / "team.key", TEAM_SECRET)


def start_cluster(*, own: bool = False) -> tuple[TestCluster | None, str]:
    """The run's server; ``own`` starts a cluster of our own even when WBG_TEST_PG_URL names
    one (a test that stops its server must not stop everyone's)."""
    url = None if own else os.environ.get(URL_ENV)
    port = None
    if not url:
        if server_binaries() is None:
            return None, (
                "PostgreSQL server binaries not found (apt-get install postgresql) and "
                f"{URL_ENV} is not set"
            )
        port = free_port()
        started = subprocess.run(
            ["bash", str(SCRIPT), "start", str(port)], capture_output=True, text=True
        )
        if started.returncode != 0:
            return None, f"could not start a test PostgreSQL cluster: {started.stderr.strip()}"
        url = started.stdout.strip().splitlines()[-1]
    cluster = TestCluster(url, port, f"wbg_template_{os.getpid()}")
    _prepare_template(cluster)
    return cluster, ""


def _prepare_template(cluster: TestCluster) -> None:
    from helper.store import open_store
    from helper.team.secret import verifier
    from helper.team.tables import TEAM_ROW_ID, team

    name = cluster.template
    admin(
        cluster.admin_url,
        f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)',
        f'CREATE DATABASE "{name}"',
    )
    store = open_store(cluster.url(name), migrate=True)
    try:
        with store.write() as conn:
            conn.execute(
                team.insert().values(
                    id=TEAM_ROW_ID,
                    verifier=verifier(TEAM_SECRET),
                    created_at=datetime.now(UTC),
                    created_by="tests",
                )
            )
    finally:
        store.close()


@contextmanager
def fresh_database(cluster: TestCluster) -> Iterator[str]:
    name = f"wbg_t_{uuid.uuid4().hex[:12]}"
    admin(cluster.admin_url, f'CREATE DATABASE "{name}" TEMPLATE "{cluster.template}"')
    try:
        yield cluster.url(name)
    finally:
        admin(cluster.admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
