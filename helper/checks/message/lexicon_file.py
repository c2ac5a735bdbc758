"""Lexicon files: a category of words (``rules/message/lexicon/*.toml``) turned into rules.

A file has one ``[lexicon]`` table (the category: its id, scene, what the agent is told, the
examples) and any number of ``[[entries]]`` tables, each a list of terms that share a severity,
whether they need a target (a person they are aimed at) and whether their sound-alike spellings
count. Entries with the same severity and target become one ``Rule``:
``<scene>.<category>``, with ``.aimed`` when a target is needed and ``.serious`` for serious
ones. The format is described in docs/message-checks.md.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from helper.checks.message.normalise import syllables
from helper.checks.message.rules import (
    ADVISORY,
    ADVISORY_SCENES,
    SCENES,
    SELF_WITHIN,
    SEVERITIES,
    TARGET_CONTEXT,
    Rule,
    SaidOfSelf,
    is_id,
    reported_of,
)
from helper.rulefiles import RuleFileError, check_keys, line_of, with_start_lines

# the id part of a rule whose terms need a target (the learned scorer may confirm them)
AIMED = "aimed"
DEFAULT_TARGET_WITHIN = 3
_HEAD_KEYS = (
    "category",
    "scene",
    "label",
    "message",
    "why",
    "suggestion",
    "replacement",
    "within",
    "target_context",
    "self_context",
    "reported_context",
    "handled_context",
    "untargeted",
    "unless_near",
    "exceptions",
    "flag",
    "pass",
)
_ENTRY_KEYS = ("severity", "target", "sounds_alike", "terms")


def _one_sound(term: str) -> bool:
    """Whether a term's characters all read the same (渣渣, 食屎): repeats collapse in the key
    view, so its sound-alike would be a single syllable."""
    key_of_char = syllables().key_of_char
    return len({key_of_char.get(ch, ch) for ch in term}) < 2


class LexiconReader:
    """Reads the lexicon tables of one file, recording problems (file and line) as it goes."""

    def __init__(self, path: Path, text: str, problem: Callable[[int | None, str], None]) -> None:
        self.path = path
        self.text = text
        self.problem = problem

    def rules(self, head: Any, entries: Any) -> list[Rule]:
        start = line_of(self.text, "[lexicon]") or 1
        if not isinstance(head, dict):
            self.problem(start, "[lexicon] must be a table")
            return []
        if not self._known(head, _HEAD_KEYS, "[lexicon]", start):
            return []
        category = head.get("category")
        scene = head.get("scene")
        texts = {key: head.get(key) for key in ("label", "message", "why", "suggestion")}
        ok = True
        if not isinstance(category, str) or not is_id(category):
            ok = self._bad(start, "category", 'category must be a short id like "profanity"')
        if scene not in SCENES:
            ok = self._bad(start, "scene", f"scene must be one of {', '.join(SCENES)}")
        for key, value in texts.items():
            if not isinstance(value, str) or not value.strip():
                ok = self._bad(start, key, f"{key} must be a non-empty string")
        replacement = head.get("replacement")
        if replacement is not None and not isinstance(replacement, str):
            ok = self._bad(start, "replacement", "replacement must be a string")
        within = head.get("within", DEFAULT_TARGET_WITHIN)
        if isinstance(within, bool) or not isinstance(within, int) or not 0 <= within <= 20:
            ok = self._bad(start, "within", "within must be 0..20 characters")
        target_context = head.get("target_context", TARGET_CONTEXT)
        if not isinstance(target_context, str) or not is_id(target_context):
            ok = self._bad(start, "target_context", "target_context must be a [[context]] id")
        self_context = head.get("self_context")
        if self_context is not None and (
            not isinstance(self_context, str) or not is_id(self_context)
        ):
            ok = self._bad(start, "self_context", "self_context must be a [[context]] id")
        reported = reported_of(
            head, target_context, lambda key, message: self._bad(start, key, message)
        )
        if any(key in head for key in ("reported_context", "handled_context")) and not reported:
            ok = False
        untargeted = head.get("untargeted", "block")
        if untargeted not in ("block", "warn"):
            ok = self._bad(start, "untargeted", 'untargeted must be "block" or "warn"')
        lists = {
            key: self._strings(head, key, start)
            for key in ("exceptions", "unless_near", "flag", "pass")
        }
        if any(value is None for value in lists.values()):
            ok = False
        elif not lists["flag"] or not lists["pass"]:
            ok = self._bad(
                start,
                "flag",
                "a lexicon needs examples: flag (must be caught) and pass (must not be, "
                "including everyday words that sound like a term)",
            )
        groups = self._groups(entries, scene)
        if not ok or groups is None:
            return []
        rules = []
        for number, ((severity, target), (terms, exact)) in enumerate(groups.items()):
            suffix = (f".{AIMED}" if target else "") + (".serious" if severity == "serious" else "")
            rules.append(
                Rule(
                    id=f"{scene}.{category}{suffix}",
                    scene=scene,
                    severity=severity,
                    message=head["message"].strip(),
                    why=head["why"].strip(),
                    suggestion=head["suggestion"].strip(),
                    replacement=replacement,
                    terms=tuple(terms),
                    exact_terms=tuple(exact),
                    near=(target_context,) if target else (),
                    within=within,
                    said_of_self=(
                        SaidOfSelf(self_context, target_context, SELF_WITHIN)
                        if self_context
                        else None
                    ),
                    reported=reported,
                    untargeted_warns=untargeted == "warn" and not target,
                    # contexts that clear a hit within `within` (a word mentioned, not used:
                    # 报应这个词, 说别人穷酸是不对的)
                    unless_near=lists["unless_near"] or (),
                    exceptions=lists["exceptions"] or (),
                    # the category's examples are checked once, against all its rules
                    flag=(lists["flag"] or ()) if number == 0 else (),
                    passes=(lists["pass"] or ()) if number == 0 else (),
                    category=category,
                    label=head["label"].strip(),
                    path=self.path,
                    line=start,
                )
            )
        return rules

    def _groups(
        self, entries: Any, scene: Any
    ) -> dict[tuple[str, bool], tuple[list[str], list[str]]] | None:
        """(severity, target) → (sound-alike terms, exact terms), in file order."""
        if not isinstance(entries, list) or not entries:
            self.problem(line_of(self.text, "[lexicon]"), "a lexicon needs [[entries]] tables")
            return None
        severities = (ADVISORY,) if scene in ADVISORY_SCENES else SEVERITIES
        groups: dict[tuple[str, bool], tuple[list[str], list[str]]] = {}
        seen: dict[str, int] = {}  # term → the first line of the table that lists it
        ok = True
        for table, start in with_start_lines(entries, "[[entries]]", self.text):
            if not isinstance(table, dict) or not self._known(
                table, _ENTRY_KEYS, "[[entries]]", start
            ):
                ok = False
                continue
            severity = table.get("severity")
            target = table.get("target", False)
            sounds_alike = table.get("sounds_alike", False)
            if severity not in severities:
                ok = self._bad(
                    start, "severity", f"severity must be one of {', '.join(severities)}", table
                )
            for key, value in (("target", target), ("sounds_alike", sounds_alike)):
                if not isinstance(value, bool):
                    ok = self._bad(start, key, f"{key} must be true or false", table)
            terms = self._strings(table, "terms", start)
            if not terms:
                if terms is not None:
                    self.problem(start, "[[entries]] needs a non-empty terms list")
                ok = False
                continue
            for term in terms:
                # a term's line is looked up only for a problem (a load reads 1,700 terms)
                if term in seen:
                    ok = False
                    first = self._term_line(term, seen[term])
                    self.problem(
                        self._term_line(term, start),
                        f"term {term!r} listed twice (first at line {first})",
                    )
                    continue
                seen[term] = start
                if sounds_alike is True and _one_sound(term):
                    ok = False
                    self.problem(
                        self._term_line(term, start),
                        f"term {term!r}: a term of one sound (渣渣, 食屎) cannot count its "
                        "sound-alikes (every character with that sound would match); "
                        "set sounds_alike = false",
                    )
            if ok:
                sound, exact = groups.setdefault((severity, target), ([], []))
                (sound if sounds_alike else exact).extend(terms)
        return groups if ok else None

    def _term_line(self, term: str, start: int) -> int:
        """The line of ``term`` in the ``[[entries]]`` table starting at line ``start``."""
        return line_of(self.text, f'"{term}"', start_line=start) or start

    def _known(
        self, table: dict[str, Any], allowed: tuple[str, ...], where: str, start: int
    ) -> bool:
        try:
            check_keys(
                table, allowed, path=self.path, text=self.text, where=where, start_line=start
            )
        except RuleFileError as exc:
            self.problem(exc.line, exc.reason)
            return False
        return True

    def _bad(self, start: int, key: str, message: str, table: dict[str, Any] | None = None) -> bool:
        """Record a problem at ``key``'s line (the table's own line when the key is missing);
        returns False so that callers can write ``ok = self._bad(...)``."""
        line = None
        if table is None or key in table:
            line = line_of(self.text, f"{key} ", start_line=start)
        self.problem(line or start, message)
        return False

    def _strings(self, table: dict[str, Any], key: str, start: int) -> tuple[str, ...] | None:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(
            isinstance(item, str) and item.strip() for item in value
        ):
            self._bad(start, key, f"{key} must be a list of non-empty strings", table)
            return None
        return tuple(value)
