"""Finding and reading the TOML data files under ``rules/``.

Rules ship inside the package (``helper/rules`` once installed, ``rules/`` in a source
checkout). A user directory, and ``--rules DIR``, can override a shipped file by giving a file
with the same relative path, or extend the set with new files. Every loader in the helper reads
its files through here, so that errors always name the file and the line.
"""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from helper.parsed_toml import ParsedToml

_PACKAGE_DIR = Path(__file__).resolve().parent


def shipped_rules_dir() -> Path:
    """The rules that come with the helper: inside the wheel, or at the checkout's top."""
    for candidate in (_PACKAGE_DIR / "rules", _PACKAGE_DIR.parent / "rules"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("shipped rules directory is missing from the installation")


class RuleFileError(ValueError):
    """A rule or config file that cannot be used; says which file and which line."""

    def __init__(self, path: Path | str, line: int | None, message: str) -> None:
        self.path = Path(path)
        self.line = line
        self.reason = message
        where = f"{self.path}:{line}" if line else str(self.path)
        super().__init__(f"{where}: {message}")


def rule_files(dirs: Sequence[Path], subdir: str, pattern: str = "*.toml") -> list[Path]:
    """Files matching ``subdir/pattern`` across ``dirs``; a later dir overrides an earlier one
    file by file (same relative path), so a user can replace one shipped file."""
    chosen: dict[str, Path] = {}
    for base in dirs:
        folder = base / subdir
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob(pattern)):
            if path.is_file():
                chosen[path.relative_to(folder).as_posix()] = path
    return [chosen[key] for key in sorted(chosen)]


_TOML_LINE = re.compile(r"at line (\d+)")


def load_toml(path: Path, parsed: ParsedToml | None = None) -> tuple[dict[str, Any], str]:
    """Parse a TOML file; returns the data and the raw text (for ``line_of``). ``parsed``: the
    data of unchanged files kept between runs (parsed_toml.py)."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise RuleFileError(path, None, f"cannot read file: {exc.strerror or exc}") from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise RuleFileError(path, line, "file is not valid UTF-8") from exc
    try:
        return (parsed.parse(text) if parsed is not None else tomllib.loads(text)), text
    except tomllib.TOMLDecodeError as exc:
        found = _TOML_LINE.search(str(exc))
        raise RuleFileError(path, int(found.group(1)) if found else None, str(exc)) from exc


def line_of(text: str, *needles: str, start_line: int = 1) -> int | None:
    """First line (1-based, at or after ``start_line``) that contains every needle.

    tomllib does not report positions of keys, so validators use this to point at
    ``id = "insult.curse"`` or ``[[rule]]`` when they reject a value.
    """
    lines, starts = _lines(text)
    number = max(start_line, 1)
    if not needles or number > len(lines):
        return None if number > len(lines) else number
    # the first needle found by str.find from the line on (C-level; a loader asks hundreds
    # of times per file), then the others checked in the line it falls in. A needle holding
    # no line break cannot run across lines, so this is the first line holding them all.
    first = needles[0]
    while number <= len(lines):
        at = text.find(first, starts[number - 1]) if first else starts[number - 1]
        if at < 0:
            return None
        number = bisect_right(starts, at)
        line = lines[number - 1]
        if first in line and all(needle in line for needle in needles):
            return number
        number += 1
    return None


@lru_cache(maxsize=4)
def _lines(text: str) -> tuple[list[str], list[int]]:
    """A rule file's lines and the offset where each starts: a loader asks ``line_of`` about
    one file hundreds of times."""
    lines = text.splitlines(keepends=True)
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line))
    return text.splitlines(), starts


def with_start_lines(tables: list[Any], header: str, text: str) -> list[tuple[Any, int]]:
    """Each table of an array of tables (``[[rule]]``) with the line of its header, so that
    errors inside it point there. The n-th table is the n-th header in the file."""
    # every line holding the header, found in one pass (a lexicon file has hundreds of tables)
    headers = [number for number, line in enumerate(text.splitlines(), 1) if header in line]
    found = []
    search_from = 1
    for table in tables:
        at = bisect_left(headers, search_from)  # the first header at or after search_from
        start = headers[at] if at < len(headers) else 1
        search_from = start + 1
        found.append((table, start))
    return found


def check_keys(
    table: dict[str, Any],
    allowed: Iterable[str],
    *,
    path: Path,
    text: str,
    where: str,
    start_line: int = 1,
) -> None:
    """Reject keys a loader does not know (a typo would otherwise be silently ignored)."""
    allowed_set = set(allowed)
    for key in table:
        if key not in allowed_set:
            line = line_of(text, key, start_line=start_line)
            raise RuleFileError(
                path,
                line,
                f"unknown key {key!r} in {where}; allowed: {', '.join(sorted(allowed_set))}",
            )
