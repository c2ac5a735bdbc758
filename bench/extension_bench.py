"""What the extension costs the agent while typing, measured in the end-to-end harness.

1. Last keystroke -> badge and marker painted: type a draft that ends in an insult, take the
   page's own timestamp of the last keystroke's ``input`` event, and the moments the marker
   and the badge for it become visible in the overlay's shadow root (a MutationObserver,
   then the next animation frame, when it is painted). Median and p95 over --drafts drafts.
   The check waits 250 ms after typing pauses by design; the budget is that debounce plus
   at most 30 ms, so the figure is also printed less the debounce.
1b. Enter -> guard shown: on a blocked draft whose answer is known (the marker is up), and
   on one sent right after typing (the guard first waits for one check). The Enter keydown
   is swallowed by the guard, so no page listener sees it; the time runs from just before
   the key is sent (performance.now() in the page) to the guard painted, less the same
   path for a Shift+Enter the guard lets through (the harness's own key delivery, measured
   in the same run).
2. Enter right after typing a clean draft -> sent: the send guard lets a draft it has no
   answer for wait for one immediate check; this is what that costs (from the Enter key's
   trusted keyup, which the extension does not hold, to the page's send handler).
3. Extra time per keystroke: the time the page spends dispatching a keystroke's ``input``
   event (all listeners, the content script's included) with the extension loaded, minus the
   same without it, for drafts of 20, 2000 and 20000 characters. Measured two ways: real
   keystrokes sent through the browser (this includes the browser's own input pipeline, so it
   is noisy), and a tight loop of synthetic ``input`` events (the handlers alone).
   The content script only re-arms a timer per keystroke, so this must not grow with length.

Run: python bench/extension_bench.py [--drafts 200] [--sends 50] [--guards 40] [--keys 300]
     [--loop 2000]
Needs /usr/bin/chromium and tests/e2e/node_modules (bash scripts/system-deps.sh).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import BrowserContext, Page, sync_playwright

from bench._common import percentile
from tests.e2e import harness
from tests.support.helper_process import HelperProcess

# In the page's main world: when did the last keystroke's input event happen, and when did a
# visible marker next appear (DOM change seen, then painted at the following frame)?
ARM_JS = """
() => { window.__wbgBench = new Promise((resolve) => {
  const host = document.querySelector('wbg-overlay');
  const root = host.shadowRoot;
  const editor = document.querySelector('#editor');
  let lastInput = 0;
  const onInput = (e) => { lastInput = e.timeStamp; };
  editor.addEventListener('input', onInput);
  const visible = () => [...root.querySelectorAll('.wbg-layer:not(.wbg-hidden) .wbg-marker')]
    .some((m) => { const r = m.getBoundingClientRect(); return r.width > 0 && r.height > 0; });
  const badge = () => [...root.querySelectorAll('.wbg-badge:not([hidden]):not(.wbg-stale)')]
    .some((b) => Number(b.dataset.count) > 0);
  let markerSeen = 0;
  let badgeSeen = 0;
  const observer = new MutationObserver(() => {
    if (!lastInput) return;
    if (!markerSeen && visible()) markerSeen = performance.now();
    if (!badgeSeen && badge()) badgeSeen = performance.now();
    if (!markerSeen || !badgeSeen) return;
    observer.disconnect();
    editor.removeEventListener('input', onInput);
    requestAnimationFrame(() => resolve({dom: markerSeen - lastInput, badge: badgeSeen - lastInput,
                                         painted: performance.now() - lastInput}));
  });
  observer.observe(root, {subtree: true, childList: true, attributes: true});
}); }
"""

# Dispatch cost of an input event, measured by a listener that runs after every other one
# (window, bubble phase, registered last) against the event's creation time.
KEY_COST_JS = """
() => {
  window.__wbgKeyCosts = [];
  window.addEventListener('input', (e) => {
    window.__wbgKeyCosts.push(performance.now() - e.timeStamp);
  });
}
"""

LOOP_JS = """
(count) => {
  const editor = document.querySelector('#editor');
  const t0 = performance.now();
  for (let i = 0; i < count; i++) {
    editor.dispatchEvent(new InputEvent('input', {bubbles: true, inputType: 'insertText',
                                                  data: 'a'}));
  }
  return (performance.now() - t0) / count;
}
"""

# Draft lengths for the per-keystroke figures: a chat line, a long reply, an absurd paste.
LENGTHS = (20, 2000, 20000)
DEBOUNCE_MS = 250  # extension/lib/scheduler.js DEFAULT_DELAY_MS
BUDGET_MS = 30

INSULTS = ["你这个傻逼", "滚你妈的", "你是不是脑残", "神经病吧你", "你个贱人"]


def drafts(count: int) -> list[str]:
    openings = ["亲", "您好", "这位买家", "客官", "老板"]
    return [
        f"{openings[i % len(openings)]}，第{i}单的问题我说过了，{INSULTS[i % len(INSULTS)]}"
        for i in range(count)
    ]


def clear_editor(page: Page) -> None:
    page.click("#editor")
    page.keyboard.press("Control+a")
    page.keyboard.press("Delete")


def latency(page: Page, count: int) -> tuple[list[float], list[float], list[float], int]:
    dom, badge, painted, unmarked = [], [], [], 0
    for text in drafts(count):
        clear_editor(page)
        page.keyboard.insert_text(text[:-1])
        page.evaluate(ARM_JS)
        page.keyboard.type(text[-1])  # the last keystroke
        result = page.evaluate(
            "Promise.race([window.__wbgBench, new Promise((r) => setTimeout(() => r(null), 5000))])"
        )
        if result is None:
            unmarked += 1
            continue
        dom.append(result["dom"])
        badge.append(result["badge"])
        painted.append(result["painted"])
    return dom, badge, painted, unmarked


# The guard dialog becoming visible, painted; or (baseline) a Shift+Enter keydown reaching the
# page, painted. Both resolve with performance.now() at the frame after.
GUARD_SHOWN_JS = """
() => { window.__wbgGuard = new Promise((resolve) => {
  const root = document.querySelector('wbg-overlay').shadowRoot;
  const guard = root.querySelector('.wbg-guard');
  const observer = new MutationObserver(() => {
    if (guard.hidden) return;
    observer.disconnect();
    requestAnimationFrame(() => resolve(performance.now()));
  });
  observer.observe(guard, {attributes: true});
}); }
"""
KEY_SEEN_JS = """
() => { window.__wbgGuard = new Promise((resolve) => {
  const seen = (e) => {
    if (e.key !== 'Enter') return;
    window.removeEventListener('keydown', seen, true);
    requestAnimationFrame(() => resolve(performance.now()));
  };
  window.addEventListener('keydown', seen, true);
}); }
"""
BLOCKED = "你这个傻逼，再投诉我就去你家找你"


def enter_to_guard(page: Page, count: int) -> dict[str, list[float]]:
    """ms from just before Enter is sent to the guard painted: answer known, answer pending,
    and the harness's own delivery of a Shift+Enter (the baseline)."""
    samples: dict[str, list[float]] = {"known": [], "pending": [], "baseline": []}
    for i in range(count):
        for case in ("known", "pending", "baseline"):
            clear_editor(page)
            text = f"{BLOCKED}{i}"
            page.keyboard.insert_text(text[:-1])
            page.keyboard.type(text[-1])
            if case == "known":
                harness.wait_for_marker(page)
            page.evaluate(KEY_SEEN_JS if case == "baseline" else GUARD_SHOWN_JS)
            started = page.evaluate("performance.now()")
            page.keyboard.press("Shift+Enter" if case == "baseline" else "Enter")
            samples[case].append(page.evaluate("window.__wbgGuard") - started)
            if case != "baseline":
                page.keyboard.press("Escape")  # 取消: nothing is sent
    return samples


ENTER_JS = """
() => {
  window.__wbgEnterUp = [];
  window.addEventListener('keyup', (e) => {
    if (e.key === 'Enter' && e.isTrusted) window.__wbgEnterUp.push(e.timeStamp);
  }, true);
}
"""


def enter_to_sent(page: Page, count: int) -> list[float]:
    page.evaluate(ENTER_JS)
    samples = []
    for i in range(count):
        text = f"亲，您好，第{i}单已经为您加急处理～"
        page.click("#editor")
        page.keyboard.insert_text(text[:-1])
        page.keyboard.type(text[-1])
        page.keyboard.press("Enter")
        page.wait_for_function("(n) => window.sentAt.length >= n", arg=i + 1)
        samples.append(
            page.evaluate(
                "window.sentAt[window.sentAt.length - 1]"
                " - window.__wbgEnterUp[window.__wbgEnterUp.length - 1]"
            )
        )
    return samples


FILL_JS = """
(length) => {
  const editor = document.querySelector('#editor');
  editor.focus();
  editor.value = '亲，您好，请问还有什么可以帮您的吗？'.repeat(2000).slice(0, length);
  editor.setSelectionRange(length, length);
  window.__wbgKeyCosts = [];
}
"""


def key_batch(page: Page, length: int, keys: int, loop: int) -> tuple[float, float]:
    """Median ms per real keystroke, mean ms per synthetic input event, ``length`` chars."""
    page.evaluate(FILL_JS, length)
    for _ in range(keys // 2):
        page.keyboard.press("a")
        page.keyboard.press("Backspace")
    real = statistics.median(page.evaluate("window.__wbgKeyCosts"))
    return real, page.evaluate(LOOP_JS, loop)


def measure_keys(
    contexts: dict[str, BrowserContext], url: str, args: argparse.Namespace
) -> dict[tuple[str, int], tuple[float, float]]:
    """Alternate browsers and lengths in rounds so that drift hits all of them alike."""
    pages = {}
    for name, context in contexts.items():
        page = pages[name] = context.new_page()
        page.goto(url)
        page.wait_for_selector("#editor")
        assert page.evaluate("crossOriginIsolated"), "fine-grained timers need isolation"
        page.evaluate(KEY_COST_JS)
        key_batch(page, 20, 20, args.loop)  # warm-up (JIT, first session)
    samples: dict[tuple[str, int], list[tuple[float, float]]] = {}
    for _ in range(args.rounds):
        for length in LENGTHS:
            for name, page in pages.items():
                batch = key_batch(page, length, args.keys // args.rounds, args.loop)
                samples.setdefault((name, length), []).append(batch)
    for page in pages.values():
        page.close()
    return {
        key: (statistics.median(r for r, _ in runs), statistics.median(s for _, s in runs))
        for key, runs in samples.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--drafts", type=int, default=200)
    parser.add_argument("--sends", type=int, default=50, help="clean drafts sent at once")
    parser.add_argument("--guards", type=int, default=40, help="blocked drafts sent")
    parser.add_argument("--keys", type=int, default=300, help="real keystrokes per length")
    parser.add_argument("--loop", type=int, default=2000, help="synthetic events per batch")
    parser.add_argument("--rounds", type=int, default=6, help="batches per browser and length")
    args = parser.parse_args()
    if not harness.chromium_available():
        sys.exit(f"no Chromium at {harness.CHROMIUM} (bash scripts/system-deps.sh)")
    load_before = os.getloadavg()
    cpu_before = os.times()

    with (
        tempfile.TemporaryDirectory() as tmp,
        HelperProcess(Path(tmp) / "helper") as helper,
        harness.PageServer() as pages,
        sync_playwright() as driver,
    ):
        url = pages.url("textarea.html")
        context = harness.launch(driver, Path(tmp) / "with-extension")
        harness.pair_through_popup(context, helper.data_dir, helper.port).close()
        page = context.new_page()
        page.goto(url)
        page.wait_for_selector("#editor")
        clear_editor(page)  # creates the overlay host
        page.wait_for_selector("wbg-overlay", state="attached")

        started = time.perf_counter()
        dom, badge, painted, unmarked = latency(page, args.drafts)
        elapsed = time.perf_counter() - started
        print(
            f"last keystroke -> badge and marker painted, {len(painted)} drafts ({elapsed:.0f} s;"
            f" debounce {DEBOUNCE_MS} ms, budget debounce + {BUDGET_MS} ms):"
        )
        print(f"  {'':<24} {'median':>8} {'p95':>8} {'max':>8}   less debounce (median / p95)")
        for name, samples in (
            ("marker in the DOM", dom),
            ("badge in the DOM", badge),
            ("badge + marker painted", painted),
        ):
            print(
                f"  {name:<24} {statistics.median(samples):6.1f}ms {percentile(samples, 95):6.1f}ms"
                f" {max(samples):6.1f}ms   {statistics.median(samples) - DEBOUNCE_MS:6.1f} ms /"
                f" {percentile(samples, 95) - DEBOUNCE_MS:6.1f} ms"
            )
        if unmarked:
            print(f"  {unmarked} drafts got no marker within 5 s")
        guard = enter_to_guard(page, args.guards)
        page.close()
        base = statistics.median(guard["baseline"])
        print(
            f"Enter -> guard shown (painted), {args.guards} blocked drafts each; key delivery "
            f"baseline (Shift+Enter, not held) median {base:.1f} ms is subtracted:"
        )
        for case, label in (("known", "answer known"), ("pending", "right after typing")):
            values = [v - base for v in guard[case]]
            print(
                f"  {label:<20} median {statistics.median(values):6.1f} ms   "
                f"p95 {percentile(values, 95):6.1f} ms   max {max(values):6.1f} ms"
            )

        page = context.new_page()
        page.goto(url)
        page.wait_for_selector("#editor")
        waits = enter_to_sent(page, args.sends)
        page.close()
        print(f"Enter right after typing a clean draft -> sent, {len(waits)} drafts:")
        print(
            f"  median {statistics.median(waits):6.1f} ms   p95 {percentile(waits, 95):6.1f} ms"
            f"   max {max(waits):6.1f} ms"
        )

        bare = harness.launch(driver, Path(tmp) / "without-extension", None)
        costs = measure_keys({"with": context, "without": bare}, url + "?isolated", args)
        bare.close()
        context.close()

    print(
        f"extra time per keystroke added by the content script (input-event dispatch, "
        f"{args.rounds} rounds):"
    )
    print(
        f"  {'draft':>9}  {'real keys (median): with / without / extra':>44}"
        f"  {'synthetic (mean): with / without / extra':>42}"
    )
    for length in LENGTHS:
        (real_w, syn_w), (real_0, syn_0) = costs["with", length], costs["without", length]
        print(
            f"  {length:>6} ch  {real_w * 1000:17.1f} / {real_0 * 1000:7.1f} / "
            f"{(real_w - real_0) * 1000:6.1f} µs  "
            f"{syn_w * 1000:16.2f} / {syn_0 * 1000:7.2f} / {(syn_w - syn_0) * 1000:6.2f} µs"
        )

    cpu = [after - before for before, after in zip(cpu_before, os.times(), strict=True)]
    print(
        f"load average {load_before[0]:.2f} -> {os.getloadavg()[0]:.2f} (1 min); CPU of this "
        f"process and its children (helper, Chromium once they exit) {cpu[0] + cpu[2]:.1f} s "
        f"user, {cpu[1] + cpu[3]:.1f} s system"
    )


if __name__ == "__main__":
    main()
