"""Would a learned model reach threats and campaigns the slot patterns miss? Prints figures only.

    python bench/structure_model.py [--cold DIR]

An experiment, not a shipped check (issue 9 part 3, fifth wave). It trains the learned
scorer's own model (scripts/build_scorer.py: character 1..3-grams, logistic regression, AdaGrad,
fixed seed) on the team's hand-written threat and harassment drafts against the team's normal
replies, all under tests/data and tests/data/dev, and scores sets it never saw:
- the blind checks tests/data/dev/structure/wave5b and wave5c (written after the rules were
  tuned, never tuned on);
- the fresh blind corpora (aggregate figures only);
- COLD dev (safe comments flagged; real social-media language, not shop replies).
For each it prints the rules alone, the model alone, either of them, and "confirmed": the rules,
or the model together with a weak structural cue (`WEAK_CUES`: a word of the shipped slot
classes near the listener, a held detail near knowing it, contact near the buyer), so that the
model is never the only reason for a finding. The cues are parameters of this experiment, written
once before it ran and not tuned on any set it prints.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import re2  # noqa: E402

from bench import corpora  # noqa: E402
from bench.corpora import read_drafts, read_replies  # noqa: E402
from bench.quality import engines  # noqa: E402
from helper.checks.message.engine import MessageEngine  # noqa: E402
from helper.checks.message.structure import slots_for  # noqa: E402
from helper.rulefiles import shipped_rules_dir  # noqa: E402
from helper.slots import re2_options  # noqa: E402
from scripts.build_scorer import SEED, examples, probability, train, vocabulary  # noqa: E402

SCENES = ("threat", "harassment")
DEV = corpora.TEAM_DIR / "dev"
# the folders of tests/data whose drafts and replies the model learns from (the team's corpora
# and every dev set but the blind checks); the fresh corpora are never among them
TRAIN_FOLDERS = (
    corpora.TEAM_DIR,
    DEV,
    DEV / "structure",
    DEV / "structure" / "wave4",
    DEV / "structure" / "wave5",
    DEV / "cloaking",
    DEV / "cloaking" / "wave4",
    DEV / "cloaking" / "wave5",
    DEV / "cloaking" / "wave6",
)
# the team's own drafts file is violations.tsv; the dev sets name theirs drafts.tsv
DRAFT_FILES = ("violations.tsv", "drafts.tsv")
HELD_OUT = (DEV / "structure" / "wave5b", DEV / "structure" / "wave5c", corpora.FRESH_DIR)
THRESHOLDS = (0.5, 0.9)
# weak structural cues over the shipped slot classes (see the docstring)
WEAK_CUES = (
    "you ~30 [harm|attack|menace|act|strong|publish|clout|retribution]",
    "[harm|attack|menace|act|strong|publish|clout|retribution] ~30 you",
    "held ~20 know",
    "know ~20 held",
    "[reach|phone|call_verb|contact] ~20 you",
    "you ~20 [reach|phone|call_verb|contact]",
    "[kin|third|family] ~20 [reach|phone|know]",
    "[refuse|persist|campaign|new_number] ~20 [reach|phone|contact]",
)

Score = Callable[[str], float]


def training_rows() -> list[tuple[str, bool]]:
    rows: list[tuple[str, bool]] = []
    for folder in TRAIN_FOLDERS:
        for name in DRAFT_FILES:
            if (folder / name).exists():
                drafts = read_drafts(folder / name)
                rows += [(d.text, True) for d in drafts if d.scene in SCENES]
        if (folder / "normal_replies.txt").exists():
            rows += [(r.text, False) for r in read_replies(folder / "normal_replies.txt")]
    return rows


def trained_model(rows: Sequence[tuple[str, bool]]) -> Score:
    vocab = vocabulary([text for text, _ in rows])
    weights, bias = train(examples(rows, vocab, 1), len(vocab), random.Random(SEED))
    by_gram = {gram: weights[index] for gram, index in vocab.items() if weights[index]}
    return lambda text: probability(by_gram, bias, text)


def weak_cue_of(engine: MessageEngine) -> Callable[[str], bool]:
    """Whether a text holds one of ``WEAK_CUES``, matched on the engine's pattern view."""
    rules = engine.rules
    slots = slots_for(rules.book.slots, rules.normaliser)
    compiled = [re2.compile(slots.compile(cue).regex, re2_options()) for cue in WEAK_CUES]

    def has_cue(text: str) -> bool:
        view = rules.normaliser.views(text).view
        return any(pattern.search(view) is not None for pattern in compiled)

    return has_cue


def print_held_out(
    folder: Path, score: Score, flagged_by_rules: Callable[[str], bool], cue: Callable[[str], bool]
) -> None:
    drafts = read_drafts(folder / "drafts.tsv")
    replies = [r.text for r in read_replies(folder / "normal_replies.txt")]
    scores = {text: score(text) for text in [d.text for d in drafts] + replies}
    for threshold in THRESHOLDS:
        parts = []
        for scene in SCENES:
            texts = [d.text for d in drafts if d.scene == scene]
            rules = {t for t in texts if flagged_by_rules(t)}
            model = {t for t in texts if scores[t] >= threshold}
            confirmed = rules | {t for t in model if cue(t)}
            parts.append(
                f"{scene} rules {len(rules)}/{len(texts)} model {len(model)} "
                f"either {len(rules | model)} confirmed {len(confirmed)}"
            )
        false = [t for t in replies if scores[t] >= threshold]
        new = [t for t in false if cue(t) and not flagged_by_rules(t)]
        parts.append(f"replies: model {len(false)}/{len(replies)}, newly confirmed {len(new)}")
        print(f"  {folder.name:8} at {threshold}: " + "; ".join(parts))


def print_cold(folder: Path | None, score: Score) -> None:
    if folder is None:
        print("  COLD dev: not found (--cold DIR or $WBG_COLD_DIR)")
        return
    rows = corpora.read_cold(folder / "dev.csv")
    safe = [score(row.text) for row in rows if not row.offensive]
    offensive = [score(row.text) for row in rows if row.offensive]
    for threshold in THRESHOLDS:
        print(
            f"  COLD dev at {threshold}: safe flagged {sum(s >= threshold for s in safe)}"
            f"/{len(safe)}, offensive flagged {sum(s >= threshold for s in offensive)}"
            f"/{len(offensive)}"
        )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cold", help="COLD folder (dev.csv); default $WBG_COLD_DIR or shared/")
    args = parser.parse_args(argv)
    rows = training_rows()
    print(f"Training on {sum(o for _, o in rows)} drafts and {sum(not o for _, o in rows)} replies")
    score = trained_model(rows)
    engine = engines([shipped_rules_dir()])[0][1]

    def flagged_by_rules(text: str) -> bool:
        return engine.check(text).verdict != "ok"

    cue = weak_cue_of(engine)
    for folder in HELD_OUT:
        print_held_out(folder, score, flagged_by_rules, cue)
    print_cold(corpora.find_cold_dir(args.cold), score)


if __name__ == "__main__":
    main()
