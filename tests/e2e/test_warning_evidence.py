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
KEEP = f"{GUARD} .wbg-keep input[type=checkbox]"


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


def hold(page: Page, helper: HelperProcess, draft: str, word: str) -> list[str]:
    """Type ``draft`` and press Enter: the guard holds it, its keep box unticked. The rule ids
    of the draft's findings, one decision each to come."""
    answer = check_message(helper, draft)
    assert answer["verdict"] == "block"
    page.click(harness.EDITOR)
    page.keyboard.type(draft)
    finding = finding_over(helper, draft, word)
    marker_for(page, finding["start"], finding["end"])
    page.keyboard.press("Enter")
    page.locator(GUARD).wait_for(state="visible", timeout=5_000)
    assert page.locator(f"{GUARD} .wbg-keep").inner_text() == "保存这条消息原文，用于申诉举证"
    assert not page.locator(KEEP).is_checked()  # off unless the agent ticks it
    return [f["rule_id"] for f in answer["findings"]]


def send_anyway(
    page: Page,
    helper: HelperProcess,
    draft: str,
    word: str,
    keep: bool,
    artifacts: Path | None = None,
) -> list[str]:
    """Hold ``draft``, (tick the box and) 仍然发送; the rule ids decided."""
    before = len(warnings(helper))
    rule_ids = hold(page, helper, draft, word)
    if keep:
        page.locator(KEEP).check()
        if artifacts is not None:
            page.screenshot(path=artifacts / "send-guard-keep.png")
    page.locator(f"{GUARD} .wbg-guard-send").click()
    eventually(lambda: equal(harness.sent_messages(page)[-1:], [draft]))
    eventually(lambda: equal(len(warnings(helper)) - before, len(rule_ids)))
    return rule_ids


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


def test_sent_anyway_on_a_buyers_chat_lands_in_that_buyers_evidence_pack(
    chat, pages, artifacts
) -> None:
    helper, context = chat
    page = context.new_page()
    page.goto(pages.url("chat-buyer.html"))
    page.wait_for_selector(harness.EDITOR)

    # Without the box ticked: the decision names the buyer, never the text.
    plain = "你这个傻逼"
    sent = send_anyway(page, helper, plain, "傻逼", keep=False)
    recorded = warnings(helper)
    assert [w["text_kept"] for w in recorded] == [False] * len(sent)
    assert {w["action"] for w in recorded} == {"sent_anyway"}

    # Ticked, then cancelled with Escape: nothing kept (only 仍然发送 keeps the text).
    kept = f"你这个傻逼，有事打{PHONE}"
    cancelled = hold(page, helper, kept, "傻逼")
    page.locator(KEEP).check()
    page.keyboard.press("Escape")
    page.locator(GUARD).wait_for(state="hidden", timeout=5_000)
    eventually(lambda: equal(len(warnings(helper)), len(sent) + len(cancelled)))
    assert [w["action"] for w in warnings(helper)[: len(cancelled)]] == ["cancelled"] * len(
        cancelled
    )
    assert not any(w["text_kept"] for w in warnings(helper))
    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")

    # Ticked at 仍然发送: the draft is kept once, its phone number masked by the helper.
    sent_kept = send_anyway(page, helper, kept, "傻逼", keep=True, artifacts=artifacts)
    recorded = warnings(helper)  # newest first
    assert [w["text_kept"] for w in recorded].count(True) == 1

    complaint = complaint_on_the_buyer(helper)
    shown = pack_warnings(helper, complaint)
    assert sorted(r for e in shown for r in e["rule_ids"]) == sorted(sent + cancelled + sent_kept)
    actions = [e["action_label"] for e in shown]
    assert actions.count("仍然发送") == len(sent) + len(sent_kept)
    assert actions.count("未发送") == len(cancelled)
    texts = [e["text"] for e in shown if e.get("text")]
    assert texts == [f"你这个傻逼，有事打{PHONE[:3]}****{PHONE[-4:]}"]
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
    sent = send_anyway(page, helper, "傻逼", "傻逼", keep=False)
    assert len(warnings(helper)) == before_all + len(sent)  # recorded, with no buyer
    assert pack_warnings(helper, complaint) == before
    page.close()
