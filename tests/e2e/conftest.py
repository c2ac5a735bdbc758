"""Fixtures for the end-to-end tests: real helper, real Chromium, real extension, real pages.

Expensive things are shared per session: one ``helper serve`` subprocess, one page server and
one Chromium whose extension was paired through its popup exactly as a user does it. Each
test gets fresh tabs. Tests that must break the shared state (pairing from scratch, a stopped
helper) use ``fresh_browser`` and their own helper.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, Playwright, sync_playwright

from tests.conftest import require_or_skip
from tests.e2e import harness
from tests.support.helper_process import HelperProcess


@pytest.fixture(scope="session")
def chromium_ready() -> None:
    if not harness.chromium_available():
        require_or_skip(
            "WBG_REQUIRE_BROWSER",
            f"Chromium not found at {harness.CHROMIUM} (scripts/system-deps.sh)",
        )
    if not (harness.EXTENSION_DIR / "manifest.json").exists():
        pytest.fail(f"no extension to test: {harness.EXTENSION_DIR / 'manifest.json'} is missing")
    if not (harness.NODE_MODULES / "react" / "umd").is_dir():
        require_or_skip(
            "WBG_REQUIRE_BROWSER",
            "React for the fixture page is not installed (npm ci in tests/e2e)",
        )


@pytest.fixture(scope="session")
def playwright(chromium_ready: None) -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def helper(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HelperProcess]:
    """The shared ``helper serve`` the session's browser is paired with."""
    with HelperProcess(tmp_path_factory.mktemp("e2e-helper")) as process:
        yield process


@pytest.fixture(scope="session")
def pages() -> Iterator[harness.PageServer]:
    with harness.PageServer() as server:
        yield server


@pytest.fixture(scope="session")
def paired_context(
    playwright: Playwright, helper: HelperProcess, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[BrowserContext]:
    """A Chromium with the extension paired to ``helper`` through the popup."""
    context = harness.launch(playwright, tmp_path_factory.mktemp("chromium-profile"))
    try:
        popup = harness.pair_through_popup(context, helper.data_dir, helper.port)
        popup.close()
        yield context
    finally:
        context.close()


@pytest.fixture
def open_page(
    paired_context: BrowserContext, pages: harness.PageServer
) -> Iterator[Callable[[str], Page]]:
    """``open_page("textarea.html")``: a fresh tab on a fixture page; closed after the test."""
    opened: list[Page] = []

    def opener(name: str) -> Page:
        page = paired_context.new_page()
        opened.append(page)
        page.goto(pages.url(name))
        return page

    yield opener
    for page in opened:
        page.close()


@pytest.fixture
def fresh_browser(playwright: Playwright, tmp_path: Path) -> Iterator[Callable[[], BrowserContext]]:
    """A factory for a Chromium with a brand-new profile (an unpaired extension)."""
    contexts: list[BrowserContext] = []

    def launcher() -> BrowserContext:
        context = harness.launch(playwright, tmp_path / f"profile-{len(contexts)}")
        contexts.append(context)
        return context

    yield launcher
    for context in contexts:
        context.close()


@pytest.fixture
def own_helper(tmp_path: Path) -> Iterator[HelperProcess]:
    """A helper of this test's own, free to be stopped."""
    data = tmp_path / "own-helper"
    data.mkdir()
    with HelperProcess(data) as process:
        yield process


@pytest.fixture(scope="session")
def artifacts() -> Path:
    harness.ARTIFACTS_DIR.mkdir(exist_ok=True)
    return harness.ARTIFACTS_DIR
