"""A learned second opinion on a message: a sparse character n-gram logistic model.

The model is plain data (``rules/learned/offensive_scorer.json``), rebuilt by
``scripts/build_scorer.py`` from COLD (Apache-2.0) with a fixed seed; scoring is plain Python:
fold the text, take its character 1..3-gram occurrences, add up their weights. It is never the
only reason for a block (docs/quality.md): the engine uses it to raise an advisory where the
rules found nothing, and (once the engine exposes them) to confirm a lexicon hit held back for
want of a target, with the same threshold: a block needs no less confidence than a warning.
"""

from __future__ import annotations

import json
import math
import operator
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import repeat
from pathlib import Path
from typing import Any

from helper.checks.message.rules import Rule
from helper.platforms import ADVISORY, ADVISORY_SCENES
from helper.rulefiles import RuleFileError, check_keys, line_of, load_toml, rule_files
from helper.text import to_simplified

SUBDIR = "learned"
FILE_NAME = "offensive_scorer.json"
ADVISORY_FILE = "advisory.toml"
_ADVISORY_KEYS = ("id", "message", "why", "suggestion")
FORMAT = 2
# Only the start of a very long message is scored: scoring stays well under a millisecond, and
# the rules still read the whole text.
MAX_CHARS = 300
# U+FF01..U+FF5E are the full-width forms of "!".."~"; U+3000 is the ideographic space.
_HALF_WIDTH = {chr(code): chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)} | {"\u3000": " "}
_FULL_WIDTH = frozenset(_HALF_WIDTH)


def fold_fast(text: str) -> str:
    """Full-width forms to ASCII, lower case, Simplified. Like helper.text.fold without NFKC,
    which costs more than the whole score on a 500-character message (full-width punctuation
    makes almost every Chinese message need it)."""
    return to_simplified(fold_case(text))


def fold_case(text: str) -> str:
    """``fold_fast`` before its Traditional → Simplified step: full-width forms to ASCII, lower
    case. Each character on its own (the learned gate's part scores rely on it)."""
    # what str.translate with the whole table does, replacing only the few forms present
    # (a C-level set intersection, then one replace per form instead of a lookup per char)
    for form in _FULL_WIDTH.intersection(text):
        text = text.replace(form, _HALF_WIDTH[form])
    return text.casefold()


def grams(text: str, longest: int) -> list[str]:
    """Every occurrence of a character 1..``longest``-gram in ``text`` folded (``fold_fast``)
    with white space removed, at most ``MAX_CHARS`` of it. The build script featurises with
    this too."""
    folded = "".join(fold_fast(text[: MAX_CHARS * 2]).split())[:MAX_CHARS]
    found = list(folded)
    previous = found
    for size in range(2, longest + 1):
        # the n-grams in text order, made at C level: each (n-1)-gram plus the character
        # after it (map stops at the shorter input, after the last n-gram)
        previous = list(map(operator.add, previous, folded[size - 1 :]))
        found.extend(previous)
    return found


def logit_of(weights: dict[str, float], bias: float, occurrences: list[str]) -> float:
    """The model's log-odds: each occurrence adds its n-gram's weight, scaled by
    1/sqrt(number of occurrences) so that a long message is not offensive for being long."""
    if not occurrences:
        return bias
    # map() keeps the order of the additions, so the sum is the same float to the last bit
    return bias + sum(map(weights.get, occurrences, repeat(0.0))) / math.sqrt(len(occurrences))


def sigmoid(logit: float) -> float:
    """The probability of log-odds ``logit``; clamped so that math.exp cannot overflow."""
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, logit))))


@dataclass(frozen=True)
class Scorer:
    weights: dict[str, float]
    bias: float
    longest: int
    advise_at: float  # probability at or above which the model calls a message offensive
    about: dict[str, Any]

    def score(self, text: str) -> float:
        """The probability that ``text`` is offensive, as the model sees it."""
        logit = logit_of(self.weights, self.bias, grams(text, self.longest))
        return sigmoid(logit)

    def advises(self, text: str) -> bool:
        return self.score(text) >= self.advise_at


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
        weights = data["weights"]
        # JSON keys are strings; summing the values is the cheapest check that they are
        # numbers (TypeError otherwise), and the model is 40,000 of them.
        sum(weights.values())
        return Scorer(
            weights=weights,
            bias=float(data["bias"]),
            longest=int(data["longest_gram"]),
            advise_at=float(data["advise_at"]),
            about=dict(data["about"]),
        )
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise RuleFileError(path, None, f"not a learned scorer model: {exc}") from None


@dataclass(frozen=True)
class SecondOpinion:
    """The scorer as the message engine uses it. Its evidence never includes the words the
    rules already judged: those spans are cut out before scoring, so the model adds what the
    rest of the message says instead of re-reading a term the lexicon cleared (垃圾袋, 孕吐恶心)."""

    scorer: Scorer
    advisory: Rule  # scene tone, severity advisory: never blocks, no platform penalty
    # the lower threshold of the advisory alone, for a message that points at a person (a word
    # of the `target` context); None: the model's own threshold everywhere
    pointed_at: float | None = None

    def agrees(self, text: str, judged: Sequence[tuple[int, int]]) -> bool:
        """Whether ``text`` without the spans of the terms the rules judged (code points)
        reads as offensive: what lets a term that lacked a target count, and what raises the
        advisory where the rules found nothing."""
        return self.score(text, judged) >= self.scorer.advise_at

    def score(self, text: str, judged: Sequence[tuple[int, int]]) -> float:
        """The model's probability for ``text`` without the judged spans (0 for blank text)."""
        return self.scorer.score(without(text, judged)) if text.strip() else 0.0

    def leans(self, score: float) -> bool:
        """Whether ``score`` reaches the pointed threshold: the advisory then needs a person
        pointed at as well (MessageEngine.check); it is never used to confirm a term."""
        return self.pointed_at is not None and score >= self.pointed_at

    def advice(self, text: str) -> list[tuple[Rule, int, int, str]]:
        """The advisory over the whole of ``text``: (rule, code-point start, end, term)."""
        return [(self.advisory, 0, len(text), self.advisory.id)]


def without(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """``text`` with ``spans`` (code points) cut out; a bar marks each cut so that no n-gram is
    made across it from letters that were never next to each other."""
    if not spans:
        return text
    kept, position = [], 0
    for start, end in sorted(spans):
        if start >= position:
            kept.append(text[position:start])
        position = max(position, end)
    kept.append(text[position:])
    return "|".join(kept)


def load_second_opinion(dirs: Sequence[Path]) -> SecondOpinion | None:
    """None when no rules directory ships a model. Raises RuleFileError naming the file."""
    scorer = load_scorer(dirs)
    if scorer is None:
        return None
    found = rule_files(dirs, SUBDIR, ADVISORY_FILE)
    if not found:
        raise RuleFileError(Path(SUBDIR) / ADVISORY_FILE, None, "the scorer needs its advisory")
    path = found[-1]
    data, raw = load_toml(path)
    check_keys(data, ("advisory", "pointed"), path=path, text=raw, where="the file")
    table = data.get("advisory")
    if not isinstance(table, dict):
        raise RuleFileError(path, None, "needs an [advisory] table")
    check_keys(table, _ADVISORY_KEYS, path=path, text=raw, where="[advisory]")
    for key in _ADVISORY_KEYS:
        if not isinstance(table.get(key), str) or not table[key].strip():
            raise RuleFileError(path, line_of(raw, key), f"[advisory] needs a text for {key!r}")
    rule = Rule(
        id=table["id"],
        scene=ADVISORY_SCENES[0],
        severity=ADVISORY,
        message=table["message"],
        why=table["why"],
        suggestion=table["suggestion"],
        category="learned",
        path=path,
    )
    return SecondOpinion(scorer, rule, _pointed_at(data.get("pointed"), scorer, path, raw))


def _pointed_at(table: Any, scorer: Scorer, path: Path, raw: str) -> float | None:
    """The optional [pointed] table's ``advise_at``: a probability no higher than the model's
    own threshold (a lower bar where a person is pointed at, never a higher one)."""
    if table is None:
        return None
    if not isinstance(table, dict):
        raise RuleFileError(path, line_of(raw, "pointed"), "[pointed] must be a table")
    check_keys(table, ("advise_at",), path=path, text=raw, where="[pointed]")
    value = table.get("advise_at")
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not 0 < value <= scorer.advise_at
    ):
        raise RuleFileError(
            path,
            line_of(raw, "advise_at"),
            f"[pointed] advise_at must be a number above 0 and at most the model's "
            f"advise_at ({scorer.advise_at}), not {value!r}",
        )
    return float(value)
