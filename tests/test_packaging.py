"""`pip install .` must ship the rules and migrations inside the package."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_contains_rules_and_migrations(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    wheel = next(tmp_path.glob("workbench_guard-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {
        "helper/rules/" + path.relative_to(ROOT / "rules").as_posix()
        for pattern in ("*.toml", "*.json")  # JSON: the learned scorer's model
        for path in (ROOT / "rules").rglob(pattern)
    }
    assert "helper/rules/learned/offensive_scorer.json" in shipped
    assert shipped and shipped <= names
    assert "helper/store/migrations/env.py" in names
    assert "helper/store/migrations/versions/0001_foundation.py" in names
    assert "helper/store/migrations/script.py.mako" in names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "helper = helper.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()
