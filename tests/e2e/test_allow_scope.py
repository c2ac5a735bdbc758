"""What 「以后不再提示」 silences, said before and after the click; what the agent reads when
it cannot be saved; and the popup's line for a site switched off."""

from __future__ import annotations

import pytest

from tests.e2e import harness
from tests.e2e.checks import check_message, equal, eventually, finding_over, marker_for
from tests.support.helper_process import run_cli

pytestmark = pytest.mark.browser

CARD = "wbg-overlay .wbg-tooltip"
WORD = "傻逼"  # a lexicon word: its allowance names the word
SENTENCE = "你就是个垃圾"  # a pattern of insult.curse: its allowance is the whole rule
THREAT = "再投诉我就去你家找你"


def open_card(page, frame, helper, text: str, word: str) -> dict:
    if frame.locator(CARD).is_visible():
        page.keyboard.press("Escape")  # the card goes, the focus is back in the draft
        frame.locator(CARD).wait_for(state="hidden", timeout=5_000)
    else:
        frame.click(harness.EDITOR)
    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")
    page.keyboard.type(text)
    finding = finding_over(helper, text, word)
    marker_for(frame, finding["start"], finding["end"])
    page.keyboard.press("Alt+J")
    frame.locator(CARD).wait_for(state="visible", timeout=5_000)
    return finding


def test_the_card_options_and_cli_say_what_dont_warn_again_silences(
    fresh_browser, own_helper, pages, artifacts
):
    context = fresh_browser()
    harness.pair_through_popup(context, own_helper.data_dir, own_helper.port).close()
    page = context.new_page()
    page.goto(pages.url("textarea.html"))
    frame = harness.chat_frame(page, "textarea")

    # A threat: no 以后不再提示, so no line about what it would silence.
    open_card(page, frame, own_helper, THREAT, "去你家")
    assert frame.locator(f"{CARD} .wbg-allow").count() == 0
    assert frame.locator(f"{CARD} .wbg-allow-scope").count() == 0
    assert frame.locator(f"{CARD} .wbg-not-allowable").is_visible()

    # A word: the card names the word.
    word = open_card(page, frame, own_helper, WORD, WORD)
    assert word["term"] == WORD
    said_for_word = frame.locator(f"{CARD} .wbg-allow-scope").inner_text()
    assert said_for_word == f"以后不再提示的是：“{WORD}”这个词"

    # A sentence shape: the card says the whole rule goes, by its scene and message.
    sentence = open_card(page, frame, own_helper, SENTENCE, "垃圾")
    assert sentence["term"] == sentence["rule_id"] == "insult.curse"
    said = frame.locator(f"{CARD} .wbg-allow-scope").inner_text()
    assert said == (
        f"以后不再提示的是：「辱骂：{sentence['message']}」这一类句子"
        "（整条规则，所有这类句子都不再提示）"
    )
    page.screenshot(path=artifacts / "card-allow-whole-rule.png")
    frame.locator(f"{CARD} .wbg-allow").click()
    # The sentence's marker goes. The word 垃圾 inside it is a finding of another rule, which
    # only hid behind the sentence's: it was not allowed, so it is marked now.
    word_at = SENTENCE.index("垃圾")
    eventually(
        lambda: equal(
            [
                (m["start"], m["end"], m["rule_id"] == sentence["rule_id"])
                for m in harness.overlay(frame)["markers"]
            ],
            [(word_at, word_at + 2, False)],
        )
    )
    # As the card said: the rule's other sentences are no longer flagged as sentences; a word
    # of its own inside one (蠢货) still is.
    left = check_message(own_helper, "你就是个蠢货")["findings"]
    assert [(f["match"], f["rule_id"] == sentence["rule_id"]) for f in left] == [("蠢货", False)]

    # The options page and the CLI show the allowance in the card's words.
    options = context.new_page()
    options.goto(f"chrome-extension://{harness.extension_id(context)}/options/options.html")
    line = options.locator("#allow-list .allow-silences").first
    line.wait_for(timeout=15_000)
    assert line.inner_text() == said
    options.screenshot(path=artifacts / "options-allow-whole-rule.png", full_page=True)
    listed = run_cli(own_helper.data_dir, "rules", "allow", "list").stdout
    assert said in listed

    # With the helper down, 以后不再提示 on the word says it was not saved.
    open_card(page, frame, own_helper, WORD, WORD)
    own_helper.stop()
    frame.locator(f"{CARD} .wbg-allow").click()
    notice = frame.locator("wbg-overlay .wbg-notice")
    notice.wait_for(state="visible", timeout=10_000)
    assert notice.inner_text() == "助手未连接，未能保存"
    page.screenshot(path=artifacts / "card-allow-helper-down.png")
    assert harness.overlay(frame)["markers"] != []  # not allowed: the word stays marked
    own_helper.start()
    assert [a["term"] for a in own_helper.api.get("/v1/allowances").json["allowances"]] == [
        "insult.curse"
    ]


def test_the_popup_says_when_checking_is_off_on_this_site(fresh_browser, helper, pages):
    context = fresh_browser()
    harness.pair_through_popup(context, helper.data_dir, helper.port).close()
    page = context.new_page()
    page.goto(pages.url("textarea.html"))
    popup = harness.open_popup(context)
    page.bring_to_front()  # the popup reads the active tab (it refreshes every 3 s)
    platform = popup.locator("#platform")
    eventually(lambda: equal(platform.get_attribute("data-off"), "false"), timeout=15)
    assert platform.inner_text() != "本网站已关闭检查（在「站点设置」中开启）"

    options = context.new_page()
    options.goto(f"chrome-extension://{harness.extension_id(context)}/options/options.html")
    box = options.locator("#sites li", has_text="127.0.0.1").locator("input[type=checkbox]")
    box.wait_for(timeout=15_000)
    box.uncheck()
    options.wait_for_selector("#message:has-text('已保存')", timeout=10_000)
    page.bring_to_front()
    eventually(lambda: equal(platform.get_attribute("data-off"), "true"), timeout=15)
    assert platform.inner_text() == "本网站已关闭检查（在「站点设置」中开启）"

    # And it is off: an insult typed on the page gets no marker.
    page.reload()
    frame = harness.chat_frame(page, "textarea")
    frame.click(harness.EDITOR)
    page.keyboard.type(WORD)
    page.wait_for_timeout(800)  # well past the check's pause
    assert harness.overlay(frame)["markers"] == []
