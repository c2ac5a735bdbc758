"""With the helper stopped the extension goes quiet: typing and sending work as without it."""

from __future__ import annotations

import pytest

from tests.e2e import harness
from tests.support.helper_process import HelperProcess

DRAFT = "亲，你这个傻逼"


@pytest.fixture(scope="module")
def stopped(playwright, tmp_path_factory):
    """A browser paired with a helper of its own, which is then stopped."""
    process = HelperProcess(tmp_path_factory.mktemp("helper-to-stop")).start()
    context = harness.launch(playwright, tmp_path_factory.mktemp("profile-helper-down"))
    try:
        harness.pair_through_popup(context, process.data_dir, process.port).close()
    finally:
        process.stop()
    yield context
    context.close()


@pytest.mark.parametrize("kind", ["textarea", "contenteditable", "iframe", "react"])
def test_typing_and_sending_unaffected_when_helper_stopped(stopped, pages, kind):
    page = stopped.new_page()
    page.goto(pages.url(harness.CHATS[kind][0]))
    frame = harness.chat_frame(page, kind)
    frame.click(harness.EDITOR)
    page.keyboard.type(DRAFT)
    # The check fails quietly: a grey state, no marker, the text exactly as typed.
    frame.wait_for_function(
        "() => document.querySelector('wbg-overlay')?.dataset.wbgState === 'offline'",
        timeout=10_000,
    )
    assert harness.overlay(frame)["markers"] == []
    assert harness.editor_text(frame) == DRAFT

    page.keyboard.press("Enter")
    assert harness.sent_messages(frame) == [DRAFT]
    assert not frame.locator("wbg-overlay .wbg-guard").is_visible()
    page.keyboard.type("第二条")
    page.keyboard.press("Enter")
    assert harness.sent_messages(frame) == [DRAFT, "第二条"]


def test_popup_says_helper_not_running(stopped):
    popup = harness.open_popup(stopped)
    popup.wait_for_selector('#state[data-state="offline"]', timeout=15_000)
