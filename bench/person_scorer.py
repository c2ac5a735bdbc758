"""Could the learned scorer warn on more attacks on a person, at a lower threshold, when a
person is pointed at? Prints figures only; an experiment, not a shipped check.

    python bench/person_scorer.py [--cold DIR]

Issue 9, parts 1 and 2 (fifth wave, lexicon). The shipped engine (rules + scorer) is judged as
it is; a variant adds a scorer-only advisory (a warning, never a block) where the shipped
engine passed a message, the scorer reads it (without the terms the rules judged, as the
engine does) at or above a LOWER threshold, and a word of the rules' own `target` context
(normalise.toml: 你, 这人, 楼主, 博主…) occurs in the message. For contrast, the same lower
thresholds without the target condition. The first count is the engine without the [pointed]
table of rules/learned/advisory.toml; "with [pointed]" the engine as it ships with it.

Thresholds are chosen on the held-out tenth of COLD train that scripts/build_scorer.py never
trained on (the same seeded split), then read once on COLD dev, the team's and the lexicon
branch's dev sets, the cloaking branch's wave7 replies and the fresh blind corpora (aggregate
figures only: flagged totals, never which lines).
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import corpora  # noqa: E402
from bench.corpora import read_drafts, read_replies  # noqa: E402
from helper.checks.message import MessageEngine  # noqa: E402
from helper.platforms import load_platforms  # noqa: E402
from helper.rulefiles import shipped_rules_dir  # noqa: E402
from scripts.build_scorer import SEED, split  # noqa: E402

LOWER = (0.5, 0.6, 0.7, 0.8, 0.85, 0.9)
DEV = ROOT / "tests" / "data" / "dev"


@dataclass(frozen=True)
class Read:
    flagged: bool  # the engine without the pointed threshold (rules + scorer) warns or blocks
    score: float  # the scorer, on the text without the judged terms
    pointed: bool  # a word of the target context occurs
    shipped: bool  # the engine as it ships, [pointed] threshold included, warns or blocks


def reader(engine: MessageEngine) -> Callable[[str], Read]:
    opinion = engine.second_opinion
    assert opinion is not None, "the learned scorer does not ship"
    before = MessageEngine(engine.rules, second_opinion=replace(opinion, pointed_at=None))

    def read(text: str) -> Read:
        judged: list[tuple[int, int]] = []
        engine.rules.find(text, confirm=lambda: False, judged=judged)
        return Read(
            before.check(text).verdict != "ok",
            opinion.score(text, judged),
            engine.rules.points_at_someone(text),
            engine.check(text).verdict != "ok",
        )

    return read


def variant(read: Read, lower: float, pointed_only: bool) -> bool:
    return read.flagged or (read.score >= lower and (read.pointed or not pointed_only))


def line(name: str, bad: Sequence[Read], good: Sequence[Read]) -> None:
    cells = [f"{name:34}"]
    for label, rows in (("caught", bad), ("flagged", good)):
        if not rows:
            continue
        base = sum(r.flagged for r in rows)
        cells.append(f"{label} {base}/{len(rows)} with [pointed] {sum(r.shipped for r in rows)}")
        for lower in LOWER:
            cells.append(
                f"t{lower}:{sum(variant(r, lower, True) for r in rows)}"
                f"|{sum(variant(r, lower, False) for r in rows)}"
            )
    print("  ".join(cells))


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cold", help="COLD folder; default $WBG_COLD_DIR or shared/")
    args = parser.parse_args(argv)
    rules = shipped_rules_dir()
    engine = MessageEngine.load([rules], load_platforms([rules]), "taobao")
    read = reader(engine)
    print("cells: model threshold only, with [pointed], then t<bar>:<pointed only>|<any text>")
    cold_dir = corpora.find_cold_dir(args.cold)
    if cold_dir is not None:
        cold = [(row.text, row.offensive) for row in corpora.read_cold(cold_dir / "train.csv")]
        _, held_out = split(cold, random.Random(SEED))  # build_scorer's first use of its rng
        reads = [(read(text), bad) for text, bad in held_out]
        line("COLD train held out", [r for r, b in reads if b], [r for r, b in reads if not b])
    for name in ("wave5", "wave5b", "wave5c", "wave5d"):
        folder = DEV / "lexicon" / name
        bad = (
            [read(d.text) for d in read_drafts(folder / "drafts.tsv")]
            if (folder / "drafts.tsv").is_file()
            else []
        )
        good = [read(r.text) for r in read_replies(folder / "normal_replies.txt")]
        line(f"lexicon {name}", bad, good)
    wave7 = DEV / "cloaking" / "wave7" / "normal_replies.txt"
    line("cloaking wave7 replies", [], [read(r.text) for r in read_replies(wave7)])
    team = read_replies(corpora.TEAM_DIR / "normal_replies.txt")
    line("team normal replies", [], [read(r.text) for r in team])
    fresh_bad = [read(d.text) for d in read_drafts(corpora.FRESH_DIR / "drafts.tsv")]
    fresh_good = [read(r.text) for r in read_replies(corpora.FRESH_DIR / "normal_replies.txt")]
    line("fresh (aggregate)", fresh_bad, fresh_good)
    if cold_dir is not None:
        reads = [(read(row.text), row.offensive) for row in corpora.read_cold(cold_dir / "dev.csv")]
        line("COLD dev", [r for r, b in reads if b], [r for r, b in reads if not b])


if __name__ == "__main__":
    main()
