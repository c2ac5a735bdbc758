"""With the helper stopped the extension goes quiet: typing and sending work as without it."""

from __future__ import annotations

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.e2e import harness
from tests.e2e.checks import eventually
from tests.support.helper_process import HelperProcess

pytestmark = pytest.mark.browser

DRAFT = "亲，你这个傻逼"


@pytest.fixture(scope="module")
def down_helper(tmp_path_factory):
    process = HelperProcess(tmp_path_factory.mktemp("helper-to-stop")).start()
    yield process
    if process.proc is not None and process.proc.poll() is None:
        process.stop()


@pytest.fixture(scope="module")
def stopped(playwright, tmp_path_factory, down_helper):
    """A browser paired with ``down_helper``, which is then stopped."""
    context = harness.launch(playwright, tmp_path_factory.mktemp("profile-helper-down"))
    try:
        harness.pair_through_popup(context, down_helper.data_dir, down_helper.port).close()
    finally:
        down_helper.stop()
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


def test_warnings_come_back_when_the_helper_does(stopped, down_helper, pages):
    """Runs last in this module: the helper restarts on its port and, after the backoff, the
    agent's next keystrokes are checked again without any action from them."""
    page = stopped.new_page()
    page.goto(pages.url("textarea.html"))
    frame = harness.chat_frame(page, "textarea")
    frame.click(harness.EDITOR)
    page.keyboard.type(DRAFT)
    frame.wait_for_function(
        "() => document.querySelector('wbg-overlay')?.dataset.wbgState === 'offline'",
        timeout=10_000,
    )
    down_helper.start()

    def marked_after_another_keystroke():
        page.keyboard.type("！")
        try:
            harness.wait_for_marker(frame, timeout=2_000)
        except PlaywrightTimeoutError:
            raise AssertionError("still no marker") from None

    # The backoff is capped at 60 s; an agent keeps typing meanwhile.
    eventually(marked_after_another_keystroke, timeout=75, interval=0.5)
