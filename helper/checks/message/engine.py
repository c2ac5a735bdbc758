"""The message engine: rules compiled once, checked against a message many times.

``MessageEngine.check(text, platform)`` returns a ``CheckResult`` whose findings point into the
text as typed (UTF-16 offsets for JavaScript, code points for Python) and carry the penalty of
the platform asked about. Reloading swaps the compiled rules in one assignment, so a check in
flight keeps the rules it started with.
"""

from __future__ import annotations

import json
import logging
import re
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, NamedTuple, Protocol, TypeVar

import re2

from helper.checks.message.gc_pause import collector_paused
from helper.checks.message.learned import PartScores
from helper.checks.message.lexicon import Hit, Kind, Lexicon, Scan
from helper.checks.message.lexicon_entry import EXCEPTION, Term
from helper.checks.message.lexicon_file import AIMED
from helper.checks.message.lexicon_kept import KeptLexicons
from helper.checks.message.normalise import BREAK, Normalised, Normaliser, Views, utf16_index
from helper.checks.message.part_evidence import PartEvidence, Span, part_may_rescue
from helper.checks.message.rules import (
    GOODS_BEFORE_CONTEXT,
    GOODS_NAME_CONTEXT,
    LETTERS_CODE_CONTEXT,
    NAMING_CONTEXTS,
    NAMING_SCENE,
    SELF_RUN_CONTEXT,
    TARGET_CONTEXT,
    THIRD_PARTY_CONTEXT,
    THIRD_PARTY_NAMED_CONTEXT,
    Reported,
    Rule,
    RuleBook,
    SaidOfSelf,
    load_rulebook,
    pattern_options,
)
from helper.checks.message.scorer import SecondOpinion, load_second_opinion
from helper.checks.message.slot_sources import SlotSources
from helper.checks.message.spellings import SpellingCache
from helper.checks.message.structure import SlotMatcher, quoted_speech
from helper.checks.message.syllable_cache import load_syllables
from helper.checks.message.words import shared_dictionary
from helper.parsed_toml import ParsedToml
from helper.platforms import ADVISORY_SCENES, SEVERITIES, Penalty, Platform, Platforms
from helper.rulefiles import RuleFileError

log = logging.getLogger(__name__)
# one letter or digit: Python's \w is str.isalnum() plus "_" (counted at C level; a
# character-by-character isalnum() cost ~30 µs per 500 characters)
_ALNUM = re.compile(r"[^\W_]")
# The learned gate reads a long message by its parts too (eighteenth wave, docs/message-checks.md
# "Eighteenth wave, long branch"): the model's log-odds are scaled by 1/sqrt(number of n-grams),
# so two sentences of ordinary service talk before a menace dilute the whole message's score
# below a rule's bar although the menace alone passes it. A match also counts where a run of
# whole clauses of at most ``LEARNED_WINDOW`` characters that it touches reaches the bar; a
# message no longer than that is read whole only. Clauses end at punctuation (not at words).
LEARNED_WINDOW = 40
_CLAUSE_END = re.compile(r"[。！？!?；;，,、\n…~～]+")

# A model code right after a word typed in Latin letters (NMD R1, TMD-X2): letters and digits
# mixed, set off by a space, hyphen or nothing; the word before it is a model line, not initials
# of an oath. Digits alone (SB 250) are no code.
_MODEL_CODE = re.compile(r"[ _-]?(?=[A-Za-z]*\d)(?=\d*[A-Za-z])[A-Za-z\d]+(?![A-Za-z\d])")

# No context of the rule book is `touching` (a default that no check mutates).
_NONE_TOUCHING: Mapping[str, str] = {}
# No context of the rule book clears only some terms (`clears_only`).
_NONE_CLEARS_ONLY: Mapping[str, frozenset[str]] = {}


class TermSpan(NamedTuple):
    """Where a term (or pattern) matched, in code points of the text as typed."""

    start: int
    end: int
    term: str  # the canonical term, or the rule id for a pattern
    hedged: bool = False  # see Match.hedged


class Match(NamedTuple):
    """One finding before the platform is applied: what every matcher returns."""

    rule: Rule
    start: int  # code points in the text as typed
    end: int
    term: str  # the canonical term (or rule id) the match stands for
    # aimed at no one (no `target` word near) and either read only through a sound-alike
    # spelling in Chinese characters (狗狗比 for 狗逼) or of a rule whose untargeted hits warn:
    # alone in a message it warns (finding_verdicts)
    hedged: bool = False


# whether the shop let a match in a text (as typed) through: allowances, product categories
ShopClears = Callable[[Match, str], bool]


class Matcher(Protocol):
    """A matcher besides the lexicon and the RE2 patterns (the slot patterns of threats and
    harassment). ``CompiledRules`` asks each one in ``matchers`` after its own scan."""

    def may_match(self, views: Views, unconfirmed: Callable[[Rule], bool]) -> bool:
        """False when the text cannot hold a match (decided cheaply from the two views).
        ``unconfirmed(rule)``: whether the learned model would set aside every match of the
        rule in this text (``CompiledRules._unconfirmed``); such a rule's patterns may be
        skipped, as their matches would be dropped anyway."""
        ...

    def find(self, text: Normalised, unconfirmed: Callable[[Rule], bool]) -> Iterable[Match]:
        """Matches in ``text``; each names a ``Rule`` of the rule book (scene, message...).
        ``unconfirmed`` as for ``may_match``: the same function, so the matches of a rule it
        sets aside may be left out here too."""
        ...

    def compile_all(self) -> None:
        """Compile now what is otherwise compiled on first need (lint); raises
        RuleFileError naming the rule."""
        ...


# Lexicon terms shorter than this match homophone characters only as written (see Lexicon.add).
LEXICON_LETTERS_ONLY_BELOW = 3
# Lexicon words without sound-alikes are matched in sound-alike characters from this length
# (through a stricter real-word gate, Lexicon._real): two characters with one respelled are
# too often two ordinary words side by side (我考 for 我靠, 你呀 for 你丫, 她妈 for 他妈),
# even next to a target (杀了你 for 傻了你; measured on COLD train safe comments).
RESPELLED_FROM = 2
# and so are the words of hand-written rules of these scenes (没素质): a threat's or a mailing's
# phrases are made of everyday words that respell into others (费了你 for 废了你)
RESPELLED_SCENES = frozenset({"insult"})


# How near a word of the target context makes a hedged hit aimed at someone (你这个|鬼佬,
# 买家是个|鬼佬): then it blocks like any other (finding_verdicts).
AIMED_WITHIN = 8


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
    category: str  # the lexicon category or the rule's kind ("profanity", "curse")
    term: str  # the canonical term (or rule id) the match stands for: what an allowance names
    allowable: bool  # False for threats: they can never be allowed away
    verdict: str = "block"  # what this finding does to the send: block | warn (verdict_of)

    def to_json(self) -> dict[str, Any]:
        return {
            "rule_id": self.rule_id,
            "scene": self.scene,
            "severity": self.severity,
            "category": self.category,
            "term": self.term,
            "allowable": self.allowable,
            "verdict": self.verdict,
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
            self.category,
            self.term,
            self.allowable,
            self.verdict,
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
    category: str,
    term: str,
    allowable: bool,
    verdict: str,
    message: str,
    why: str,
    penalty: Penalty | None,
    suggestion: str,
    replacement: str | None,
) -> tuple[str, str]:
    """A finding's fixed fields as JSON text: what comes before the offsets, and after."""
    head = _dumps(
        {
            "rule_id": rule_id,
            "scene": scene,
            "severity": severity,
            "category": category,
            "term": term,
            "allowable": allowable,
            "verdict": verdict,
        }
    )
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
    """The worst of the findings' own verdicts (``finding_verdicts``)."""
    if any(f.verdict == "block" for f in findings):
        return "block"
    return "warn" if findings else "ok"


def finding_verdicts(found: Sequence[Match]) -> list[str]:
    """Each match's verdict: a finding in any of the four penalised scenes blocks (it can cost
    the shop points and money); advisory (tone) findings only warn, and so does a hedged
    match (a sound-alike reading aimed at no one) when it is the message's only finding of
    the four scenes — a guess alone is a reminder, two guesses or a guess next to a sure
    finding block (docs/message-checks.md, "Verdict policy")."""
    penalised = [m for m in found if m.rule.scene not in ADVISORY_SCENES]
    lone_guess = len(penalised) == 1 and penalised[0].hedged
    return [
        "warn" if m.rule.scene in ADVISORY_SCENES or (lone_guess and m.hedged) else "block"
        for m in found
    ]


def _terms(rule: Rule, kind: Kind, terms: Sequence[str], *, sounds_alike: bool) -> list[Term]:
    """How the lexicon is given a rule's terms of one kind."""
    # lexicon categories are broad word lists: their two-character terms match homophone
    # characters only as written (a rule's hand-picked terms keep 煞笔 for 傻逼)
    short = LEXICON_LETTERS_ONLY_BELOW if rule.label else 0
    # and their terms without sound-alikes still count respelled (很饿心 for 很恶心)
    respelled_from = (
        RESPELLED_FROM
        if kind is Kind.RULE and (rule.label or rule.scene in RESPELLED_SCENES)
        else 0
    )
    return [Term(kind, rule.id, term, sounds_alike, short, respelled_from) for term in terms]


class CompiledRules:
    """A rule book turned into one automaton and one RE2 set."""

    def __init__(self, book: RuleBook, spellings: SpellingCache | None = None) -> None:
        """``spellings``: the terms' sound-alike spellings kept from an earlier load (a
        reload passes the running rules' ``spellings``)."""
        started = time.perf_counter()
        self.book = book
        self.rules: dict[str, Rule] = {rule.id: rule for rule in book.rules}
        self.normaliser = Normaliser(book.lookalikes)
        # which parts of a long message the learned gate may read for a rule (learned_parts_need)
        self.part_evidence = PartEvidence(book, self.normaliser)
        self.lead_ins = frozenset(c.id for c in book.contexts.values() if c.before_only)
        self.touching = {c.id: c.touching for c in book.contexts.values() if c.touching}
        self.clears_only = {
            c.id: frozenset(c.clears_only) for c in book.contexts.values() if c.clears_only
        }
        self.spellings = spellings
        # whole lexicons are kept in the spellings' cache folder (lexicon_kept.py)
        lexicons = KeptLexicons(spellings.folder) if spellings is not None else None
        if spellings is not None and lexicons is not None:
            spellings.start(book.digits)
            lexicons.start(book.digits, book.lookalikes)
        self.lexicon = Lexicon(
            self.normaliser, book.digits, spellings=spellings, kept=lexicons, units=book.units
        )
        # every term first, then one add_all: the kept lexicon is found by the whole list
        terms: list[Term] = []
        owners: list[Rule] = []  # the rule of each rule term, for an error
        used_contexts: set[str] = set()
        for rule in book.rules:
            rule_terms = [
                *_terms(rule, Kind.RULE, rule.terms, sounds_alike=True),
                *_terms(rule, Kind.RULE, rule.exact_terms, sounds_alike=False),
                *_terms(rule, Kind.EXCEPTION, rule.exceptions, sounds_alike=False),
            ]
            terms += rule_terms
            owners += [rule] * len(rule_terms)
            used_contexts.update(rule.contexts)
        if SELF_RUN_CONTEXT in book.contexts and any(r.said_of_self for r in book.rules):
            used_contexts.add(SELF_RUN_CONTEXT)
        self.self_run = SELF_RUN_CONTEXT in used_contexts
        if THIRD_PARTY_CONTEXT in book.contexts and any(r.reported for r in book.rules):
            used_contexts.add(THIRD_PARTY_CONTEXT)
        self.third_party = THIRD_PARTY_CONTEXT in used_contexts
        self.third_party_named = self.third_party and THIRD_PARTY_NAMED_CONTEXT in book.contexts
        if self.third_party_named:
            used_contexts.add(THIRD_PARTY_NAMED_CONTEXT)
        # the contexts that touch a hit after it: a word of theirs may run on into a person's name
        self.touching_after = frozenset(
            name for name, side in self.touching.items() if side == "after"
        ) if self.third_party_named else frozenset()
        self.naming = tuple(c for c in NAMING_CONTEXTS if c in book.contexts)
        if not any(r.scene == NAMING_SCENE for r in book.rules):
            self.naming = ()
        if self.naming:
            used_contexts.update((*self.naming, TARGET_CONTEXT))
        for name in sorted(used_contexts):
            for term in book.contexts[name].terms:
                terms.append(Term(Kind.CONTEXT, name, term, sounds_alike=False))
        for rule, term, added in zip(owners, terms, self.lexicon.add_all(terms), strict=False):
            if added == 0:
                raise RuleFileError(
                    rule.path, rule.line, f"rule {rule.id!r}: {term.term!r} has no letters to match"
                )
        self.lexicon.build({rule.id for rule in book.rules if rule.near})
        # further matchers (slot patterns) add themselves here
        # the slot patterns' sources are kept in the spellings' cache folder
        kept = SlotSources(spellings.folder) if spellings is not None else None
        self.matchers: list[Matcher] = [
            SlotMatcher(book, self.normaliser, spellings=spellings, kept=kept, lexicons=lexicons)
        ]
        if spellings is not None and lexicons is not None:
            spellings.finish()
            lexicons.finish()
        self.quoted = quoted_speech(book, self.normaliser)
        # closing marks of [quoted_speech] (and titles): a name in marks runs into its goods word
        # across them (“废柴”|系列)
        table = book.quoted_speech
        self.closing_marks = (
            "".join(pair[1] for pair in (*table.quotes, *table.titles)) if table else ""
        )
        self._pattern_rules: list[tuple[str, Any]] = []
        self._pattern_set = None
        # Patterns run on the view's UTF-8 bytes: google-re2's wrapper re-encodes a str and
        # maps offsets back on every call, which costs more than the match itself.
        options = pattern_options()
        for rule in book.rules:
            for pattern in rule.patterns:
                self._pattern_rules.append((rule.id, re2.compile(pattern.encode(), options)))
        if self._pattern_rules:
            self._pattern_set = re2.Set.SearchSet(options)
            for _, compiled in self._pattern_rules:
                self._pattern_set.Add(compiled.pattern)
            self._pattern_set.Compile()
        self.load_ms = (time.perf_counter() - started) * 1000

    def compile_all(self) -> None:
        """Compile what the matchers compile on first need, so that lint reports a rule RE2
        refuses (raises RuleFileError) rather than a check meeting it."""
        for matcher in self.matchers:
            matcher.compile_all()

    def find(
        self,
        text: str,
        *,
        one_per_span: bool = True,
        confirm: Callable[[], bool] | None = None,
        judged: list[tuple[int, int]] | None = None,
        shop_clears: ShopClears | None = None,
    ) -> list[Match]:
        """Every match that survives exceptions and context, in text order; with
        ``one_per_span``, one per stretch of text and scene (rule examples look at them all).
        ``judged`` receives the span of every term hit, kept or cleared, before any is
        cleared; then ``confirm()`` (the learned scorer) may let a term that needs a target
        count without one. ``shop_clears``: what the shop let through (``without_cleared``)."""
        views = self.normaliser.views(text)
        # normalised on first need: by the gate (a rule's learned_parts_need) or below
        normalise = cache(lambda: self.normaliser.normalise(text, views))
        unconfirmed = self._unconfirmed(text, normalise)
        wanted = [matcher for matcher in self.matchers if matcher.may_match(views, unconfirmed)]
        # False: no pattern and no rule term that can stand occurs (with ``confirm``: no rule
        # term at all, so no hit for ``judged``); the lexicon would find nothing
        lexicon_may = self._may_find(views) or (
            # a term that lacked its target can still count if the scorer confirms it
            confirm is not None and self.lexicon.may_hold_aimed(views.view, views.keys)
        )
        if not wanted and not lexicon_may:
            return []
        normalised = normalise()
        # the lexicon scan runs at most once, and only when a stage needs it
        scan = cache(lambda: self.lexicon.scan(normalised))
        # a text that only a slot matcher wants skips the lexicon scan and the gate
        found = self._lexicon_matches(normalised, scan(), confirm, judged) if lexicon_may else []
        if wanted:  # a slot pattern and a term of one rule on one stretch: one finding
            by_rule: dict[str, list[Match]] = defaultdict(list)
            slot_found = [m for matcher in wanted for m in matcher.find(normalised, unconfirmed)]
            for match in found + self._not_reported(scan, slot_found):
                by_rule[match.rule.id].append(match)
            found = [merged for matches in by_rule.values() for merged in _merge(matches)]
        if self.book.model is not None:
            found = [match for match in found if not unconfirmed.match(match)]
        if self.quoted is not None:  # the buyer's words the agent quotes are not a threat
            found = self.quoted.set_aside(normalised, found)
        if shop_clears is not None:
            found = without_cleared(found, text, shop_clears)
        found.sort(key=lambda match: (match.start, match.end, match.rule.id))
        return _without_repeats(found) if one_per_span else found

    def _unconfirmed(self, text: str, normalise: Callable[[], Normalised]) -> _Gate:
        """Whether a rule with ``learned_at_least`` has every match in ``text`` set aside: the
        learned model scores the message, and every part of it (``clause_windows``), below the
        rule's bar, or the message is shorter than the rule's ``learned_min_chars`` letters and
        digits. ``.match(match)`` asks the same of one match: the message or a part that the
        match touches. The message is scored once, on first need (only a rule with
        ``learned_at_least`` asks), its parts only where the whole falls short, and only the
        parts that hold the rule's ``learned_parts_need`` words (part_evidence.py)."""
        return _Gate(
            self.book.model, text, lambda rule: self.part_evidence.spans(rule, normalise())
        )

    def _not_reported(self, scan: Callable[[], Scan], matches: list[Match]) -> list[Match]:
        """Slot matches without those a report frame sets aside, as it sets aside the lexicon's
        hits: what someone else did to the buyer, retold in complaint handling (有人|刷屏骂您 +
        拉黑). Context words are read only when a rule with a frame matched, from the one lexicon
        scan of the message (``scan`` runs it on first call, or returns the term stage's)."""
        framed = [match.rule.reported for match in matches if match.rule.reported]
        if not framed:
            return matches
        contexts = _Contexts()
        wanted = {name for told in framed for name in (told.context, told.handled, told.target)}
        for hit in self.lexicon.contexts(scan(), wanted):
            contexts[hit.entry.owner].append(TermSpan(hit.start, hit.end, hit.entry.term))
        return [
            match
            for match in matches
            if not (match.rule.reported and _slot_reported(match, match.rule.reported, contexts))
        ]

    def points_at_someone(self, text: str) -> bool:
        """Whether a word of the target context (你, 这人, 楼主…) occurs anywhere in ``text``."""
        normalised = self.normaliser.normalise(text, self.normaliser.views(text))
        scan = self.lexicon.scan(normalised)
        return bool(self.lexicon.contexts(scan, {TARGET_CONTEXT}))

    def _lexicon_matches(
        self,
        normalised: Normalised,
        scan: Scan,
        confirm: Callable[[], bool] | None = None,
        judged: list[tuple[int, int]] | None = None,
    ) -> list[Match]:
        hits: dict[str, list[Hit]] = defaultdict(list)
        allowed: dict[str, list[TermSpan]] = defaultdict(list)
        for hit in scan.hits:
            if hit.entry.kind is EXCEPTION:
                allowed[hit.entry.owner].append(TermSpan(hit.start, hit.end, hit.entry.term))
            elif hit.key not in scan.in_codes:  # else: the letters are a product code here
                hits[hit.entry.owner].append(hit)
                if judged is not None:
                    judged.append((hit.start, hit.end))
        pattern_spans: dict[str, list[TermSpan]] = defaultdict(list)
        self._pattern_hits(normalised, pattern_spans)
        wanted = {
            name
            for rule_id in hits.keys() | pattern_spans.keys()
            for name in self.rules[rule_id].contexts
        }
        if self.self_run and any(
            self.rules[r].said_of_self for r in hits.keys() | pattern_spans.keys()
        ):
            wanted.add(SELF_RUN_CONTEXT)
        if self.third_party and any(
            self.rules[r].reported for r in hits.keys() | pattern_spans.keys()
        ):
            wanted.add(THIRD_PARTY_CONTEXT)
            if self.third_party_named:
                wanted.add(THIRD_PARTY_NAMED_CONTEXT)
        # hits that are a reminder unless someone is named near them: sound-alike guesses, and
        # words of a category that warns when aimed at no one (discrimination)
        guesses = {
            id(hit)
            for rule_id, rule_hits in hits.items()
            for hit in rule_hits
            if self.rules[rule_id].untargeted_warns
            or self.lexicon.respelled_in_hanzi(normalised, hit)
        }
        if guesses:
            wanted.add(TARGET_CONTEXT)
        if self.naming and any(
            self.rules[r].scene == NAMING_SCENE for r in hits.keys() | pattern_spans.keys()
        ):
            wanted.update((*self.naming, TARGET_CONTEXT))
        if wanted & self.touching_after:
            wanted.add(THIRD_PARTY_NAMED_CONTEXT)
        contexts = _Contexts()
        if wanted:
            for hit in self.lexicon.contexts(scan, wanted):
                contexts[hit.entry.owner].append(TermSpan(hit.start, hit.end, hit.entry.term))
        text = normalised.original
        names = self._goods_names(hits, contexts, text) if self.naming else frozenset()
        found = []
        for rule_id in hits.keys() | pattern_spans.keys():
            rule, cleared = self.rules[rule_id], allowed.get(rule_id, ())
            rule_hits = hits.get(rule_id, ())
            if len(rule_hits) > 1:
                # a term typed as written names its stretch before another term's sound-alike
                # reading of the same characters (垃圾, not 拉圾): _merge keeps the first
                rule_hits = sorted(
                    rule_hits, key=lambda h: self.lexicon.respelled_in_hanzi(normalised, h)
                )
            term_spans = [
                (
                    TermSpan(
                        h.start,
                        h.end,
                        h.entry.term,
                        id(h) in guesses and not _aimed(h, rule, contexts),
                    ),
                    h,
                )
                for h in rule_hits
            ]
            kept = [
                span
                for span, hit in term_spans
                if not (
                    rule.scene == NAMING_SCENE
                    and (
                        _names_goods(span, rule, contexts, text, self.closing_marks)
                        or _names_again(span, rule, contexts, text, names)
                    )
                )
                and (
                    _stands(
                        span,
                        rule,
                        cleared,
                        contexts,
                        self.lead_ins,
                        self.touching,
                        self.clears_only,
                    )
                    or (  # lacked only a target, and the learned scorer agrees
                        confirm is not None
                        and _needs_target(rule)
                        and not _overlaps_any(span, cleared)
                        and confirm()
                    )
                )
                # last: it may read the dictionary
                and self.lexicon.real(normalised, hit, in_context=bool(rule.near))
            ]
            kept += [
                span
                for span in pattern_spans.get(rule_id, ())
                if _stands(
                    span, rule, cleared, contexts, self.lead_ins, self.touching, self.clears_only
                )
            ]
            found.extend(Match(rule, *span) for span in _merge(kept))
        return found

    def _goods_names(
        self, hits: Mapping[str, Sequence[Hit]], contexts: _Contexts, text: str
    ) -> frozenset[str]:
        """The words, as typed, that name goods somewhere in the message (傻瓜|相机): said again
        alone in it, aimed at no one, they are that name again (傻瓜相机虽然叫傻瓜，拍得很好)."""
        return frozenset(
            text[hit.start : hit.end]
            for rule_id, rule_hits in hits.items()
            if self.rules[rule_id].scene == NAMING_SCENE
            for hit in rule_hits
            if _names_goods(
                TermSpan(hit.start, hit.end, hit.entry.term),
                self.rules[rule_id],
                contexts,
                text,
                self.closing_marks,
            )
        )

    def _may_find(self, views: Views) -> bool:
        """False when no rule term and no pattern occurs in the text at all, so it has no
        findings (contexts and exceptions only ever clear a hit). Most drafts are like that;
        this decides it from the two views alone, before any offset map or hit is built."""
        if self.lexicon.may_hit_rule(views.view, views.keys):
            return True
        return (
            bool(views.view)
            and self._pattern_set is not None
            and self._pattern_set.Match(views.view.encode("utf-8")) is not None
        )

    def _pattern_hits(self, normalised: Normalised, hits: dict[str, list[TermSpan]]) -> None:
        if self._pattern_set is None or not normalised.view:
            return
        view = normalised.view
        encoded = view.encode("utf-8")
        for index in self._pattern_set.Match(encoded) or ():  # None when nothing matches
            rule_id, compiled = self._pattern_rules[index]
            for match in compiled.finditer(encoded):
                start, end = (len(encoded[:at].decode("utf-8")) for at in match.span())
                while start < end and view[start] == BREAK:
                    start += 1
                while end > start and view[end - 1] == BREAK:
                    end -= 1
                if end > start:
                    cp_start, cp_end = normalised.cp_span_of_view(start, end)
                    hits[rule_id].append(TermSpan(cp_start, cp_end, rule_id))


def without_cleared(found: list[Match], text: str, shop_clears: ShopClears) -> list[Match]:
    """``found`` without what the shop let through: each match ``shop_clears`` clears, every
    allowable match of its scene over exactly the same stretch (two rules matching the same
    words are one finding to the agent, who allowed that finding), and every advisory match
    over part of it (the tone reminder for 寿衣 named is the lesser reading of words a funeral
    shop may name; ``_without_repeats`` drops it beside a blocking finding for the same
    reason). It runs before one finding per stretch is kept, so a finding inside or around a
    cleared one, which only hid behind it, still stands."""
    gone = [m for m in found if shop_clears(m, text)]
    if not gone:
        return found
    same = {(m.start, m.end, m.rule.scene) for m in gone}

    def goes(match: Match) -> bool:
        if not match.rule.allowable:
            return False
        if (match.start, match.end, match.rule.scene) in same:
            return True
        return match.rule.scene in ADVISORY_SCENES and any(
            other.start < match.end and match.start < other.end for other in gone
        )

    return [match for match in found if not goes(match)]


def _without_repeats(found: list[Match]) -> list[Match]:
    """One finding per stretch of text and scene: words inside another finding of the same
    scene (傻 in 傻逼) or matched by two rules (草泥马 in a rule and in a lexicon category) are
    one finding, the lexicon's where it has one (its category names the words more exactly);
    and no tone reminder where the same words already block."""
    # a finding whose stretch holds a graver one of its scene would hide that one's penalty
    # (threat.pressed, ordinary, over the whole of 你这个傻逼，再投诉我就去你家找你, around
    # threat.condition's serious 再投诉我就去你家找你): the graver one stands
    found = [m for m in found if not any(_hides_graver(m, other) for other in found)]
    blocking = [m for m in found if m.rule.scene not in ADVISORY_SCENES]
    kept: list[Match] = []
    # of two readings of the same stretch, a hedged one (said of no one: warn only) goes after
    # one that blocks: cnm read as 臭娘们 (hedged) must not hide its reading as 操你妈
    for match in sorted(found, key=lambda m: (m.start, -m.end, m.hedged, not m.rule.label)):
        if any(
            other.rule.scene == match.rule.scene
            and other.start <= match.start
            and match.end <= other.end
            for other in kept
        ):
            continue
        if match.rule.scene in ADVISORY_SCENES and any(
            other.start < match.end and match.start < other.end for other in blocking
        ):
            continue
        kept.append(match)
    kept.sort(key=lambda match: (match.start, match.end, match.rule.id))
    return kept


def _gravity(match: Match) -> int:
    """Serious outranks ordinary; an advisory ranks below both."""
    severity = match.rule.severity
    return SEVERITIES.index(severity) if severity in SEVERITIES else -1


def _hides_graver(match: Match, other: Match) -> bool:
    return (
        other.rule.scene == match.rule.scene
        and match.start <= other.start
        and other.end <= match.end
        and _gravity(other) > _gravity(match)
    )


def _needs_target(rule: Rule) -> bool:
    """A lexicon rule of terms that count only when aimed at someone (``insult.contempt.aimed``;
    helper/checks/message/lexicon_file.py names them so)."""
    return AIMED in rule.id.split(".")


def _stands(
    span: TermSpan,
    rule: Rule,
    cleared: Sequence[TermSpan],
    contexts: _Contexts,
    lead_ins: frozenset[str] = frozenset(),
    touching: Mapping[str, str] = _NONE_TOUCHING,
    clears_only: Mapping[str, frozenset[str]] = _NONE_CLEARS_ONLY,
) -> bool:
    """No exception phrase overlaps the hit, the context it needs is near (``lead_ins``: the
    contexts whose words count only before it; ``touching``: only right before or after it) and no
    context that clears it is (``clears_only``: a context that clears the hits of some terms
    only), and it is not said of the speaker."""
    return (
        not _overlaps_any(span, cleared)
        and (not rule.near or _near_any(span, rule, contexts, lead_ins, touching=touching))
        and not (
            rule.unless_near
            and _near_any(
                span,
                rule,
                contexts,
                lead_ins,
                [
                    name
                    for name in rule.unless_near
                    if name not in clears_only or span.term in clears_only[name]
                ]
                if clears_only
                else rule.unless_near,
                touching,
            )
        )
        and not (rule.said_of_self and _said_of_self(span, rule.said_of_self, rule, contexts))
        and not (rule.reported and _reported(span, rule.reported, rule, contexts))
    )


def _reported(
    span: TermSpan,
    told: Reported,
    rule: Rule,
    contexts: dict[str, list[TermSpan]],
    term_hit: bool = True,
) -> bool:
    """A report lead-in ends just before the hit (骂您|神经病), the message handles a complaint
    (投诉, 道歉…) and no target word is within the rule's reach (说您是神经病，你就是); a target
    word that starts inside the lead-in (骂|您脑子有病) is the reported words' own. A lexicon
    term that holds a target word or runs straight into one (``term_hit``: 骗子买家, 骗子|顾客)
    names a third party: after a word pointing at one (那个|骗子买家, 那位|骗子|顾客) it is
    reported too, and that target does not aim it. A third party's own name that the term runs
    straight into (那个|神经病|快递员) names the party the same way."""
    if not contexts.get(told.handled):
        return False
    targets = contexts.get(told.target, ())
    own = [t for t in targets if term_hit and span.start <= t.start <= span.end]
    named = term_hit and any(
        span.start <= t.start <= span.end for t in contexts.get(THIRD_PARTY_NAMED_CONTEXT, ())
    )
    names = [told.context, THIRD_PARTY_CONTEXT] if own or named else [told.context]
    leads = [
        other
        for name in names
        for other in contexts.get(name, ())
        if other.end <= span.start and span.start - other.end <= told.within
    ]
    return bool(leads) and not any(
        not any(lead.start <= other.start < lead.end for lead in leads)
        and other not in own
        and other.start - span.end <= rule.within
        and span.start - other.end <= rule.within
        for other in targets
    )


def _slot_reported(match: Match, told: Reported, contexts: _Contexts) -> bool:
    """A slot match is reported when the frame holds from its start or from a report lead-in
    inside it: a slot pattern may start at the victim (您|说直播间有人|刷屏), and the doer
    named inside it is the report (有人|刷屏)."""
    starts = [match.start] + [
        lead.end
        for lead in contexts.get(told.context, ())
        if match.start <= lead.start and lead.end < match.end
    ]
    return any(
        _reported(TermSpan(start, match.end, match.term), told, match.rule, contexts, False)
        for start in starts
    )


def _said_of_self(span: TermSpan, said: SaidOfSelf, rule: Rule, contexts: _Contexts) -> bool:
    """A word of the speaker ends just before the hit (我真是|笨死了) and no target is near;
    a target word that follows a word of the speaker is the speaker (我这个人|笨手笨脚).
    A word of the context that holds a target word names what the buyer ordered (你要的|极品
    大红袍): it sets aside only a word that needs a target, and its target is part of it; a
    word that is an insult alone still counts after it (你买的都是垃圾)."""
    ends, aiming = contexts.speaker(said, bool(rule.near))
    before = any(end <= span.start and span.start - end <= said.within for end in ends)
    # a target inside the hit aims it too (我就是要|烦死你)
    return before and not any(
        other.start - span.end <= rule.within and span.start - other.end <= rule.within
        for other in aiming
    )


class _Contexts(defaultdict[str, list[TermSpan]]):
    """The context words found in one message, by context id. What ``_said_of_self`` reads
    from them is the same for every hit of a message, so it is worked out once per message
    (a 500-character draft has dozens of hits, and did it for each)."""

    def __init__(self) -> None:
        super().__init__(list)
        self._speakers: dict[tuple[SaidOfSelf, bool], tuple[set[int], list[TermSpan]]] = {}

    def speaker(self, said: SaidOfSelf, near: bool) -> tuple[set[int], list[TermSpan]]:
        """Where a word of the speaker (or its run) ends, and the target words that aim a
        hit near them at the buyer; ``near``: the rule needs a context word."""
        found = self._speakers.get((said, near))
        if found is None:
            found = self._speakers[(said, near)] = _speaker(said, near, self)
        return found


def _speaker(
    said: SaidOfSelf, near: bool, contexts: dict[str, list[TermSpan]]
) -> tuple[set[int], list[TermSpan]]:
    targets = contexts.get(said.target, ())
    selves, owned = [], []
    for other in contexts.get(said.context, ()):
        holds = any(other.start <= t.start and t.end <= other.end for t in targets)
        (owned if holds else selves).append(other)
    leading = selves + owned if near else selves
    ends = {other.end for other in leading}
    # the speaker's run goes on through adjacent adverbs and copulas (我|今天|是个)
    for other in sorted(contexts.get(SELF_RUN_CONTEXT, ()), key=lambda t: t.start):
        if other.start in ends:
            ends.add(other.end)
    speaker_ends = {other.end for other in selves}
    aiming = [
        other
        for other in targets
        if other.start not in speaker_ends
        and not (near and any(o.start <= other.start and other.end <= o.end for o in owned))
    ]
    return ends, aiming


def _names_goods(
    span: TermSpan, rule: Rule, contexts: _Contexts, text: str, closing_marks: str = ""
) -> bool:
    """The hit runs straight into a word of goods (杠精|牌的杠铃, 辣鸡|翅, 巨婴|纸尿裤, md|格式),
    also across the closing marks of a quoted name (“废柴”|系列), or, typed in Latin letters,
    follows one (这双|NMD), runs into a model code (NMD R1) or into a word that a code in
    letters names (``letters_code``, seventeenth wave: CNM|码, SB|口的线; letters only, so
    他妈的码数 stays an oath), and no target word is near: a brand, model, format or dish name,
    said to no one. A word in Latin letters is often set off by spaces in Chinese text (NMD 系列,
    这款 TMD), so they count as touching it. 你这个杠精|牌 still counts."""
    latin = text[span.start : span.end].isascii()
    end = span.end
    while end < len(text) and (text[end] in closing_marks or (latin and text[end] == " ")):
        end += 1
    named = any(other.start == end for other in contexts.get(GOODS_NAME_CONTEXT, ()))
    if not named and latin:
        start = len(text[: span.start].rstrip(" "))
        named = (
            _MODEL_CODE.match(text, span.end) is not None
            or any(other.end == start for other in contexts.get(GOODS_BEFORE_CONTEXT, ()))
            or any(other.start == end for other in contexts.get(LETTERS_CODE_CONTEXT, ()))
        )
    return named and not _aimed(span, rule, contexts)


def _names_again(
    span: TermSpan, rule: Rule, contexts: _Contexts, text: str, names: frozenset[str]
) -> bool:
    """The hit, as typed, names goods elsewhere in the message (``_goods_names``) and no target
    word is near: the same name again (傻瓜相机虽然叫|傻瓜)."""
    return text[span.start : span.end] in names and not _aimed(span, rule, contexts)


def _aimed(hit: Hit | TermSpan, rule: Rule, contexts: dict[str, list[TermSpan]]) -> bool:
    """A word of the target context (你, 买家, 这人…) within the rule's reach of the hit, and
    at least ``AIMED_WITHIN`` characters (a lexicon's `within` is for its own lead-ins)."""
    within = max(rule.within, AIMED_WITHIN)
    return any(
        other.start - hit.end <= within and hit.start - other.end <= within
        for other in contexts.get(TARGET_CONTEXT, ())
    )


def _overlaps_any(span: TermSpan, allowed: Sequence[TermSpan]) -> bool:
    """An exception phrase that shares a character with the hit clears it: 傻瓜相机 clears
    傻瓜, 有病史 clears 你有病."""
    return any(other.start < span.end and span.start < other.end for other in allowed)


def _near_any(
    span: TermSpan,
    rule: Rule,
    contexts: dict[str, list[TermSpan]],
    lead_ins: frozenset[str],
    names: Sequence[str] | None = None,
    touching: Mapping[str, str] = _NONE_TOUCHING,
) -> bool:
    """A word of one of ``names`` (default: the rule's ``near``) within the rule's reach; of a
    ``touching`` context, only one that ends where the hit starts (before: 不是|白蜡烛) or starts
    where it ends (after: 花圈|形状), and does not run on into a third party's name (该死|的快递
    is the parcel's transport, 该死|的快递|员 a person)."""
    for name in rule.near if names is None else names:
        side = touching.get(name)
        if side is not None:
            found = contexts.get(name, ())
            if any(
                (o.end == span.start)
                if side == "before"
                else (o.start == span.end and not _runs_into_party(o, contexts))
                for o in found
            ):
                return True
            continue
        # a lead-in may not start after the hit does (死|猪 but not 蟑螂就|死光了)
        after = span.start if name in lead_ins else span.end + rule.within
        for other in contexts.get(name, ()):
            if other.start <= after and span.start - other.end <= rule.within:
                return True
    return False


def _runs_into_party(word: TermSpan, contexts: _Contexts) -> bool:
    """A third party's name starts inside the word and goes on past it (的快递|员)."""
    return any(
        word.start <= party.start < word.end < party.end
        for party in contexts.get(THIRD_PARTY_NAMED_CONTEXT, ())
    )


_Spanned = TypeVar("_Spanned", TermSpan, Match)


def _merge(spans: list[_Spanned]) -> list[_Spanned]:
    """One finding per stretch of text: overlapping hits of one rule become one (named by
    the term that starts it, the longest one where several start together)."""
    merged: list[_Spanned] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if merged and span.start < merged[-1].end:
            last = merged[-1]
            merged[-1] = last._replace(
                end=max(span.end, last.end), hedged=last.hedged and span.hedged
            )
        else:
            merged.append(span)
    return merged


def clause_windows(text: str, size: int = LEARNED_WINDOW) -> list[tuple[int, int]]:
    """The parts of a message longer than ``size`` characters that the learned gate also reads:
    from each clause start, the longest run of whole clauses of at most ``size`` characters (a
    single clause however long). None for a message of at most ``size`` characters."""
    if len(text) <= size:
        return []
    cuts = sorted({0, len(text), *(found.end() for found in _CLAUSE_END.finditer(text))})
    parts: list[tuple[int, int]] = []
    for at in range(len(cuts) - 1):
        last = at + 1
        while last + 1 < len(cuts) and cuts[last + 1] - cuts[at] <= size:
            last += 1
        if cuts[at] < cuts[last]:
            parts.append((cuts[at], cuts[last]))
    return parts


class _Gate:
    """The learned model's bar for one message (``CompiledRules._unconfirmed``): called with a
    rule, whether every match of it is set aside; ``match(match)``, whether that one is. The
    parts are scored only when the whole message falls short of a rule's bar, each once."""

    __slots__ = (
        "_evidence",
        "_found",
        "_letters",
        "_model",
        "_part_scores",
        "_parts",
        "_score",
        "_scores",
        "_text",
    )

    def __init__(
        self,
        model: Any,
        text: str,
        evidence: Callable[[Rule], list[Span] | None] | None = None,
    ) -> None:
        self._model = model
        self._text = text
        # the spans of each rule's learned_parts_need words (part_evidence.py), asked once a rule
        self._evidence = evidence
        self._found: dict[str, list[Span] | None] = {}
        self._score: float | None = None
        self._letters: int | None = None
        self._parts: list[tuple[int, int]] | None = None
        self._part_scores: PartScores | None = None
        self._scores: dict[int, float] = {}

    def _short(self, rule: Rule) -> bool:
        if self._letters is None:
            self._letters = len(_ALNUM.findall(self._text))
        return self._letters < rule.learned_min_chars

    def _whole(self) -> float:
        if self._score is None:
            self._score = self._model.score(self._text)
        return self._score

    def _windows(self) -> list[tuple[int, int]]:
        if self._parts is None:
            self._parts = clause_windows(self._text)
        return self._parts

    def _part(self, index: int) -> float:
        found = self._scores.get(index)
        if found is None:
            start, end = self._windows()[index]
            if self._part_scores is None:  # one reading of the message for all its parts
                self._part_scores = self._model.parts(self._text)
            found = self._scores[index] = self._part_scores.score(start, end)
        return found

    def __call__(self, rule: Rule) -> bool:
        """Whether the rule's patterns may be skipped: too short, or the whole message and
        every part of it scored below the bar."""
        return self._set_aside(rule, 0, len(self._text))

    def match(self, match: Match) -> bool:
        """Whether this match is set aside: too short, or the whole message and every part
        that the match touches scored below its rule's bar."""
        return self._set_aside(match.rule, match.start, match.end)

    def _set_aside(self, rule: Rule, start: int, end: int) -> bool:
        at_least = rule.learned_at_least
        if self._model is None or at_least is None:
            return False
        if self._short(rule):
            return True
        if self._whole() >= at_least:
            return False
        return all(
            self._part(index) < at_least
            for index, (part_start, part_end) in enumerate(self._windows())
            if part_start < end and start < part_end and self._eligible(rule, part_start, part_end)
        )

    def _eligible(self, rule: Rule, start: int, end: int) -> bool:
        """Whether the part ``start:end`` may rescue a match of the rule: it holds a word of
        one of the rule's ``learned_parts_need`` classes (any part, for a rule naming none)."""
        if self._evidence is None or not rule.learned_parts_need:
            return True
        if rule.id not in self._found:
            self._found[rule.id] = self._evidence(rule)
        return part_may_rescue(self._found[rule.id], start, end)


class _Once:
    """The learned scorer's answer for one check, asked at most once: the same text and the
    same judged spans (filled by the scan before any question) give the same answer."""

    __slots__ = ("_judged", "_opinion", "_score", "_text")

    def __init__(self, opinion: SecondOpinion, text: str, judged: list[tuple[int, int]]) -> None:
        self._opinion = opinion
        self._text = text
        self._judged = judged
        self._score: float | None = None

    def score(self) -> float:
        if self._score is None:
            self._score = self._opinion.score(self._text, self._judged)
        return self._score

    def __call__(self) -> bool:
        return self.score() >= self._opinion.scorer.advise_at

    def leans(self) -> bool:
        """Reaches the lower threshold for a message that points at a person."""
        return self._opinion.leans(self.score())


class MessageEngine:
    """What other features call: ``services.message_engine.check(text, platform)``."""

    def __init__(
        self,
        rules: CompiledRules,
        platforms: Platforms | None = None,
        default_platform: str | None = None,
        second_opinion: SecondOpinion | None = None,
    ) -> None:
        self._rules = rules
        self.platforms = platforms
        self.default_platform = default_platform
        # the learned scorer: an advisory where the rules find nothing, never a block
        self.second_opinion = second_opinion

    @classmethod
    def load(
        cls,
        dirs: Sequence[Path],
        platforms: Platforms | None = None,
        default_platform: str | None = None,
        *,
        cache_dir: Path | None = None,
    ) -> MessageEngine:
        """``cache_dir``: where what a load makes from the rules and libraries alone is kept
        between runs (spellings.py, parsed_toml.py, slot_sources.py, syllable_cache.py);
        None makes it all."""
        with collector_paused():
            load_syllables(cache_dir)
            parsed = ParsedToml(cache_dir)
            rules = CompiledRules(load_rulebook(dirs, parsed), SpellingCache(cache_dir))
            parsed.finish()  # written after a load that succeeded only
            return cls(rules, platforms, default_platform, load_second_opinion(dirs))

    @property
    def rules(self) -> CompiledRules:
        return self._rules

    def warm(self) -> None:
        """Do now what the first checks after a start would otherwise do: read the real-word
        gate's dictionary and compile the slot patterns (``helper serve`` runs this in the
        background while it starts, so that no agent's draft waits for it)."""
        shared_dictionary().warm()
        try:
            self._rules.compile_all()
        except RuleFileError as exc:  # that pattern is skipped in checks (and logged there)
            log.error("message rules: %s", exc)

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

    def check(
        self,
        text: str,
        platform: str | None = None,
        *,
        one_per_span: bool = True,
        shop_clears: ShopClears | None = None,
    ) -> CheckResult:
        """Raises UnknownPlatform for a platform name no rules file knows. Without
        ``one_per_span``, every rule's matches are kept even where another rule of the same
        scene matched the same words (for rule examples). ``shop_clears(match, text)``: whether
        the shop let a match through (helper/guard/filter.py); such matches are dropped."""
        chosen = self.resolve_platform(platform)
        opinion = self.second_opinion
        judged: list[tuple[int, int]] = []
        # one score per check, of the text without every term the rules looked at
        agrees = _Once(opinion, text, judged) if opinion is not None else None
        found = self._rules.find(
            text,
            one_per_span=one_per_span,
            confirm=agrees,
            judged=judged if opinion is not None else None,
            shop_clears=shop_clears,
        )
        if (
            not found
            and opinion is not None
            and agrees is not None
            # a lower bar where a person is pointed at (你, 这人, 楼主…): still only a warning
            and (agrees() or (agrees.leans() and self._rules.points_at_someone(text)))
        ):
            found = [Match(*advice) for advice in opinion.advice(text)]
            if shop_clears is not None:
                found = without_cleared(found, text, shop_clears)
        verdicts = finding_verdicts(found)
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
                category=rule.category,
                term=term,
                allowable=rule.allowable,
                verdict=verdict,
            )
            for (rule, start, end, term, _), verdict in zip(found, verdicts, strict=True)
        )
        return CheckResult(
            text=text,
            verdict=verdict_of(findings),
            platform=chosen.id if chosen else None,
            findings=findings,
        )
