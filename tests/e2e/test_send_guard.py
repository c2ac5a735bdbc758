"""Enter (or 发送) on a draft the helper blocks is held until the agent decides."""

from __future__ import annotations

from collections import Counter

import pytest

from tests.e2e import harness
from tests.e2e.checks import check_message, equal, eventually, finding_over, marker_for

pytestmark = pytest.mark.browser

BLOCKED = "你这个傻逼，再投诉我就去你家找你"  # insult + threat to the address: block
CLEAN = "亲，您好，马上为您处理～"


def type_blocked_draft(page, frame, helper):
    frame.click(harness.EDITOR)
    page.keyboard.type(BLOCKED)
    assert check_message(helper, BLOCKED)["verdict"] == "block"
    finding = finding_over(helper, BLOCKED, "傻逼")
    marker_for(frame, finding["start"], finding["end"])  # the verdict has arrived


def guard_visible(frame) -> bool:
    return frame.locator("wbg-overlay .wbg-guard").is_visible()


def recent_actions(helper) -> list[str]:
    reply = helper.api.get("/v1/warnings/recent?limit=200")
    assert reply.status == 200, reply.body
    return [w["action"] for w in reply.json["warnings"]]


@pytest.mark.parametrize("kind", ["textarea", "contenteditable", "iframe", "react"])
def test_enter_on_a_blocked_draft_waits_for_the_agent(open_page, helper, kind):
    page = open_page(harness.CHATS[kind][0])
    frame = harness.chat_frame(page, kind)
    type_blocked_draft(page, frame, helper)
    actions_before = Counter(recent_actions(helper))

    page.keyboard.press("Enter")
    frame.locator("wbg-overlay .wbg-guard").wait_for(state="visible", timeout=5_000)
    assert harness.sent_messages(frame) == []
    assert harness.editor_text(frame) == BLOCKED

    frame.locator("wbg-overlay .wbg-guard-edit").click()  # 「修改」: back to the draft
    frame.locator("wbg-overlay .wbg-guard").wait_for(state="hidden", timeout=5_000)
    assert harness.sent_messages(frame) == []
    assert harness.editor_text(frame) == BLOCKED
    assert frame.evaluate(
        "(sel) => document.activeElement === document.querySelector(sel)", harness.EDITOR
    )

    page.keyboard.press("Enter")
    frame.locator("wbg-overlay .wbg-guard").wait_for(state="visible", timeout=5_000)
    frame.locator("wbg-overlay .wbg-guard-send").click()  # 「仍然发送」
    eventually(lambda: equal(harness.sent_messages(frame), [BLOCKED]))
    assert not guard_visible(frame)

    # What the agent did is recorded once per finding (never the text): 「修改」 is not a
    # decision of its own, 「仍然发送」 is, for each finding the draft still had.
    findings = check_message(helper, BLOCKED)["findings"]
    eventually(
        lambda: equal(
            Counter(recent_actions(helper)) - actions_before,
            Counter({"sent_anyway": len(findings)}),
        )
    )


def test_send_button_on_a_blocked_draft_is_guarded_too(open_page, helper):
    page = open_page("textarea.html")
    frame = harness.chat_frame(page, "textarea")
    type_blocked_draft(page, frame, helper)
    frame.click("button.send")
    frame.locator("wbg-overlay .wbg-guard").wait_for(state="visible", timeout=5_000)
    assert harness.sent_messages(frame) == []
    frame.locator("wbg-overlay .wbg-guard-send").click()
    eventually(lambda: equal(harness.sent_messages(frame), [BLOCKED]))


@pytest.mark.parametrize("kind", ["textarea", "contenteditable", "react"])
def test_clean_draft_sends_at_once(open_page, helper, kind):
    page = open_page(harness.CHATS[kind][0])
    frame = harness.chat_frame(page, kind)
    frame.click(harness.EDITOR)
    page.keyboard.type(CLEAN)
    # Enter before the pause-triggered check ran: the extension may take one immediate check
    # (milliseconds) before letting it through, but it must go, once, without a question.
    page.keyboard.press("Enter")
    eventually(lambda: equal(harness.sent_messages(frame), [CLEAN]), timeout=3)
    assert not guard_visible(frame)
    assert harness.editor_text(frame) == ""
    page.wait_for_timeout(500)  # a late duplicate (the original Enter and a replay) would show
    assert harness.sent_messages(frame) == [CLEAN]
