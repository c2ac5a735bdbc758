"""Readers for the measurement corpora: the team's (tests/data), the fresh blind sets
(tests/data/fresh, tests/data/blind/*) and COLD (outside the repository; never copied into it).

Used by bench/quality.py and scripts/build_scorer.py. Formats are described in
tests/data/README.md and tests/data/fresh/README.md.
"""

from __future__ import annotations

import csv
import os
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEAM_DIR = ROOT / "tests" / "data"
FRESH_DIR = TEAM_DIR / "fresh"
# later blind sets, one folder each (drafts.tsv, normal_replies.txt), measured like fresh
BLIND_DIR = TEAM_DIR / "blind"
COLD_ENV = "WBG_COLD_DIR"
# COLD sits beside the checkouts in the team's shared folder, never inside the repository.
_COLD_RELATIVE = Path("shared") / "corpora" / "cold"


@dataclass(frozen=True)
class Draft:
    scene: str
    evasion: str
    text: str


@dataclass(frozen=True)
class Reply:
    section: str
    text: str


@dataclass(frozen=True)
class BuyerMessage:
    label: str  # optout | restriction | none
    kind: str
    script: str  # s | t
    text: str


@dataclass(frozen=True)
class ColdRow:
    topic: str
    offensive: bool
    text: str


def _content_lines(path: Path) -> list[str]:
    """Lines that are not blank and not ``#`` comments (``## section`` lines are kept)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("# ")]


def _table(path: Path, header: str) -> list[list[str]]:
    lines = [line for line in _content_lines(path) if not line.startswith("#")]
    if not lines or lines[0] != header:
        raise ValueError(f"{path.name}: expected the header {header!r}")
    width = header.count("\t") + 1
    rows = [line.split("\t") for line in lines[1:]]
    for number, row in enumerate(rows, start=2):
        if len(row) != width:
            raise ValueError(f"{path.name}: data row {number} has {len(row)} columns")
    return rows


def read_drafts(path: Path) -> list[Draft]:
    return [Draft(*row) for row in _table(path, "scene\tevasion\ttext")]


def read_replies(path: Path) -> list[Reply]:
    """One reply per line; ``## name`` starts a section (files without them: one section)."""
    replies, section = [], "all"
    for line in _content_lines(path):
        if line.startswith("## "):
            section = line[3:].strip()
        elif not line.startswith("#"):
            replies.append(Reply(section, line))
    return replies


def read_buyer_messages(path: Path) -> list[BuyerMessage]:
    return [BuyerMessage(*row) for row in _table(path, "label\tkind\tscript\ttext")]


def find_cold_dir(option: str | None) -> Path | None:
    """The COLD folder: the option, else $WBG_COLD_DIR, else ``shared/corpora/cold`` in a
    folder above the checkout. None when none of them exists."""
    explicit = option or os.environ.get(COLD_ENV)
    if explicit:
        path = Path(explicit)
        return path if path.is_dir() else None
    for parent in ROOT.parents:
        candidate = parent / _COLD_RELATIVE
        if candidate.is_dir():
            return candidate
    return None


def read_cold(path: Path) -> list[ColdRow]:
    """COLD's CSV (columns id, split, topic, label, TEXT; the first header cell is empty)."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        return [
            ColdRow(row["topic"], row["label"].strip() == "1", row["TEXT"])
            for row in reader
            if row.get("TEXT")
        ]


def blind_sets(folder: Path) -> list[Path]:
    """The blind corpora under ``folder``, by name: each sub-folder holding a drafts.tsv."""
    if not folder.is_dir():
        return []
    return sorted(path.parent for path in folder.glob("*/drafts.tsv"))
