"""Same rules, two versions of the engine code: are the verdicts byte-identical?

    python scripts/verdict_diff.py [--base main] [--cold DIR] [--cached]

Speed work must not change a verdict. This checks the engine JSON (``json_text`` of
``check(text, "taobao")``, and ``to_json`` of every match with ``one_per_span=False`` as rule
examples use it) for a large set of texts, once with the code of ``--base`` (a git ref, taken
with ``git archive`` into a temporary folder) and once with the code of this checkout, both
reading THIS checkout's ``rules/`` (other branches change rules in parallel; comparing code
against code on the same rules isolates what the code changed).

Texts: every line of the team corpora, tests/data/fresh and tests/data/dev (the whole line
and, for tables, the text column), COLD dev comments read where they lie (bench/corpora.py
finds them; never copied into the repository), and messages of 100, 500 and 2000 characters
joined from those lines. Prints the count and the first differences; exit status 1 if any.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpora import find_cold_dir, read_cold  # noqa: E402

DATA = ROOT / "tests" / "data"
JOINED = {100: 400, 500: 300, 2000: 100}  # length: how many messages

# Run inside the code tree under test (its own helper package), rules from argv[1]; only
# the engine's long-standing public API, so any past version of main can run it.
_DUMP = """
import json, sys
from pathlib import Path
from helper.checks.message import MessageEngine
from helper.platforms import load_platforms
dirs = [Path(sys.argv[1])]
# argv[4], when given: a cache folder, filled by a first load, read by the one that checks
kept = {"cache_dir": Path(sys.argv[4])} if len(sys.argv) > 4 else {}
if kept:
    MessageEngine.load(dirs, load_platforms(dirs), "taobao", **kept)
engine = MessageEngine.load(dirs, load_platforms(dirs), "taobao", **kept)
texts = json.loads(Path(sys.argv[2]).read_text(encoding="utf-8"))
print("engine code:", sys.modules["helper"].__file__, file=sys.stderr)
with open(sys.argv[3], "w", encoding="utf-8") as out:
    for text in texts:
        out.write(engine.check(text, "taobao").json_text() + "\\n")
        every = engine.check(text, one_per_span=False)
        out.write(json.dumps(every.to_json(), ensure_ascii=False) + "\\n")
"""


def corpus_texts(cold: Path | None) -> list[str]:
    lines: list[str] = []
    for path in sorted([*DATA.glob("*.t*"), *DATA.glob("fresh/*.t*"), *DATA.glob("dev/*.t*")]):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                lines.append(line)
                if "\t" in line:
                    lines.append(line.rsplit("\t", 1)[1])
    if cold is not None:
        lines += [row.text for row in read_cold(cold / "dev.csv")]
    rng = random.Random(20261130)
    joined = []
    for length, count in JOINED.items():
        for _ in range(count):
            text = ""
            while len(text) < length:
                text += rng.choice(lines)
            joined.append(text[:length])
    return lines + joined


def code_of(ref: str, into: Path, part: str = "helper") -> Path:
    """Folder ``part`` of commit ``ref`` (the ``helper`` package, or ``rules``), under ``into``."""
    archive = subprocess.run(
        ["git", "archive", ref, part], cwd=ROOT, capture_output=True, check=True
    ).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into


def dump(code: Path, texts_file: Path, out: Path, cache: Path | None = None) -> list[str]:
    """``cache``: check with the rules loaded from a filled cache folder (the spellings, the
    parsed rule files, the slot sources), as every start but the first after a change does."""
    kept = [str(cache)] if cache is not None else []
    subprocess.run(
        [sys.executable, "-c", _DUMP, str(ROOT / "rules"), str(texts_file), str(out), *kept],
        cwd=code,
        env={**os.environ, "PYTHONPATH": str(code)},
        check=True,
    )
    return out.read_text(encoding="utf-8").splitlines()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="main", help="git ref whose code is the reference")
    parser.add_argument("--cold", help="COLD folder (default: found as bench/quality.py does)")
    parser.add_argument(
        "--cached", action="store_true", help="this checkout's rules loaded from a filled cache"
    )
    args = parser.parse_args()
    cold = find_cold_dir(args.cold)
    texts = corpus_texts(cold)
    print(f"{len(texts)} texts ({'with' if cold else 'without'} COLD dev)")
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        texts_file = folder / "texts.json"
        texts_file.write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
        base = dump(code_of(args.base, folder / "base"), texts_file, folder / "base.jsonl")
        cache = folder / "cache" if args.cached else None
        ours = dump(ROOT, texts_file, folder / "ours.jsonl", cache)
    differ = [i for i, (a, b) in enumerate(zip(base, ours, strict=True)) if a != b]
    for index in differ[:5]:
        print(
            f"text {index // 2}: {texts[index // 2]!r}\n  {args.base}: {base[index]}\n"
            f"  here: {ours[index]}"
        )
    print(f"{len(differ)} of {len(base)} results differ from {args.base}'s code")
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
