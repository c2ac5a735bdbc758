"""What the slot patterns cost: the message engine with and without its slot matcher on the
same drafts, and opt-out detection per buyer message. Prints ratios against the baseline
measured in the same run, CPU time and the load average; asserts nothing.

Run: python bench/slot_bench.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._common import percentile  # noqa: E402
from helper.checks.message.engine import MessageEngine  # noqa: E402
from helper.contacts.optout import load_optout_rules  # noqa: E402
from helper.rulefiles import shipped_rules_dir  # noqa: E402

# Drafts of three lengths: clean service replies (the common case), and ones that hold slot
# words without a combination (the matcher's RE2 set must still be asked).
REPLIES = [
    "亲，您好，您的订单已经发货了，预计明天送达，请注意查收哦",
    "我知道您的地址，已经为您改好了，快递会送到您家门口",
    "您的电话我们有记录，有问题随时在旺旺联系我们，每天都有客服在线",
    "请您确认收货地址是否正确，如有变动请及时告诉我们，我们会尽快处理",
]
BUYER_MESSAGES = [
    "好的谢谢",
    "什么时候发货啊",
    "别再打了",
    "晚上九点以后别打，白天可以",
    "周末不要打电话，工作日可以",
    "我不想再接到你们的电话",
]


def timed(function: Callable[[str], object], items: Sequence[str], rounds: int) -> list[float]:
    """Per-call wall times in ms."""
    samples = []
    for _ in range(rounds):
        for item in items:
            started = time.perf_counter()
            function(item)
            samples.append((time.perf_counter() - started) * 1000)
    return samples


def drafts(length: int) -> list[str]:
    """Each reply repeated up to ``length`` characters."""
    return [(reply * (length // len(reply) + 1))[:length] for reply in REPLIES]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=200)
    args = parser.parse_args()
    cpu_started = time.process_time()
    dirs = [shipped_rules_dir()]
    with_slots = MessageEngine.load(dirs)
    without = MessageEngine.load(dirs)
    without.rules.matchers.clear()  # the baseline: the same engine without the slot matcher
    print(f"Slot pattern cost; load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    print("  message engine, ms per draft, p50 / p99 (same drafts, same run)")
    for length in (20, 100, 500):
        pool = drafts(length)
        for engine in (with_slots, without):  # warm caches
            timed(engine.check, pool, 3)
        base = timed(without.check, pool, args.rounds)
        slots = timed(with_slots.check, pool, args.rounds)
        ratio = percentile(slots, 50) / percentile(base, 50)
        print(
            f"    {length:>3} chars  without slots {percentile(base, 50):.3f} / "
            f"{percentile(base, 99):.3f}   with slots {percentile(slots, 50):.3f} / "
            f"{percentile(slots, 99):.3f}   ratio p50 {ratio:.2f}x"
        )
    rules = load_optout_rules(dirs)
    at, zone = datetime(2026, 3, 2, 6, tzinfo=UTC), ZoneInfo("Asia/Shanghai")
    samples = timed(lambda text: rules.detect(text, at, zone), BUYER_MESSAGES, args.rounds)
    print(
        f"  opt-out and limit detection, ms per buyer message: p50 {percentile(samples, 50):.3f}"
        f"  p99 {percentile(samples, 99):.3f}  ({len(rules.rules)} rules)"
    )
    cpu = time.process_time() - cpu_started
    print(f"CPU {cpu:.1f} s; load average now {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
