"""Precision and recall on the team's corpora (tests/data/). The thresholds are what the
engine measured when these tests were written, less a small margin; a rule change that costs
recall or adds false positives fails here. bench/check_bench.py prints the same figures."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from tests.message_support import shipped_engine

DATA = Path(__file__).parent / "data"
# measured: insult 113/113, threat 87/89, harassment 83/83, mailing 79/79 (scene matched)
MIN_RECALL = {"insult": 0.98, "threat": 0.95, "harassment": 0.97, "mailing": 0.97}
# measured: 0 of 726 normal replies flagged
MAX_FALSE_POSITIVE_RATE = 0.003


def violations() -> list[tuple[str, str, str]]:
    lines = (DATA / "violations.tsv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "scene\tevasion\ttext"
    return [tuple(line.split("\t")) for line in lines[1:]]  # type: ignore[misc]


def test_normal_replies_pass() -> None:
    replies = (DATA / "normal_replies.txt").read_text(encoding="utf-8").splitlines()
    assert len(replies) >= 600
    engine = shipped_engine()
    flagged = [(r, [f.rule_id for f in engine.check(r).findings]) for r in replies]
    flagged = [item for item in flagged if item[1]]
    assert len(flagged) / len(replies) <= MAX_FALSE_POSITIVE_RATE, flagged


@pytest.mark.parametrize("scene", sorted(MIN_RECALL))
def test_violations_are_caught_in_their_scene(scene: str) -> None:
    engine = shipped_engine()
    rows = [(evasion, text) for s, evasion, text in violations() if s == scene]
    missed = [
        (evasion, text)
        for evasion, text in rows
        if not any(f.scene == scene for f in engine.check(text).findings)
    ]
    recall = 1 - len(missed) / len(rows)
    assert recall >= MIN_RECALL[scene], missed


def test_every_evasion_technique_is_mostly_caught() -> None:
    engine = shipped_engine()
    total: Counter[str] = Counter()
    caught: Counter[str] = Counter()
    for _, evasion, text in violations():
        total[evasion] += 1
        caught[evasion] += bool(engine.check(text).findings)
    low = {e: f"{caught[e]}/{total[e]}" for e in total if caught[e] / total[e] < 0.9}
    assert not low, low
