"""Warning decisions reach the evidence pack: on a chat page that shows its buyer, the send
guard sends that buyer with every decision, and the draft's text only when the agent ticked
「保存这条消息原文，用于申诉举证」 at 「仍然发送」. The pack of a complaint naming the buyer
lists the warnings and what the agent did."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page, Playwright

from tests.e2e import harness
from tests.e2e.checks import check_message, equal, eventually, finding_over, marker_for
from tests.support.helper_process import HelperProcess

pytestmark = pytest.mark.browser

SITES = Path(__file__).parent / "sites"
BUYER = "tb_e2e_guard"  # the buyer pages/chat-buyer.html shows
PHONE = "13812345678"
GUARD = "wbg-overlay .wbg-guard"


@pytest.fixture(scope="module")
def chat(
    playwright: Playwright, pages: harness.PageServer, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[HelperProcess, BrowserContext]]:
    """A helper that knows the chat page's site profile, and a browser paired with it."""
    root = tmp_path_factory.mktemp("warning-evidence")
    shutil.copytree(SITES, root / "rules" / "sites")
    (root / "helper").mkdir()
    with HelperProcess(root / "helper", extra_args=("--rules", str(root / "rules"))) as helper:
        context = harness.launch(playwright, root / "profile")
        try:
            harness.pair_through_popup(context, helper.data_dir, helper.port).close()
            yield helper, context
        finally:
            context.close()


def warnings(helper: HelperProcess) -> list[dict[str, Any]]:
    reply = helper.api.get("/v1/warnings/recent?limit=200")
    assert reply.status == 200, reply.body
    return reply.json["warnings"]


def send_anyway(page: Page, helper: HelperProcess, draft: str, word: str, keep: bool) -> int:
    """Type ``draft``, press Enter, (maybe tick the box and) 仍然发送; the findings' count."""
    findings = check_message(helper, draft)["findings"]
    assert check_message(helper, draft)["verdict"] == "block"
    before = len(warnings(helper))
    page.click(harness.EDITOR)
    page.keyboard.type(draft)
    finding = finding_over(helper, draft, word)
    marker_for(page, finding["start"], finding["end"])
    page.keyboard.press("Enter")
    page.locator(GUARD).wait_for(state="visible", timeout=5_000)
    box = page.locator(f"{GUARD} .wbg-keep input[type=checkbox]")
    assert "保存这条消息原文，用于申诉举证" in page.locator(f"{GUARD} .wbg-keep").inner_text()
    assert not box.is_checked()  # off unless the agent ticks it
    if keep:
        box.check()
    page.locator(f"{GUARD} .wbg-guard-send").click()
    eventually(lambda: equal(harness.sent_messages(page)[-1:], [draft]))
    eventually(lambda: equal(len(warnings(helper)) - before, len(findings)))
    return len(findings)


def complaint_on_the_buyer(helper: HelperProcess) -> int:
    complaint = helper.api.post("/v1/complaints", {"type": "恶意骚扰", "buyer": BUYER})
    assert complaint.status == 200, complaint.body
    return int(complaint.json["complaint"]["id"])


def pack(helper: HelperProcess, complaint_id: int, fmt: str) -> Any:
    reply = helper.api.get(f"/v1/complaints/{complaint_id}/evidence?format={fmt}")
    assert reply.status == 200, reply.body[:500]
    return reply.json if fmt == "json" else reply.body.decode("utf-8")


def pack_warnings(helper: HelperProcess, complaint_id: int) -> list[dict[str, Any]]:
    return [e for e in pack(helper, complaint_id, "json")["timeline"] if e["kind"] == "warning"]


def test_sent_anyway_on_a_buyers_chat_lands_in_that_buyers_evidence_pack(chat, pages) -> None:
    helper, context = chat
    page = context.new_page()
    page.goto(pages.url("chat-buyer.html"))
    page.wait_for_selector(harness.EDITOR)

    # Without the box ticked: the decision names the buyer, never the text.
    plain = "你这个傻逼"
    count = send_anyway(page, helper, plain, "傻逼", keep=False)
    recorded = warnings(helper)
    assert [w["text_kept"] for w in recorded] == [False] * count
    assert {w["action"] for w in recorded} == {"sent_anyway"}

    # Ticked: the draft is kept once, with its phone number masked by the helper.
    kept = f"你这个傻逼，有事打{PHONE}"
    kept_count = send_anyway(page, helper, kept, "傻逼", keep=True)
    recorded = warnings(helper)  # newest first
    assert [w["text_kept"] for w in recorded[:kept_count]].count(True) == 1

    complaint = complaint_on_the_buyer(helper)
    shown = pack_warnings(helper, complaint)
    assert len(shown) == count + kept_count
    assert {e["action"] for e in shown} == {"sent_anyway"}
    assert {e["action_label"] for e in shown} == {"仍然发送"}
    assert "insult" in shown[0]["rule_ids"][0]
    texts = [e["text"] for e in shown if e.get("text")]
    assert texts == ["你这个傻逼，有事打138****5678"]
    html = pack(helper, complaint, "html")
    assert PHONE not in html and "138****5678" in html and "仍然发送" in html
    page.close()


def test_a_page_without_a_buyer_sends_none(chat, pages) -> None:
    """The plain textarea page names no buyer: its decisions stay out of every pack."""
    helper, context = chat
    page = context.new_page()
    page.goto(pages.url("textarea.html"))
    page.wait_for_selector(harness.EDITOR)
    complaint = complaint_on_the_buyer(helper)
    before = pack_warnings(helper, complaint)
    before_all = len(warnings(helper))
    count = send_anyway(page, helper, "傻逼", "傻逼", keep=False)
    assert len(warnings(helper)) == before_all + count  # recorded, with no buyer
    assert pack_warnings(helper, complaint) == before
    page.close()
