"""Message rules as data: the model, the loader and the linter for ``rules/message/*.toml``.

A file holds any of: ``[[rule]]`` tables, ``[[context]]`` word lists that rules refer to with
``near``, a ``[lookalikes]`` table (character → the character it imitates) and a ``[digits]``
table (digit → the pinyin syllable it sounds like). The format is described in
docs/message-checks.md. Every problem names the file and the line.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import re2

from helper.checks.message.slot_sounds import check_slot_sounds, read_slot_sounds
from helper.checks.message.structure import (
    QuotedSpeechTable,
    check_slot_patterns,
    read_quoted_speech,
)
from helper.parsed_toml import ParsedToml
from helper.platforms import ADVISORY, ADVISORY_SCENES, SCENES, SEVERITIES
from helper.rulefiles import (
    RuleFileError,
    check_keys,
    line_of,
    load_toml,
    rule_files,
    with_start_lines,
)
from helper.slots import merge_slot_tables, read_slot_table

if TYPE_CHECKING:  # learned.py imports the scorer, which imports this module
    from helper.checks.message.learned import LearnedModel

SUBDIR = "message"

_TOP_KEYS = (
    "rule",
    "context",
    "lookalikes",
    "digits",
    "lexicon",
    "entries",
    "slots",
    "quoted_speech",
    "slot_sounds",
    "quantities",
)
_RULE_KEYS = (
    "id",
    "scene",
    "severity",
    "category",
    "message",
    "why",
    "terms",
    "exact_terms",
    "patterns",
    "slots",
    "slot_unless",
    "near",
    "unless_near",
    "within",
    "learned_at_least",
    "learned_min_chars",
    "learned_parts_need",
    "self_context",
    "reported_context",
    "handled_context",
    "exceptions",
    "suggestion",
    "replacement",
    "flag",
    "pass",
)
# the longest message a rule may ask the learned model to leave alone (learned_min_chars)
MAX_MIN_CHARS = 100
_CONTEXT_KEYS = ("id", "terms", "before_only", "touching", "clears_only")
# where a word of a `touching` context must touch the hit
TOUCHING_SIDES = ("before", "after")
_ID_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789._-")
DEFAULT_WITHIN = 8
MAX_WITHIN = 200
# how near before a word the speaker must be named for it to be said of themselves (我真|笨;
# longer lead-ins are words of the `self` context: 我真是个|猪脑子)
SELF_WITHIN = 2
# the optional [[context]] of words that may run on, adjacent, between a word of the speaker and
# the name the speaker calls themselves (我|今天|是个|废物, 小店|确实|有点|井底之蛙): adverbs and
# copulas; a gap of any other word (我|看|是个|傻逼) ends the speaker's run
SELF_RUN_CONTEXT = "self_run"
# the optional [[context]]s of words that make the word running straight into them a name, when
# aimed at no one: goods (杠精|牌, 辣鸡|翅, 巨婴|纸尿裤: a brand or dish name)
GOODS_NAME_CONTEXT = "goods_name"
# and, for a word typed in Latin letters only (NMD, md: initials that are also model and file
# names), goods named right before it (这双|NMD, 型号|SB)
GOODS_BEFORE_CONTEXT = "goods_before"
# Seventeenth wave: words a code in Latin letters runs into (CNM码, SB口的线): letters only
LETTERS_CODE_CONTEXT = "letters_code"
NAMING_CONTEXTS = (GOODS_NAME_CONTEXT, GOODS_BEFORE_CONTEXT, LETTERS_CODE_CONTEXT)
# the optional [[context]] of words that point at a third party (那个, 那位): a report lead-in
# only before a hit that holds its own target word, the party the report names (那个|骗子买家);
# before any other hit it is the agent's own judgement (那个|垃圾)
THIRD_PARTY_CONTEXT = "third_party"
# the optional [[context]] of the third parties a report names besides the buyer (快递员, 骑手): a
# hit running straight into one names that party, as its own target word does (那个|神经病|快递员)
THIRD_PARTY_NAMED_CONTEXT = "third_party_named"
# the scene whose words the naming contexts read
NAMING_SCENE = "insult"
# the [[context]] whose words show who a word is aimed at (lexicon files may name another)
TARGET_CONTEXT = "target"


@dataclass(frozen=True)
class SaidOfSelf:
    """Words an agent says of themselves are no insult of the buyer (我真是笨死了, 我们家的猪队友):
    a hit with a word of ``context`` (我, 我们…) ending at most ``within`` characters before it
    does not count, unless a word of ``target`` is near it too (我看你就是个傻子)."""

    context: str
    target: str
    within: int


# how far before a hit a report lead-in may end (骂您|神经病, 说您是|穷鬼, 骂您"|脑子有病)
REPORTED_WITHIN = 3


@dataclass(frozen=True)
class Reported:
    """An agent handling a complaint repeats what someone called the buyer (您反馈快递员骂您
    神经病，我们已经投诉): a hit with a word of ``context`` (骂您, 说您是…) ending at most
    ``within`` characters before it does not count when a word of ``handled`` (投诉, 道歉,
    核实…) is anywhere in the message and no word of ``target`` is near the hit."""

    context: str
    handled: str
    target: str
    within: int


def reported_of(
    table: dict[str, Any], target: str, bad: Callable[[str, str], object]
) -> Reported | None:
    """The report frame a rule or lexicon table names (`reported_context` with
    `handled_context`), or None; ``bad(key, message)`` records a problem."""
    told = {key: table.get(key) for key in ("reported_context", "handled_context")}
    for key, value in told.items():
        if value is not None and not (isinstance(value, str) and is_id(value)):
            bad(key, f"{key} must be a [[context]] id")
            return None
    context, handled = told.values()
    if context is None and handled is None:
        return None
    if context is None or handled is None:
        bad("reported_context", "reported_context and handled_context go together")
        return None
    return Reported(context, handled, target, REPORTED_WITHIN)


@dataclass(frozen=True)
class Rule:
    id: str
    scene: str
    severity: str  # ordinary | serious; "advisory" for the tone scene
    message: str
    why: str
    suggestion: str
    # sound-alike terms: matched in any spelling that sounds the same (homophones, pinyin,
    # initials, mixed forms), after folding
    terms: tuple[str, ...] = ()
    # matched only as written (after folding and removing separators)
    exact_terms: tuple[str, ...] = ()
    # RE2 patterns over the pattern view
    patterns: tuple[str, ...] = ()
    # slot patterns (helper.slots) over the pattern view, as written in the file
    slots: tuple[Any, ...] = ()
    # context ids; when set, a hit counts only with one of their words within ``within``
    # characters (aimed at a person, a buyer reference nearby)
    near: tuple[str, ...] = ()
    within: int = DEFAULT_WITHIN
    # lexicon categories of name-calling: a word said of the speaker is set aside
    said_of_self: SaidOfSelf | None = None
    # lexicon categories of name-calling: a word repeated in complaint handling is set aside
    reported: Reported | None = None
    # a hit aimed at no one (no `target` word near) is a reminder when it is the message's only
    # finding of the four scenes (lexicon `untargeted = "warn"`; engine.finding_verdicts)
    untargeted_warns: bool = False
    # contexts whose words within `within` clear a hit (mailing: the buyer's own order, 您订的)
    unless_near: tuple[str, ...] = ()
    # allowed phrases: a hit inside one of them is no hit (傻瓜相机, 滚筒)
    exceptions: tuple[str, ...] = ()
    # what stands in place of the matched span (spell-checker style "replace"); "" deletes the
    # span; None: the rule offers no in-place fix, only the whole polite ``suggestion``
    replacement: str | None = None
    flag: tuple[str, ...] = ()
    passes: tuple[str, ...] = ()
    # slot hits count only where the learned model (learned.py) scores the message at least
    # this: a weak structural cue confirmed by the model; None for every other rule
    learned_at_least: float | None = None
    # …and only in a message of at least this many letters and digits: on a few characters the
    # model's opinion rests on a handful of n-grams (到你家 scores 0.99); 0: any length
    learned_min_chars: int = 0
    # nineteenth wave: slot classes a part of a long message (engine.clause_windows) must hold a
    # word of before its score may let a match stand that the whole message's score set aside
    # (the rule's menace evidence, not only the listener); () lets any part the match touches
    learned_parts_need: tuple[str, ...] = ()
    # what kind of wording this is (a lexicon category such as "profanity"); by default the
    # part of the id after the scene ("insult.curse" → "curse")
    category: str = ""
    label: str = ""  # the lexicon category's Chinese name ("口头禅脏话"); "" for a rule
    path: Path = field(default=Path(), compare=False)
    line: int = field(default=1, compare=False)

    @property
    def allowable(self) -> bool:
        """Whether a shop may allow this rule's findings away ("以后不再提示"): never for a
        threat."""
        return self.scene != "threat"

    @property
    def contexts(self) -> tuple[str, ...]:
        """Every [[context]] the rule reads."""
        mine, told = self.said_of_self, self.reported
        return (
            self.near
            + self.unless_near
            + ((mine.context, mine.target) if mine else ())
            + ((told.context, told.handled, told.target) if told else ())
        )


@dataclass(frozen=True)
class Context:
    id: str
    terms: tuple[str, ...]
    # lead-ins (你个|猪, 死|猪): a word of the context counts only before the hit, not after it
    # (蟑螂|就死光了 is no name-calling)
    before_only: bool = False
    path: Path = field(default=Path(), compare=False)
    line: int = field(default=1, compare=False)
    # "before": a word of the context counts only where it ends right where the hit starts
    # (不是|白蜡烛); "after": only where it starts right where the hit ends (花圈|形状)
    touching: str | None = None
    # the lexicon terms whose hits a word of the context may clear, when it is in a rule's
    # `unless_near` (他妈|让他来问 clears 他妈, not 你他妈: the oath said to the listener);
    # empty: any
    clears_only: tuple[str, ...] = ()


@dataclass(frozen=True)
class RuleBook:
    rules: tuple[Rule, ...]
    contexts: dict[str, Context]
    lookalikes: dict[str, str]
    digits: dict[str, str]
    files: tuple[Path, ...]
    slots: dict[str, tuple[str, ...]] = field(default_factory=dict)
    quoted_speech: QuotedSpeechTable | None = None
    # slots whose words also count in sound-alike spellings (slot_sounds.py)
    slot_sounds: tuple[str, ...] = ()
    # the model that rules with ``learned_at_least`` ask; None when no rule asks
    model: LearnedModel | None = None
    # unit symbols after a number ("2h", "5kg"): such a token is a quantity, never initials
    units: tuple[str, ...] = ()


def pattern_options() -> re2.Options:
    options = re2.Options()
    options.log_errors = False  # a bad pattern is reported as a RuleFileError, not on stderr
    return options


def load_rulebook(dirs: Sequence[Path], parsed: ParsedToml | None = None) -> RuleBook:
    """The rules in force; raises the first problem as a RuleFileError. ``parsed``: the data of
    unchanged rule files kept between runs (parsed_toml.py)."""
    book, problems = _read(dirs, check_slots=False, parsed=parsed)
    if problems:
        raise problems[0]
    return book


def lint_rules(dirs: Sequence[Path]) -> list[RuleFileError]:
    """Every problem in the message rule files (empty when all is well)."""
    return _read(dirs, check_slots=True)[1]


def _read(
    dirs: Sequence[Path], *, check_slots: bool, parsed: ParsedToml | None = None
) -> tuple[RuleBook, list[RuleFileError]]:
    """``check_slots``: compile every slot pattern to report each bad one (lint). Rule load
    leaves it to the engine's slot matcher, which names the first bad one with its file and
    line: compiling them all twice cost about a tenth of rule load."""
    problems: list[RuleFileError] = []
    rules: list[Rule] = []
    contexts: dict[str, Context] = {}
    lookalikes: dict[str, str] = {}
    digits: dict[str, str] = {}
    units: list[str] = []
    slot_tables: list[tuple[Path, int, dict[str, tuple[str, ...]]]] = []
    quoted_speech: QuotedSpeechTable | None = None
    slot_sounds: tuple[str, ...] = ()
    sounds_at: tuple[Path, int] | None = None
    files = rule_files(dirs, SUBDIR)
    for path in files:
        try:
            data, text = load_toml(path, parsed)
            check_keys(data, _TOP_KEYS, path=path, text=text, where="the file")
        except RuleFileError as exc:
            problems.append(exc)
            continue
        reader = _FileReader(path, text, problems)
        rules.extend(reader.rules(data.get("rule", [])))
        if "lexicon" in data or "entries" in data:
            # imported here: lexicon files build Rule objects, so that module imports this one
            from helper.checks.message.lexicon_file import LexiconReader

            lexicon = LexiconReader(path, text, reader.problem)
            rules.extend(lexicon.rules(data.get("lexicon"), data.get("entries")))
        for context in reader.contexts(data.get("context", [])):
            if context.id in contexts:
                reader.problem(
                    context.line,
                    f"context id {context.id!r} also defined in {contexts[context.id].path}",
                )
            contexts[context.id] = context
        lookalikes.update(reader.char_table(data, "lookalikes", key_length=1))
        digits.update(reader.char_table(data, "digits", key_length=1, digits=True))
        units.extend(reader.units(data.get("quantities")))
        table = read_slot_table(data.get("slots"), path, text, problems)
        slot_tables.append((path, line_of(text, "[slots]") or 1, table))
        if "quoted_speech" in data:
            quoted_speech = read_quoted_speech(data["quoted_speech"], path, text, problems)
        if "slot_sounds" in data:
            slot_sounds, line = read_slot_sounds(data["slot_sounds"], path, text, problems)
            sounds_at = (path, line)
    if not files:
        problems.append(RuleFileError(Path(SUBDIR), None, "no message rule files found"))
    _check_across_files(rules, contexts, problems)
    slots = merge_slot_tables(slot_tables, problems)
    _check_parts_need(rules, slots, problems)
    if check_slots:
        check_slot_patterns(rules, slots, quoted_speech, problems)
    if sounds_at is not None:
        check_slot_sounds(slot_sounds, slots, sounds_at, problems)
    model = _learned_model(dirs, rules, problems)
    book = RuleBook(
        tuple(rules),
        contexts,
        lookalikes,
        digits,
        tuple(files),
        slots,
        quoted_speech,
        slot_sounds,
        model,
        tuple(units),
    )
    return book, problems


def _check_parts_need(
    rules: list[Rule], slots: dict[str, Any], problems: list[RuleFileError]
) -> None:
    """Every class a rule's ``learned_parts_need`` names is a slot of words (not a pattern slot:
    the engine looks for its words in a part, engine.PartEvidence)."""
    for rule in rules:
        for name in rule.learned_parts_need:
            if not isinstance(slots.get(name), tuple):
                problems.append(
                    RuleFileError(
                        rule.path,
                        rule.line,
                        f"rule {rule.id!r}: learned_parts_need names {name!r}, which is no slot "
                        "of words",
                    )
                )


def _learned_model(
    dirs: Sequence[Path], rules: list[Rule], problems: list[RuleFileError]
) -> LearnedModel | None:
    """The model, read only when a rule asks for it (a few ms of rule load)."""
    from helper.checks.message.learned import FILE_NAME as LEARNED_FILE
    from helper.checks.message.learned import read_model

    asking = [rule for rule in rules if rule.learned_at_least is not None]
    if not asking:
        return None
    found = rule_files(dirs, SUBDIR, LEARNED_FILE)
    if not found:
        first = asking[0]
        problems.append(
            RuleFileError(
                first.path, first.line, f"learned_at_least needs the model {SUBDIR}/{LEARNED_FILE}"
            )
        )
        return None
    try:
        return read_model(found[-1])
    except RuleFileError as exc:
        problems.append(exc)
        return None


def _check_across_files(
    rules: list[Rule], contexts: dict[str, Context], problems: list[RuleFileError]
) -> None:
    seen: dict[str, Rule] = {}
    for rule in rules:
        first = seen.get(rule.id)
        if first is not None:
            problems.append(
                RuleFileError(
                    rule.path,
                    rule.line,
                    f"duplicate rule id {rule.id!r} (first defined at {first.path}:{first.line})",
                )
            )
        else:
            seen[rule.id] = rule
        for name in rule.contexts:
            if name not in contexts:
                known = ", ".join(sorted(contexts)) or "none"
                problems.append(
                    RuleFileError(
                        rule.path,
                        rule.line,
                        f"rule {rule.id!r}: near refers to unknown context {name!r} "
                        f"(known: {known})",
                    )
                )


class _FileReader:
    """Validates one file's tables, collecting problems instead of stopping at the first."""

    def __init__(self, path: Path, text: str, problems: list[RuleFileError]) -> None:
        self.path = path
        self.text = text
        self.problems = problems

    def problem(self, line: int | None, message: str) -> None:
        self.problems.append(RuleFileError(self.path, line, message))

    def rules(self, tables: Any) -> list[Rule]:
        if not isinstance(tables, list):
            self.problem(line_of(self.text, "rule"), "rule must be an array of [[rule]] tables")
            return []
        found = []
        for table, start in with_start_lines(tables, "[[rule]]", self.text):
            rule = self._rule(table, start)
            if rule is not None:
                found.append(rule)
        return found

    def contexts(self, tables: Any) -> list[Context]:
        if not isinstance(tables, list):
            self.problem(line_of(self.text, "context"), "context must be [[context]] tables")
            return []
        found = []
        for table, start in with_start_lines(tables, "[[context]]", self.text):
            if not self._known_keys(table, _CONTEXT_KEYS, "[[context]]", start):
                continue
            context_id = self._id(table, start)
            terms = self._strings(table, "terms", start)
            if context_id is None or terms is None:
                continue
            if not terms:
                self.problem(start, f"context {context_id!r} needs at least one term")
                continue
            before_only = table.get("before_only", False)
            if not isinstance(before_only, bool):
                self.problem(self._line("before_only", start), "before_only must be true or false")
                continue
            touching = table.get("touching")
            if touching not in (None, *TOUCHING_SIDES):
                self.problem(self._line("touching", start), 'touching must be "before" or "after"')
                continue
            clears_only = self._strings(table, "clears_only", start)
            if clears_only is None:
                continue
            found.append(
                Context(
                    context_id,
                    terms,
                    before_only,
                    self.path,
                    start,
                    touching=touching,
                    clears_only=clears_only,
                )
            )
        return found

    def _known_keys(self, table: dict[str, Any], allowed: Any, where: str, start: int) -> bool:
        """Record an unknown key as a problem (lint reports them all); False if there was one."""
        try:
            check_keys(
                table, allowed, path=self.path, text=self.text, where=where, start_line=start
            )
        except RuleFileError as exc:
            self.problems.append(exc)
            return False
        return True

    def units(self, table: Any) -> list[str]:
        """The ``units`` of a ``[quantities]`` table: lowercase ASCII letters each."""
        if table is None:
            return []
        line = line_of(self.text, "[quantities]")
        units = table.get("units") if isinstance(table, dict) else None
        if not isinstance(units, list) or not all(
            isinstance(unit, str) and unit.isascii() and unit.isalpha() and unit.islower()
            for unit in units
        ):
            self.problem(line, '[quantities] units is a list of lowercase letters, like "kg"')
            return []
        return units

    def char_table(
        self, data: dict[str, Any], key: str, *, key_length: int, digits: bool = False
    ) -> dict[str, str]:
        table = data.get(key, {})
        if not isinstance(table, dict):
            self.problem(line_of(self.text, key), f"{key} must be a table")
            return {}
        good = {}
        for source, target in table.items():
            line = line_of(self.text, source, start_line=line_of(self.text, f"[{key}]") or 1)
            if len(source) != key_length or not isinstance(target, str) or not target:
                self.problem(line, f"[{key}] maps one character to a non-empty string")
            elif digits and not (source.isascii() and source.isdigit() and target.isalpha()):
                self.problem(line, f'[{key}] maps a digit to a pinyin syllable, like "4" = "si"')
            else:
                good[source] = target
        return good

    def _rule(self, table: Any, start: int) -> Rule | None:
        if not isinstance(table, dict):
            self.problem(start, "each [[rule]] must be a table")
            return None
        before = len(self.problems)
        self._known_keys(table, _RULE_KEYS, "[[rule]]", start)
        rule_id = self._id(table, start)
        scene = self._choice(table, "scene", SCENES, start)
        severity = self._severity(table, scene, start)
        category = table.get("category")
        if category is not None and (not isinstance(category, str) or not is_id(category)):
            self.problem(self._line("category", start, table), "category must be a short id")
        texts = {key: self._text(table, key, start) for key in ("message", "why", "suggestion")}
        lists = {
            key: self._strings(table, key, start)
            for key in (
                "terms",
                "exact_terms",
                "patterns",
                "near",
                "unless_near",
                "exceptions",
                "flag",
                "pass",
            )
        }
        slot_specs = table.get("slots", [])
        if not isinstance(slot_specs, list):
            self.problem(self._line("slots", start, table), "slots must be a list of patterns")
            slot_specs = []
        default_unless = self._strings(table, "slot_unless", start) or ()
        if default_unless:
            slot_specs = [with_default_unless(spec, default_unless) for spec in slot_specs]
        replacement = table.get("replacement")
        if replacement is not None and not isinstance(replacement, str):
            self.problem(
                self._line("replacement", start, table),
                'replacement must be a string ("" deletes the matched words)',
            )
        within = table.get("within", DEFAULT_WITHIN)
        if isinstance(within, bool) or not isinstance(within, int) or not 0 <= within <= MAX_WITHIN:
            self.problem(self._line("within", start), f"within must be 0..{MAX_WITHIN} characters")
        self_context = table.get("self_context")
        if self_context is not None and not (isinstance(self_context, str) and is_id(self_context)):
            self.problem(self._line("self_context", start), "self_context must be a [[context]] id")
        reported = reported_of(
            table,
            TARGET_CONTEXT,
            lambda key, message: self.problem(self._line(key, start), message),
        )
        where = f"rule {rule_id!r}" if rule_id else "rule"
        learned = table.get("learned_at_least")
        if learned is not None and not (
            isinstance(learned, float) and 0.5 <= learned < 1 and slot_specs
        ):
            self.problem(
                self._line("learned_at_least", start),
                f"{where}: learned_at_least must be a probability 0.5..0.99 on a rule with slots",
            )
        min_chars = table.get("learned_min_chars", 0)
        if min_chars and not (
            type(min_chars) is int and 1 <= min_chars <= MAX_MIN_CHARS and learned is not None
        ):
            self.problem(
                self._line("learned_min_chars", start),
                f"{where}: learned_min_chars must be a whole number 1..{MAX_MIN_CHARS} on a rule "
                "with learned_at_least",
            )
        parts_need = table.get("learned_parts_need", [])
        if parts_need and not (
            isinstance(parts_need, list)
            and all(isinstance(name, str) and name for name in parts_need)
            and learned is not None
        ):
            self.problem(
                self._line("learned_parts_need", start),
                f"{where}: learned_parts_need must be a list of slot class names on a rule with "
                "learned_at_least",
            )
        matchers = [lists[key] for key in ("terms", "exact_terms", "patterns")]
        if all(m is not None for m in matchers) and not any(matchers) and not slot_specs:
            self.problem(start, f"{where} needs terms, exact_terms, patterns or slots")
        if lists["flag"] == () or lists["pass"] == ():
            self.problem(
                start,
                f"{where} needs examples: at least one in flag (must be caught) and one in pass "
                "(must not be)",
            )
        for pattern in lists["patterns"] or ():
            try:
                re2.compile(pattern, pattern_options())
            except re2.error as exc:
                reason = _re2_reason(exc)
                self.problem(
                    line_of(self.text, pattern, start_line=start) or self._line("patterns", start),
                    f"{where}: invalid RE2 pattern {pattern!r}: {reason}",
                )
        if len(self.problems) > before:
            return None
        return Rule(
            id=rule_id or "",
            scene=scene or "",
            severity=severity or "",
            message=texts["message"] or "",
            why=texts["why"] or "",
            suggestion=texts["suggestion"] or "",
            replacement=replacement,
            terms=lists["terms"] or (),
            exact_terms=lists["exact_terms"] or (),
            patterns=lists["patterns"] or (),
            slots=tuple(slot_specs),
            near=lists["near"] or (),
            unless_near=lists["unless_near"] or (),
            within=within,
            said_of_self=(
                SaidOfSelf(self_context, TARGET_CONTEXT, SELF_WITHIN) if self_context else None
            ),
            reported=reported,
            exceptions=lists["exceptions"] or (),
            flag=lists["flag"] or (),
            passes=lists["pass"] or (),
            learned_at_least=learned,
            learned_min_chars=min_chars if type(min_chars) is int else 0,
            learned_parts_need=tuple(parts_need) if isinstance(parts_need, list) else (),
            category=category or (rule_id or "").partition(".")[2] or (rule_id or ""),
            path=self.path,
            line=start,
        )

    def _line(self, key: str, start: int, table: dict[str, Any] | None = None) -> int:
        """The line of ``key`` in the rule starting at ``start`` (the rule's own line when the
        key is missing, so that the next rule's key is never blamed)."""
        if table is not None and key not in table:
            return start
        return (
            line_of(self.text, f"{key} ", start_line=start)
            or line_of(self.text, key, start_line=start)
            or start
        )

    def _severity(self, table: dict[str, Any], scene: str | None, start: int) -> str | None:
        """ordinary or serious; tone rules are advisory (no platform grades them)."""
        if scene in ADVISORY_SCENES:
            return self._choice(table, "severity", (ADVISORY,), start)
        return self._choice(table, "severity", SEVERITIES, start)

    def _id(self, table: dict[str, Any], start: int) -> str | None:
        value = table.get("id")
        if not isinstance(value, str) or not is_id(value):
            self.problem(
                self._line("id", start, table),
                'id must be a short lowercase id like "insult.curse"',
            )
            return None
        return value

    def _choice(
        self, table: dict[str, Any], key: str, choices: Sequence[str], start: int
    ) -> str | None:
        value = table.get(key)
        if value not in choices:
            self.problem(
                self._line(key, start, table),
                f"{key} must be one of {', '.join(choices)}, got {value!r}",
            )
            return None
        return value

    def _text(self, table: dict[str, Any], key: str, start: int) -> str | None:
        value = table.get(key)
        if not isinstance(value, str) or not value.strip():
            self.problem(self._line(key, start, table), f"{key} must be a non-empty string")
            return None
        return value.strip()

    def _strings(self, table: dict[str, Any], key: str, start: int) -> tuple[str, ...] | None:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(
            isinstance(item, str) and item.strip() for item in value
        ):
            self.problem(
                self._line(key, start, table), f"{key} must be a list of non-empty strings"
            )
            return None
        return tuple(value)


def with_default_unless(spec: Any, default: Sequence[str]) -> Any:
    """A rule's ``slot_unless``: the ``unless`` of each of its slot entries written as a table
    without one (``{ match = "..." }``); a plain string entry and a table with its own
    ``unless`` keep theirs, so one list serves many entries without being copied."""
    if isinstance(spec, dict) and "unless" not in spec:
        return {**spec, "unless": list(default)}
    return spec


def is_id(value: str) -> bool:
    """A short lowercase id: letters, digits and ._-"""
    return bool(value) and set(value) <= _ID_CHARS


def _re2_reason(exc: re2.error) -> str:
    reason = exc.args[0] if exc.args else exc
    return reason.decode("utf-8", "replace") if isinstance(reason, bytes) else str(reason)
