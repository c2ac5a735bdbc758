"""Rebuild the learned second-opinion model, rules/learned/offensive_scorer.json.

    python scripts/build_scorer.py [--cold DIR] [--out FILE]

Trains an L2-regularised logistic regression over character 1..3-grams (featurised by
helper.checks.message.scorer.grams, the function the helper scores with) on:
- COLD train (thu-coai/COLDataset, Apache-2.0), read from outside the repository: --cold,
  else $WBG_COLD_DIR, else shared/corpora/cold above the checkout. Its sentences are never
  written out; only n-gram weights are;
- the team's own corpora in tests/data (violations.tsv as offensive, normal_replies.txt as
  safe), so that the model has seen shop language. The fresh blind corpora are NOT used: they
  measure the result.

Pure Python with a fixed seed, so the same inputs give the same file on any machine. A tenth
of COLD train is held out to choose the two thresholds; COLD dev is not touched.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpora import TEAM_DIR, find_cold_dir, read_cold, read_drafts, read_replies  # noqa: E402
from helper.checks.message.scorer import FILE_NAME, FORMAT, SUBDIR, grams, logit_of, sigmoid  # noqa: E402

SEED = 20261129
LONGEST_GRAM = 3
MIN_DOCUMENTS = 4  # an n-gram seen in fewer training texts gets no weight
EPOCHS = 4
LEARNING_RATE = 0.5
L2 = 1e-4
TEAM_WEIGHT = 3  # the team's shop-language examples count this many times over
HOLDOUT = 0.1
MAX_FEATURES = 40_000  # the largest weights are kept; the file stays well under 2 MB
# Thresholds, chosen on the held-out tenth of COLD train:
ADVISE_PRECISION = 0.97  # an advisory on a message the rules passed must be right this often
SAFE_MARGIN = 0.02  # the advisory threshold stays this far above every calibration reply
COLD_SOURCE = {
    "corpus": "COLD (Chinese Offensive Language Dataset), train split",
    "repository": "https://github.com/thu-coai/COLDataset",
    "commit": "a0c55a945497ab58e94aef491180e1cf88ffb864",
    "file": "COLDataset/train.csv",
    "licence": "Apache-2.0",
    "paper": "Deng et al., COLD: A Benchmark for Chinese Offensive Language Detection, EMNLP 2022",
}


@dataclass(frozen=True)
class Example:
    features: tuple[tuple[int, int], ...]  # (vocabulary index, occurrences), by index
    scale: float  # 1/sqrt(all n-gram occurrences of the text), as helper scoring does
    offensive: bool
    weight: int


def split(rows: list[tuple[str, bool]], rng: random.Random) -> tuple[list, list]:
    shuffled = rows[:]
    rng.shuffle(shuffled)
    cut = int(len(shuffled) * HOLDOUT)
    return shuffled[cut:], shuffled[:cut]


def split_half(rows: list[tuple[str, bool]], rng: random.Random) -> tuple[list, list]:
    shuffled = rows[:]
    rng.shuffle(shuffled)
    return shuffled[: len(shuffled) // 2], shuffled[len(shuffled) // 2 :]


def vocabulary(texts: Sequence[str]) -> dict[str, int]:
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(set(grams(text, LONGEST_GRAM)))
    kept = sorted(gram for gram, count in counts.items() if count >= MIN_DOCUMENTS)
    return {gram: index for index, gram in enumerate(kept)}


def examples(rows: Sequence[tuple[str, bool]], vocab: dict[str, int], weight: int) -> list[Example]:
    found = []
    for text, offensive in rows:
        occurrences = grams(text, LONGEST_GRAM)
        if not occurrences:
            continue
        counts = Counter(vocab[g] for g in occurrences if g in vocab)
        features = tuple(sorted(counts.items()))
        found.append(Example(features, 1.0 / math.sqrt(len(occurrences)), offensive, weight))
    return found


def train(data: list[Example], size: int, rng: random.Random) -> tuple[list[float], float]:
    """AdaGrad on the log loss, one example at a time, in a seeded order."""
    weights, squares = [0.0] * size, [1e-8] * size
    bias, bias_square = 0.0, 1e-8
    order = list(range(len(data)))
    for epoch in range(EPOCHS):
        rng.shuffle(order)
        loss = 0.0
        for position in order:
            example = data[position]
            scale = example.scale
            logit = bias + scale * sum(weights[i] * count for i, count in example.features)
            probability = sigmoid(logit)
            target = 1.0 if example.offensive else 0.0
            likelihood = probability if example.offensive else 1.0 - probability
            loss -= example.weight * math.log(max(likelihood, 1e-12))
            error = example.weight * (probability - target)
            for i, count in example.features:
                gradient = error * scale * count + L2 * weights[i]
                squares[i] += gradient * gradient
                weights[i] -= LEARNING_RATE * gradient / math.sqrt(squares[i])
            bias_square += error * error
            bias -= LEARNING_RATE * error / math.sqrt(bias_square)
        print(f"  epoch {epoch + 1}/{EPOCHS}: mean log loss {loss / len(data):.4f}")
    return weights, bias


def threshold_for(scored: list[tuple[float, bool]], precision: float) -> float:
    """The lowest probability at which the held-out examples scoring at or above it are
    offensive at least ``precision`` of the time (and at least 20 of them)."""
    ranked = sorted(scored, key=lambda item: -item[0])
    best, hits = 1.0, 0
    for count, (probability, offensive) in enumerate(ranked, start=1):
        hits += offensive
        if count >= 20 and hits / count >= precision:
            best = probability
    return best


def probability(weights: dict[str, float], bias: float, text: str) -> float:
    logit = logit_of(weights, bias, grams(text, LONGEST_GRAM))
    return sigmoid(logit)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cold", help="COLD folder (train.csv); default $WBG_COLD_DIR or shared/")
    parser.add_argument("--out", type=Path, default=ROOT / "rules" / SUBDIR / FILE_NAME)
    args = parser.parse_args(argv)
    cold_dir = find_cold_dir(args.cold)
    if cold_dir is None or not (cold_dir / "train.csv").is_file():
        sys.exit("错误：找不到 COLD 语料（train.csv）；请用 --cold 指定目录或设置 WBG_COLD_DIR")
    started = time.process_time()
    rng = random.Random(SEED)
    cold = [(row.text, row.offensive) for row in read_cold(cold_dir / "train.csv")]
    fit, held_out = split(cold, rng)
    team_bad = [(d.text, True) for d in read_drafts(TEAM_DIR / "violations.tsv")]
    replies = [(r.text, False) for r in read_replies(TEAM_DIR / "normal_replies.txt")]
    # Half the team's normal replies train; the other half only sets the advisory threshold,
    # so that threshold is measured on shop language the model has not seen.
    team_good, calibration = split_half(replies, rng)
    team = team_bad + team_good
    vocab = vocabulary([text for text, _ in fit + team])
    print(
        f"COLD train {len(cold)} rows ({len(fit)} fit, {len(held_out)} held out); team "
        f"{len(team_bad)} offensive + {len(team_good)} safe ({len(calibration)} calibrate); "
        f"{len(vocab)} n-grams"
    )
    data = examples(fit, vocab, 1) + examples(team, vocab, TEAM_WEIGHT)
    weights, bias = train(data, len(vocab), rng)

    names = sorted(vocab, key=vocab.__getitem__)
    ranked = sorted(range(len(names)), key=lambda i: (-abs(weights[i]), names[i]))
    kept = {names[i]: round(weights[i], 4) for i in ranked[:MAX_FEATURES]}
    kept = {gram: weight for gram, weight in sorted(kept.items()) if weight}
    bias = round(bias, 4)

    scored = [(probability(kept, bias, text), offensive) for text, offensive in held_out]
    team_max = max(probability(kept, bias, text) for text, _ in calibration)
    advise_at = round(max(threshold_for(scored, ADVISE_PRECISION), team_max + SAFE_MARGIN), 4)
    positives = [p for p, offensive in scored if offensive]
    negatives = [p for p, offensive in scored if not offensive]
    held_out_figures = {
        "advise_recall": round(sum(p >= advise_at for p in positives) / len(positives), 4),
        "advise_false_alarms": round(sum(p >= advise_at for p in negatives) / len(negatives), 4),
    }
    model = {
        "about": {
            "what": "Character 1-3-gram logistic regression: the learned second opinion of "
            "the message checks (helper/checks/message/scorer.py). Plain data; no sentence "
            "of any corpus is stored, only n-gram weights.",
            "built_by": "python scripts/build_scorer.py",
            "sources": [
                COLD_SOURCE,
                {
                    "corpus": "tests/data/violations.tsv and tests/data/normal_replies.txt "
                    "of this repository",
                    "licence": "MIT (this repository)",
                },
            ],
            "licence": "Derived from COLD under the Apache License 2.0 "
            "(https://www.apache.org/licenses/LICENSE-2.0); COLD is copyright its authors.",
            "seed": SEED,
            "training": {
                "epochs": EPOCHS,
                "learning_rate": LEARNING_RATE,
                "l2": L2,
                "min_documents": MIN_DOCUMENTS,
                "team_weight": TEAM_WEIGHT,
                "max_features": MAX_FEATURES,
                "held_out_share": HOLDOUT,
            },
            "held_out": held_out_figures,
        },
        "format": FORMAT,
        "longest_gram": LONGEST_GRAM,
        "bias": bias,
        "advise_at": advise_at,
        "weights": kept,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(model, ensure_ascii=False, indent=1, sort_keys=False)
    args.out.write_text(text + "\n", encoding="utf-8")
    print(
        f"advise_at {advise_at} (calibration replies max {team_max:.4f}); "
        f"held out: {held_out_figures}"
    )
    print(
        f"wrote {len(kept)} weights, {args.out.stat().st_size / 1e6:.2f} MB, "
        f"in {time.process_time() - started:.0f} s CPU"
    )


if __name__ == "__main__":
    main()
