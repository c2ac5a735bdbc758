"""A click on a tel: link shows the contact verdict first, then records the call's outcome."""

from __future__ import annotations

import pytest

from tests.e2e.checks import eventually

pytestmark = pytest.mark.browser

PHONE = "13800138000"  # the number behind the textarea page's 拨打 link


def history(helper) -> dict:
    reply = helper.api.post("/v1/contacts/history", {"buyer": PHONE})
    assert reply.status == 200, reply.body
    return reply.json


def test_tel_click_shows_verdict_then_records_outcome(open_page, helper):
    page = open_page("textarea.html")
    expected = helper.api.post("/v1/contacts/check", {"buyer": PHONE, "channel": "call"}).json
    attempts_before = len(history(helper)["attempts"])

    page.click("#call")
    panel = page.locator("wbg-overlay .wbg-dial")
    panel.wait_for(state="visible", timeout=5_000)
    verdict = panel.locator(f'.wbg-verdict[data-verdict="{expected["verdict"]}"]')
    verdict.wait_for(state="visible", timeout=10_000)
    assert PHONE not in panel.inner_text(), "the panel must show the number masked"
    assert page.evaluate("window.callClicks") == [], "the call went ahead before the verdict"

    panel.locator(".wbg-dial-go").click()
    assert page.evaluate("window.callClicks") == [f"tel:{PHONE}"]
    panel.locator('.wbg-outcome[data-outcome="unanswered"]').click()
    panel.locator(".wbg-recorded").wait_for(timeout=5_000)

    attempts = eventually(lambda: _more(history(helper)["attempts"], attempts_before))
    newest = attempts[0]  # the history lists the newest attempt first
    assert (newest["channel"], newest["outcome"]) == ("call", "unanswered")


def test_tel_click_cancelled_does_not_call(open_page):
    page = open_page("contenteditable.html")
    page.click("#call")
    panel = page.locator("wbg-overlay .wbg-dial")
    panel.locator(".wbg-verdict:not([data-verdict='checking'])").wait_for(timeout=10_000)
    panel.locator(".wbg-dial-cancel").click()
    panel.wait_for(state="hidden", timeout=5_000)
    assert page.evaluate("window.callClicks") == []


def _more(attempts: list, before: int) -> list:
    assert len(attempts) > before, attempts
    return attempts
