"""Typing an insult shows a marker over exactly those characters and touches nothing else."""

from __future__ import annotations

import pytest

from tests.e2e import harness
from tests.e2e.checks import (
    assert_marker_geometry,
    eventually,
    finding_over,
    marker_for,
    slice16,
)

pytestmark = pytest.mark.browser

INSULT = "傻逼"
DRAFT = "亲，你这个傻逼"
EMOJI_DRAFT = "😀👍🏻亲🇨🇳 你这个傻逼"  # surrogate pairs, a skin-tone modifier and a flag


@pytest.mark.parametrize("kind", ["textarea", "contenteditable", "iframe", "react", "scroll"])
def test_marker_over_the_insult_and_editor_untouched(open_page, helper, kind):
    page = open_page(harness.CHATS[kind][0])
    frame = harness.chat_frame(page, kind)
    if kind == "scroll":
        page.evaluate("window.scrollTo(0, 1200)")
    frame.click(harness.EDITOR)
    page.keyboard.type(DRAFT)
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")  # the caret now sits inside the draft, not at its end

    before = harness.editor_snapshot(frame, harness.EDITOR)
    assert before["value"] == DRAFT
    finding = finding_over(helper, DRAFT, INSULT)
    with harness.watching_editor(frame, harness.EDITOR) as watched:
        marker = marker_for(frame, finding["start"], finding["end"])
    after = harness.editor_snapshot(frame, harness.EDITOR)

    assert INSULT in slice16(DRAFT, marker["start"], marker["end"])
    assert marker["rule_id"] == finding["rule_id"]
    assert_marker_geometry(frame, marker)
    assert watched["mutations"] == [], "the extension changed the editor's DOM"
    assert after == before, "the editor's markup, value, focus or caret changed"


@pytest.mark.parametrize("kind", ["textarea", "contenteditable"])
def test_emoji_before_the_insult_do_not_shift_the_marker(open_page, helper, kind):
    page = open_page(harness.CHATS[kind][0])
    frame = harness.chat_frame(page, kind)
    frame.click(harness.EDITOR)
    page.keyboard.type(EMOJI_DRAFT)

    finding = finding_over(helper, EMOJI_DRAFT, INSULT)
    # The helper counts UTF-16 units, as JavaScript does: 傻 sits after 2+2+2+1+4+1+3 units.
    assert finding["start"] <= harness.utf16_index(EMOJI_DRAFT, INSULT) < finding["end"]
    marker = marker_for(frame, finding["start"], finding["end"])
    assert_marker_geometry(frame, marker)
    assert harness.editor_text(frame) == EMOJI_DRAFT


def test_marker_follows_page_scrolling_editor_scrolling_and_resizing(open_page, helper):
    page = open_page("scroll.html")
    frame = harness.chat_frame(page, "scroll")
    page.evaluate("window.scrollTo(0, 1100)")
    frame.click(harness.EDITOR)
    for line in range(6):  # more lines than the textarea shows: it scrolls inside
        page.keyboard.type(f"第{line}行，您好")
        page.keyboard.press("Shift+Enter")
    page.keyboard.type(DRAFT)
    text = harness.editor_text(frame)
    finding = finding_over(helper, text, INSULT)
    span = (finding["start"], finding["end"])
    marker = marker_for(frame, *span)
    assert page.evaluate("document.querySelector('#editor').scrollTop") > 0
    assert_marker_geometry(frame, marker)

    def moved_marker(previous_top: float) -> dict:
        page.wait_for_function(
            """([start, top]) => [...document.querySelector('wbg-overlay').shadowRoot
                 .querySelectorAll('.wbg-marker')].some(m => Number(m.dataset.start) === start
                 && Math.abs(m.getBoundingClientRect().top - top) > 1)""",
            arg=[finding["start"], previous_top],
            polling="raf",
            timeout=5_000,
        )
        return marker_for(frame, finding["start"], finding["end"])

    page.evaluate("window.scrollBy(0, 60)")
    marker = moved_marker(marker["top"])
    assert_marker_geometry(frame, marker)

    page.evaluate("document.querySelector('#editor').scrollTop -= 24")
    marker = moved_marker(marker["top"])
    assert_marker_geometry(frame, marker)

    page.evaluate("document.querySelector('#editor').style.width = '300px'")
    eventually(lambda: assert_marker_geometry(frame, marker_for(frame, *span)))
    assert harness.editor_text(frame) == text


def test_clean_draft_gets_no_marker(open_page, helper):
    page = open_page("textarea.html")
    frame = harness.chat_frame(page, "textarea")
    frame.click(harness.EDITOR)
    page.keyboard.type("亲，您好，请问有什么可以帮您？")
    page.wait_for_function(
        "() => document.querySelector('wbg-overlay')?.dataset.wbgState === 'ok'", timeout=10_000
    )
    assert harness.overlay(frame)["markers"] == []
