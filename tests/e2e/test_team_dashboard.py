"""The dashboard of an agent whose helper shares a team database (PostgreSQL): the team
section lists each agent's day and the buyer near a cap, masked; when the database goes away
the banner says so in Chinese, and the dashboard recovers when it is back."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import require_or_skip
from tests.e2e import harness
from tests.support.helper_process import HelperProcess
from tests.support.postgres import TestCluster, fresh_database, start_cluster

pytestmark = [pytest.mark.browser, pytest.mark.postgres]

PHONE = "13812345678"


@pytest.fixture(scope="module")
def team_helpers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple]:
    """Its own cluster (the test stops the server), a team database, two agents' helpers."""
    cluster, reason = start_cluster(own=True)
    if cluster is None:
        require_or_skip("WBG_REQUIRE_POSTGRES", reason)
    try:
        with fresh_database(cluster) as url:
            dirs = []
            for name in ("小王", "小李"):
                path = Path(tmp_path_factory.mktemp(f"team-{len(dirs)}"))
                TestCluster.join(path, url)
                with (path / "config.toml").open("a", encoding="utf-8") as config:
                    config.write(f'[team]\nagent = "{name}"\n')
                dirs.append(path)
            with HelperProcess(dirs[0]) as wang, HelperProcess(dirs[1]) as li:
                yield cluster, wang, li
    finally:
        cluster.stop()


def _call(helper: HelperProcess, buyer: str) -> None:
    """A call made just now, logged (not reserved: it is recorded whatever the hour)."""
    body = {"buyer": buyer, "channel": "call", "outcome": "answered"}
    assert helper.api.post("/v1/contacts/attempts", body).status == 200


def test_team_section_and_outage_banner(playwright, team_helpers, tmp_path, artifacts):
    cluster, wang, li = team_helpers
    _call(wang, PHONE)
    _call(li, PHONE)
    _call(li, "tb_other")
    context = harness.launch(playwright, tmp_path / "profile")
    try:
        harness.pair_through_popup(context, wang.data_dir, wang.port).close()
        dashboard = context.new_page()
        dashboard.set_viewport_size({"width": 1280, "height": 900})
        dashboard.goto(
            f"chrome-extension://{harness.extension_id(context)}/dashboard/dashboard.html"
        )
        team = dashboard.locator("#team")
        team.locator("li", has_text="小李：联系 2 次").wait_for(timeout=15_000)
        shown = team.inner_text()
        assert "团队今日" in shown
        assert "小王：联系 1 次（1 位买家）" in shown
        near = team.locator("li[data-buyer='138****5678']")
        assert "最近联系：" in near.inner_text() and "2/3" in near.inner_text()
        assert PHONE not in dashboard.content()
        dashboard.screenshot(path=artifacts / "dashboard-team.png", full_page=True)

        cluster.pause()
        try:
            dashboard.reload()
            banner = dashboard.locator("#banner")
            banner.wait_for(state="visible", timeout=15_000)
            assert "团队数据库暂时无法连接" in banner.inner_text()
        finally:
            cluster.resume()
        dashboard.reload()
        team.locator("li", has_text="小李：联系 2 次").wait_for(timeout=60_000)
        assert dashboard.locator("#banner").is_hidden()
    finally:
        context.close()
