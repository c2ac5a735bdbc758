"""Rebuild the learned model that confirms weak threat and harassment cues,
rules/message/structure_model.tsv.

    python scripts/build_structure_model.py [--out FILE] [--features N]

The learned scorer's own model (scripts/build_scorer.py: character 1..3-grams, logistic
regression, AdaGrad, the same fixed seed), trained only on text this project wrote: the team's
threat and harassment drafts against the team's normal replies, in tests/data and the dev sets
of tests/data/dev named in ``TRAIN_FOLDERS``. The blind checks (``HELD_OUT``: structure wave5b,
wave5c and wave6b, cloaking wave7 and later, lexicon wave6b, and the fresh corpora) are never
read: they measure it.
Only the ``--features`` largest weights are written (rule load reads every line). A rule with
``learned_at_least`` counts its slot hits only where this model agrees (docs/message-checks.md).
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpora import FRESH_DIR, TEAM_DIR, read_drafts, read_replies  # noqa: E402
from helper.checks.message.learned import FILE_NAME, LearnedModel, neutral, render  # noqa: E402
from helper.checks.message.rules import SUBDIR  # noqa: E402
from scripts.build_scorer import LONGEST_GRAM, SEED, examples, train, vocabulary  # noqa: E402

SCENES = ("threat", "harassment")
DEV = TEAM_DIR / "dev"
# the folders whose drafts and replies the model learns from: the team's corpora and every dev
# set written before the blind checks
TRAIN_FOLDERS = (
    TEAM_DIR,
    DEV,
    DEV / "structure",
    DEV / "structure" / "wave4",
    DEV / "structure" / "wave5",
    DEV / "cloaking",
    DEV / "cloaking" / "wave4",
    DEV / "cloaking" / "wave5",
    DEV / "cloaking" / "wave6",
)
HELD_OUT = (
    DEV / "structure" / "wave5b",
    DEV / "structure" / "wave5c",
    DEV / "structure" / "wave6b",
    DEV / "cloaking" / "wave7",
    DEV / "cloaking" / "wave7b",
    DEV / "cloaking" / "wave8b",
    DEV / "lexicon" / "wave6b",
    FRESH_DIR,
)
# the team's own drafts file is violations.tsv; the dev sets name theirs drafts.tsv
DRAFT_FILES = ("violations.tsv", "drafts.tsv")
FEATURES = 6000  # the largest weights kept (measured: docs/message-checks.md)
TRAINED_ON = (
    "threat and harassment drafts (violations.tsv, drafts.tsv) against normal_replies.txt, "
    "all written by this project's team, in tests/data, tests/data/dev, dev/structure{,/wave4,"
    "/wave5} and dev/cloaking{,/wave4,/wave5,/wave6}; never structure/wave5b, wave5c, "
    "cloaking/wave7 or fresh"
)


def training_rows(folders: Sequence[Path] = TRAIN_FOLDERS) -> list[tuple[str, bool]]:
    """(text, is a threat or harassment draft) for every draft and reply in ``folders``."""
    if set(folders) & set(HELD_OUT):
        raise ValueError("a held-out set may not train the model")
    rows: list[tuple[str, bool]] = []
    for folder in folders:
        for name in DRAFT_FILES:
            if (folder / name).exists():
                drafts = read_drafts(folder / name)
                rows += [(d.text, True) for d in drafts if d.scene in SCENES]
        if (folder / "normal_replies.txt").exists():
            rows += [(r.text, False) for r in read_replies(folder / "normal_replies.txt")]
    return rows


def build(rows: Sequence[tuple[str, bool]], features: int, seed: int = SEED) -> LearnedModel:
    """The model of ``rows``, its ``features`` largest weights kept (rounded to 4 places)."""
    rows = [(neutral(text), label) for text, label in rows]
    vocab = vocabulary([text for text, _ in rows])
    weights, bias = train(examples(rows, vocab, 1), len(vocab), random.Random(seed))
    ranked = sorted(vocab, key=lambda gram: (-abs(weights[vocab[gram]]), gram))
    kept = {gram: round(weights[vocab[gram]], 4) for gram in ranked[:features]}
    return LearnedModel(
        weights={gram: weight for gram, weight in sorted(kept.items()) if weight},
        bias=round(bias, 4),
        longest=LONGEST_GRAM,
    )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "rules" / SUBDIR / FILE_NAME)
    parser.add_argument("--features", type=int, default=FEATURES)
    args = parser.parse_args(argv)
    rows = training_rows()
    drafts = sum(offensive for _, offensive in rows)
    print(f"training on {drafts} drafts and {len(rows) - drafts} replies")
    model = build(rows, args.features)
    header = {
        "trained_on": TRAINED_ON,
        "examples": f"{drafts} drafts, {len(rows) - drafts} replies",
        "seed": str(SEED),
        "built_by": f"python scripts/build_structure_model.py --features {args.features}",
    }
    args.out.write_text(render(model, header), encoding="utf-8")
    print(f"wrote {len(model.weights)} weights to {args.out}")


if __name__ == "__main__":
    main()
