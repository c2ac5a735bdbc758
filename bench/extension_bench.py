"""What the extension costs the agent while typing, measured in the end-to-end harness.

1. Last keystroke -> marker visible: type a draft that ends in an insult, take the page's own
   timestamp of the last keystroke's ``input`` event, and the moment the marker for it
   becomes visible in the overlay's shadow root (a MutationObserver, then the next animation
   frame, when it is painted). Median and p95 over --drafts drafts (the check waits ~250 ms
   after typing pauses by design, so that delay is part of the figure).
2. Enter right after typing a clean draft -> sent: the send guard lets a draft it has no
   answer for wait for one immediate check; this is what that costs (from the Enter key's
   trusted keyup, which the extension does not hold, to the page's send handler).
3. Extra time per keystroke: the time the page spends dispatching a keystroke's ``input``
   event (all listeners, the content script's included) with the extension loaded, minus the
   same without it, for drafts of 20, 2000 and 20000 characters. Measured two ways: real
   keystrokes sent through the browser (this includes the browser's own input pipeline, so it
   is noisy), and a tight loop of synthetic ``input`` events (the handlers alone).
   The content script only re-arms a timer per keystroke, so this must not grow with length.

Run: python bench/extension_bench.py [--drafts 200] [--sends 50] [--keys 300] [--loop 2000]
Needs /usr/bin/chromium and tests/e2e/node_modules (bash scripts/system-deps.sh).
"""

from __future__ import annotations

import argparse
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
  const observer = new MutationObserver(() => {
    if (!lastInput || !visible()) return;
    const seen = performance.now();
    observer.disconnect();
    editor.removeEventListener('input', onInput);
    requestAnimationFrame(() => resolve({dom: seen - lastInput,
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


def latency(page: Page, count: int) -> tuple[list[float], list[float], int]:
    dom, painted, unmarked = [], [], 0
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
        painted.append(result["painted"])
    return dom, painted, unmarked


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
    parser.add_argument("--keys", type=int, default=300, help="real keystrokes per length")
    parser.add_argument("--loop", type=int, default=2000, help="synthetic events per batch")
    parser.add_argument("--rounds", type=int, default=6, help="batches per browser and length")
    args = parser.parse_args()
    if not harness.chromium_available():
        sys.exit(f"no Chromium at {harness.CHROMIUM} (bash scripts/system-deps.sh)")

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
        dom, painted, unmarked = latency(page, args.drafts)
        elapsed = time.perf_counter() - started
        print(f"last keystroke -> marker visible, {len(painted)} drafts ({elapsed:.0f} s):")
        for name, samples in (("in the DOM", dom), ("painted", painted)):
            print(
                f"  {name:<11} median {statistics.median(samples):6.1f} ms   "
                f"p95 {percentile(samples, 95):6.1f} ms   max {max(samples):6.1f} ms"
            )
        if unmarked:
            print(f"  {unmarked} drafts got no marker within 5 s")
        page.close()

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


if __name__ == "__main__":
    main()
