"""Shared fixtures: settings on a temp data dir, the real Flask app, a real ``helper serve``.

Tests that need Chromium or PostgreSQL skip with a reason on a laptop that lacks them;
``WBG_REQUIRE_BROWSER=1`` / ``WBG_REQUIRE_POSTGRES=1`` (set by .ci/run) turn those skips into
failures, so CI always runs them.

The contacts, complaints, reminders, warnings, allowances, evidence, API and team suites run
twice, on SQLite and on PostgreSQL (``TWO_ENGINE_SUITES``): the ``data_dir`` of a PostgreSQL
run carries a ``config.toml`` whose ``[store] url`` names a fresh database of its own, and the
team key, so the app, the CLI and ``helper serve`` all use it through the ordinary
configuration.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from helper.app import create_app
from helper.services import Services
from helper.settings import Settings, load_settings
from tests.support.helper_process import HelperProcess, free_port
from tests.support.postgres import TestCluster, fresh_database, start_cluster

# Test modules (paths relative to tests/) whose tests run on both engines.
TWO_ENGINE_SUITES = (
    "contacts/",
    "evidence/",
    "team/",
    "test_api_base.py",
    "test_complaints_api.py",
    "test_complaints_cli.py",
    "test_reminders_api.py",
    "test_reminders_served.py",
    "test_reminder_delivery.py",
    "test_allowances_api.py",
    "test_warnings_api.py",
)
_TESTS_DIR = Path(__file__).resolve().parent


def require_or_skip(env_var: str, reason: str) -> None:
    """Skip on a developer's machine; fail where ``env_var`` says the dependency is required."""
    if os.environ.get(env_var) == "1":
        pytest.fail(f"{reason} (required because {env_var}=1)")
    pytest.skip(reason)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "db_engine" not in metafunc.fixturenames:
        return
    module = Path(str(metafunc.definition.fspath)).resolve().relative_to(_TESTS_DIR).as_posix()
    if module.startswith(TWO_ENGINE_SUITES):
        engines = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
        metafunc.parametrize("db_engine", engines, indirect=True)


@pytest.fixture
def db_engine(request: pytest.FixtureRequest) -> str:
    """ "sqlite" (every suite) or "postgresql" (the second run of ``TWO_ENGINE_SUITES``)."""
    return getattr(request, "param", "sqlite")


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[TestCluster]:
    """A PostgreSQL server for the whole run: WBG_TEST_PG_URL, else a throwaway cluster
    started with scripts/pg-test-cluster.sh, else a skip (a failure under
    WBG_REQUIRE_POSTGRES=1)."""
    cluster, reason = start_cluster()
    if cluster is None:
        require_or_skip("WBG_REQUIRE_POSTGRES", reason)
    yield cluster
    cluster.stop()


@pytest.fixture
def pg_url(request: pytest.FixtureRequest) -> Iterator[str]:
    """A fresh, migrated team database of this test's own (dropped afterwards)."""
    cluster: TestCluster = request.getfixturevalue("pg_cluster")
    with fresh_database(cluster) as url:
        yield url


@pytest.fixture
def data_dir(tmp_path: Path, db_engine: str, request: pytest.FixtureRequest) -> Path:
    path = tmp_path / "data"
    path.mkdir()
    if db_engine == "postgresql":
        url = request.getfixturevalue("pg_url")
        TestCluster.join(path, url)
    return path


@pytest.fixture
def settings(data_dir: Path) -> Settings:
    return load_settings(data_dir, port=free_port())


@pytest.fixture
def app(settings: Settings) -> Iterator[Flask]:
    application = create_app(settings, background=False)
    yield application
    application.extensions["wbg"].close()


@pytest.fixture
def services(app: Flask) -> Services:
    return app.extensions["wbg"]


@pytest.fixture
def token(services: Services) -> str:
    from helper.auth.tokens import issue_token

    with services.local_store.write() as conn:
        _, secret = issue_token(conn, name="tests", kind="script", now=services.clock())
    return secret


class HelperTestClient(FlaskClient):
    """Sends every request to http://127.0.0.1:PORT, as the extension does."""

    base_url = "http://127.0.0.1"

    def open(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        kwargs.setdefault("base_url", self.base_url)
        return super().open(*args, **kwargs)


@pytest.fixture
def client(app: Flask, settings: Settings, token: str) -> FlaskClient:
    """The real app's test client, sent to the right Host and carrying a valid token."""
    app.test_client_class = HelperTestClient
    test_client = app.test_client()
    test_client.base_url = f"http://127.0.0.1:{settings.port}"  # type: ignore[attr-defined]
    test_client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    return test_client


@pytest.fixture
def served(data_dir: Path) -> Iterator[HelperProcess]:
    """A real ``helper serve`` subprocess with a script token (``served.api``)."""
    with HelperProcess(data_dir) as helper:
        yield helper
