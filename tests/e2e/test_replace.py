"""「替换」 applies the suggested rewrite through the editor's own input path."""

from __future__ import annotations

import pytest

from tests.e2e import harness
from tests.e2e.checks import equal, eventually, finding_over, marker_for, slice16, suggestion_of

pytestmark = pytest.mark.browser

DRAFT = "亲，你这个傻逼"


def replaced(text: str, finding: dict, suggestion: str) -> str:
    return (
        slice16(text, 0, finding["start"])
        + suggestion
        + slice16(text, finding["end"], harness.utf16_len(text))
    )


def open_tooltip_and_replace(page, frame, marker) -> None:
    harness.hover_marker(page, frame, marker)
    tooltip = frame.locator("wbg-overlay .wbg-tooltip")
    tooltip.wait_for(state="visible", timeout=5_000)
    tooltip.locator(".wbg-replace").click()


def test_replace_in_react_updates_react_state(open_page, helper, artifacts):
    page = open_page("react.html")
    frame = harness.chat_frame(page, "react")
    frame.click(harness.EDITOR)
    page.keyboard.type(DRAFT)
    finding = finding_over(helper, DRAFT, "傻逼")
    suggestion = suggestion_of(finding)
    assert suggestion, f"the helper offers no rewrite for {finding}"
    marker = marker_for(frame, finding["start"], finding["end"])

    open_tooltip_and_replace(page, frame, marker)

    want = replaced(DRAFT, finding, suggestion)
    assert "傻逼" not in want
    state = page.locator("#state")
    eventually(lambda: equal(state.get_attribute("data-draft"), want))
    assert harness.editor_text(frame) == want
    page.screenshot(path=artifacts / "replace-react.png")
    # React really owns the new text: sending it sends the rewrite.
    frame.click(harness.EDITOR)
    page.keyboard.press("Enter")
    eventually(lambda: equal(harness.sent_messages(frame), [want]))


@pytest.mark.parametrize("kind", ["textarea", "contenteditable", "iframe"])
def test_replace_then_undo(open_page, helper, kind):
    page = open_page(harness.CHATS[kind][0])
    frame = harness.chat_frame(page, kind)
    frame.click(harness.EDITOR)
    page.keyboard.type(DRAFT)
    finding = finding_over(helper, DRAFT, "傻逼")
    marker = marker_for(frame, finding["start"], finding["end"])
    open_tooltip_and_replace(page, frame, marker)

    want = replaced(DRAFT, finding, suggestion_of(finding))
    eventually(lambda: equal(harness.editor_text(frame), want))
    # The rewrite went through the browser's editing path, so Ctrl+Z takes it back.
    page.keyboard.press("Control+z")
    eventually(lambda: equal(harness.editor_text(frame), DRAFT))
