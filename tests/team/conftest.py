"""Team fixtures: a fresh team database, and data directories of agents who joined it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.support.postgres import TestCluster, fresh_database

AgentDir = Callable[[str], Path]


@pytest.fixture
def team_db(pg_cluster: TestCluster) -> Iterator[str]:
    """A fresh, migrated team database with the test team's key verifier in it."""
    with fresh_database(pg_cluster) as url:
        yield url


@pytest.fixture
def agent_dir(tmp_path: Path, team_db: str) -> AgentDir:
    """``agent_dir("小王")``: the data directory of agent 小王, joined to ``team_db``."""

    def make(name: str) -> Path:
        path = tmp_path / f"agent-{len(list(tmp_path.iterdir()))}"
        path.mkdir()
        TestCluster.join(path, team_db)
        with (path / "config.toml").open("a", encoding="utf-8") as config:
            config.write(f'[team]\nagent = "{name}"\n')
        return path

    return make
