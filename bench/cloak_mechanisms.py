"""Which mechanism loses the cloaked sentences: COLD offensive sentences the rules catch, their
caught words respelled as bench/quality.py's cloaking section does (bench/cloaking.py, fixed
seed), and each sentence that is no longer flagged put under what had caught the original.

    python bench/cloak_mechanisms.py --split train            # tune here
    python bench/cloak_mechanisms.py --split dev --every      # the held-out measure

Prints counts only (rule ids and the lexicon's own terms), never a COLD sentence. The classes of
a finding of the original:
- ``pattern``: a rule's pattern or slot pattern (the finding names its rule, not a term);
- ``lex-2``: a lexicon term of two characters (sound-alikes only with one character as written);
- ``lex-exact``: a term written ``sounds_alike = false`` (respelled only through the strict gate);
- ``lex-3+``: a sound-alike term of three characters or more;
- ``lex-1``: a term of one character.
A lost sentence whose findings were of several classes is counted under each, marked ``mixed``.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.cloaking import SEED, cloak  # noqa: E402
from bench.corpora import find_cold_dir, read_cold  # noqa: E402
from bench.quality import engines  # noqa: E402
from helper.checks.message.engine import LEXICON_LETTERS_ONLY_BELOW  # noqa: E402
from helper.rulefiles import shipped_rules_dir  # noqa: E402


def finding_class(rules, finding) -> str:
    rule = rules.rules.get(finding.rule_id)
    if rule is None or finding.term == finding.rule_id:
        return "pattern"
    if finding.term in rule.exact_terms:
        return "lex-1" if len(finding.term) == 1 else "lex-exact"
    if len(finding.term) == 1:
        return "lex-1"
    if rule.label and len(finding.term) < LEXICON_LETTERS_ONLY_BELOW:
        return "lex-2"
    return "lex-3+"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("train", "dev"), default="train")
    parser.add_argument("--every", action="store_true", help="respell every character of a hit")
    parser.add_argument("--cold", help="COLD folder; default $WBG_COLD_DIR or shared/")
    parser.add_argument("--rules", type=Path, help="rules directory (default: shipped rules)")
    parser.add_argument("--top", type=int, default=15, help="how many rule ids / terms to list")
    args = parser.parse_args(argv)
    cold = find_cold_dir(args.cold)
    if cold is None:
        sys.exit("COLD not found")
    texts = [row.text for row in read_cold(cold / f"{args.split}.csv") if row.offensive]
    engine = engines([args.rules or shipped_rules_dir()])[0][1]
    compiled = engine.rules
    rng = random.Random(SEED)
    caught = kept = 0
    lost_by_class: Counter[str] = Counter()
    lost_by_rule: Counter[str] = Counter()
    lost_by_term: Counter[str] = Counter()
    all_by_class: Counter[str] = Counter()
    for text in texts:
        result = engine.check(text)
        if result.verdict == "ok":
            continue
        caught += 1
        spans = [(f.start_cp, f.end_cp) for f in result.findings]
        classes = {finding_class(compiled, f) for f in result.findings}
        for name in classes:
            all_by_class[name] += 1
        if engine.check(cloak(text, spans, rng, every=args.every)).verdict != "ok":
            kept += 1
            continue
        mark = "" if len(classes) == 1 else " (mixed)"
        for name in classes:
            lost_by_class[name + mark] += 1
        for finding in result.findings:
            lost_by_rule[finding.rule_id] += 1
            if finding.term != finding.rule_id:
                lost_by_term[finding.term] += 1
    mode = "every character" if args.every else "one character"
    print(
        f"COLD {args.split} offensive {len(texts)}; caught {caught}; respelled ({mode}, "
        f"seed {SEED}) kept {kept} ({kept / max(caught, 1):.1%}); lost {caught - kept}"
    )
    print("lost by class of the original's findings (originals with that class in brackets):")
    for name, count in lost_by_class.most_common():
        print(f"  {name:22} {count:5}  ({all_by_class[name.split()[0]]})")
    print("lost by rule id:")
    for name, count in lost_by_rule.most_common(args.top):
        print(f"  {name:28} {count:5}")
    print("lost by lexicon term:")
    print("  " + ", ".join(f"{t} {c}" for t, c in lost_by_term.most_common(args.top * 2)))


if __name__ == "__main__":
    main()
