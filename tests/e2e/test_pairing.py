"""Pairing through the popup, exactly as the agent does it."""

from __future__ import annotations

import pytest

from tests.e2e import harness
from tests.support.helper_process import free_port, run_cli

pytestmark = pytest.mark.browser


def test_popup_walks_from_offline_through_unpaired_to_connected(fresh_browser, own_helper):
    context = fresh_browser()
    assert harness.extension_id(context) == harness.PINNED_EXTENSION_ID

    popup = harness.open_popup(context)
    harness.set_port(popup, free_port())  # nothing listens there
    popup.wait_for_selector('#state[data-state="offline"]', timeout=15_000)

    harness.set_port(popup, own_helper.port)
    popup.wait_for_selector('#state[data-state="unpaired"]', timeout=15_000)

    code = harness.pairing_code(own_helper.data_dir)
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    popup.fill("#pair-code", wrong)
    popup.click("#pair-submit")
    popup.wait_for_selector("#pair-message.error", timeout=15_000)
    assert harness.popup_state(popup) == "unpaired"
    worker = harness.service_worker(context)
    assert "token" not in worker.evaluate("chrome.storage.local.get('token')")

    popup.fill("#pair-code", code)
    popup.click("#pair-submit")
    popup.wait_for_selector('#state[data-state="connected"]', timeout=15_000)

    stored = worker.evaluate("chrome.storage.local.get(['token', 'port'])")
    assert stored["port"] == own_helper.port
    assert stored["token"]
    # The token the popup got is a real one: the helper accepts it.
    assert own_helper.api.get("/v1/openapi.json", token=stored["token"]).status == 200
    assert own_helper.api.get("/v1/openapi.json", token="wbg_not-a-token").status == 401
    clients = run_cli(own_helper.data_dir, "pair", "--list").stdout
    assert "extension" in clients or "浏览器" in clients, clients

    # Opened again later, the popup remembers it is connected.
    popup.close()
    again = harness.open_popup(context)
    again.wait_for_selector('#state[data-state="connected"]', timeout=15_000)
