"""Opt-out detection: what a buyer's message means for contact (``rules/contact/optout*.toml``).

Rules are data with examples, like message rules: RE2 patterns over folded text (either
script), ``unless`` patterns for false friends, and ``flag`` / ``pass`` examples that
``helper rules test`` runs. The rules join ``helper rules lint|test`` as family "optout".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import re2

from helper.contacts.respell import Respelling, read_respelling
from helper.contacts.restrictions import (
    HOLIDAYS,
    WEEKDAYS,
    Restriction,
    RestrictionRule,
    clock_minutes,
    date_said,
)
from helper.contacts.restrictions import (
    KINDS as RESTRICTION_KINDS,
)
from helper.contacts.tables import SCOPES
from helper.rulefiles import (
    RuleFileError,
    check_keys,
    line_of,
    load_toml,
    rule_files,
    with_start_lines,
)
from helper.rulesets import RuleFamily, register
from helper.slots import Matcher, SlotError, Slots, merge_slot_tables, overlaps, read_slot_table
from helper.text import fold, to_simplified

KINDS = ("opt_out", "opt_in", "callback", "restriction")
_RULE_KEYS = {"id", "kind", "scope", "minutes", "next_day_at", "patterns", "unless", "flag"}
_RULE_KEYS |= {"pass", "why", "slots", "restrict", "allow", "days", "time", "window", "holidays"}
# Clause breaks of folded text (full-width punctuation is ASCII after NFKC).
_BREAKS = ",.!?;。、\n"
# restrict = "hours": contact allowed before, after or between the clock times said
_ALLOW = (None, "before", "after", "between", "outside")
# The pattern slots restriction rules read their values from.
CLOCK_SLOT, DATE_SLOT = "clock", "date"
_ID = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")
_EXCERPT_CHARS = 12  # of context either side of the match; the stored excerpt stays short
_LONG_NUMBER = re.compile(r"\d{5,}")  # phone or order numbers never go into an excerpt
# Narrowest first, so that scopes adding up get the smallest name that covers them.
_SCOPE_ORDER = ("call", "sms", "phone", "all")

_OPTIONS = re2.Options()
_OPTIONS.log_errors = False


@dataclass(frozen=True)
class OptOutRule:
    id: str
    kind: str
    scope: str | None
    minutes: int | None
    next_day_at: time | None
    patterns: tuple[Any, ...]  # compiled RE2
    unless: tuple[Any, ...]
    flag: tuple[str, ...]
    passes: tuple[str, ...]
    path: Path
    line: int
    slots: tuple[Matcher, ...] = ()
    restriction: RestrictionRule | None = None

    def match(self, folded: str) -> tuple[int, int] | None:
        """The span of the first match in the folded text, or None."""
        if any(pattern.search(folded) for pattern in self.unless):
            return None
        spans = [found.span() for p in self.patterns if (found := p.search(folded))]
        spans += [span for matcher in self.slots if (span := matcher.search(folded))]
        # the earliest, and of those the longest: a limit's span must cover the stop it holds
        return min(spans, key=lambda span: (span[0], -span[1])) if spans else None


@dataclass(frozen=True)
class Detection:
    """What one message means: an opt-out (with its scope), an opt-in, a callback time."""

    opt_out: bool = False
    opt_in: bool = False
    scope: str | None = None
    callback_after: datetime | None = None
    rule_ids: tuple[str, ...] = ()
    excerpt: str = ""
    restrictions: tuple[Restriction, ...] = ()

    @property
    def restriction(self) -> Restriction | None:
        """The first limit the message sets, if any."""
        return self.restrictions[0] if self.restrictions else None


Hit = tuple[OptOutRule, tuple[int, int]]


class OptOutRules:
    def __init__(
        self,
        rules: Sequence[OptOutRule],
        slots: Slots | None = None,
        respelling: Respelling | None = None,
    ) -> None:
        self.rules = tuple(rules)
        self.respelling = respelling or Respelling()
        self._clock = _value_pattern(slots, CLOCK_SLOT)
        self._date = _value_pattern(slots, DATE_SLOT)

    def detect(self, text: str, at: datetime, tz: ZoneInfo) -> Detection:
        """Scan ``text`` (sent at ``at`` by a buyer living in ``tz``)."""
        folded = self.respelling.apply(fold(text))
        hits = [(rule, found) for rule in self.rules if (found := rule.match(folded))]
        stated = [
            (span, found)
            for rule, span in hits
            if rule.kind == "restriction"
            and (found := self._restriction(rule, span, (text, folded), at, tz)) is not None
        ]
        restrictions = _within_time(tuple(found for _, found in stated))
        # A stop inside a stated limit (晚上九点以后别打，白天可以) is part of the limit. A stop
        # beside it stays a stop (請不要再打電話給我，有事旺旺說): a later limit must not lift it.
        limit_spans = [span for span, _ in stated]
        opt_outs = [
            (rule, span)
            for rule, span in hits
            if rule.kind == "opt_out" and not overlaps(span, limit_spans)
        ]
        if opt_outs:
            # Refusal wins over anything else in the same message.
            channels = frozenset().union(*(SCOPES[rule.scope or "all"] for rule, _ in opt_outs))
            scope = next(name for name in _SCOPE_ORDER if channels <= SCOPES[name])
            first = min(opt_outs, key=lambda hit: hit[1])
            return Detection(
                opt_out=True,
                scope=scope,
                rule_ids=tuple(rule.id for rule, _ in opt_outs),
                excerpt=_excerpt(text, folded, *first[1]),
            )
        opt_ins = [rule for rule, _ in hits if rule.kind == "opt_in"]
        callbacks = [rule for rule, _ in hits if rule.kind == "callback"]
        times = [_callback_time(rule, at, tz) for rule in callbacks]
        return Detection(
            opt_in=bool(opt_ins) and not restrictions,
            callback_after=max(times) if times and not opt_ins and not restrictions else None,
            rule_ids=tuple(rule.id for rule in (*opt_ins, *callbacks))
            + tuple(found.rule_id for _, found in stated),
            restrictions=restrictions,
            excerpt=_excerpt(text, folded, *stated[0][0]) if stated else "",
        )

    def _restriction(
        self,
        rule: OptOutRule,
        span: tuple[int, int],
        texts: tuple[str, str],
        at: datetime,
        tz: ZoneInfo,
    ) -> Restriction | None:
        """The limit a matched restriction rule states in ``texts`` (as written, folded);
        None when its value cannot be read (a clock time like 25点)."""
        text, folded = texts
        limit = rule.restriction
        if limit is None:
            return None
        said = at.astimezone(tz)
        base = Restriction(
            kind=limit.kind,
            scope=limit.scope,
            excerpt=_excerpt(text, folded, *span),
            at=at,
            rule_id=rule.id,
        )
        words = folded[span[0] : span[1]]
        if limit.kind == "channel":
            return base
        if limit.kind == "days":
            return replace(base, days=limit.days)
        if limit.kind == "holidays":
            named = [name for word, name in limit.holidays.items() if word in words]
            return replace(base, holiday=named[0] if named else None)
        if limit.kind == "date":
            groups = _groups(self._date, words)
            day = date_said(groups, said.date()) if groups else None
            return replace(base, not_before=day) if day else None
        if limit.allow in ("between", "outside"):
            window = _between(base, self._clock, words)
            if window is None and limit.window is not None:
                # 中午别打 / 上班时间别打: the part of the day the rule names
                window = replace(base, allowed_from=limit.window[0], allowed_until=limit.window[1])
            if window is None or limit.allow == "between":
                return window
            # closed between the two times: allowed from the second until the first
            return replace(
                window, allowed_from=window.allowed_until, allowed_until=window.allowed_from
            )
        groups = _groups(self._clock, words)
        minute = clock_minutes(groups, limit.allow) if groups else limit.minute
        if minute is None:
            return None
        if limit.allow == "before":
            return replace(base, allowed_from=0, allowed_until=minute)
        return replace(base, allowed_from=minute, allowed_until=None)


def _within_time(restrictions: tuple[Restriction, ...]) -> tuple[Restriction, ...]:
    """A channel preference said together with a time (过年期间别打电话，有事旺旺留言) holds
    within that time only: the time limits close just the channels the buyer refused, and the
    channel limit is not kept on its own (it would close them all year). A channel preference
    said without a time stays a channel limit."""
    refused = [limit for limit in restrictions if limit.kind == "channel"]
    timed = [limit for limit in restrictions if limit.kind != "channel"]
    if not refused or not timed:
        return restrictions
    channels = frozenset().union(*(SCOPES[limit.scope] for limit in refused))
    return tuple(replace(limit, scope=_narrowed(limit.scope, channels)) for limit in timed)


def _narrowed(scope: str, refused: frozenset[str]) -> str:
    """The narrowest scope holding the channels of ``scope`` the buyer refused (``scope``
    itself when they share none)."""
    channels = SCOPES[scope] & refused
    return next((name for name in _SCOPE_ORDER if channels and channels <= SCOPES[name]), scope)


def _between(base: Restriction, clock: Any | None, words: str) -> Restriction | None:
    """上午10点到下午5点可以打: the first two clock times are the window; an end that is not
    after the start without 上午/下午 is in the afternoon (9点到6点 = 09:00–18:00)."""
    found = [m.groupdict() for m in clock.finditer(words)] if clock is not None else []
    times = [clock_minutes(groups, None) for groups in found[:2]]
    if len(times) < 2 or times[0] is None or times[1] is None:
        return None
    start, end = times
    if end <= start and end < 12 * 60:
        end += 12 * 60
    return replace(base, allowed_from=start, allowed_until=end) if end > start else None


def _value_pattern(slots: Slots | None, name: str) -> Any | None:
    pattern = slots.words.get(name) if slots else None
    return re2.compile(pattern, options=_OPTIONS) if isinstance(pattern, str) else None


def _groups(pattern: Any | None, words: str) -> dict[str, str | None] | None:
    found = pattern.search(words) if pattern is not None else None
    return found.groupdict() if found else None


def _callback_time(rule: OptOutRule, at: datetime, tz: ZoneInfo) -> datetime:
    if rule.next_day_at is not None:
        day = at.astimezone(tz).date() + timedelta(days=1)
        return datetime.combine(day, rule.next_day_at, tzinfo=tz).astimezone(UTC)
    return at + timedelta(minutes=rule.minutes or 0)


def _excerpt(original: str, folded: str, start: int, end: int) -> str:
    """The buyer's own words around the match: as written (script, punctuation) when folding
    kept every character in place, else the folded text."""
    source = original if len(original) == len(folded) else folded
    text = source[max(0, start - _EXCERPT_CHARS) : end + _EXCERPT_CHARS]
    return _LONG_NUMBER.sub(lambda m: "*" * len(m.group()), " ".join(text.split()))


# ---- loading ------------------------------------------------------------------------------


def optout_files(dirs: Sequence[Path]) -> list[Path]:
    return rule_files(dirs, "contact", "optout*.toml")


def load_optout_rules(dirs: Sequence[Path]) -> OptOutRules:
    """Raises RuleFileError (file and line) for the first bad rule."""
    rules: list[OptOutRule] = []
    seen: dict[str, Path] = {}
    files, slots, respelling = _read_files(dirs)
    for path, data, text in files:
        for rule in _rules_of(path, data, text, slots):
            if rule.id in seen:
                raise RuleFileError(path, rule.line, f"rule id {rule.id!r} also in {seen[rule.id]}")
            seen[rule.id] = path
            rules.append(rule)
    if not rules:
        raise RuleFileError(Path("rules/contact/optout.toml"), None, "no opt-out rules found")
    return OptOutRules(rules, slots, respelling)


def _read_files(
    dirs: Sequence[Path],
) -> tuple[list[tuple[Path, dict, str]], Slots, Respelling]:
    """Every opt-out file, the slots their ``[slots]`` tables define together and their
    ``[respell]`` words; raises RuleFileError for the first problem."""
    files = []
    tables = []
    respell_tables = []
    problems: list[RuleFileError] = []
    for path in optout_files(dirs):
        data, text = load_toml(path)
        check_keys(data, {"rule", "slots", "respell"}, path=path, text=text, where="the file")
        table = read_slot_table(data.get("slots"), path, text, problems)
        tables.append((path, line_of(text, "[slots]") or 1, table))
        respell_tables.append((path, text, data.get("respell")))
        files.append((path, data, text))
    words = merge_slot_tables(tables, problems)
    respelling = read_respelling(respell_tables, problems)
    if problems:
        raise problems[0]
    return files, Slots(words, fold, _BREAKS), respelling


def _rules_of(path: Path, data: dict, text: str, slots: Slots) -> list[OptOutRule]:
    tables = data.get("rule", [])
    if not isinstance(tables, list):
        raise RuleFileError(path, line_of(text, "rule"), "rules must be [[rule]] tables")
    return [
        _rule(table, path, text, start, slots)
        for table, start in with_start_lines(tables, "[[rule]]", text)
    ]


def _rule(table: dict[str, Any], path: Path, text: str, start: int, slots: Slots) -> OptOutRule:
    def fail(key: str, message: str) -> RuleFileError:
        return RuleFileError(path, line_of(text, key, start_line=start) or start, message)

    check_keys(table, _RULE_KEYS, path=path, text=text, where="[[rule]]", start_line=start)
    rule_id = table.get("id")
    if not isinstance(rule_id, str) or not _ID.match(rule_id):
        raise fail("id", f"id must look like 'optout.stop_contact', got {rule_id!r}")
    kind = table.get("kind")
    if kind not in KINDS:
        raise fail("kind", f"{rule_id}: kind must be one of {', '.join(KINDS)}")
    scope = table.get("scope")
    scoped = kind in ("opt_out", "restriction")
    if scoped != (scope is not None) or (scope is not None and scope not in SCOPES):
        raise fail(
            "kind" if scope is None else "scope",
            f"{rule_id}: opt_out and restriction rules, and only they, need scope = one of "
            f"{', '.join(SCOPES)}",
        )
    restriction = _restriction_rule(table, kind, scope, rule_id, fail)
    minutes, next_day_at = table.get("minutes"), table.get("next_day_at")
    if kind == "callback":
        if (minutes is None) == (next_day_at is None):
            raise fail("kind", f"{rule_id}: a callback rule needs minutes or next_day_at")
        if minutes is not None and (
            isinstance(minutes, bool) or not isinstance(minutes, int) or minutes < 1
        ):
            raise fail("minutes", f"{rule_id}: minutes must be a whole number of at least 1")
    elif minutes is not None or next_day_at is not None:
        raise fail("minutes" if minutes is not None else "next_day_at", f"{rule_id}: callback only")
    clock = None
    if next_day_at is not None:
        try:
            if not isinstance(next_day_at, str) or not re.fullmatch(r"\d{2}:\d{2}", next_day_at):
                raise ValueError
            clock = time.fromisoformat(next_day_at)
        except ValueError:
            raise fail("next_day_at", f"{rule_id}: next_day_at must look like 10:00") from None

    def strings(key: str, required: bool) -> tuple[str, ...]:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise fail(key, f"{rule_id}: {key} must be a list of non-empty strings")
        if required and not value:
            raise fail(key if key in table else "id", f"{rule_id}: needs at least one {key}")
        return tuple(value)

    def compiled(key: str, required: bool) -> tuple[Any, ...]:
        result = []
        for pattern in strings(key, required):
            try:
                result.append(re2.compile(pattern, options=_OPTIONS))
            except re2.error as exc:
                raise fail(pattern[:20], f"{rule_id}: bad RE2 pattern {pattern!r}: {exc}") from None
        return tuple(result)

    def slot_matchers() -> tuple[Matcher, ...]:
        specs = table.get("slots", [])
        if not isinstance(specs, list):
            raise fail("slots", f"{rule_id}: slots must be a list of slot patterns")
        matchers = []
        for spec in specs:
            try:
                matchers.append(Matcher(slots.compile(spec)))
            except SlotError as exc:
                source = spec.get("match") if isinstance(spec, dict) else spec
                key = source if isinstance(source, str) else "slots"
                raise fail(key, f"{rule_id}: {exc}") from None
        return tuple(matchers)

    if not isinstance(table.get("why", ""), str):
        raise fail("why", f"{rule_id}: why must be a string")
    matchers = slot_matchers()
    return OptOutRule(
        id=rule_id,
        kind=kind,
        scope=scope,
        minutes=minutes,
        next_day_at=clock,
        patterns=compiled("patterns", not matchers),
        unless=compiled("unless", False),
        flag=strings("flag", True),
        passes=strings("pass", True),
        path=path,
        line=start,
        slots=matchers,
        restriction=restriction,
    )


def _restriction_rule(
    table: dict[str, Any], kind: str, scope: str | None, rule_id: str, fail: Any
) -> RestrictionRule | None:
    """``restrict`` (hours, days, date, channel) with ``allow`` (hours: before/after the time
    said; ``time`` when the words name only a part of the day, 晚上别打) or ``days`` (the
    weekdays contact stays allowed on); only restriction rules have them. A channel limit
    closes the channels of the rule's scope."""
    given = [
        key for key in ("restrict", "allow", "days", "time", "window", "holidays") if key in table
    ]
    if kind != "restriction":
        if given:
            raise fail(given[0], f"{rule_id}: {given[0]} is for restriction rules only")
        return None
    restrict = table.get("restrict")
    if restrict not in RESTRICTION_KINDS:
        raise fail(
            "restrict" if given else "kind",
            f"{rule_id}: restrict must be one of {', '.join(RESTRICTION_KINDS)}",
        )
    allow = table.get("allow")
    if (restrict == "hours") != (allow is not None) or allow not in _ALLOW:
        raise fail(
            "allow" if allow is not None else "restrict",
            f'{rule_id}: restrict = "hours" needs allow = "before", "after" or "between" (only it)',
        )
    days = table.get("days")
    if (restrict == "days") != (days is not None) or (
        days is not None
        and (not isinstance(days, list) or not days or not set(days) <= set(WEEKDAYS))
    ):
        raise fail(
            "days" if days is not None else "restrict",
            f'{rule_id}: restrict = "days" needs days = a list of {", ".join(WEEKDAYS)}',
        )
    weekdays = frozenset(WEEKDAYS.index(d) + 1 for d in days or ())
    clock = table.get("time")
    if clock is not None and (
        restrict != "hours" or not isinstance(clock, str) or not re.fullmatch(r"\d{2}:\d{2}", clock)
    ):
        raise fail("time", f'{rule_id}: time = "18:00" is for restrict = "hours" only')
    minute = int(clock[:2]) * 60 + int(clock[3:]) if clock else None
    window = table.get("window")
    if window is not None and (
        allow not in ("between", "outside")
        or not isinstance(window, list)
        or len(window) != 2
        or not all(isinstance(t, str) and re.fullmatch(r"\d{2}:\d{2}", t) for t in window)
    ):
        raise fail(
            "window", f'{rule_id}: window = ["12:00", "14:00"] is for allow "between"/"outside"'
        )
    holidays = table.get("holidays", {})
    if (
        (holidays and restrict != "holidays")
        or not isinstance(holidays, dict)
        or not set(holidays.values()) <= set(HOLIDAYS)
    ):
        raise fail(
            "holidays",
            f'{rule_id}: holidays = {{ "春节" = "spring_festival" }} is for restrict = "holidays"'
            f" only, with names among {', '.join(HOLIDAYS)}",
        )
    return RestrictionRule(
        kind=restrict,
        scope=scope or "all",
        allow=allow,
        days=weekdays,
        minute=minute,
        window=tuple(int(t[:2]) * 60 + int(t[3:]) for t in window) if window else None,  # type: ignore[arg-type]
        holidays={fold(word): name for word, name in holidays.items()},
    )


# ---- helper rules lint | test --------------------------------------------------------------


def _is_traditional(text: str) -> bool:
    return to_simplified(text) != text


def _lint(dirs: Sequence[Path]) -> list[RuleFileError]:
    problems: list[RuleFileError] = []
    seen: dict[str, Path] = {}
    try:
        files, slots, _ = _read_files(dirs)
    except RuleFileError as exc:
        return [exc]
    for path, data, text in files:
        try:
            rules = _rules_of(path, data, text, slots)
        except RuleFileError as exc:
            problems.append(exc)
            continue
        for rule in rules:
            if rule.id in seen:
                problems.append(
                    RuleFileError(path, rule.line, f"{rule.id} also in {seen[rule.id]}")
                )
            seen[rule.id] = path
            has_chinese = [e for e in rule.flag if re.search(r"[\u4e00-\u9fff]", e)]
            scripts = {_is_traditional(example) for example in has_chinese}
            if has_chinese and scripts != {True, False}:
                problems.append(
                    RuleFileError(
                        path,
                        rule.line,
                        f"{rule.id}: flag examples need both scripts (Simplified and Traditional)",
                    )
                )
    return problems


def _examples(dirs: Sequence[Path]) -> list[str]:
    failures: list[str] = []
    try:
        files, slots, respelling = _read_files(dirs)
    except RuleFileError:
        return failures  # lint reports it
    for path, data, text in files:
        try:
            rules = _rules_of(path, data, text, slots)
        except RuleFileError:
            continue  # lint reports it
        for rule in rules:
            for example in rule.flag:
                if rule.match(respelling.apply(fold(example))) is None:
                    failures.append(f"{path}:{rule.line}: {rule.id} should flag {example!r}")
            for example in rule.passes:
                if rule.match(respelling.apply(fold(example))) is not None:
                    failures.append(f"{path}:{rule.line}: {rule.id} should pass {example!r}")
    return failures


register(RuleFamily("optout", lint=_lint, examples=_examples))
