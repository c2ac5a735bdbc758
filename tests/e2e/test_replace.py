"""The tooltip's two fixes, both through the editor's own input path (React sees them, Ctrl+Z
takes them back):

- 「替换」 puts the finding's ``replacement`` in place of the flagged span only;
- 「改用建议回复」 puts the whole suggested reply in place of the draft and selects its first
  【…】 placeholder, so the agent types the concrete answer over it.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterator
from typing import Any

import pytest

from helper.paths import resolve_paths
from tests.e2e import harness
from tests.e2e.checks import check_message, equal, eventually, finding_over, marker_for, slice16

pytestmark = pytest.mark.browser

CURSE = "亲，你这个傻逼"  # insult.curse: replacement "" deletes the curse
HARASS = "亲，我天天给你打电话"  # harassment.flood: replacement "在旺旺上联系您"
TYPED_OVER_PLACEHOLDER = "给您补发一件新的"

SELECTION_JS = """(sel) => {
  const e = document.querySelector(sel);
  if (e.tagName === 'TEXTAREA' || e.tagName === 'INPUT')
    return e.value.slice(e.selectionStart, e.selectionEnd);
  return document.getSelection().toString();
}"""


def replaced(text: str, finding: dict[str, Any]) -> str:
    return (
        slice16(text, 0, finding["start"])
        + finding["replacement"]
        + slice16(text, finding["end"], harness.utf16_len(text))
    )


def first_placeholder(text: str) -> str:
    found = re.search(r"【[^【】\n]*】", text)
    assert found, f"no 【…】 placeholder in {text!r}"
    return found.group(0)


def type_draft(open_page, kind: str, draft: str):
    page = open_page(harness.CHATS[kind][0])
    frame = harness.chat_frame(page, kind)
    frame.click(harness.EDITOR)
    page.keyboard.type(draft)
    return page, frame


def open_tooltip(page, frame, helper, draft: str, word: str):
    finding = finding_over(helper, draft, word)
    marker = marker_for(frame, finding["start"], finding["end"])
    harness.hover_marker(page, frame, marker)
    tooltip = frame.locator("wbg-overlay .wbg-tooltip")
    tooltip.wait_for(state="visible", timeout=5_000)
    return finding, tooltip


def react_draft(page) -> str | None:
    return page.locator("#state").get_attribute("data-draft")


def test_replace_swaps_only_the_span_and_react_sees_it(open_page, helper, artifacts):
    page, frame = type_draft(open_page, "react", HARASS)
    finding, tooltip = open_tooltip(page, frame, helper, HARASS, "天天给你打电话")
    assert finding["replacement"] == "在旺旺上联系您"
    assert tooltip.locator(".wbg-replacement").inner_text().strip() == "替换为：“在旺旺上联系您”"
    assert tooltip.locator(".wbg-replace").inner_text().strip() == "替换"
    assert tooltip.locator(".wbg-use-suggestion").inner_text().strip() == "改用建议回复"
    page.screenshot(path=artifacts / "replace-tooltip-react.png")
    tooltip.locator(".wbg-replace").click()

    want = "亲，我在旺旺上联系您"
    assert replaced(HARASS, finding) == want
    eventually(lambda: equal(react_draft(page), want))
    assert harness.editor_text(frame) == want
    # the fixed draft is clean: the helper has nothing to say, and the marker goes
    assert check_message(helper, want)["findings"] == []
    frame.wait_for_function(
        "() => !document.querySelector('wbg-overlay').shadowRoot.querySelector('.wbg-marker')",
        timeout=10_000,
    )
    page.screenshot(path=artifacts / "replace-react.png")
    # Ctrl+Z restores the original, and React's state follows
    page.keyboard.press("Control+z")
    eventually(lambda: equal(react_draft(page), HARASS))
    # redo, then send: React really owns the new text
    page.keyboard.press("Control+Shift+z")
    eventually(lambda: equal(react_draft(page), want))
    page.keyboard.press("Enter")
    eventually(lambda: equal(harness.sent_messages(frame), [want]))


@pytest.mark.parametrize("kind", ["textarea", "contenteditable", "iframe"])
def test_replace_with_nothing_deletes_the_span_then_undo(open_page, helper, kind):
    page, frame = type_draft(open_page, kind, CURSE)
    finding, tooltip = open_tooltip(page, frame, helper, CURSE, "傻逼")
    assert finding["replacement"] == ""
    assert tooltip.locator(".wbg-replacement").inner_text().strip() == "替换：删去“傻逼”"
    tooltip.locator(".wbg-replace").click()

    eventually(lambda: equal(harness.editor_text(frame), "亲，你这个"))
    # The deletion went through the browser's editing path, so Ctrl+Z takes it back.
    page.keyboard.press("Control+z")
    eventually(lambda: equal(harness.editor_text(frame), CURSE))


@pytest.mark.parametrize("kind", ["react", "textarea", "contenteditable", "iframe"])
def test_use_suggestion_replaces_the_draft_and_selects_the_placeholder(
    open_page, helper, artifacts, kind
):
    page, frame = type_draft(open_page, kind, CURSE)
    finding, tooltip = open_tooltip(page, frame, helper, CURSE, "傻逼")
    suggestion = finding["suggestion"]
    placeholder = first_placeholder(suggestion)
    tooltip.locator(".wbg-use-suggestion").click()

    eventually(lambda: equal(harness.editor_text(frame), suggestion))
    if kind == "react":
        eventually(lambda: equal(react_draft(page), suggestion))
    assert frame.evaluate(SELECTION_JS, harness.EDITOR) == placeholder
    page.screenshot(path=artifacts / f"use-suggestion-{kind}.png")

    # one undo step back to the agent's own draft
    page.keyboard.press("Control+z")
    eventually(lambda: equal(harness.editor_text(frame), CURSE))
    if kind == "react":
        eventually(lambda: equal(react_draft(page), CURSE))


def test_agent_types_over_the_placeholder_and_react_sends_it(open_page, helper, artifacts):
    page, frame = type_draft(open_page, "react", CURSE)
    finding, tooltip = open_tooltip(page, frame, helper, CURSE, "傻逼")
    suggestion = finding["suggestion"]
    tooltip.locator(".wbg-use-suggestion").click()
    eventually(lambda: equal(react_draft(page), suggestion))

    page.keyboard.type(TYPED_OVER_PLACEHOLDER)
    want = suggestion.replace(first_placeholder(suggestion), TYPED_OVER_PLACEHOLDER, 1)
    eventually(lambda: equal(react_draft(page), want))
    assert harness.editor_text(frame) == want
    page.screenshot(path=artifacts / "use-suggestion-typed-react.png")
    page.keyboard.press("Enter")
    eventually(lambda: equal(harness.sent_messages(frame), [want]))


NO_REPLACEMENT_RULE = """\
[[rule]]
id = "e2e.no_replacement"
scene = "insult"
severity = "ordinary"
message = "测试：没有就地替换的规则"
why = "端到端测试用"
suggestion = "亲，您好！【写出具体方案】。感谢您的理解！"
exact_terms = ["测试违规词"]
flag = ["这是测试违规词"]
pass = ["您好"]
"""


@pytest.fixture
def rule_without_replacement(helper) -> Iterator[str]:
    """A user rule file with no ``replacement``, picked up by the running helper's watcher."""
    folder = resolve_paths(helper.data_dir).user_rules_dir / "message"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "e2e_no_replacement.toml"
    path.write_text(textwrap.dedent(NO_REPLACEMENT_RULE), encoding="utf-8")
    draft = "亲，这是测试违规词"

    def flagged() -> None:
        rule_ids = [f["rule_id"] for f in check_message(helper, draft)["findings"]]
        assert rule_ids == ["e2e.no_replacement"]

    try:
        eventually(flagged, timeout=15)
        yield draft
    finally:
        path.unlink()


def test_no_replace_button_without_a_replacement(open_page, helper, rule_without_replacement):
    draft = rule_without_replacement
    page, frame = type_draft(open_page, "textarea", draft)
    finding, tooltip = open_tooltip(page, frame, helper, draft, "测试违规词")
    assert finding["replacement"] is None
    assert tooltip.locator(".wbg-replace").count() == 0
    assert tooltip.locator(".wbg-replacement").count() == 0
    tooltip.locator(".wbg-use-suggestion").click()
    eventually(lambda: equal(harness.editor_text(frame), finding["suggestion"]))
    assert frame.evaluate(SELECTION_JS, harness.EDITOR) == "【写出具体方案】"
