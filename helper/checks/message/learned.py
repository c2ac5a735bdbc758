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
from dataclasses import dataclass, field
from pathlib import Path

from helper.checks.message.scorer import grams, logit_of, sigmoid
from helper.rulefiles import RuleFileError

FILE_NAME = "structure_model.tsv"
FORMAT = 1
HEADER_KEYS = ("trained_on", "seed", "built_by")
# The team's drafts say 你 and its replies mostly 您, so a model that saw the two apart learns
# the pronoun, not the threat: both are read as one (politeness is the tone rules' concern).
_PRONOUNS = {"你": "您", "妳": "您"}


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
