"""The guard without hunting: the badge, the Alt+J card, 忽略一次 / 以后不再提示, no ghost
markers, the verdict policy (block holds, warn never does) and the decisions it records."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from tests.e2e import harness
from tests.e2e.checks import check_message, equal, eventually, finding_over, marker_for
from tests.support.helper_process import run_cli

pytestmark = pytest.mark.browser

INSULT_THREAT = "你这个傻逼，再投诉我就去你家找你"  # insult + threat: block on every engine
INSULTS = ["傻逼", "你这个垃圾买家"]  # ordinary insults: block under the verdict policy
TONE = "爱买不买"  # 服务态度 (scene tone): warn, never held

BADGE_JS = """
() => {
  for (const host of document.querySelectorAll('wbg-overlay')) {
    for (const b of host.shadowRoot.querySelectorAll('.wbg-badge')) {
      if (b.hidden) continue;
      const r = b.getBoundingClientRect();
      return {count: Number(b.dataset.count), scene: b.dataset.scene, state: b.dataset.state,
              left: r.left, top: r.top, right: r.right, bottom: r.bottom};
    }
  }
  return null;
}
"""
FOCUSED_JS = """
() => {
  const host = document.querySelector('wbg-overlay');
  const el = host && host.shadowRoot.activeElement;
  return el ? el.className : null;
}
"""
CARD = "wbg-overlay .wbg-tooltip"


def badge(frame) -> dict[str, Any] | None:
    return frame.evaluate(BADGE_JS)


def focused(frame) -> str | None:
    return frame.evaluate(FOCUSED_JS)


def recent(helper) -> list[dict[str, Any]]:
    reply = helper.api.get("/v1/warnings/recent?limit=200")
    assert reply.status == 200, reply.body
    return reply.json["warnings"]


def actions(helper) -> Counter[str]:
    return Counter(w["action"] for w in recent(helper))


def type_draft(page, frame, helper, text: str, word: str) -> dict[str, Any]:
    frame.click(harness.EDITOR)
    page.keyboard.type(text)
    finding = finding_over(helper, text, word)
    marker_for(frame, finding["start"], finding["end"])
    return finding


def clear_editor(page) -> None:
    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")


@pytest.mark.parametrize("draft", INSULTS)
@pytest.mark.parametrize("kind", ["textarea", "contenteditable", "iframe", "react"])
def test_an_ordinary_insult_is_held_on_enter_and_on_the_send_button(open_page, helper, kind, draft):
    assert check_message(helper, draft)["verdict"] == "block"
    page = open_page(harness.CHATS[kind][0])
    frame = harness.chat_frame(page, kind)
    type_draft(page, frame, helper, draft, "傻逼" if draft == "傻逼" else "垃圾")
    page.keyboard.press("Enter")
    frame.locator("wbg-overlay .wbg-guard").wait_for(state="visible", timeout=5_000)
    assert harness.sent_messages(frame) == []
    frame.locator("wbg-overlay .wbg-guard-edit").click()
    if frame.locator("button.send").count():
        frame.click("button.send")
        frame.locator("wbg-overlay .wbg-guard").wait_for(state="visible", timeout=5_000)
        assert harness.sent_messages(frame) == []
    frame.locator("wbg-overlay .wbg-guard-send").click()
    eventually(lambda: equal(harness.sent_messages(frame), [draft]))
    page.wait_for_timeout(300)
    assert harness.sent_messages(frame) == [draft]  # 仍然发送 sends once


def test_a_tone_only_draft_is_shown_and_never_held(open_page, helper):
    draft = TONE
    answer = check_message(helper, draft)
    assert answer["verdict"] == "warn"
    assert [f["scene"] for f in answer["findings"]] == ["tone"]
    finding = answer["findings"][0]
    page = open_page("textarea.html")
    frame = harness.chat_frame(page, "textarea")
    frame.click(harness.EDITOR)
    page.keyboard.type(draft)
    marker = marker_for(frame, finding["start"], finding["end"])
    assert marker["verdict"] == "warn"
    eventually(lambda: equal((badge(frame) or {}).get("count"), 1))
    assert badge(frame)["scene"] == "tone"
    harness.hover_marker(page, frame, marker)
    frame.locator(CARD).wait_for(state="visible", timeout=5_000)
    assert frame.locator(f"{CARD} .wbg-cost").inner_text() == "无平台处罚，仅提醒服务态度"
    assert frame.locator(f"{CARD} .wbg-scene").inner_text() == "服务态度"
    before = actions(helper)
    page.keyboard.press("Enter")
    eventually(lambda: equal(harness.sent_messages(frame), [draft]))
    assert not frame.locator("wbg-overlay .wbg-guard").is_visible()
    # Sent with the warning on screen: recorded as sent anyway, and nothing stays behind.
    eventually(lambda: equal(actions(helper) - before, Counter({"sent_anyway": 1})))
    eventually(lambda: equal(harness.overlay(frame)["markers"], []))
    assert badge(frame) is None


@pytest.mark.parametrize("kind", ["textarea", "contenteditable", "iframe", "react"])
def test_badge_counts_and_the_shortcut_reaches_every_action(open_page, helper, artifacts, kind):
    page = open_page(harness.CHATS[kind][0])
    frame = harness.chat_frame(page, kind)
    type_draft(page, frame, helper, INSULT_THREAT, "傻逼")
    answer = check_message(helper, INSULT_THREAT)
    found = eventually(lambda: equal((badge(frame) or {}).get("count"), len(answer["findings"])))
    assert found == len(answer["findings"]) >= 2
    shown = badge(frame)
    assert shown["scene"] == "threat"  # the worst scene's colour
    box = frame.locator(harness.EDITOR).bounding_box()
    offset = harness.frame_offset(page, frame)
    # At the editor's bottom-right corner, inside it.
    assert box["x"] + box["width"] - 80 <= shown["left"] + offset[0] <= box["x"] + box["width"]
    assert (
        box["y"] <= shown["top"] + offset[1]
        and shown["bottom"] + offset[1] <= box["y"] + box["height"] + 1
    )
    if kind == "textarea":
        page.screenshot(path=artifacts / "badge.png")

    page.keyboard.press("Alt+J")
    card = frame.locator(CARD)
    card.wait_for(state="visible", timeout=5_000)
    first_rule = card.get_attribute("data-rule-id")
    assert first_rule == answer["findings"][0]["rule_id"]
    assert "wbg-replace" in (focused(frame) or "") or "wbg-use-suggestion" in (focused(frame) or "")
    reached = [focused(frame)]
    for _ in range(3):
        page.keyboard.press("Tab")
        reached.append(focused(frame))
    names = " ".join(str(r) for r in reached)
    for action in ("wbg-use-suggestion", "wbg-ignore", "wbg-allow"):
        assert action in names, reached
    if kind == "textarea":
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Shift+Tab")
        page.screenshot(path=artifacts / "card-keyboard.png")

    # on to the threat, which cannot be allowed (the findings come in text order: a finding of
    # the whole message, such as harassment.confirmed's, comes before the insult)
    threat = next(i for i, f in enumerate(answer["findings"]) if f["scene"] == "threat")
    for _ in range(threat):
        page.keyboard.press("Alt+J")
    eventually(
        lambda: equal(card.get_attribute("data-rule-id"), answer["findings"][threat]["rule_id"])
    )
    assert card.locator(".wbg-allow").count() == 0
    assert card.locator(".wbg-ignore").count() == 0
    assert "威胁" in card.locator(".wbg-not-allowable").inner_text()
    page.keyboard.press("Escape")
    card.wait_for(state="hidden", timeout=5_000)
    assert frame.evaluate(
        "(sel) => document.activeElement === document.querySelector(sel)", harness.EDITOR
    )
    assert harness.editor_text(frame) == INSULT_THREAT  # nothing typed by the shortcut


@pytest.mark.parametrize("kind", ["textarea", "contenteditable", "iframe", "react"])
def test_no_marker_or_badge_once_the_editor_is_empty(open_page, helper, kind):
    page = open_page(harness.CHATS[kind][0])
    frame = harness.chat_frame(page, kind)
    type_draft(page, frame, helper, INSULT_THREAT, "傻逼")
    eventually(lambda: equal(badge(frame) is not None, True))
    clear_editor(page)
    eventually(lambda: equal(harness.overlay(frame)["markers"], []), timeout=1)
    assert badge(frame) is None
    assert not frame.locator(CARD).is_visible()

    # Sent with 「仍然发送」: the page empties the editor itself, without an input event.
    type_draft(page, frame, helper, INSULT_THREAT, "傻逼")
    page.keyboard.press("Enter")
    frame.locator("wbg-overlay .wbg-guard-send").click()
    eventually(lambda: equal(harness.sent_messages(frame), [INSULT_THREAT]))
    eventually(lambda: equal(harness.overlay(frame)["markers"], []), timeout=1)
    assert badge(frame) is None


def test_the_card_opens_when_the_caret_enters_a_marked_word(open_page, helper):
    page = open_page("textarea.html")
    frame = harness.chat_frame(page, "textarea")
    finding = type_draft(page, frame, helper, INSULT_THREAT, "傻逼")
    page.keyboard.press("Home")
    for _ in range(finding["start"] + 1):
        page.keyboard.press("ArrowRight")
    frame.locator(CARD).wait_for(state="visible", timeout=5_000)
    assert frame.locator(CARD).get_attribute("data-rule-id") == finding["rule_id"]
    # Opened by the caret, the card does not take the focus: typing goes on in the draft.
    assert frame.evaluate(
        "(sel) => document.activeElement === document.querySelector(sel)", harness.EDITOR
    )


def test_ignore_once_lets_this_draft_go_and_is_recorded(open_page, helper):
    draft = "傻逼"
    page = open_page("contenteditable.html")
    frame = harness.chat_frame(page, "contenteditable")
    type_draft(page, frame, helper, draft, "傻逼")
    before = actions(helper)
    page.keyboard.press("Alt+J")
    frame.locator(f"{CARD} .wbg-ignore").click()
    eventually(lambda: equal(harness.overlay(frame)["markers"], []))
    assert badge(frame) is None
    page.keyboard.press("Enter")
    eventually(lambda: equal(harness.sent_messages(frame), [draft]))
    assert not frame.locator("wbg-overlay .wbg-guard").is_visible()
    eventually(lambda: equal(actions(helper) - before, Counter({"ignored_once": 1})))
    # Only this draft: the same word in the next draft is flagged again.
    type_draft(page, frame, helper, draft, "傻逼")


def test_fixing_the_draft_by_editing_is_recorded_as_fixed(open_page, helper):
    page = open_page("textarea.html")
    frame = harness.chat_frame(page, "textarea")
    type_draft(page, frame, helper, "亲，傻逼", "傻逼")
    before = actions(helper)
    page.keyboard.press("Backspace")
    page.keyboard.press("Backspace")
    page.keyboard.type("您好")
    eventually(lambda: equal(actions(helper) - before, Counter({"fixed": 1})))
    assert harness.overlay(frame)["markers"] == []


def test_dont_warn_again_survives_a_restart_and_shows_in_the_cli(fresh_browser, own_helper, pages):
    context = fresh_browser()
    harness.pair_through_popup(context, own_helper.data_dir, own_helper.port).close()
    page = context.new_page()
    page.goto(pages.url("textarea.html"))
    frame = harness.chat_frame(page, "textarea")
    draft = "SB-200型号的配件已发出"
    answer = check_message(own_helper, draft)
    if not answer["findings"]:
        draft = "傻逼"  # the engine already knows the product code: allow an insult instead
        answer = check_message(own_helper, draft)
    finding = answer["findings"][0]
    frame.click(harness.EDITOR)
    page.keyboard.type(draft)
    marker_for(frame, finding["start"], finding["end"])
    page.keyboard.press("Alt+J")
    frame.locator(f"{CARD} .wbg-allow").click()
    eventually(lambda: equal(harness.overlay(frame)["markers"], []))
    allowances = own_helper.api.get("/v1/allowances").json["allowances"]
    assert [(a["rule_id"], a["term"]) for a in allowances] == [
        (finding["rule_id"], finding.get("term") or finding["match"])
    ]
    assert allowances[0]["added_by"] == "浏览器扩展"  # the paired browser's client name

    own_helper.stop()
    own_helper.start()
    listed = run_cli(own_helper.data_dir, "rules", "allow", "list").stdout
    assert finding.get("term", finding["match"]) in listed
    assert check_message(own_helper, draft)["findings"] == []
    page.reload()
    frame = harness.chat_frame(page, "textarea")
    frame.click(harness.EDITOR)
    page.keyboard.type(draft)
    page.keyboard.press("Enter")
    eventually(lambda: equal(harness.sent_messages(frame), [draft]), timeout=15)
    assert harness.overlay(frame)["markers"] == []
    assert "allowed_always" in actions(own_helper)


def test_a_field_switched_off_stays_off_and_the_popup_shows_it(open_page, helper, paired_context):
    page = open_page("textarea.html")
    frame = harness.chat_frame(page, "textarea")
    type_draft(page, frame, helper, "傻逼", "傻逼")
    frame.locator("wbg-overlay .wbg-badge-off").click()
    eventually(lambda: equal(harness.overlay(frame)["markers"], []))
    assert badge(frame)["state"] == "off"
    page.reload()
    frame = harness.chat_frame(page, "textarea")
    frame.click(harness.EDITOR)
    page.keyboard.type("傻逼")
    page.wait_for_timeout(800)  # well past the check's pause
    assert harness.overlay(frame)["markers"] == []
    assert badge(frame)["state"] == "off"
    frame.locator("wbg-overlay .wbg-badge-on").click()  # back on from the badge
    frame.click(harness.EDITOR)
    page.keyboard.type("！")
    harness.wait_for_marker(frame)

    # Off again; the popup, looking at this tab, lists the field and turns it back on.
    frame.locator("wbg-overlay .wbg-badge-off").click()
    popup = harness.open_popup(paired_context)
    page.bring_to_front()  # the popup reads the active tab (it refreshes every 3 s)
    row = popup.locator("#fields-off-list li")
    row.wait_for(timeout=15_000)
    assert "#editor" in row.get_attribute("data-field")
    row.locator("button").click()
    popup.locator("#fields-off").wait_for(state="hidden", timeout=15_000)
    popup.close()
    eventually(lambda: equal(badge(frame), None))  # the page follows at once
    frame.click(harness.EDITOR)
    page.keyboard.type("！")
    harness.wait_for_marker(frame)


COUNTS_JS = """
() => Object.fromEntries(Array.from(document.querySelectorAll('#counts dt')).map(
  (dt) => [dt.textContent, Number(dt.nextElementSibling.textContent)]))
"""


def test_dashboard_and_popup_count_what_was_done(fresh_browser, own_helper, pages, artifacts):
    context = fresh_browser()
    harness.pair_through_popup(context, own_helper.data_dir, own_helper.port).close()
    page = context.new_page()
    page.goto(pages.url("textarea.html"))
    frame = harness.chat_frame(page, "textarea")

    # 1. 忽略一次, then sent: one ignored_once.
    type_draft(page, frame, own_helper, "傻逼", "傻逼")
    page.keyboard.press("Alt+J")
    frame.locator(f"{CARD} .wbg-ignore").click()
    page.keyboard.press("Enter")
    eventually(lambda: equal(len(harness.sent_messages(frame)), 1))
    # 2. Insult + threat sent anyway at the guard: one sent_anyway per finding.
    findings = check_message(own_helper, INSULT_THREAT)["findings"]
    type_draft(page, frame, own_helper, INSULT_THREAT, "傻逼")
    page.keyboard.press("Enter")
    frame.locator("wbg-overlay .wbg-guard-send").click()
    eventually(lambda: equal(len(harness.sent_messages(frame)), 2))
    # 3. 「替换」 from the keyboard card: one replaced.
    type_draft(page, frame, own_helper, "亲，傻逼", "傻逼")
    page.keyboard.press("Alt+J")
    page.keyboard.press("Enter")  # the focused first action: 替换
    eventually(lambda: equal(harness.editor_text(frame), "亲，"))
    clear_editor(page)
    # 4. Fixed by editing: one fixed.
    type_draft(page, frame, own_helper, "亲，傻逼", "傻逼")
    page.keyboard.press("Backspace")
    page.keyboard.press("Backspace")

    done = Counter({"ignored_once": 1, "sent_anyway": len(findings), "replaced": 1, "fixed": 1})
    eventually(lambda: equal(actions(own_helper), done))
    # Every decision names the platform the helper judged by, and never carries the text.
    assert {w["platform"] for w in recent(own_helper)} == {
        check_message(own_helper, "傻逼")["platform"]
    }
    stats = own_helper.api.get("/v1/stats/today").json
    assert (stats["warnings"], stats["sent_anyway"], stats["fixed"], stats["ignored"]) == (
        sum(done.values()),
        len(findings),
        2,
        1,
    )

    popup = harness.open_popup(context)
    popup.wait_for_selector('#state[data-state="connected"]', timeout=15_000)
    popup.wait_for_selector("#counts dd", timeout=15_000)
    counts = popup.evaluate(COUNTS_JS)
    assert counts["提醒"] == stats["warnings"]
    assert counts["仍然发送"] == stats["sent_anyway"]
    assert counts["已改正"] == stats["fixed"]
    assert counts["已忽略"] == stats["ignored"]
    popup.screenshot(path=artifacts / "popup-counts.png", full_page=True)

    dashboard = context.new_page()
    dashboard.set_viewport_size({"width": 1280, "height": 900})
    dashboard.goto(f"chrome-extension://{harness.extension_id(context)}/dashboard/dashboard.html")
    dashboard.locator("#overruled li[data-rule]").first.wait_for(timeout=15_000)
    tags = dashboard.locator("#warnings .tag").all_inner_texts()
    assert tags.count("仍然发送") == len(findings)
    assert tags.count("忽略一次") == 1 and tags.count("已替换") == 1 and tags.count("已改正") == 1
    overruled = dashboard.locator("#overruled li[data-rule]")
    insult_rule = next(f["rule_id"] for f in findings if f["scene"] == "insult")
    row = dashboard.locator(f"#overruled li[data-rule='{insult_rule}']").inner_text()
    assert "忽略 1 次" in row and "仍然发送 1 次" in row
    assert overruled.count() == len({f["rule_id"] for f in findings})
    dashboard.screenshot(path=artifacts / "dashboard-decisions.png", full_page=True)


def test_options_page_edits_allowances_and_the_shop_profile(paired_context, helper, artifacts):
    options = paired_context.new_page()
    options.set_viewport_size({"width": 900, "height": 1000})
    options.goto(f"chrome-extension://{harness.extension_id(paired_context)}/options/options.html")
    options.wait_for_selector("#shop-categories input[value='funeral']", timeout=15_000)
    options.check("#shop-platforms input[value='1688']")
    options.check("#shop-categories input[value='funeral']")
    options.click("#shop-save")
    options.wait_for_selector("#shop-message:has-text('已保存')", timeout=10_000)
    profile = helper.api.get("/v1/shop/profile").json["profile"]
    assert profile["platforms"] == ["1688"] and profile["categories"] == ["funeral"]
    assert check_message(helper, "花圈明天发货")["findings"] == []
    assert check_message(helper, "给你寄花圈")["verdict"] == "block"

    options.fill("#allow-term", "SB-200")
    options.fill("#allow-note", "本店型号")
    options.click("#allow-add")
    options.wait_for_selector("#allow-message:has-text('已保存')", timeout=10_000)
    listed = helper.api.get("/v1/allowances").json["allowances"]
    added = next(a for a in listed if a["term"] == "SB-200")
    row = options.locator(f"#allow-list tr[data-id='{added['id']}']")
    row.wait_for(timeout=10_000)
    assert row.locator(".allow-term").input_value() == "SB-200"
    assert added["note"] == "本店型号" and added["rule_id"] is None
    # A threat cannot be added from here either: the helper's Chinese refusal is shown.
    options.fill("#allow-term", "去你家找你")
    options.click("#allow-add")
    options.wait_for_selector("#allow-message.error:has-text('威胁')", timeout=10_000)
    options.screenshot(path=artifacts / "options-allowances.png", full_page=True)

    row.locator(".allow-note").fill("型号，不是脏话")
    row.locator(".allow-save").click()
    eventually(
        lambda: equal(
            next(
                a["note"]
                for a in helper.api.get("/v1/allowances").json["allowances"]
                if a["id"] == added["id"]
            ),
            "型号，不是脏话",
        )
    )
    options.locator(f"#allow-list tr[data-id='{added['id']}'] .allow-remove").click()
    eventually(
        lambda: equal(
            [a["id"] for a in helper.api.get("/v1/allowances").json["allowances"]].count(
                added["id"]
            ),
            0,
        )
    )
    # Leave the shared helper as it was for the other tests.
    empty = {"platforms": [], "categories": []}
    reset = helper.api.request("PUT", "/v1/shop/profile", json_body=empty)
    assert reset.status == 200, reset.body
    options.close()
