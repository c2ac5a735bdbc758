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


def _answered_call_panel(page):
    """Click the page's 拨打 link, go ahead with the call and report it answered: the panel
    then offers to record what the buyer said."""
    page.click("#call")
    panel = page.locator("wbg-overlay .wbg-dial")
    panel.locator(".wbg-verdict:not([data-verdict='checking'])").wait_for(timeout=10_000)
    panel.locator(".wbg-dial-go").click()
    panel.locator('.wbg-outcome[data-outcome="answered"]').click()
    return panel


def _record_buyer_words(page, words: str):
    """After an answered call, type the buyer's own words into the panel and save them."""
    panel = _answered_call_panel(page)
    panel.locator(".wbg-buyer-text").fill(words)
    panel.locator(".wbg-buyer-save").click()
    panel.locator(".wbg-words-recorded").wait_for(timeout=5_000)
    return panel


def test_after_an_answered_call_one_click_records_that_the_buyer_said_stop(open_page, helper):
    buyer = "13800138000"
    page = open_page("textarea.html")
    panel = _answered_call_panel(page)
    stop = panel.locator(".wbg-buyer-stop")
    stop.wait_for(state="visible", timeout=5_000)
    assert stop.inner_text() == "买家说不要再打"
    assert panel.locator(".wbg-buyer-text").get_attribute("placeholder") == "记录买家原话"
    stop.click()
    panel.locator(".wbg-words-recorded").wait_for(timeout=5_000)

    check = helper.api.post("/v1/contacts/check", {"buyer": buyer, "channel": "call"}).json
    assert check["verdict"] == "block"
    (reason,) = [r for r in check["reasons"] if r["rule_id"] == "contact.opted_out"]
    assert "不要再打电话了" in reason["message"]  # the buyer's words, and when they were said
    assert "月" in reason["message"] and "日" in reason["message"]

    # the next click on the number shows that reason in the panel
    page.click("#call")
    panel.locator('.wbg-verdict[data-verdict="block"]').wait_for(timeout=10_000)
    assert "不要再打电话了" in panel.inner_text()
    panel.locator(".wbg-dial-cancel").click()


def test_the_buyers_own_words_set_a_limit_shown_in_the_panel(open_page, helper):
    page = open_page("contenteditable.html")
    buyer = page.get_attribute("#call", "href").removeprefix("tel:")
    _record_buyer_words(page, "周末不要打电话，工作日可以")

    recent = helper.api.get("/v1/contacts/recent").json["buyers"]
    limits = [r for b in recent for r in b.get("restrictions", [])]
    assert [(r["kind"], r["excerpt"]) for r in limits] == [("days", "周末不要打电话，工作日可以")]
    saturday = helper.api.post(
        "/v1/contacts/check",
        {"buyer": buyer, "channel": "call", "at": "2027-03-06T10:00"},
    ).json
    assert saturday["verdict"] == "block"
    assert "周末不要打电话" in saturday["reasons"][0]["message"]


def test_a_traditional_threat_to_report_typed_in_the_panel_is_a_stop(open_page, helper):
    page = open_page("textarea.html")
    # what a Taiwan buyer said on the phone: 聯絡 and 檢舉 are regional words
    panel = _record_buyer_words(page, "再聯絡我就去消保官檢舉你們")

    sms = helper.api.post("/v1/contacts/check", {"buyer": PHONE, "channel": "sms"}).json
    assert sms["verdict"] == "block"
    (reason,) = [r for r in sms["reasons"] if r["rule_id"] == "contact.opted_out"]
    assert "再聯絡我就去消保官檢舉你們" in reason["message"]

    page.click("#call")
    panel.locator('.wbg-verdict[data-verdict="block"]').wait_for(timeout=10_000)
    assert "再聯絡我就去消保官檢舉你們" in panel.inner_text()
    panel.locator(".wbg-dial-cancel").click()
