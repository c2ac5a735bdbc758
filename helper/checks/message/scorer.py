"""A learned second opinion on a message: a sparse character n-gram logistic model.

The model is plain data (``rules/learned/offensive_scorer.json``), rebuilt by
``scripts/build_scorer.py`` from COLD (Apache-2.0) with a fixed seed; scoring is plain Python:
fold the text, take its character 1..3-grams, add up their weights. It is never the only reason
for a block (docs/quality.md): the engine may use it to raise an advisory where the rules found
nothing, and to confirm a lexicon hit that the rules held back for want of a target.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from helper.rulefiles import RuleFileError, rule_files
from helper.text import fold

SUBDIR = "learned"
FILE_NAME = "offensive_scorer.json"
FORMAT = 1


def grams(text: str, longest: int) -> set[str]:
    """The distinct character 1..``longest``-grams of ``text`` folded (NFKC, lower case,
    Simplified) with white space removed. The build script featurises with this too."""
    folded = "".join(fold(text).split())
    return {
        folded[start : start + size]
        for size in range(1, longest + 1)
        for start in range(len(folded) - size + 1)
    }


def logit_of(weights: dict[str, float], bias: float, features: set[str]) -> float:
    """The model's log-odds: present n-grams weigh 1/sqrt(all n-grams of the text), so a
    long message is not offensive merely for being long."""
    if not features:
        return bias
    return bias + sum(weights.get(gram, 0.0) for gram in features) / math.sqrt(len(features))


@dataclass(frozen=True)
class Scorer:
    weights: dict[str, float]
    bias: float
    longest: int
    advise_at: float  # probability at or above which a clean message gets an advisory
    confirm_at: float  # probability at or above which a held-back lexicon hit counts
    about: dict[str, Any]

    def score(self, text: str) -> float:
        """The probability that ``text`` is offensive, as the model sees it."""
        logit = logit_of(self.weights, self.bias, grams(text, self.longest))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, logit))))

    def advises(self, text: str) -> bool:
        return self.score(text) >= self.advise_at

    def confirms(self, text: str) -> bool:
        return self.score(text) >= self.confirm_at


def load_scorer(dirs: Sequence[Path]) -> Scorer | None:
    """The shipped (or user-overridden) model; None when no rules directory has one.
    Raises RuleFileError for a file that is not a model of this format."""
    found = rule_files(dirs, SUBDIR, FILE_NAME)
    if not found:
        return None
    path = found[-1]
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data["format"] != FORMAT:
            raise ValueError(f"format {data['format']!r}, expected {FORMAT}")
        weights = {str(gram): float(weight) for gram, weight in data["weights"].items()}
        return Scorer(
            weights=weights,
            bias=float(data["bias"]),
            longest=int(data["longest_gram"]),
            advise_at=float(data["advise_at"]),
            confirm_at=float(data["confirm_at"]),
            about=dict(data["about"]),
        )
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise RuleFileError(path, None, f"not a learned scorer model: {exc}") from None
