"""Chinese is typed through an input method: composition must run undisturbed, and the
committed text is checked once the composition ends."""

from __future__ import annotations

import pytest

from tests.e2e import harness
from tests.e2e.checks import assert_marker_geometry, finding_over, marker_for

pytestmark = pytest.mark.browser

PREFIX = "亲，你这个"
COMMITTED = "傻逼"


def compose(cdp, steps: list[str], commit: str) -> None:
    """What a pinyin IME does: show growing composition text, then commit the choice."""
    for text in steps:
        cdp.send(
            "Input.imeSetComposition",
            {"text": text, "selectionStart": len(text), "selectionEnd": len(text)},
        )
    cdp.send("Input.insertText", {"text": commit})


@pytest.mark.parametrize("kind", ["textarea", "contenteditable", "react"])
def test_composition_is_undisturbed_and_the_commit_is_checked(open_page, helper, kind):
    page = open_page(harness.CHATS[kind][0])
    frame = harness.chat_frame(page, kind)
    frame.click(harness.EDITOR)
    page.keyboard.insert_text(PREFIX)
    cdp = page.context.new_cdp_session(page)
    events = frame.evaluate(
        """(sel) => { const log = [];
            for (const type of ['compositionstart', 'compositionupdate', 'compositionend'])
              document.querySelector(sel).addEventListener(type, (e) => log.push(e.type));
            window.__wbgComposition = log; }""",
        harness.EDITOR,
    )
    assert events is None
    compose(cdp, ["s", "sha", "shab", "sha'bi"], COMMITTED)
    cdp.detach()

    text = PREFIX + COMMITTED
    assert harness.editor_text(frame) == text
    log = frame.evaluate("window.__wbgComposition")
    assert log[0] == "compositionstart" and log[-1] == "compositionend", log
    finding = finding_over(helper, text, COMMITTED)
    marker = marker_for(frame, finding["start"], finding["end"])
    assert_marker_geometry(frame, marker)
    assert harness.editor_text(frame) == text
