"""Quality benchmark: recall and false alarms of the real checks; prints figures, asserts nothing.

    python bench/quality.py [--cold DIR] [--team DIR] [--fresh DIR] [--rules DIR] [--only buyer]

Message checks (the real engine, helper.checks.message, in process) on:
- the team's corpora (tests/data): the rules were tuned on them, so training-set figures;
- the fresh blind corpora (tests/data/fresh), written before tuning;
- each later blind corpus (tests/data/blind/*), written by someone who never read the rules;
- COLD dev (offensive caught, safe flagged), read from outside the repository: --cold, else
  $WBG_COLD_DIR, else shared/corpora/cold above the checkout; skipped with a line if absent.
Each message figure is printed for the rules alone and, when the learned scorer ships, for the
rules with the scorer as a second opinion.

Contact opt-outs (helper.contacts.optout, its public functions) on the fresh buyer messages:
opt-out recall, restriction recognition and the false-friend rate.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.cloaking import SEED, kept_when_cloaked  # noqa: E402
from bench.corpora import (  # noqa: E402
    BLIND_DIR,
    FRESH_DIR,
    TEAM_DIR,
    BuyerMessage,
    Draft,
    Reply,
    blind_sets,
    find_cold_dir,
    read_buyer_messages,
    read_cold,
    read_drafts,
    read_replies,
)
from helper.checks.message import MessageEngine  # noqa: E402
from helper.contacts.optout import load_optout_rules  # noqa: E402
from helper.platforms import load_platforms  # noqa: E402
from helper.rulefiles import shipped_rules_dir  # noqa: E402

SCENES = ("insult", "threat", "harassment", "mailing")
ADVISORY = "tone"
# Replies of shops that sell funeral or pest-control goods: the extension's shop profile is
# meant to handle them, so they also get a total of their own.
SHOP_PROFILE_SECTIONS = frozenset({"sensitive-goods"})
BUYER_ZONE = ZoneInfo("Asia/Shanghai")
# A Tuesday afternoon: no opt-out rule should depend on when the buyer wrote.
BUYER_WROTE_AT = datetime(2026, 11, 24, 6, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Outcome:
    verdict: str  # ok | warn | block
    scenes: frozenset[str]
    rules: frozenset[str]  # rule ids of the findings (aggregate counts only, never the text)


Judge = Callable[[str], Outcome]


def judge_of(engine: MessageEngine) -> Judge:
    def judge(text: str) -> Outcome:
        result = engine.check(text)
        return Outcome(
            result.verdict,
            frozenset(f.scene for f in result.findings),
            frozenset(f.rule_id for f in result.findings),
        )

    return judge


def engines(dirs: Sequence[Path]) -> list[tuple[str, MessageEngine]]:
    """The rules alone, then the rules with the learned scorer when it ships."""
    engine = MessageEngine.load(dirs, load_platforms(dirs), "taobao")
    rules_only = MessageEngine(engine.rules, engine.platforms, engine.default_platform)
    named = [("rules", rules_only)]
    if getattr(engine, "second_opinion", None) is not None:  # absent before the scorer
        named.append(("rules+scorer", engine))
    return named


def ratio(part: int, whole: int) -> str:
    return f"{part / whole:6.1%}" if whole else "     -"


# ---- message corpora ------------------------------------------------------------------------


def print_drafts(drafts: Sequence[Draft], named: Sequence[tuple[str, Judge]]) -> None:
    scenes = [s for s in (*SCENES, ADVISORY) if any(d.scene == s for d in drafts)]
    scenes += sorted({d.scene for d in drafts} - set(scenes))
    print(f"  drafts ({len(drafts)})")
    print(
        f"    {'judge':13} {'scene':11} {'n':>4} {'flagged':>8} {'recall':>7} {'in-scene':>9}"
        f" {'block':>6} {'warn':>5}"
    )
    for name, judge in named:
        outcomes = [(d, judge(d.text)) for d in drafts]
        for scene in scenes:
            rows = [o for d, o in outcomes if d.scene == scene]
            print_draft_row(name, scene, rows)
        violating = [o for d, o in outcomes if d.scene in SCENES]
        if violating:
            print_draft_row(name, "4 scenes", violating, in_scene=None)
            print_by_evasion(name, [(d, o) for d, o in outcomes if d.scene in SCENES])
        if any(d.scene == ADVISORY for d in drafts):
            tone = [o for d, o in outcomes if d.scene == ADVISORY]
            blocked = sum(o.verdict == "block" for o in tone)
            print(f"    {name:13} tone drafts blocked (should warn): {blocked}/{len(tone)}")
            print(f"    {name:13} tone drafts blocked by rule: {blocked_by_rule(tone)}")


def print_by_evasion(name: str, outcomes: Sequence[tuple[Draft, Outcome]]) -> None:
    """Flagged per way of writing (4 scenes): where disguises get through."""
    counts: Counter[str] = Counter(d.evasion for d, _ in outcomes)
    caught: Counter[str] = Counter(d.evasion for d, o in outcomes if o.verdict != "ok")
    shown = ", ".join(f"{e} {caught[e]}/{n}" for e, n in sorted(counts.items()))
    print(f"    {name:13} by evasion, flagged/n: {shown}")


def print_draft_row(
    name: str, scene: str, rows: Sequence[Outcome], in_scene: bool | None = True
) -> None:
    flagged = sum(o.verdict != "ok" for o in rows)
    matched = sum(scene in o.scenes for o in rows) if in_scene else None
    blocked = sum(o.verdict == "block" for o in rows)
    warned = sum(o.verdict == "warn" for o in rows)
    shown = f"{matched:>4} {ratio(matched, len(rows)).strip():>4}" if matched is not None else ""
    print(
        f"    {name:13} {scene:11} {len(rows):>4} {flagged:>8} {ratio(flagged, len(rows))}"
        f" {shown:>9} {blocked:>6} {warned:>5}"
    )


def print_replies(replies: Sequence[Reply], named: Sequence[tuple[str, Judge]]) -> None:
    sections = list(dict.fromkeys(r.section for r in replies))
    print(f"  normal replies ({len(replies)}): false alarms")
    print(f"    {'judge':13} {'section':22} {'n':>5} {'flagged':>8} {'rate':>7} {'blocked':>8}")
    for name, judge in named:
        outcomes = [(r, judge(r.text)) for r in replies]
        if len(sections) > 1:
            for section in sections:
                rows = [o for r, o in outcomes if r.section == section]
                print_reply_row(name, section, rows)
        print_reply_row(name, "all", [o for _, o in outcomes])
        if any(section in SHOP_PROFILE_SECTIONS for section in sections):
            ordinary = [o for r, o in outcomes if r.section not in SHOP_PROFILE_SECTIONS]
            print_reply_row(name, "all but shop-profile", ordinary)
        replied = [o for _, o in outcomes]
        print(f"    {name:13} blocked by rule: {blocked_by_rule(replied)}")


def blocked_by_rule(outcomes: Iterable[Outcome]) -> dict[str, int] | str:
    """Rule ids of the blocked outcomes' findings, counted (aggregate only, never the text)."""
    by_rule = Counter(rule for o in outcomes if o.verdict == "block" for rule in o.rules)
    return dict(sorted(by_rule.items())) or "-"


def print_reply_row(name: str, section: str, rows: Sequence[Outcome]) -> None:
    flagged = sum(o.verdict != "ok" for o in rows)
    blocked = sum(o.verdict == "block" for o in rows)
    print(
        f"    {name:13} {section:22} {len(rows):>5} {flagged:>8} {ratio(flagged, len(rows))}"
        f" {blocked:>8}"
    )


def print_cold(cold_dir: Path | None, named: Sequence[tuple[str, Judge]]) -> None:
    dev = cold_dir / "dev.csv" if cold_dir else None
    if dev is None or not dev.is_file():
        print("  COLD dev: skipped (not found; pass --cold DIR or set WBG_COLD_DIR)")
        return
    rows = read_cold(dev)
    topics = sorted({row.topic for row in rows})
    print(f"  COLD dev ({len(rows)} rows; offensive = label 1, safe = label 0)")
    print(
        f"    {'judge':13} {'topic':8} {'offensive':>9} {'caught':>7} {'rate':>7} {'blocked':>8}"
        f" {'safe':>6} {'flagged':>8} {'rate':>7} {'blocked':>8}"
    )
    for name, judge in named:
        outcomes = [(row, judge(row.text)) for row in rows]
        for topic in (*topics, "all"):
            chosen = [(r, o) for r, o in outcomes if topic in ("all", r.topic)]
            bad = [o for r, o in chosen if r.offensive]
            good = [o for r, o in chosen if not r.offensive]
            caught, bad_blocked = count_flags(bad)
            flagged, good_blocked = count_flags(good)
            print(
                f"    {name:13} {topic:8} {len(bad):>9} {caught:>7} {ratio(caught, len(bad))}"
                f" {bad_blocked:>8} {len(good):>6} {flagged:>8} {ratio(flagged, len(good))}"
                f" {good_blocked:>8}"
            )


def print_cloaking(cold_dir: Path | None, named: Sequence[tuple[str, MessageEngine]]) -> None:
    """COLD dev offensive sentences the rules catch, their caught words respelled in
    sound-alike characters (fixed seed): the share of those originals still flagged."""
    dev = cold_dir / "dev.csv" if cold_dir else None
    if dev is None or not dev.is_file():
        print("  cloaking: skipped (COLD dev not found)")
        return
    texts = [row.text for row in read_cold(dev) if row.offensive]
    rules = named[0][1]

    def caught_spans(text: str) -> list[tuple[int, int]]:
        result = rules.check(text)
        return [(f.start_cp, f.end_cp) for f in result.findings] if result.verdict != "ok" else []

    print(
        f"  COLD dev offensive ({len(texts)}): originals the rules catch, caught words respelled "
        f"with common homophones (pypinyin readings, seed {SEED})"
    )
    print(f"    {'judge':13} {'respelled':22} {'originals':>9} {'kept':>6} {'rate':>7}")
    for name, engine in named:
        for label, every in (("one char per hit", False), ("every char of a hit", True)):
            caught, kept = kept_when_cloaked(
                texts, caught_spans, lambda t, e=engine: e.check(t).verdict != "ok", every=every
            )
            print(f"    {name:13} {label:22} {caught:>9} {kept:>6} {ratio(kept, caught)}")


def count_flags(outcomes: Iterable[Outcome]) -> tuple[int, int]:
    counts = Counter(o.verdict for o in outcomes)
    return counts["warn"] + counts["block"], counts["block"]


# ---- buyer opt-outs ---------------------------------------------------------------------


@dataclass(frozen=True)
class Reading:
    """What the opt-out code made of one buyer message, in the terms of the fresh labels."""

    opt_out: bool  # any stop, whatever its channels
    blanket: bool  # a stop that over-reaches the message (see ``read``)
    restriction: bool  # the limit was recognised (recorded, or a one-channel stop)


def read(message: BuyerMessage, detection: Any) -> Reading:
    """A limit of hours, days or date taken for any stop is the documented bug (晚上九点以后别打
    read as "never call"); a channel limit (发短信就行，别打电话) is rightly a stop of the other
    channel, so only a stop of every channel over-reaches it."""
    restrictions = getattr(detection, "restrictions", ())
    narrow = detection.opt_out and detection.scope not in (None, "all")
    channel = message.kind == "channel"
    blanket = detection.opt_out and not (channel and narrow)
    recognised = (bool(restrictions) and not detection.opt_out) or (channel and narrow)
    return Reading(detection.opt_out, blanket, recognised)


def print_optouts(messages: Sequence[BuyerMessage], dirs: Sequence[Path]) -> None:
    rules = load_optout_rules(dirs)
    detections = [(m, rules.detect(m.text, BUYER_WROTE_AT, BUYER_ZONE)) for m in messages]
    records = any(hasattr(d, "restrictions") for _, d in detections)
    readings = [(m, read(m, d)) for m, d in detections]
    print(
        f"  buyer messages ({len(messages)}); restrictions recorded by the code: "
        f"{'yes' if records else 'no'}"
    )
    print(
        f"    {'label':12} {'kind':10} {'script':6} {'n':>4} {'opt-out':>8} {'rate':>7}"
        f" {'blanket':>8} {'restriction':>12}"
    )
    groups = sorted({(m.label, m.kind, m.script) for m in messages})
    for label in ("optout", "restriction", "none"):
        for group in [g for g in groups if g[0] == label]:
            rows = [r for m, r in readings if (m.label, m.kind, m.script) == group]
            print_optout_row(*group, rows)
        rows = [r for m, r in readings if m.label == label]
        if rows:
            print_optout_row(label, "(total)", "s+t", rows)
    optouts = [r for m, r in readings if m.label == "optout"]
    restricted = [r for m, r in readings if m.label == "restriction"]
    friends = [r for m, r in readings if m.label != "optout"]
    figures = (
        ("opt-out recall", sum(r.opt_out for r in optouts), len(optouts)),
        ("restriction recognition", sum(r.restriction for r in restricted), len(restricted)),
        (
            "false friends taken for a blanket opt-out",
            sum(r.blanket for r in friends),
            len(friends),
        ),
    )
    for name, part, whole in figures:
        print(f"    {name}: {part}/{whole} {ratio(part, whole).strip()}")


def print_optouts_of(path: Path, dirs: Sequence[Path]) -> None:
    """The opt-out section, skipped for a corpus folder without buyer messages (a dev set)."""
    if not path.is_file():
        print(f"  buyer opt-outs: skipped ({path.name} not found)")
        return
    print_optouts(read_buyer_messages(path), dirs)


def print_optout_row(label: str, kind: str, script: str, rows: Sequence[Reading]) -> None:
    opted = sum(r.opt_out for r in rows)
    print(
        f"    {label:12} {kind:10} {script:6} {len(rows):>4} {opted:>8}"
        f" {ratio(opted, len(rows))} {sum(r.blanket for r in rows):>8}"
        f" {sum(r.restriction for r in rows):>12}"
    )


def buyer_section(fresh: Path, dirs: Sequence[Path]) -> tuple[str, Callable[[], None]]:
    return (
        "Buyer opt-outs (fresh; helper.contacts.optout)",
        lambda: print_optouts_of(fresh / "buyer_optouts.tsv", dirs),
    )


# ---- main ----------------------------------------------------------------------------------


def timed_section(title: str, run: Callable[[], None]) -> None:
    print(f"\n== {title} ==")
    started = time.process_time()
    run()
    print(f"  (CPU {time.process_time() - started:.1f} s)")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--team", type=Path, default=TEAM_DIR, help="the team's corpora")
    parser.add_argument("--fresh", type=Path, default=FRESH_DIR, help="the fresh blind corpora")
    parser.add_argument(
        "--blind", type=Path, default=BLIND_DIR, help="the folder of later blind corpora"
    )
    parser.add_argument("--cold", help="COLD folder (dev.csv); default $WBG_COLD_DIR or shared/")
    parser.add_argument("--rules", type=Path, help="rules directory (default: shipped rules)")
    parser.add_argument(
        "--only", choices=("buyer",), help="run one section (buyer: the opt-out figures only)"
    )
    args = parser.parse_args(argv)
    dirs = [args.rules or shipped_rules_dir()]
    load = os.getloadavg()
    print(
        f"Quality benchmark; load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on "
        f"{os.cpu_count()} cores; CPU time per section (process time)"
    )
    if args.only == "buyer":
        timed_section(*buyer_section(args.fresh, dirs))
        return
    started = time.process_time()
    named_engines = engines(dirs)
    named = [(name, judge_of(engine)) for name, engine in named_engines]
    print(
        f"Judges: {', '.join(name for name, _ in named)} "
        f"(loaded in {time.process_time() - started:.2f} s CPU)"
    )
    print(
        "flagged = verdict warn or block; recall = flagged / n; in-scene = a finding in the "
        "row's own scene"
    )

    def team() -> None:
        print_drafts(read_drafts(args.team / "violations.tsv"), named)
        print_replies(read_replies(args.team / "normal_replies.txt"), named)

    def drafts_and_replies(folder: Path) -> Callable[[], None]:
        def run() -> None:
            print_drafts(read_drafts(folder / "drafts.tsv"), named)
            print_replies(read_replies(folder / "normal_replies.txt"), named)

        return run

    timed_section("Team corpora (rules tuned on these: training-set figures)", team)
    timed_section("Fresh corpora (written blind, before tuning)", drafts_and_replies(args.fresh))
    for folder in blind_sets(args.blind):
        timed_section(
            f"Blind corpus {folder.name} (written by someone who never read the rules; never "
            "tuned on)",
            drafts_and_replies(folder),
        )
    timed_section(
        "COLD dev (real social-media comments; attacks on groups)",
        lambda: print_cold(find_cold_dir(args.cold), named),
    )
    timed_section(
        "Homophone cloaking (COLD dev offensive the rules catch, respelled)",
        lambda: print_cloaking(find_cold_dir(args.cold), named_engines),
    )
    timed_section(*buyer_section(args.fresh, dirs))
    load = os.getloadavg()
    print(f"\nTotal CPU {time.process_time():.1f} s; load average now {load[0]:.2f}")


if __name__ == "__main__":
    main()
