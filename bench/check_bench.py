"""Message-check benchmark: prints figures, asserts nothing.

    python bench/check_bench.py [--quick]

Runs side by side in one process:
- the engine (normalise, one automaton scan, one RE2 set, exceptions and context);
- a naive baseline: every term tested with ``in`` on the normalised text, plus one big
  regex alternation of every pattern (Python ``re``);
- the floor: a bare pyahocorasick scan of the raw text, no normalisation at all.

Then the HTTP round trip through a real ``helper serve``, bulk ``helper check --jsonl``
throughput on one core, rule load time, and precision / recall per scene on the team's corpora.
Targets (issue 9): in-process p99 <= 1 ms at 500 characters, the engine's median within 5x
of the bare automaton at 500 characters, bulk >= 5 MB/s on one core, rule load <= 300 ms.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import ahocorasick  # noqa: E402

from helper.checks.message import MessageEngine  # noqa: E402
from helper.checks.message.engine import CompiledRules  # noqa: E402
from helper.checks.message.normalise import BREAK  # noqa: E402
from helper.checks.message.rules import load_rulebook  # noqa: E402
from helper.platforms import load_platforms  # noqa: E402
from helper.rulefiles import shipped_rules_dir  # noqa: E402
from tests.support.helper_process import HELPER, HelperProcess  # noqa: E402

DATA = ROOT / "tests" / "data"
LENGTHS = (20, 100, 500)


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def timed(
    function: Callable[[str], object], messages: list[str], rounds: int
) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU (this thread) milliseconds per call. On a loaded machine the wall
    clock also counts time spent waiting for a core; the CPU time does not."""
    wall, cpu = [], []
    for _ in range(rounds):
        for message in messages:
            started, started_cpu = time.perf_counter(), time.thread_time()
            function(message)
            cpu.append((time.thread_time() - started_cpu) * 1000)
            wall.append((time.perf_counter() - started) * 1000)
    return wall, cpu


def corpus_lines() -> tuple[list[str], list[tuple[str, str, str]]]:
    normal = (DATA / "normal_replies.txt").read_text(encoding="utf-8").splitlines()
    rows = (DATA / "violations.tsv").read_text(encoding="utf-8").splitlines()[1:]
    return normal, [tuple(row.split("\t")) for row in rows]  # type: ignore[misc]


def messages_of_length(length: int, pool: list[str], count: int, rng: random.Random) -> list[str]:
    """Realistic messages cut to ``length`` characters: replies and drafts joined."""
    messages = []
    for _ in range(count):
        text = ""
        while len(text) < length:
            text += rng.choice(pool)
        messages.append(text[:length])
    return messages


class NaiveBaseline:
    """What one would write first: ``term in text`` for every term, one regex for patterns."""

    def __init__(self, engine: MessageEngine) -> None:
        rules = engine.rules
        self.normaliser = rules.normaliser
        self.terms = sorted(
            {
                rules.normaliser.normalise(term).view.replace(BREAK, "")
                for rule in rules.book.rules
                for term in (*rule.terms, *rule.exact_terms)
            }
            - {""}
        )
        patterns = [p for rule in rules.book.rules for p in rule.patterns]
        self.alternation = re.compile("|".join(f"(?:{p})" for p in patterns))

    def check(self, text: str) -> list[str]:
        view = self.normaliser.normalise(text).view
        found = [term for term in self.terms if term in view]
        found += [m.group(0) for m in self.alternation.finditer(view)]
        return found


def bare_floor(engine: MessageEngine) -> Callable[[str], list[object]]:
    automaton = ahocorasick.Automaton()
    for rule in engine.rules.book.rules:
        for term in (*rule.terms, *rule.exact_terms):
            automaton.add_word(term, term)
    automaton.make_automaton()
    return lambda text: list(automaton.iter(text))


def in_process(engine: MessageEngine, pool: list[str], quick: bool) -> None:
    # what helper serve does in the background at start: the real-word gate's dictionary
    # read, every slot pattern compiled (else the first checks that meet them pay for it)
    engine.warm()
    rng = random.Random(20261122)
    naive = NaiveBaseline(engine)
    floor = bare_floor(engine)
    # the same rules without the slot matcher (threat/harassment slot patterns, one RE2 set),
    # to show what the lexicon, the patterns and the gate cost on their own
    without_slots = CompiledRules(engine.rules.book)
    without_slots.matchers = []
    contenders = {
        "engine": engine.check,
        "engine without slot patterns": MessageEngine(without_slots).check,
        "naive (in + one regex)": naive.check,
        "floor (bare automaton)": floor,
    }
    rounds = 2 if quick else 5
    print(
        f"\nIn-process latency, ms, p50 / p99 ({len(naive.terms)} terms, 200 messages x {rounds})"
    )
    print(f"  {'':36}" + "".join(f"{n:>9} chars      " for n in LENGTHS))
    medians: dict[str, tuple[float, float]] = {}
    samples = {length: messages_of_length(length, pool, 200, rng) for length in LENGTHS}
    for name, function in contenders.items():
        wall_cells, cpu_cells = [], []
        for length in LENGTHS:
            messages = samples[length]  # the same messages for every contender
            timed(function, messages[:20], 1)  # warm caches
            wall, cpu = timed(function, messages, rounds)
            wall_cells.append(f"{percentile(wall, 0.5):7.3f} / {percentile(wall, 0.99):7.3f}")
            cpu_cells.append(f"{percentile(cpu, 0.5):7.3f} / {percentile(cpu, 0.99):7.3f}")
            if length == LENGTHS[-1]:
                medians[name] = (statistics.median(wall), statistics.median(cpu))
        print(f"  {name + ' (wall)':36}" + "".join(f"{cell:>21}" for cell in wall_cells))
        print(f"  {name + ' (cpu)':36}" + "".join(f"{cell:>21}" for cell in cpu_cells))
    floor_wall, floor_cpu = medians["floor (bare automaton)"]
    for name in ("engine", "engine without slot patterns"):
        wall, cpu = medians[name]
        print(
            f"  {name} median / bare automaton median at {LENGTHS[-1]} chars: "
            f"{wall / floor_wall:.1f}x wall, {cpu / floor_cpu:.1f}x CPU (goal < 5x)"
        )
    with_findings = sum(1 for text in samples[LENGTHS[-1]] if engine.check(text).findings)
    print(
        f"  ({with_findings}/{len(samples[LENGTHS[-1]])} of the {LENGTHS[-1]}-char messages have "
        "findings: they are cut from the corpora, a quarter of whose lines are violations)"
    )


def http_round_trip(pool: list[str], quick: bool) -> None:
    rng = random.Random(7)
    messages = messages_of_length(100, pool, 100 if quick else 500, rng)
    with tempfile.TemporaryDirectory() as data_dir, HelperProcess(Path(data_dir)) as helper:
        connection = http.client.HTTPConnection("127.0.0.1", helper.port, timeout=10)
        headers = {"Content-Type": "application/json", "Authorization": f"Bearer {helper.token}"}
        samples, server_side = [], []
        for index, text in enumerate(messages):
            body = json.dumps({"text": text}, ensure_ascii=False).encode()
            started = time.perf_counter()
            connection.request("POST", "/v1/check/message", body=body, headers=headers)
            reply = connection.getresponse()
            payload = reply.read()
            elapsed = (time.perf_counter() - started) * 1000
            if reply.status != 200:
                raise SystemExit(f"HTTP {reply.status}: {payload[:200]!r}")
            if index >= 10:  # the first requests warm the connection and the server
                samples.append(elapsed)
                server_side.append(json.loads(payload)["elapsed_ms"])
        connection.close()
    print(f"\nHTTP round trip through helper serve (100-char messages, {len(samples)} requests,")
    print("one keep-alive connection, token checked on every request)")
    print(
        f"  client p50 {percentile(samples, 0.5):.2f} ms   p99 {percentile(samples, 0.99):.2f} ms"
    )
    print(
        f"  inside the view (elapsed_ms) p50 {statistics.median(server_side):.3f} ms   "
        f"p99 {percentile(server_side, 0.99):.3f} ms"
    )


def bulk_jsonl(normal: list[str], drafts: list[str], quick: bool) -> None:
    """Two exports of the same size: lines drawn from the corpora (an export repeats its
    canned replies; the CLI reuses the JSON of a line seen before) and lines that are all
    distinct (cuts of 5..60 characters from the joined corpora: no line checked twice). Also
    an empty input, to tell process start and rule load from the checking itself."""
    target_bytes = (1 if quick else 8) * 1024 * 1024
    rng = random.Random(3)
    drawn, size = [], 0
    while size < target_bytes:
        line = rng.choice(normal if rng.random() < 0.8 else drafts)
        drawn.append(line)
        size += len(line.encode("utf-8")) + 1
    joined = "".join(normal + drafts)
    distinct: set[str] = set()
    size = 0
    while size < target_bytes:
        start = rng.randrange(len(joined) - 60)
        line = joined[start : start + rng.randint(5, 60)].strip()
        if line and line not in distinct:
            distinct.add(line)
            size += len(line.encode("utf-8")) + 1
    start_cpu = min(_bulk_run([])[1] for _ in range(3))
    print("\nBulk helper check --jsonl --jobs 1 (goal >= 5 MB/s on one core)")
    print(f"  empty input (process start + rule load): {start_cpu:.2f} s CPU")
    for name, lines in (
        ("drawn from the corpora", drawn),
        ("every line distinct", sorted(distinct)),
    ):
        rng.shuffle(lines)
        wall, cpu, size, out_lines = _bulk_run(lines)
        print(
            f"  {name}: {size / 1e6:.1f} MB, {len(lines)} lines "
            f"({len(set(lines))} distinct), {out_lines} out"
        )
        print(
            f"    {wall:.2f} s wall = {size / 1e6 / wall:.2f} MB/s; {cpu:.2f} s CPU = "
            f"{size / 1e6 / cpu:.2f} MB/s per core with start and load, "
            f"{size / 1e6 / max(cpu - start_cpu, 1e-3):.2f} MB/s checking alone"
        )


def _bulk_run(lines: list[str]) -> tuple[float, float, int, int]:
    """(wall s, CPU s, input bytes, output lines) of one ``helper check --jsonl`` run."""
    payload = "".join(line + "\n" for line in lines).encode("utf-8")
    with tempfile.TemporaryDirectory() as work:
        export = Path(work) / "export.txt"
        export.write_bytes(payload)
        with export.open("rb") as stdin:
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            started = time.perf_counter()
            result = subprocess.run(
                [*HELPER, "check", "--jsonl", "--jobs", "1"],
                stdin=stdin,
                capture_output=True,
                env={**os.environ, "HELPER_DATA_DIR": work},
                check=True,
            )
            elapsed = time.perf_counter() - started
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu, len(payload), result.stdout.count(b"\n")


def load_time() -> None:
    """Rule load in a fresh process as ``helper serve`` and ``helper check`` do it: with a
    cache folder, empty (the first start after a rule or code change: every spelling made,
    every rule file parsed, every slot pattern written; docs/message-checks.md)
    and then filled by an earlier start."""
    script = (
        "import sys, time; t=time.perf_counter()\n"
        "from helper.checks.message import MessageEngine\n"
        "from helper.rulefiles import shipped_rules_dir\n"
        "from pathlib import Path\n"
        "i=time.perf_counter(); c=time.process_time()\n"
        "e=MessageEngine.load([shipped_rules_dir()], cache_dir=Path(sys.argv[1]))\n"
        "d=time.perf_counter(); print(i-t, d-i, e.rules.lexicon.size, len(e.rules.rules))\n"
        "print(time.process_time(), time.process_time() - c)\n"
    )

    def run(cache: str) -> list[str]:
        return subprocess.run(
            [sys.executable, "-c", script, cache],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        ).stdout.split()

    with tempfile.TemporaryDirectory() as work:
        cold = [run(str(Path(work) / f"cold{n}")) for n in range(3)]
        warm = [run(str(Path(work) / "cold0")) for _ in range(3)]
    print("\nRule load (fresh process, median of 3; goal: rules <= 300 ms)")
    for name, runs in (("cache folder empty", cold), ("cache folder filled", warm)):
        imports = statistics.median(float(r[0]) for r in runs)
        loads = statistics.median(float(r[1]) for r in runs)
        cpu = statistics.median(float(r[4]) for r in runs)
        rules_cpu = statistics.median(float(r[5]) for r in runs)
        print(
            f"  {name}: imports {imports * 1000:.0f} ms + rules {loads * 1000:.0f} ms = "
            f"{(imports + loads) * 1000:.0f} ms wall; rules {rules_cpu * 1000:.0f} ms CPU, "
            f"{cpu * 1000:.0f} ms CPU for the whole process"
        )
    print(f"  {cold[0][3]} rules, {cold[0][2]} automaton keys")
    engine = MessageEngine.load([shipped_rules_dir()])
    started, started_cpu = time.perf_counter(), time.process_time()
    engine.replace_rules(
        CompiledRules(load_rulebook([shipped_rules_dir()]), engine.rules.spellings)
    )
    print(
        f"  reload in a running helper: {(time.perf_counter() - started) * 1000:.0f} ms wall, "
        f"{(time.process_time() - started_cpu) * 1000:.0f} ms CPU"
    )


def accuracy(engine: MessageEngine, normal: list[str], rows: list[tuple[str, str, str]]) -> None:
    scenes = ("insult", "threat", "harassment", "mailing")
    total, caught, in_scene = Counter(), Counter(), Counter()
    flagged_as: Counter[str] = Counter()
    right_as: Counter[str] = Counter()
    for scene, _, text in rows:
        found = {f.scene for f in engine.check(text).findings}
        total[scene] += 1
        caught[scene] += bool(found)
        in_scene[scene] += scene in found
        for got in found:
            flagged_as[got] += 1
            right_as[got] += got == scene
    false_positive = 0
    for text in normal:
        found = {f.scene for f in engine.check(text).findings}
        false_positive += bool(found)
        for got in found:
            flagged_as[got] += 1
    print(f"\nCorpora: {len(rows)} violating drafts, {len(normal)} normal replies")
    print("  scene        recall(scene)  recall(any)  precision")
    for scene in scenes:
        precision = right_as[scene] / flagged_as[scene] if flagged_as[scene] else float("nan")
        recall = in_scene[scene] / total[scene]
        print(
            f"  {scene:12} {in_scene[scene]:3}/{total[scene]:<3} {recall:.3f}"
            f"  {caught[scene] / total[scene]:.3f}        {precision:.3f}"
        )
    print(
        f"  normal replies flagged: {false_positive}/{len(normal)} "
        f"({false_positive / len(normal):.2%})"
    )
    print("  (the rules were tuned on these corpora: these are training-set figures)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer rounds, smaller bulk file")
    args = parser.parse_args()
    print(
        f"Load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (other work on the "
        "machine inflates wall-clock figures; CPU figures are per core)"
    )
    dirs = [shipped_rules_dir()]
    engine = MessageEngine.load(dirs, load_platforms(dirs), "taobao")
    normal, rows = corpus_lines()
    drafts = [text for _, _, text in rows]
    pool = normal + drafts
    in_process(engine, pool, args.quick)
    http_round_trip(pool, args.quick)
    bulk_jsonl(normal, drafts, args.quick)
    load_time()
    accuracy(engine, normal, rows)
    print(
        f"\nLoad average at the end {' '.join(f'{x:.1f}' for x in os.getloadavg())}; "
        f"this process used {time.process_time():.1f} s CPU"
    )


if __name__ == "__main__":
    main()
