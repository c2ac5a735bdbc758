"""What the learned confirmation adds on the blind checks. Prints figures only.

    python bench/structure_model.py [--replies FILE ...]

The rules with ``learned_at_least`` (threat.confirmed, harassment.confirmed: a weak slot cue
the model of rules/message/structure_model.tsv confirms) against the other rules, on sets the
model never trained on (scripts/build_structure_model.py HELD_OUT): structure wave5b and
wave5c (drafts and replies) and any reply files named with --replies (one reply a line). A
text is flagged when the engine finds anything; "before" is the same rule book without them.
The fresh corpora and COLD dev: bench/quality.py (aggregate lines).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpora import TEAM_DIR, read_drafts, read_replies  # noqa: E402
from helper.checks.message.engine import CompiledRules, MessageEngine  # noqa: E402
from helper.rulefiles import shipped_rules_dir  # noqa: E402

SCENES = ("threat", "harassment")
BLIND = (TEAM_DIR / "dev" / "structure" / "wave5b", TEAM_DIR / "dev" / "structure" / "wave5c")


def without_confirmation(engine: MessageEngine) -> MessageEngine:
    """The engine's rule book without its rules that ask the learned model."""
    book = engine.rules.book
    kept = tuple(rule for rule in book.rules if rule.learned_at_least is None)
    return MessageEngine(CompiledRules(replace(book, rules=kept, model=None)))


def flagged(engines: Sequence[MessageEngine], texts: Sequence[str]) -> list[int]:
    """How many of ``texts`` each engine finds anything in."""
    return [sum(bool(engine.check(text).findings) for text in texts) for engine in engines]


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replies", type=Path, nargs="*", default=[], help="reply files")
    args = parser.parse_args(argv)
    after = MessageEngine.load([shipped_rules_dir()])
    engines = (without_confirmation(after), after)
    for folder in BLIND:
        drafts = read_drafts(folder / "drafts.tsv")
        for scene in SCENES:
            texts = [d.text for d in drafts if d.scene == scene]
            before, now = flagged(engines, texts)
            print(f"{folder.name} {scene}: flagged {before} -> {now} of {len(texts)}")
        args.replies.insert(0, folder / "normal_replies.txt")
    for path in args.replies:
        before, now = flagged(engines, [r.text for r in read_replies(path)])
        print(f"{path.parent.name}/{path.name} replies: flagged {before} -> {now}")


if __name__ == "__main__":
    main()
