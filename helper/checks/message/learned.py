"""The learned model that confirms weak slot cues (``learned_at_least`` on a rule).

Plain data, ``rules/message/structure_model.tsv``, rebuilt by scripts/build_structure_model.py:
a header of ``# key: value`` lines naming what it was trained on, its seed and the command, then
``format``, ``longest_gram`` and ``bias`` lines, then one ``n-gram<TAB>weight`` line per feature.
Scoring is the learned scorer's (helper/checks/message/scorer.py): character 1..3-grams of the
folded text, a logistic regression. The model never makes a finding by itself: it only lets the
slot hits of a rule that asks for it count (docs/message-checks.md).
"""

from __future__ import annotations

import math
import operator
import re
from bisect import bisect_left
from dataclasses import dataclass, field
from itertools import chain, repeat
from pathlib import Path

from helper.checks.message.scorer import MAX_CHARS, fold_case, grams, logit_of, sigmoid
from helper.rulefiles import RuleFileError
from helper.text import to_simplified

FILE_NAME = "structure_model.tsv"
FORMAT = 1
HEADER_KEYS = ("trained_on", "seed", "built_by")
# The team's drafts say 你 and its replies mostly 您, so a model that saw the two apart learns
# the pronoun, not the threat: both are read as one (politeness is the tone rules' concern).
_PRONOUNS = {"你": "您", "妳": "您"}
# Clause ends as ``fold_case`` leaves them (the engine's clause_windows cut after them). No key
# of OpenCC's t2s dictionaries holds one (its keys are words of Chinese characters): its
# longest-match parse can neither run across one nor carry on past it, so a stretch that starts
# and ends right after one (or at an end of the message) becomes Simplified alone exactly as it
# does inside the whole message. PartScores relies on this for its fast path.
_PARSE_BREAKS = frozenset("。!?;,、\n…~")
_SPACE = re.compile(r"\s")


def neutral(text: str) -> str:
    """``text`` as the model reads it, in training and in checks: the listener's pronoun
    folded to one form."""
    # one C-level replace per pronoun: str.translate looks every character up in its table
    # (~0.2 ms for 500 characters, nearly all of them missing from a two-entry table)
    for pronoun, folded in _PRONOUNS.items():
        text = text.replace(pronoun, folded)
    return text


@dataclass(frozen=True)
class LearnedModel:
    weights: dict[str, float]
    bias: float
    longest: int
    path: Path = field(default=Path(FILE_NAME), compare=False)

    def score(self, text: str) -> float:
        """The probability that ``text`` is a threat or harassment, as the model sees it."""
        logit = logit_of(self.weights, self.bias, grams(neutral(text), self.longest))
        return sigmoid(logit)

    def parts(self, text: str) -> PartScores:
        """The scores of parts of ``text`` (``score(text[start:end])``) from one reading of it."""
        return PartScores(self, text)


class PartScores:
    """``model.score(text[start:end])`` for many parts of one message, to the last bit, without
    folding and cutting each part into n-grams anew (the learned gate reads ~55 parts of a
    500-character message). The whole message is folded once and each n-gram occurrence's weight
    looked up once, by position; a part's sum is then a C-level sum over slices of those weights,
    in the order ``grams`` lists a part's n-grams, so the float is the same one ``score`` adds up
    (prefix sums would be O(1) but not the same float). A part that does not start and end at a
    clause break (``_PARSE_BREAKS``), or any part of a message whose folding does not keep one
    character per character, is scored the slow way."""

    __slots__ = ("_aligned", "_folded", "_model", "_spaces", "_text", "_weights")

    def __init__(self, model: LearnedModel, text: str) -> None:
        self._model = model
        self._text = text
        # neutral and the full-width forms keep one character per character; casefold may
        # not (ß → ss), nor may OpenCC in principle: then no position maps, and every part is
        # scored alone
        cased = fold_case(neutral(text))
        folded = to_simplified(cased)
        self._aligned = len(cased) == len(text) and len(folded) == len(text)
        self._folded = folded
        # where ``grams`` drops white space: few places, so a position maps by bisection (a
        # running count over every character costs more than the rest of the reading); re's
        # \s in a str pattern is str.isspace, what str.split drops
        self._spaces = [found.start() for found in _SPACE.finditer(folded)]
        kept_text = "".join(folded.split())
        # weights[k - 1][i]: the weight of the (k)-gram starting at kept_text[i], as ``grams``
        # makes them (each (k-1)-gram plus the character after it)
        self._weights: list[list[float]] = []
        previous: list[str] = list(kept_text)
        for size in range(1, model.longest + 1):
            if size > 1:
                previous = list(map(operator.add, previous, kept_text[size - 1 :]))
            self._weights.append(list(map(model.weights.get, previous, repeat(0.0))))

    def covers(self, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` is scored from the one reading of the message: the
        folding maps positions, the part starts and ends at a clause break or an end of the
        message, and ``grams`` would not cut its raw text short."""
        folded = self._folded
        return (
            self._aligned
            and 0 <= start < end <= len(folded)
            and end - start <= 2 * MAX_CHARS
            and (start == 0 or folded[start - 1] in _PARSE_BREAKS)
            and (end == len(folded) or folded[end - 1] in _PARSE_BREAKS)
        )

    def score(self, start: int, end: int) -> float:
        """``model.score(text[start:end])``, the same float."""
        if not self.covers(start, end):
            return self._model.score(self._text[start:end])
        spaces = self._spaces
        first, last = start - bisect_left(spaces, start), end - bisect_left(spaces, end)
        last = min(last, first + MAX_CHARS)  # grams keeps at most MAX_CHARS characters
        if last == first:
            return sigmoid(self._model.bias)
        # the (k)-grams of kept_text[first:last] start at first .. last - k
        weights = [
            by_k[first : max(first, last - k + 1)] for k, by_k in enumerate(self._weights, 1)
        ]
        count = sum(map(len, weights))
        total = sum(chain.from_iterable(weights))
        return sigmoid(self._model.bias + total / math.sqrt(count))


def render(model: LearnedModel, header: dict[str, str]) -> str:
    """The file text of ``model``; ``header`` holds at least ``HEADER_KEYS``."""
    lines = [f"# {key}: {value}" for key, value in header.items()]
    lines += [f"format\t{FORMAT}", f"longest_gram\t{model.longest}", f"bias\t{model.bias}"]
    lines += [f"{gram}\t{weight}" for gram, weight in model.weights.items()]
    return "\n".join(lines) + "\n"


def read_model(path: Path) -> LearnedModel:
    """Raises RuleFileError naming the file and the line of the first problem."""
    try:
        lines = path.read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleFileError(path, None, f"cannot read the learned model: {exc}") from None
    header: set[str] = set()
    at = 0
    while at < len(lines) and lines[at].startswith("# "):
        header.add(lines[at][2:].partition(":")[0].strip())
        at += 1
    missing = [key for key in HEADER_KEYS if key not in header]
    if missing:
        raise RuleFileError(path, 1, f"the header needs '# {missing[0]}: …' (what built it)")
    settings: dict[str, float] = {}
    for name in ("format", "longest_gram", "bias"):
        settings[name] = _number(path, lines, at, name)
        at += 1
    if settings["format"] != FORMAT or settings["longest_gram"] not in (1, 2, 3):
        raise RuleFileError(path, at - 2, f"expected format {FORMAT} and longest_gram 1..3")
    weights: dict[str, float] = {}
    for number, line in enumerate(lines[at:], start=at + 1):
        if not line:
            continue
        gram, tab, weight = line.partition("\t")
        try:
            if not tab or not gram:
                raise ValueError
            value = float(weight)
            if not math.isfinite(value):
                raise ValueError
            weights[gram] = value
        except ValueError:
            raise RuleFileError(path, number, "expected 'n-gram<TAB>weight'") from None
    return LearnedModel(weights, settings["bias"], int(settings["longest_gram"]), path)


def _number(path: Path, lines: list[str], at: int, name: str) -> float:
    key, _, value = lines[at].partition("\t") if at < len(lines) else ("", "", "")
    try:
        if key != name:
            raise ValueError
        return float(value)
    except ValueError:
        raise RuleFileError(path, at + 1, f"expected '{name}<TAB>number'") from None
