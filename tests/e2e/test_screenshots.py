"""Screenshots of what the agent sees, saved to test-artifacts/ for a human to look at.

Each test also checks that what the screenshot shows is there, so a blank picture fails.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from helper.times import PLATFORM_TZ
from tests.e2e import harness
from tests.e2e.checks import check_message, finding_over, marker_for

pytestmark = pytest.mark.browser

EXTENSION_DIR = Path(__file__).parents[2] / "extension"
ORDER_PAGE = Path(__file__).parents[1] / "fixtures" / "pages" / "taobao_order_detail.html"
DRAFT = "亲，第三次说了，你这个傻逼，再投诉我就去你家找你"


def test_overlay_tooltip_guard_and_dial_screenshots(open_page, helper, artifacts):
    for kind in ("textarea", "contenteditable", "iframe"):
        page = open_page(harness.CHATS[kind][0])
        frame = harness.chat_frame(page, kind)
        frame.click(harness.EDITOR)
        page.keyboard.type(DRAFT)
        finding = finding_over(helper, DRAFT, "傻逼")
        marker = marker_for(frame, finding["start"], finding["end"])
        harness.hover_marker(page, frame, marker)
        tooltip = frame.locator("wbg-overlay .wbg-tooltip")
        tooltip.wait_for(state="visible", timeout=5_000)
        assert tooltip.locator(".wbg-scene").inner_text().strip()
        assert tooltip.locator(".wbg-message").inner_text().strip()
        assert tooltip.locator(".wbg-replace").inner_text().strip() == "替换"  # zh_CN UI
        assert tooltip.locator(".wbg-use-suggestion").inner_text().strip() == "改用建议回复"
        page.screenshot(path=artifacts / f"overlay-{kind}.png")

    page.keyboard.press("Enter")
    guard = frame.locator("wbg-overlay .wbg-guard")
    guard.wait_for(state="visible", timeout=5_000)
    assert guard.locator(".wbg-guard-edit").inner_text().strip() == "修改"
    assert guard.locator(".wbg-guard-send").inner_text().strip() == "仍然发送"
    # Each finding with its penalty and the polite rewrite; 「修改」 has the keyboard focus.
    assert guard.locator(".wbg-guard-finding").count() == len(
        check_message(helper, DRAFT)["findings"]
    )
    assert "本平台处罚" in guard.locator(".wbg-cost").first.inner_text()
    assert guard.locator(".wbg-suggestion").first.inner_text().startswith("建议回复：")
    assert frame.evaluate(
        "() => document.querySelector('wbg-overlay').shadowRoot.activeElement.className"
    ).startswith("wbg-guard-edit")
    page.screenshot(path=artifacts / "send-guard.png")
    frame.locator("wbg-overlay .wbg-guard-edit").click()

    page = open_page("textarea.html")
    page.click("#call")
    dial = page.locator("wbg-overlay .wbg-dial")
    dial.locator(".wbg-verdict:not([data-verdict='checking'])").wait_for(timeout=10_000)
    page.screenshot(path=artifacts / "dial-panel.png")
    dial.locator(".wbg-dial-cancel").click()


def test_dashboard_and_popup_screenshots(paired_context, helper, artifacts):
    complaint = helper.api.post(
        "/v1/complaints",
        {
            "type": "恶意骚扰",
            "case_id": "E2E-20261122-01",
            "buyer": "tb_buyer_01",
            "order_id": "3187654321",
        },
    )
    assert complaint.status == 200, complaint.body
    complaint_id = complaint.json["complaint"]["id"]
    # Later today on the platform's clock (the dashboard lists today's reminders): two hours on,
    # or half of what is left of the day after 22:00 Beijing time.
    now = datetime.now(PLATFORM_TZ)
    midnight = datetime.combine(now.date() + timedelta(days=1), datetime.min.time(), PLATFORM_TZ)
    later = now + min(timedelta(hours=2), (midnight - now) / 2)
    reminder = helper.api.post(
        "/v1/reminders",
        {
            "at": later.isoformat(),
            "title": "回拨买家",
            "body": "约好下午回电",
            "complaint_id": complaint_id,
        },
    )
    assert reminder.status == 200, reminder.body
    # The agent opened the order page a day after the trade succeeded: 14 days left to complain.
    settled = (datetime.now(UTC) - timedelta(days=1)).astimezone(PLATFORM_TZ)
    page = ORDER_PAGE.read_text("utf-8").replace("3812345678901234", "3187654321")
    page = page.replace("2026-11-15 08:30:00", settled.strftime("%Y-%m-%d %H:%M:%S"))
    order = helper.api.post(
        "/v1/snippets",
        {
            "url": "https://trade.taobao.com/trade/detail/trade_item_detail.htm?bizOrderId=3187654321",
            "html": page,
        },
    )
    assert order.status == 200, order.body
    assert order.json["recognized"][0]["order"]["complaint_window_open"] is True

    dashboard = paired_context.new_page()
    dashboard.set_viewport_size({"width": 1280, "height": 900})
    dashboard.goto(
        f"chrome-extension://{harness.extension_id(paired_context)}/dashboard/dashboard.html"
    )
    dashboard.wait_for_selector(f"#complaint-{complaint_id}", timeout=15_000)
    dashboard.locator("#reminders .list", has_text="回拨买家").wait_for(timeout=15_000)
    row = dashboard.locator(f"#complaint-{complaint_id}").inner_text()
    assert "tb_buyer_01" not in row, "the dashboard must show the buyer masked"
    order_row = dashboard.locator("#orders li[data-order='3187654321']")
    order_row.wait_for(timeout=15_000)
    shown = order_row.inner_text()
    assert "订单 3187654321" in shown and "还剩 14 天" in shown and "可投诉至" in shown
    assert "t**1" in shown and "tb_buyer01" not in shown
    assert dashboard.locator("#orders h2").inner_text() == "买家仍可投诉的订单"
    dashboard.screenshot(path=artifacts / "dashboard.png", full_page=True)
    dashboard.close()

    popup = harness.open_popup(paired_context)
    popup.wait_for_selector('#state[data-state="connected"]', timeout=15_000)
    popup.screenshot(path=artifacts / "popup-connected.png", full_page=True)
    popup.close()


def _extension_name() -> str:
    messages = EXTENSION_DIR / "_locales" / "zh_CN" / "messages.json"
    return json.loads(messages.read_text("utf-8"))["extName"]["message"]


def test_install_and_pairing_screenshots(fresh_browser, own_helper, artifacts):
    """What README.md shows an agent: the extensions page with developer mode on and the
    extension loaded, and the popup waiting for the pairing code with the code typed in."""
    context = fresh_browser()
    page = context.new_page()
    page.set_viewport_size({"width": 1100, "height": 620})
    page.goto("chrome://extensions")
    page.locator("#devMode").click()  # Playwright's CSS pierces the page's shadow roots
    card = page.locator(f"extensions-item#{harness.PINNED_EXTENSION_ID}")
    card.wait_for(timeout=15_000)
    page.locator("#loadUnpacked").wait_for(state="visible", timeout=15_000)
    assert card.locator("#name").inner_text() == _extension_name()
    page.wait_for_timeout(1_000)  # the developer-mode toolbar slides in; let it settle
    page.screenshot(path=artifacts / "extensions-page.png")
    page.close()

    popup = harness.open_popup(context)
    popup.set_viewport_size({"width": 380, "height": 280})
    harness.set_port(popup, own_helper.port)
    popup.wait_for_selector('#state[data-state="unpaired"]', timeout=15_000)
    popup.fill("#pair-code", harness.pairing_code(own_helper.data_dir))
    popup.click("#advanced summary")  # closed again: the agent needs no port on the default
    popup.screenshot(path=artifacts / "popup-pairing.png", full_page=True)
    popup.click("#pair-submit")
    popup.wait_for_selector('#state[data-state="connected"]', timeout=15_000)
    popup.close()
