"""Chinese working days: chinesecalendar where it knows the year, a provisional guess elsewhere.

The platform counts its decision deadline in working days (工作日) of the State Council
holiday calendar, which moves days around every year (调休: a Saturday becomes a working day
to bridge a holiday). chinesecalendar carries the official data, but only for the years it was
released with; it raises NotImplementedError for any other year. For such a year we count
Monday-Friday, apply the overrides in ``rules/calendar/<year>.toml`` and mark the answer
provisional, so the agent is told and the deadline is recomputed when better data arrives.
A calendar file marked ``official = true`` (the notice copied by hand) counts as official.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import chinese_calendar

from helper.rulefiles import RuleFileError, check_keys, line_of, load_toml, rule_files
from helper.rulesets import RuleFamily, register

_CALENDAR_KEYS = {"year", "official", "source", "updated", "holidays", "workdays"}


@dataclass(frozen=True)
class YearOverrides:
    year: int
    official: bool
    holidays: frozenset[dt.date]
    workdays: frozenset[dt.date]


@dataclass(frozen=True)
class WorkdayResult:
    day: dt.date
    provisional: bool


@dataclass(frozen=True)
class WorkdayCalendar:
    overrides: dict[int, YearOverrides] = field(default_factory=dict)

    def is_official(self, year: int) -> bool:
        """Whether working days of ``year`` come from official data (not a guess)."""
        return _library_knows(year) or (year in self.overrides and self.overrides[year].official)

    def workday(self, day: dt.date) -> tuple[bool, bool]:
        """(is it a working day, is that answer provisional)."""
        override = self.overrides.get(day.year)
        if override is not None and override.official:
            return _override_workday(override, day), False
        try:
            return chinese_calendar.is_workday(day), False
        except NotImplementedError:
            if override is not None:
                return _override_workday(override, day), True
            return day.weekday() < 5, True

    def add_workdays(self, start: dt.date, count: int) -> WorkdayResult:
        """The ``count``-th working day after ``start`` (``start`` itself is not counted)."""
        if count < 0:
            raise ValueError("count must not be negative")
        day = start
        provisional = False
        remaining = count
        while remaining:
            day += dt.timedelta(days=1)
            working, guessed = self.workday(day)
            provisional = provisional or guessed
            if working:
                remaining -= 1
        return WorkdayResult(day, provisional)


def _override_workday(override: YearOverrides, day: dt.date) -> bool:
    if day in override.workdays:
        return True
    if day in override.holidays:
        return False
    return day.weekday() < 5


def _library_knows(year: int) -> bool:
    try:
        chinese_calendar.is_workday(dt.date(year, 6, 1))
    except NotImplementedError:
        return False
    return True


def load_calendar(dirs: Sequence[Path]) -> WorkdayCalendar:
    """Read ``rules/calendar/*.toml`` (one file per year)."""
    overrides: dict[int, YearOverrides] = {}
    for path in rule_files(dirs, "calendar"):
        year = _load_year(path)
        if year.year in overrides:
            raise RuleFileError(path, line_of(path.read_text("utf-8"), "year"), "duplicate year")
        overrides[year.year] = year
    return WorkdayCalendar(overrides)


def lint_calendar(dirs: Sequence[Path]) -> list[RuleFileError]:
    errors = []
    for path in rule_files(dirs, "calendar"):
        try:
            _load_year(path)
        except RuleFileError as exc:
            errors.append(exc)
    return errors


def _load_year(path: Path) -> YearOverrides:
    data, text = load_toml(path)
    check_keys(data, _CALENDAR_KEYS, path=path, text=text, where="a calendar file")
    year = data.get("year")
    if not isinstance(year, int) or isinstance(year, bool) or not 2000 <= year <= 2100:
        raise RuleFileError(path, line_of(text, "year"), "year must be a year such as 2027")
    official = data.get("official", False)
    if not isinstance(official, bool):
        raise RuleFileError(path, line_of(text, "official"), "official must be true or false")
    days = {}
    for key in ("holidays", "workdays"):
        values = data.get(key, [])
        if not isinstance(values, list) or not all(
            isinstance(v, dt.date) and not isinstance(v, dt.datetime) for v in values
        ):
            raise RuleFileError(
                path, line_of(text, key), f"{key} must be a list of dates like 2027-02-06"
            )
        for value in values:
            if value.year != year:
                raise RuleFileError(
                    path, line_of(text, value.isoformat()), f"{value} is not in {year}"
                )
        days[key] = frozenset(values)
    both = days["holidays"] & days["workdays"]
    if both:
        first = min(both)
        raise RuleFileError(
            path, line_of(text, first.isoformat()), f"{first} is both a holiday and a workday"
        )
    return YearOverrides(year, official, days["holidays"], days["workdays"])


register(RuleFamily("calendar", lint=lint_calendar))
