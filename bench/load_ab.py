"""Rule load of two versions of the engine code on the same rules, in alternating processes.

    python bench/load_ab.py [--base main | --base-dir DIR] [--rounds 5]

What ``helper serve`` and ``helper check`` do at start (``MessageEngine.load`` with the user's
cache folder), timed in fresh processes, base and this in turns so that both meet the same
load on a shared machine. Each side has its own cache folder, first empty (the first start
after an upgrade or a rule edit), then filled by that start. Prints the median CPU time of the
load (process time: waiting for a core is not counted) and the ratio this / base. Both read
THIS checkout's ``rules/``. Asserts nothing. Goal (issue 9): rule load <= 300 ms.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.engine_ab import ab_arguments, base_code  # noqa: E402

# Runs inside the code tree under test; argv: rules dir, cache folder. Prints CPU ms.
_LOAD = """
import gc, sys, time
from pathlib import Path
from helper.checks.message import MessageEngine
started = time.process_time()
MessageEngine.load([Path(sys.argv[1])], cache_dir=Path(sys.argv[2]))
gc.collect(0)  # what the load leaves to the collector's next young run is part of its cost
print((time.process_time() - started) * 1000)
"""


def load_ms(code: Path, cache: Path) -> float:
    return float(
        subprocess.run(
            [sys.executable, "-c", _LOAD, str(ROOT / "rules"), str(cache)],
            cwd=code,
            env={**os.environ, "PYTHONPATH": str(code)},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )


def main() -> None:
    args = ab_arguments(__doc__.splitlines()[0], rounds=5)
    times: dict[tuple[str, str], list[float]] = {}
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        base = base_code(args, folder)
        for round_ in range(args.rounds):
            for side, code in (("base", base), ("this", ROOT)):
                cache = folder / f"cache-{side}-{round_}"
                times.setdefault((side, "empty"), []).append(load_ms(code, cache))
                times.setdefault((side, "filled"), []).append(load_ms(code, cache))
    print(f"Rule load, CPU ms, median of {args.rounds} alternating fresh processes")
    print(f"  base = {args.base_dir or args.base}; this = this checkout")
    for state in ("empty", "filled"):
        base_ms = statistics.median(times[("base", state)])
        this_ms = statistics.median(times[("this", state)])
        print(
            f"  cache {state:6}: base {base_ms:5.0f}   this {this_ms:5.0f}   "
            f"this/base {this_ms / base_ms:.2f}   (goal <= 300 ms)"
        )
    print(f"Load average at the end {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
