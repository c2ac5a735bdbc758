"""The message engine: rules compiled once, checked against a message many times.

``MessageEngine.check(text, platform)`` returns a ``CheckResult`` whose findings point into the
text as typed (UTF-16 offsets for JavaScript, code points for Python) and carry the penalty of
the platform asked about. Reloading swaps the compiled rules in one assignment, so a check in
flight keeps the rules it started with.
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import re2

from helper.checks.message.lexicon import Kind, Lexicon
from helper.checks.message.normalise import BREAK, Normalised, Normaliser, Views, utf16_index
from helper.checks.message.rules import Rule, RuleBook, load_rulebook, pattern_options
from helper.checks.message.structure import (
    QuotedSpeech,
    inside_any,
    rule_slot_patterns,
    slots_for,
)
from helper.platforms import Penalty, Platform, Platforms
from helper.rulefiles import RuleFileError

Span = tuple[int, int]


class UnknownPlatform(ValueError):
    def __init__(self, name: str, known: Sequence[str]) -> None:
        super().__init__(f"未知平台 {name!r}；可选：{', '.join(known)}")
        self.name = name
        self.known = tuple(known)


@dataclass(frozen=True)
class Finding:
    rule_id: str
    scene: str
    severity: str
    start: int  # UTF-16 code units
    end: int
    start_cp: int  # code points
    end_cp: int
    match: str
    message: str
    why: str
    penalty: Penalty | None
    suggestion: str  # the whole polite reply, to use instead of the draft
    replacement: str | None  # what stands in place of [start, end); None: no in-place fix

    def to_json(self) -> dict[str, Any]:
        return {
            "rule_id": self.rule_id,
            "scene": self.scene,
            "severity": self.severity,
            "start": self.start,
            "end": self.end,
            "start_cp": self.start_cp,
            "end_cp": self.end_cp,
            "match": self.match,
            "message": self.message,
            "why": self.why,
            "penalty": self.penalty.to_json() if self.penalty else None,
            "suggestion": self.suggestion,
            "replacement": self.replacement,
        }

    def json_text(self) -> str:
        """``to_json()`` as JSON text; the fields fixed by the rule and the platform are
        encoded once (bulk audits spend most of their time writing JSON otherwise)."""
        head, tail = _finding_frame(
            self.rule_id,
            self.scene,
            self.severity,
            self.message,
            self.why,
            self.penalty,
            self.suggestion,
            self.replacement,
        )
        return (
            f'{head}, "start": {self.start}, "end": {self.end}, "start_cp": {self.start_cp}, '
            f'"end_cp": {self.end_cp}, "match": {_dumps(self.match)}, {tail}'
        )


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


@lru_cache(maxsize=4096)
def _finding_frame(
    rule_id: str,
    scene: str,
    severity: str,
    message: str,
    why: str,
    penalty: Penalty | None,
    suggestion: str,
    replacement: str | None,
) -> tuple[str, str]:
    """A finding's fixed fields as JSON text: what comes before the offsets, and after."""
    head = _dumps({"rule_id": rule_id, "scene": scene, "severity": severity})
    tail = _dumps(
        {
            "message": message,
            "why": why,
            "penalty": penalty.to_json() if penalty else None,
            "suggestion": suggestion,
            "replacement": replacement,
        }
    )
    return head[:-1], tail[1:]


@dataclass(frozen=True)
class CheckResult:
    text: str
    verdict: str  # ok | warn | block
    platform: str | None
    findings: tuple[Finding, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "verdict": self.verdict,
            "platform": self.platform,
            "findings": [finding.to_json() for finding in self.findings],
        }

    def json_text(self, **extra: Any) -> str:
        """``{**extra, **to_json()}`` as JSON text, for bulk output."""
        head = _dumps(
            {**extra, "text": self.text, "verdict": self.verdict, "platform": self.platform}
        )
        findings = ", ".join(finding.json_text() for finding in self.findings)
        return f'{head[:-1]}, "findings": [{findings}]}}'


def verdict_of(findings: Sequence[Finding]) -> str:
    """Serious findings block; ordinary ones warn."""
    if any(f.severity == "serious" for f in findings):
        return "block"
    return "warn" if findings else "ok"


class CompiledRules:
    """A rule book turned into one automaton and one RE2 set."""

    def __init__(self, book: RuleBook) -> None:
        started = time.perf_counter()
        self.book = book
        self.rules: dict[str, Rule] = {rule.id: rule for rule in book.rules}
        self.normaliser = Normaliser(book.lookalikes)
        self.lexicon = Lexicon(self.normaliser, book.digits)
        used_contexts: set[str] = set()
        for rule in book.rules:
            self._add_terms(rule, Kind.RULE, rule.terms, sounds_alike=True)
            self._add_terms(rule, Kind.RULE, rule.exact_terms, sounds_alike=False)
            self._add_terms(rule, Kind.EXCEPTION, rule.exceptions, sounds_alike=False)
            used_contexts.update(rule.near)
        for name in sorted(used_contexts):
            for term in book.contexts[name].terms:
                self.lexicon.add(Kind.CONTEXT, name, term, sounds_alike=False)
        self.lexicon.build()
        # (rule id, pattern, its slot pattern's ``unless`` patterns)
        self._pattern_rules: list[tuple[str, Any, tuple[Any, ...]]] = []
        self._pattern_set = None
        # Patterns run on the view's UTF-8 bytes: google-re2's wrapper re-encodes a str and
        # maps offsets back on every call, which costs more than the match itself.
        options = pattern_options()
        slots = slots_for(book.slots, self.normaliser)
        for rule in book.rules:
            for pattern in rule.patterns:
                self._pattern_rules.append((rule.id, re2.compile(pattern.encode(), options), ()))
            for slot in rule_slot_patterns(rule, slots):
                unless = tuple(re2.compile(u.encode(), options) for u in slot.unless)
                compiled = re2.compile(slot.regex.encode(), options)
                self._pattern_rules.append((rule.id, compiled, unless))
        self.quoted = QuotedSpeech(book.quoted_speech, slots) if book.quoted_speech else None
        if self._pattern_rules:
            self._pattern_set = re2.Set.SearchSet(options)
            for _, compiled, _ in self._pattern_rules:
                self._pattern_set.Add(compiled.pattern)
            self._pattern_set.Compile()
        self.load_ms = (time.perf_counter() - started) * 1000

    def _add_terms(
        self, rule: Rule, kind: Kind, terms: Sequence[str], *, sounds_alike: bool
    ) -> None:
        for term in terms:
            if self.lexicon.add(kind, rule.id, term, sounds_alike=sounds_alike) == 0:
                raise RuleFileError(
                    rule.path, rule.line, f"rule {rule.id!r}: {term!r} has no letters to match"
                )

    def find(self, text: str) -> list[tuple[Rule, int, int]]:
        """(rule, code-point start, end) for every hit that survives exceptions and context."""
        views = self.normaliser.views(text)
        if not self._may_find(views):
            return []
        normalised = self.normaliser.normalise(text, views)
        hits: dict[str, list[Span]] = defaultdict(list)
        allowed: dict[str, list[Span]] = defaultdict(list)
        contexts: dict[str, list[Span]] = defaultdict(list)
        found_hits, in_codes = self.lexicon.scan(normalised)
        for hit in found_hits:
            if hit.entry.kind is Kind.RULE and hit.key in in_codes:
                continue  # the same letters are a product code elsewhere in this message
            if hit.entry.kind is Kind.RULE:
                hits[hit.entry.owner].append((hit.start, hit.end))
            elif hit.entry.kind is Kind.EXCEPTION:
                allowed[hit.entry.owner].append((hit.start, hit.end))
            else:
                contexts[hit.entry.owner].append((hit.start, hit.end))
        self._pattern_hits(normalised, hits)
        quoted = self._quoted_speech(normalised, hits)
        found = []
        for rule_id, spans in hits.items():
            rule = self.rules[rule_id]
            kept = [
                span
                for span in spans
                if not _overlaps_any(span, allowed.get(rule_id, ()))
                and (not rule.near or _near_any(span, rule, contexts))
                and not (rule.scene in quoted and inside_any(span, quoted[rule.scene]))
            ]
            found.extend((rule, start, end) for start, end in _merge(kept))
        found.sort(key=lambda item: (item[1], item[2], item[0].id))
        return found

    def _may_find(self, views: Views) -> bool:
        """False when no rule term and no pattern occurs in the text at all, so it has no
        findings (contexts and exceptions only ever clear a hit). Most drafts are like that;
        this decides it from the two views alone, before any offset map or hit is built."""
        if self.lexicon.may_hit_rule(views.keys):
            return True
        return (
            bool(views.view)
            and self._pattern_set is not None
            and self._pattern_set.Match(views.view.encode("utf-8")) is not None
        )

    def _pattern_hits(self, normalised: Normalised, hits: dict[str, list[Span]]) -> None:
        if self._pattern_set is None or not normalised.view:
            return
        view = normalised.view
        encoded = view.encode("utf-8")
        for index in self._pattern_set.Match(encoded) or ():  # None when nothing matches
            rule_id, compiled, unless = self._pattern_rules[index]
            blocked = [m.span() for u in unless for m in u.finditer(encoded)]
            for match in compiled.finditer(encoded):
                if blocked and _overlaps_any(match.span(), blocked):
                    continue
                start, end = (len(encoded[:at].decode("utf-8")) for at in match.span())
                while start < end and view[start] == BREAK:
                    start += 1
                while end > start and view[end - 1] == BREAK:
                    end -= 1
                if end > start:
                    hits[rule_id].append(normalised.cp_span_of_view(start, end))

    def _quoted_speech(
        self, normalised: Normalised, hits: dict[str, list[Span]]
    ) -> dict[str, list[Span]]:
        """Per scene, the buyer's words the agent quotes (「您说"…"」): not the agent's threat."""
        quoted = self.quoted
        if quoted is None or not any(self.rules[r].scene in quoted.scenes for r in hits):
            return {}
        spans = quoted.spans(normalised)
        return {scene: spans for scene in quoted.scenes} if spans else {}


def _overlaps_any(span: Span, allowed: Sequence[Span]) -> bool:
    """An exception phrase that shares a character with the hit clears it: 傻瓜相机 clears
    傻瓜, 有病史 clears 你有病."""
    return any(start < span[1] and span[0] < end for start, end in allowed)


def _near_any(span: Span, rule: Rule, contexts: dict[str, list[Span]]) -> bool:
    for name in rule.near:
        for start, end in contexts.get(name, ()):
            if start - span[1] <= rule.within and span[0] - end <= rule.within:
                return True
    return False


def _merge(spans: list[Span]) -> list[Span]:
    """One finding per stretch of text: overlapping hits of one rule become one."""
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


class MessageEngine:
    """What other features call: ``services.message_engine.check(text, platform)``."""

    def __init__(
        self,
        rules: CompiledRules,
        platforms: Platforms | None = None,
        default_platform: str | None = None,
    ) -> None:
        self._rules = rules
        self.platforms = platforms
        self.default_platform = default_platform

    @classmethod
    def load(
        cls,
        dirs: Sequence[Path],
        platforms: Platforms | None = None,
        default_platform: str | None = None,
    ) -> MessageEngine:
        return cls(CompiledRules(load_rulebook(dirs)), platforms, default_platform)

    @property
    def rules(self) -> CompiledRules:
        return self._rules

    def replace_rules(self, rules: CompiledRules) -> None:
        self._rules = rules  # one reference assignment: atomic for checks in other threads

    def resolve_platform(self, name: str | None) -> Platform | None:
        if self.platforms is None:
            return None
        wanted = name if name is not None else self.default_platform
        if wanted is None:
            return None
        platform = self.platforms.resolve(wanted)
        if platform is None:
            raise UnknownPlatform(wanted, self.platforms.ids())
        return platform

    def check(self, text: str, platform: str | None = None) -> CheckResult:
        """Raises UnknownPlatform for a platform name no rules file knows."""
        chosen = self.resolve_platform(platform)
        found = self._rules.find(text)
        findings = tuple(
            Finding(
                rule_id=rule.id,
                scene=rule.scene,
                severity=rule.severity,
                start=utf16_index(text, start),
                end=utf16_index(text, end),
                start_cp=start,
                end_cp=end,
                match=text[start:end],
                message=rule.message,
                why=rule.why,
                penalty=chosen.penalty(rule.scene, rule.severity) if chosen else None,
                suggestion=rule.suggestion,
                replacement=rule.replacement,
            )
            for rule, start, end in found
        )
        return CheckResult(
            text=text,
            verdict=verdict_of(findings),
            platform=chosen.id if chosen else None,
            findings=findings,
        )
