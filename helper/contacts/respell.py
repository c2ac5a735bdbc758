"""Regional and typed spellings of buyer words, rewritten to the words the opt-out rules use.

OpenCC ``t2s`` (``helper.text.fold``) changes characters, not vocabulary: a Taiwan buyer's
聯絡 / 簡訊 / 訊息 fold to 联络 / 简讯 / 讯息, a Hong Kong buyer writes 唔好 / 搵 / 俾, and some
buyers type pinyin (bie da le). The ``[respell]`` table of the opt-out rule files maps such
words to the mainland words the slots hold, so every rule understands them without listing
each spelling. Chinese respellings keep the length of the text (one character for one), so
the buyer's own words can still be cut out of the message as written; a pinyin run of two or
more known syllables becomes the characters, written together (bie da le → 别打了).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from helper.rulefiles import RuleFileError, line_of
from helper.text import fold

_SYLLABLE = re.compile(r"[a-z]+")
_PINYIN_RUN = re.compile(r"[a-z]+(?:[\s'-]+[a-z]+)+")


class Respelling:
    def __init__(
        self, words: Mapping[str, str] | None = None, pinyin: Mapping[str, str] | None = None
    ) -> None:
        self.words = dict(words or {})  # folded word -> rule word
        self.pinyin = dict(pinyin or {})  # syllable -> characters
        keys = sorted(self.words, key=len, reverse=True)  # longest first
        self._pattern = re.compile("|".join(map(re.escape, keys))) if keys else None

    def apply(self, folded: str) -> str:
        """``folded`` (``helper.text.fold`` output) with regional words and pinyin runs
        rewritten."""
        if self._pattern is not None:
            folded = self._pattern.sub(lambda m: self.words[m.group()], folded)
        if self.pinyin:
            folded = _PINYIN_RUN.sub(self._run, folded)
        return folded

    def _run(self, found: re.Match[str]) -> str:
        syllables = _SYLLABLE.findall(found.group())
        if all(s in self.pinyin for s in syllables):
            return "".join(self.pinyin[s] for s in syllables)
        return found.group()


def read_respelling(
    tables: list[tuple[Path, str, Any]], problems: list[RuleFileError]
) -> Respelling:
    """One Respelling from the ``[respell]`` tables (``words``, ``pinyin``) of the files, as
    (path, file text, table or None); a bad entry is a problem with its line."""
    words: dict[str, str] = {}
    pinyin: dict[str, str] = {}
    for path, text, table in tables:
        if table is None:
            continue
        start = line_of(text, "[respell]") or 1
        if not isinstance(table, dict) or set(table) - {"words", "pinyin"}:
            problems.append(RuleFileError(path, start, "respell has only words and pinyin"))
            continue
        for key, into in (("words", words), ("pinyin", pinyin)):
            for said, meant in (table.get(key) or {}).items():
                problem = _entry_problem(key, said, meant)
                if problem:
                    line = line_of(text, said, start_line=start) or start
                    problems.append(RuleFileError(path, line, problem))
                else:
                    into[fold(said) if key == "words" else said] = meant
    return Respelling(words, pinyin)


def _entry_problem(key: str, said: Any, meant: Any) -> str | None:
    if not isinstance(meant, str) or not meant or not said:
        return f"respell.{key}: {said!r} needs a non-empty word"
    if key == "pinyin":
        if not _SYLLABLE.fullmatch(said):
            return f"respell.pinyin: {said!r} must be lower-case latin letters"
        return None
    if len(fold(said)) != len(meant):
        # one character for one keeps the buyer's words cuttable from the text as written
        return f"respell.words: {said!r} and {meant!r} must have the same length"
    return None
