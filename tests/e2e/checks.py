"""Assertions shared by the end-to-end tests: the helper's answer and the marker geometry."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, TypeVar

from playwright.sync_api import Frame, Page

from tests.e2e import harness
from tests.support.helper_process import HelperProcess

T = TypeVar("T")

# How far (CSS px) a marker edge may sit from where the test's own geometry puts the
# characters: sub-pixel rounding only; one CJK glyph at 16px is 16px wide.
TOLERANCE_PX = 2.0


def slice16(text: str, start: int, end: int) -> str:
    """``text.slice(start, end)`` as JavaScript does it (UTF-16 offsets)."""
    return text.encode("utf-16-le")[2 * start : 2 * end].decode("utf-16-le")


def check_message(helper: HelperProcess, text: str) -> dict[str, Any]:
    """What the helper itself says about ``text`` (as the extension will ask it)."""
    reply = helper.api.post("/v1/check/message", {"text": text})
    assert reply.status == 200, reply.body
    return reply.json


def finding_over(helper: HelperProcess, text: str, word: str) -> dict[str, Any]:
    """The helper's finding whose UTF-16 span covers ``word`` in ``text``."""
    answer = check_message(helper, text)
    covering = [f for f in answer["findings"] if word in slice16(text, f["start"], f["end"])]
    assert covering, f"the helper does not flag {word!r} in {text!r}: {answer}"
    return covering[0]


def marker_for(frame: Page | Frame, start: int, end: int) -> dict[str, Any]:
    harness.wait_for_marker(frame, start, end)
    found = [m for m in harness.overlay(frame)["markers"] if (m["start"], m["end"]) == (start, end)]
    assert len(found) == 1, harness.overlay(frame)
    return found[0]


def assert_marker_geometry(frame: Page | Frame, marker: dict[str, Any]) -> None:
    """The marker's pieces sit exactly over the characters [start, end), line by line."""
    expected = sorted(
        harness.expected_rects(frame, harness.EDITOR, marker["start"], marker["end"]),
        key=lambda r: (round(r["top"]), r["left"]),
    )
    pieces = sorted(marker["pieces"], key=lambda r: (round(r["top"]), r["left"]))
    assert expected, "the test's own geometry found no rectangle for the span"
    assert len(pieces) == len(expected), (pieces, expected)
    for piece, want in zip(pieces, expected, strict=True):
        for edge in ("left", "right", "top", "bottom"):
            assert abs(piece[edge] - want[edge]) <= TOLERANCE_PX, (edge, piece, want)


def eventually(check: Callable[[], T], timeout: float = 5.0, interval: float = 0.05) -> T:
    """Run ``check`` until it stops raising AssertionError (for things the page does async)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            return check()
        except AssertionError:
            if time.monotonic() > deadline:
                raise
        time.sleep(interval)


def equal(actual: T, expected: T) -> T:
    """An assertion usable in ``eventually(lambda: equal(...))``."""
    assert actual == expected
    return actual
