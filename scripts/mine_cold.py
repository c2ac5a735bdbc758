"""Mine COLD *train* for what the message rules miss and what they flag wrongly.

Prints, never writes: (1) the terms the rules flag in COLD train rows labelled safe (false
alarms to fix by construction), (2) character n-grams over-represented in offensive train rows
the rules miss, with their counts in offensive and safe rows and whether a rule already holds
them. A person reads the list and writes lexicon entries as facts of the language; no sentence
of the corpus goes into the repository. COLD dev is never read here (it is for measuring).

Usage: python scripts/mine_cold.py [--cold DIR] [--top N] [--min-count N]
"""

from __future__ import annotations

import argparse
import math
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.corpora import find_cold_dir, read_cold
from helper.checks.message import MessageEngine
from helper.platforms import load_platforms
from helper.rulefiles import shipped_rules_dir

GRAM_SIZES = (2, 3, 4)


def grams(text: str) -> set[str]:
    """Character n-grams of Chinese text, each counted once per row."""
    return {
        text[i : i + n]
        for n in GRAM_SIZES
        for i in range(len(text) - n + 1)
        if all("\u4e00" <= ch <= "\u9fff" for ch in text[i : i + n])
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cold", help="COLD folder (train.csv); default $WBG_COLD_DIR or shared/")
    parser.add_argument("--top", type=int, default=150)
    parser.add_argument("--min-count", type=int, default=8)
    args = parser.parse_args(argv)
    cold = find_cold_dir(args.cold)
    if cold is None:
        raise SystemExit("COLD not found: pass --cold DIR")
    dirs = [shipped_rules_dir()]
    engine = MessageEngine.load(dirs, load_platforms(dirs), "taobao")
    rules = MessageEngine(engine.rules, engine.platforms, engine.default_platform)
    rows = read_cold(cold / "train.csv")
    false_alarms: Counter[tuple[str, str]] = Counter()
    missed: Counter[str] = Counter()
    safe: Counter[str] = Counter()
    offensive_rows = missed_rows = safe_rows = 0
    for row in rows:
        result = rules.check(row.text)
        if row.offensive:
            offensive_rows += 1
            if result.verdict == "ok":
                missed_rows += 1
                missed.update(grams(row.text))
        else:
            safe_rows += 1
            safe.update(grams(row.text))
            for finding in result.findings:
                false_alarms[(finding.rule_id, finding.term)] += 1
    print(f"COLD train: {offensive_rows} offensive ({missed_rows} missed), {safe_rows} safe")
    print("\n== terms flagged in safe rows (rule, term, rows) ==")
    for (rule_id, term), count in false_alarms.most_common(args.top):
        print(f"  {count:5} {rule_id:32} {term}")
    print("\n== n-grams of missed offensive rows (log-odds vs safe; missed, safe, caught?) ==")
    scored = []
    for gram, count in missed.items():
        if count < args.min_count:
            continue
        odds = math.log((count + 0.5) / (missed_rows + 1)) - math.log(
            (safe[gram] + 0.5) / (safe_rows + 1)
        )
        scored.append((odds, gram, count))
    for odds, gram, count in sorted(scored, reverse=True)[: args.top]:
        held = "caught" if rules.check(gram).verdict != "ok" else ""
        print(f"  {odds:5.2f} {gram:6} {count:5} {safe[gram]:5} {held}")


if __name__ == "__main__":
    main()
