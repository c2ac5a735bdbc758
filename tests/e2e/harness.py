"""The end-to-end harness, shared by the pytest fixtures and ``bench/extension_bench.py``.

A real Chromium (Debian's, driven by Python Playwright) with the real ``extension/`` loaded
unpacked, a local HTTP server for the fixture chat pages, and the steps a user takes in the
extension's popup. Nothing here knows about pytest.
"""

from __future__ import annotations

import http.server
import os
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from playwright.sync_api import BrowserContext, Frame, Page, Playwright, Worker

from tests.support.helper_process import run_cli

E2E_DIR = Path(__file__).resolve().parent
PAGES_DIR = E2E_DIR / "pages"
NODE_MODULES = E2E_DIR / "node_modules"
REPO_ROOT = E2E_DIR.parents[1]
# WBG_EXTENSION_DIR tests another copy of the extension (e.g. an unpacked release zip).
EXTENSION_DIR = Path(os.environ.get("WBG_EXTENSION_DIR", REPO_ROOT / "extension"))
ARTIFACTS_DIR = REPO_ROOT / "test-artifacts"

# Debian's Chromium; Playwright's own browser downloads are not available (or wanted).
CHROMIUM = Path(os.environ.get("WBG_CHROMIUM", "/usr/bin/chromium"))
PINNED_EXTENSION_ID = "kdejebnmjongecagojacbiommnoedloo"

GEOMETRY_JS = (PAGES_DIR / "geometry.js").read_text(encoding="utf-8")


def chromium_args(extension_dir: Path | None) -> list[str]:
    """Flags that load one unpacked extension in a quiet, headless Chromium (we run as root)."""
    loading = (
        [f"--disable-extensions-except={extension_dir}", f"--load-extension={extension_dir}"]
        if extension_dir
        else ["--disable-extensions"]
    )
    return [
        "--headless=new",
        *loading,
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
    ]


def launch(
    playwright: Playwright, user_data_dir: Path, extension_dir: Path | None = EXTENSION_DIR
) -> BrowserContext:
    """A persistent context (extensions need one) with the extension loaded (or, with
    ``extension_dir=None``, the same browser without it: the benchmark's baseline)."""
    return playwright.chromium.launch_persistent_context(
        str(user_data_dir),
        executable_path=str(CHROMIUM),
        headless=True,
        args=chromium_args(extension_dir),
        # chrome.i18n follows the browser's UI language, which Chromium on Linux takes from
        # the environment (--lang is ignored there): the agent's browser is in Chinese.
        env={**os.environ, "LANG": "zh_CN.UTF-8", "LANGUAGE": "zh_CN:zh"},
        locale="zh-CN",
        viewport={"width": 1000, "height": 720},
    )


def service_worker(context: BrowserContext, timeout_ms: float = 15_000) -> Worker:
    """The extension's service worker (started again by Chromium if it went idle)."""
    for worker in context.service_workers:
        if worker.url.startswith("chrome-extension://"):
            return worker
    return context.wait_for_event("serviceworker", timeout=timeout_ms)


def extension_id(context: BrowserContext) -> str:
    return service_worker(context).url.split("/")[2]


# -- fixture pages ---------------------------------------------------------------------------


class _PagesHandler(http.server.SimpleHTTPRequestHandler):
    """Serves tests/e2e/pages at / and the npm-installed React builds at /node_modules/."""

    def translate_path(self, path: str) -> str:
        clean = path.split("?", 1)[0].split("#", 1)[0]
        if clean.startswith("/node_modules/"):
            root, rest = NODE_MODULES, clean[len("/node_modules/") :]
        else:
            root, rest = PAGES_DIR, clean.lstrip("/")
        target = (root / rest).resolve()
        if not target.is_relative_to(root.resolve()):
            return str(root / "__missing__")
        return str(target)

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        if "isolated" in self.path.partition("?")[2].split("&"):
            # Cross-origin isolation gives performance.now() 5 µs resolution instead of 100 µs
            # (for the benchmark's per-keystroke figures).
            self.send_header("Cross-Origin-Opener-Policy", "same-origin")
            self.send_header("Cross-Origin-Embedder-Policy", "require-corp")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass


class PageServer:
    """The fixture pages on http://127.0.0.1:PORT/ (and http://localhost:PORT/ for iframes)."""

    def __init__(self) -> None:
        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _PagesHandler)
        self.port = int(self._server.server_address[1])
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.port}/{name}"

    def __enter__(self) -> PageServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()


# -- the popup, as a user works it -----------------------------------------------------------

_CODE = re.compile(r"^\s*(\d{3}) ?(\d{3})\s*$", re.MULTILINE)


def pairing_code(data_dir: Path) -> str:
    """Run ``helper pair --no-wait`` and read the 6-digit code from what it prints."""
    output = run_cli(data_dir, "pair", "--no-wait").stdout
    found = _CODE.search(output)
    if not found:
        raise AssertionError(f"no pairing code in the output of helper pair:\n{output}")
    return found.group(1) + found.group(2)


def open_popup(context: BrowserContext) -> Page:
    page = context.new_page()
    page.goto(f"chrome-extension://{extension_id(context)}/popup/popup.html")
    return page


def popup_state(popup: Page) -> str | None:
    return popup.get_attribute("#state", "data-state")


def set_port(popup: Page, port: int) -> None:
    """The popup's advanced setting for a helper started with ``--port``."""
    if not popup.evaluate("document.getElementById('advanced').open"):
        popup.click("#advanced summary")
    popup.fill("#port", str(port))
    popup.click("#port-save")
    popup.wait_for_function(
        "(port) => chrome.storage.local.get('port').then((s) => s.port === port)", arg=port
    )


def pair_through_popup(context: BrowserContext, data_dir: Path, port: int) -> Page:
    """Point the popup at the helper's port, enter the code ``helper pair`` shows, submit."""
    popup = open_popup(context)
    set_port(popup, port)
    popup.wait_for_selector('#state[data-state="unpaired"]', timeout=15_000)
    popup.fill("#pair-code", pairing_code(data_dir))
    popup.click("#pair-submit")
    popup.wait_for_selector('#state[data-state="connected"]', timeout=15_000)
    return popup


# -- reading the overlay ---------------------------------------------------------------------

OVERLAY_JS = """
() => {
  const hosts = Array.from(document.querySelectorAll('wbg-overlay'));
  const markers = [];
  let tooltip = null;
  for (const host of hosts) {
    const root = host.shadowRoot;
    if (!root) continue;
    for (const m of root.querySelectorAll('.wbg-marker')) {
      const r = m.getBoundingClientRect();
      const style = getComputedStyle(m);
      const pieces = Array.from(m.querySelectorAll('.wbg-piece')).map((piece) => {
        const pr = piece.getBoundingClientRect();
        return {left: pr.left, top: pr.top, right: pr.right, bottom: pr.bottom};
      });
      markers.push({
        rule_id: m.dataset.ruleId, start: Number(m.dataset.start), end: Number(m.dataset.end),
        verdict: m.dataset.verdict, pieces,
        left: r.left, top: r.top, right: r.right, bottom: r.bottom,
        visible: r.width > 0 && r.height > 0 && style.visibility !== 'hidden'
          && style.display !== 'none' && Number(style.opacity) > 0,
      });
    }
  }
  return {hosts: hosts.map(h => ({state: h.dataset.wbgState || h.getAttribute('data-wbg-state'),
                                 shadow: !!h.shadowRoot})),
          markers};
}
"""

VISIBLE_MARKER_JS = """
(spec) => {
  for (const host of document.querySelectorAll('wbg-overlay')) {
    const root = host.shadowRoot;
    if (!root) continue;
    for (const m of root.querySelectorAll('.wbg-marker')) {
      if (spec && (Number(m.dataset.start) !== spec.start || Number(m.dataset.end) !== spec.end))
        continue;
      const r = m.getBoundingClientRect();
      if (r.width > 0 && r.height > 0 && getComputedStyle(m).visibility !== 'hidden') return true;
    }
  }
  return false;
}
"""


def overlay(frame: Page | Frame) -> dict[str, Any]:
    return frame.evaluate(OVERLAY_JS)


def wait_for_marker(
    frame: Page | Frame, start: int | None = None, end: int | None = None, timeout: float = 10_000
) -> None:
    spec = None if start is None else {"start": start, "end": end}
    frame.wait_for_function(VISIBLE_MARKER_JS, arg=spec, polling="raf", timeout=timeout)


def expected_rects(frame: Page | Frame, selector: str, start: int, end: int) -> list[dict]:
    """Where the characters [start, end) are, computed by the test's own geometry code."""
    frame.evaluate(GEOMETRY_JS)
    return frame.evaluate(
        "([sel, s, e]) => window.wbgTestGeometry.expectedRects(sel, s, e)", [selector, start, end]
    )


def frame_offset(page: Page, frame: Page | Frame) -> tuple[float, float]:
    """Viewport position of ``frame``'s content in the page (0, 0 for the top frame)."""
    if frame in (page, page.main_frame):
        return (0.0, 0.0)
    assert isinstance(frame, Frame)
    element = frame.frame_element()
    box = element.bounding_box()
    assert box is not None
    inset = element.evaluate(
        "f => [f.clientLeft + parseFloat(getComputedStyle(f).paddingLeft),"
        " f.clientTop + parseFloat(getComputedStyle(f).paddingTop)]"
    )
    return (box["x"] + inset[0], box["y"] + inset[1])


def hover_marker(page: Page, frame: Page | Frame, marker: dict[str, Any]) -> None:
    """Move the mouse to the centre of the marker's first piece (markers ignore the pointer,
    so the extension watches mouse moves over the editor)."""
    piece = marker["pieces"][0]
    x, y = frame_offset(page, frame)
    page.mouse.move(
        x + (piece["left"] + piece["right"]) / 2, y + (piece["top"] + piece["bottom"]) / 2
    )


@contextmanager
def watching_editor(frame: Page | Frame, selector: str) -> Iterator[dict[str, Any]]:
    """Record every mutation of the editor (attributes, text, children) while inside."""
    frame.evaluate(
        """(sel) => {
          const editor = document.querySelector(sel);
          window.__wbgMutations = [];
          window.__wbgObserver = new MutationObserver((records) => {
            for (const r of records) window.__wbgMutations.push(
              {type: r.type, attribute: r.attributeName, target: r.target.nodeName});
          });
          window.__wbgObserver.observe(editor, {attributes: true, characterData: true,
                                                childList: true, subtree: true});
        }""",
        selector,
    )
    report: dict[str, Any] = {}
    try:
        yield report
    finally:
        report["mutations"] = frame.evaluate(
            "() => { window.__wbgObserver.takeRecords().forEach(r => window.__wbgMutations.push("
            "{type: r.type, attribute: r.attributeName, target: r.target.nodeName}));"
            " window.__wbgObserver.disconnect(); return window.__wbgMutations; }"
        )


EDITOR_SNAPSHOT_JS = """
(sel) => {
  const e = document.querySelector(sel);
  const field = e.tagName === 'TEXTAREA' || e.tagName === 'INPUT';
  const snap = {outer: e.outerHTML, value: field ? e.value : e.textContent,
                focused: document.activeElement === e};
  if (field) { snap.caret = [e.selectionStart, e.selectionEnd, e.selectionDirection]; }
  else {
    const s = getSelection();
    snap.caret = s.rangeCount ? [s.anchorNode && s.anchorNode.nodeName, s.anchorOffset,
                                 s.focusNode && s.focusNode.nodeName, s.focusOffset] : null;
  }
  return snap;
}
"""


def editor_snapshot(frame: Page | Frame, selector: str) -> dict[str, Any]:
    """The editor's markup, text, focus and caret — everything the extension must not touch."""
    return frame.evaluate(EDITOR_SNAPSHOT_JS, selector)


def chromium_available() -> bool:
    return CHROMIUM.exists()


# -- the fixture chats -----------------------------------------------------------------------

EDITOR = "#editor"
# kind -> (page, whether the editor sits in the 1688-style iframe)
CHATS = {
    "textarea": ("textarea.html", False),
    "contenteditable": ("contenteditable.html", False),
    "iframe": ("iframe.html", True),
    "react": ("react.html", False),
    "scroll": ("scroll.html", False),
}


def chat_frame(page: Page, kind: str, timeout: float = 10_000) -> Frame:
    """The frame holding the chat's editor (the iframe's frame for the 1688-style page)."""
    _, in_iframe = CHATS[kind]
    frame = page.main_frame
    if in_iframe:
        inner = page.wait_for_selector("iframe#chat", timeout=timeout).content_frame()
        assert inner is not None
        frame = inner
    frame.wait_for_selector(EDITOR, timeout=timeout)
    return frame


def editor_text(frame: Page | Frame) -> str:
    return frame.evaluate(
        "(sel) => { const e = document.querySelector(sel);"
        " return e.tagName === 'TEXTAREA' || e.tagName === 'INPUT' ? e.value : e.textContent; }",
        EDITOR,
    )


def sent_messages(frame: Page | Frame) -> list[str]:
    return frame.evaluate("() => window.sentMessages.slice()")


def utf16_index(text: str, needle: str) -> int:
    """JavaScript's ``text.indexOf(needle)``: an offset in UTF-16 code units."""
    return utf16_len(text[: text.index(needle)])


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2
