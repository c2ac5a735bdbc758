"""Check latency of two versions of the engine code on the same rules, measured in turns.

    python bench/engine_ab.py [--base main | --base-dir DIR] [--rounds 3] [--replies]
    python bench/engine_ab.py --rules-of REF [--rounds 3]

``bench/check_bench.py`` compares the engine with baselines of its own (a bare automaton, a
naive matcher); this compares it with another version of itself. Both read THIS checkout's
``rules/`` (rule changes on other branches would otherwise mix into the figures), and they
run in alternating fresh processes (base, this, base, this...) so that both meet the same
load on a shared machine. Prints CPU (thread time) p50 / p99 per message length, the ratio
this / base, and the load average. Asserts nothing.

``--base REF`` takes the code with ``git archive``; ``--base-dir`` names a folder holding a
``helper`` package (for instance this checkout with some commits reverted).

``--rules-of REF`` turns it around: both sides run THIS checkout's code, the base side on
REF's ``rules/``, so that the figures show what the rules added since REF cost a check (the
issue's "a bigger lexicon must not make checks slower").

``--replies`` joins the messages from the ordinary replies alone (no findings: the path a clean
draft takes) instead of replies and violations (a quarter of the lines, so that every long
message has findings).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.check_bench import corpus_lines, messages_of_length  # noqa: E402
from scripts.verdict_diff import code_of  # noqa: E402

LENGTHS = (20, 100, 500)

# Runs inside the code tree under test; argv: rules dir, messages JSON, output JSON.
_TIME = """
import json, sys, time
from pathlib import Path
from helper.checks.message import MessageEngine
from helper.platforms import load_platforms
dirs = [Path(sys.argv[1])]
engine = MessageEngine.load(dirs, load_platforms(dirs), "taobao")
samples = json.loads(Path(sys.argv[2]).read_text(encoding="utf-8"))
engine.check("给你寄点纸钱")  # the real-word gate reads its dictionary on first need
# helper serve's start-up warm-up (slot patterns compiled), where the version has one
getattr(engine, "warm", lambda: None)()
found = {}
for length, messages in samples.items():
    for text in messages[:20]:
        engine.check(text)  # warm caches
    times = []
    for text in messages:
        started = time.thread_time()
        engine.check(text, "taobao")
        times.append((time.thread_time() - started) * 1000)
    found[length] = times
Path(sys.argv[3]).write_text(json.dumps(found), encoding="utf-8")
"""


def messages(count: int = 200, *, replies: bool = False) -> dict[str, list[str]]:
    """Messages of each length joined from the team corpora, as check_bench.py makes them
    (with ``replies``, from the ordinary replies alone)."""
    normal, rows = corpus_lines()
    pool = normal if replies else normal + [row[-1] for row in rows]
    rng = random.Random(20261122)
    return {str(length): messages_of_length(length, pool, count, rng) for length in LENGTHS}


def run(code: Path, rules: Path, texts: Path, out: Path) -> dict[str, list[float]]:
    subprocess.run(
        [sys.executable, "-c", _TIME, str(rules), str(texts), str(out)],
        cwd=code,
        env={**os.environ, "PYTHONPATH": str(code)},
        check=True,
    )
    return json.loads(out.read_text(encoding="utf-8"))


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def ab_arguments(
    description: str, rounds: int, rules_of: bool = False, replies: bool = False
) -> argparse.Namespace:
    """The options of an A/B bench (this one, load_ab.py); prints the load average."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--base", default="main", help="git ref of the code to compare with")
    parser.add_argument("--base-dir", help="folder holding the base code's helper package")
    parser.add_argument("--rounds", type=int, default=rounds)
    if rules_of:
        parser.add_argument(
            "--rules-of", help="git ref whose rules/ the base side reads, with this code"
        )
    if replies:
        parser.add_argument(
            "--replies", action="store_true", help="messages of ordinary replies alone"
        )
    args = parser.parse_args()
    print(f"Load average {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
    return args


def base_code(args: argparse.Namespace, folder: Path) -> Path:
    """The base side's code: ``--base-dir`` as it is, or ``--base`` taken into ``folder``."""
    return Path(args.base_dir) if args.base_dir else code_of(args.base, folder / "base")


def main() -> None:
    args = ab_arguments(__doc__.splitlines()[0], rounds=3, rules_of=True, replies=True)
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        texts = folder / "texts.json"
        texts.write_text(
            json.dumps(messages(replies=args.replies), ensure_ascii=False), encoding="utf-8"
        )
        rules = ROOT / "rules"
        if args.rules_of:
            sides = {"base": (ROOT, code_of(args.rules_of, folder, "rules") / "rules")}
            compared = f"same code, base = the rules of {args.rules_of}"
        else:
            sides = {"base": (base_code(args, folder), rules)}
            compared = f"same rules, base = the code of {args.base_dir or args.base}"
        sides["this"] = (ROOT, rules)
        timings: dict[str, dict[str, list[float]]] = {"base": {}, "this": {}}
        for _ in range(args.rounds):
            for side, (code, rules_dir) in sides.items():
                for length, times in run(code, rules_dir, texts, folder / "out.json").items():
                    timings[side].setdefault(length, []).extend(times)
    print(f"Engine check, CPU ms p50 / p99, {args.rounds} alternating rounds")
    made_of = "ordinary replies alone" if args.replies else "replies and violations"
    print(f"  {compared}; this = this checkout; messages of {made_of}")
    for length in map(str, LENGTHS):
        base_t, this_t = timings["base"][length], timings["this"][length]
        print(
            f"  {length:>4} chars: base {percentile(base_t, 0.5):6.3f} / "
            f"{percentile(base_t, 0.99):6.3f}   this {percentile(this_t, 0.5):6.3f} / "
            f"{percentile(this_t, 0.99):6.3f}   this/base p50 "
            f"{statistics.median(this_t) / statistics.median(base_t):.2f}"
        )
    print(f"Load average at the end {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
