"""The extension's pure JavaScript modules, tested with Node's built-in runner.

Skipped without ``node`` on a developer's machine; ``WBG_REQUIRE_NODE=1`` (CI) makes a missing
Node a failure.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from tests.conftest import require_or_skip

ROOT = Path(__file__).resolve().parent.parent
UNIT_TESTS = ROOT / "extension" / "tests"


def test_extension_unit_tests_pass() -> None:
    node = shutil.which("node")
    if node is None:
        require_or_skip("WBG_REQUIRE_NODE", "Node.js is not installed (needed for node --test)")
    assert node is not None
    assert any(UNIT_TESTS.glob("*.test.js")), "no unit tests found"
    result = subprocess.run(
        [node, "--test", "--test-reporter=tap", str(UNIT_TESTS)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert "# fail 0" in result.stdout
