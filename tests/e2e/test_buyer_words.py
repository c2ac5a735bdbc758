"""Buyer words from a chat page: the extension sends the chat history snippet, the helper reads
the buyer's messages, and a stop (in Traditional script) and a limit come out as what they are."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.e2e import harness
from tests.e2e.checks import eventually
from tests.support.helper_process import HelperProcess

pytestmark = pytest.mark.browser

SITES = Path(__file__).parent / "sites"
BUYER = "tb_e2e_words"  # the buyer of pages/chat-history.html


def test_a_chat_history_page_records_the_buyers_stop_and_limit(
    fresh_browser, pages: harness.PageServer, tmp_path: Path
) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(SITES, rules / "sites")
    data = tmp_path / "helper"
    data.mkdir()
    with HelperProcess(data, extra_args=("--rules", str(rules))) as helper:
        context = fresh_browser()
        harness.pair_through_popup(context, helper.data_dir, helper.port).close()
        page = context.new_page()
        page.goto(pages.url("chat-history.html"))

        def limits_recorded() -> dict:
            reply = helper.api.get("/v1/contacts/recent")
            assert reply.status == 200, reply.body
            limited = [b for b in reply.json["buyers"] if b["restrictions"]]
            assert len(limited) == 1, reply.json
            return limited[0]

        buyer = eventually(limits_recorded, timeout=20)
        assert [(r["kind"], r["allowed_until"]) for r in buyer["restrictions"]] == [
            ("hours", "21:00")
        ]
        # 別再傳簡訊給我: SMS is stopped, in the buyer's words and with when they were said
        sms = helper.api.post(
            "/v1/contacts/check", {"buyer": BUYER, "channel": "sms", "at": "2026-11-22T10:00"}
        ).json
        assert sms["verdict"] == "block"
        (stop,) = [r for r in sms["reasons"] if r["rule_id"] == "contact.opted_out"]
        assert "別再傳簡訊給我" in stop["message"] and "11月21日 10:01" in stop["message"]
        # the limit keeps calls open before nine in the evening, not a blanket stop
        before = {"buyer": BUYER, "channel": "call", "at": "2026-11-22T20:59"}
        assert helper.api.post("/v1/contacts/check", before).json["verdict"] == "allow"
        after = {**before, "at": "2026-11-22T21:00"}
        late = helper.api.post("/v1/contacts/check", after).json
        assert "contact.restricted.hours" in [r["rule_id"] for r in late["reasons"]]

        # the dashboard's contacts card shows the restricted buyer with the buyer's words
        dashboard = context.new_page()
        dashboard.goto(
            f"chrome-extension://{harness.extension_id(context)}/dashboard/dashboard.html"
        )
        tag = dashboard.locator("#contacts .restriction")
        tag.wait_for(timeout=15_000)
        assert tag.inner_text() == "买家限制：“电话可以打，晚上九点以后别打”"
        assert tag.get_attribute("title") == "买家 11/21 10:03 说的"  # Beijing time
