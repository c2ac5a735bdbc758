"""Shared fixtures: settings on a temp data dir, the real Flask app, a real ``helper serve``.

Tests that need Chromium or PostgreSQL skip with a reason on a laptop that lacks them;
``WBG_REQUIRE_BROWSER=1`` / ``WBG_REQUIRE_POSTGRES=1`` (set by .ci/run) turn those skips into
failures, so CI always runs them.
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


def require_or_skip(env_var: str, reason: str) -> None:
    """Skip on a developer's machine; fail where ``env_var`` says the dependency is required."""
    if os.environ.get(env_var) == "1":
        pytest.fail(f"{reason} (required because {env_var}=1)")
    pytest.skip(reason)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    path = tmp_path / "data"
    path.mkdir()
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
