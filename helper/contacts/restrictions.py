"""Limits a buyer sets on contact ("not after nine", "weekdays only", "not before the 5th",
"text, don't call"): kept as data and enforced by the contact policy, never turned into a
blanket stop.

A restriction says when contact is *allowed*: within ``[allowed_from, allowed_until)``
minutes of the buyer's local day, on ``days`` (ISO weekday numbers), from ``not_before`` (the
buyer's local date), on days that are not ``holidays`` (chinesecalendar's rest days, or one
named festival); a ``channel`` limit closes the channels of its ``scope`` until the buyer
says otherwise. The clock and date values are read from the buyer's words with the
``clock`` and ``date`` pattern slots of the opt-out rule files (named groups).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from typing import Any

import chinese_calendar

from helper.rulefiles import shipped_rules_dir
from helper.workdays import WorkdayCalendar, load_calendar

KINDS = ("hours", "days", "date", "channel", "holidays")
# chinesecalendar's holiday names (Holiday enum members) a buyer can name
HOLIDAYS = tuple(holiday.name for holiday in chinese_calendar.Holiday)
_HOLIDAY_NAMES = {holiday.value: holiday.name for holiday in chinese_calendar.Holiday}
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_MINUTES = 24 * 60
_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6}
_DIGITS |= {"七": 7, "八": 8, "九": 9}
_NIGHT = frozenset({"晚上", "夜里", "夜间", "半夜", "深夜", "晚"})
_WEEKDAY_NAMES = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "日": 7, "天": 7}


@dataclass(frozen=True)
class Restriction:
    kind: str  # hours | days | date | channel
    scope: str  # which channels it limits (helper.contacts.tables.SCOPES)
    allowed_from: int | None = None  # minute of the local day (hours)
    allowed_until: int | None = None  # exclusive; before allowed_from: the window wraps
    days: frozenset[int] = frozenset()  # ISO weekdays contact is allowed on (days)
    not_before: date | None = None  # first local date contact is allowed (date)
    holiday: str | None = None  # holidays: one festival (HOLIDAYS); None = every rest day
    excerpt: str = ""
    at: datetime | None = None  # when the buyer said it
    rule_id: str = ""

    def allows(self, local: datetime) -> bool:
        if self.kind == "hours":
            minute = local.hour * 60 + local.minute
            start, end = self.allowed_from or 0, self.allowed_until or DAY_MINUTES
            if start > end:  # allowed outside a closed stretch (中午别打: not 12:00–14:00)
                return minute >= start or minute < end
            return start <= minute < end
        if self.kind == "days":
            return local.isoweekday() in self.days
        if self.kind == "channel":
            return False
        if self.kind == "holidays":
            return not is_rest_day(local.date(), self.holiday)
        return self.not_before is None or local.date() >= self.not_before

    def next_allowed(self, local: datetime) -> datetime | None:
        """The first local moment at or after ``local`` that this restriction allows (assumes
        it does not allow ``local`` itself); None when time never opens it (a channel)."""
        tz = local.tzinfo
        if self.kind == "hours":
            start = self.allowed_from or 0
            day = local.date()
            if local.hour * 60 + local.minute >= start:
                day += timedelta(days=1)
            return datetime.combine(day, _clock(start), tzinfo=tz)
        if self.kind == "days":
            day = local.date() + timedelta(days=1)
            while day.isoweekday() not in self.days:
                day += timedelta(days=1)
            return datetime.combine(day, time(0), tzinfo=tz)
        if self.kind == "channel":
            return None
        if self.kind == "holidays":
            day = local.date() + timedelta(days=1)
            while is_rest_day(day, self.holiday):
                day += timedelta(days=1)
            return datetime.combine(day, time(0), tzinfo=tz)
        return datetime.combine(self.not_before or local.date(), time(0), tzinfo=tz)

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "scope": self.scope,
            "allowed_from": _hhmm(self.allowed_from),
            "allowed_until": _hhmm(self.allowed_until),
            "days": [WEEKDAYS[d - 1] for d in sorted(self.days)],
            "not_before": self.not_before.isoformat() if self.not_before else None,
            "holiday": self.holiday,
            "excerpt": self.excerpt,
            "at": self.at.astimezone(UTC).isoformat().replace("+00:00", "Z") if self.at else None,
            "rule_id": self.rule_id,
        }


@dataclass(frozen=True)
class RestrictionRule:
    """What a restriction rule in the opt-out files says (the values the words carry are read
    when it matches)."""

    kind: str
    scope: str
    allow: str | None = None  # hours: before, after, between or outside the times said
    days: frozenset[int] = field(default_factory=frozenset)
    minute: int | None = None  # hours: the limit when the words hold no clock time (晚上别打)
    window: tuple[int, int] | None = None  # hours between/outside: when no two times are said
    holidays: Mapping[str, str] = field(default_factory=dict)  # holidays: word -> HOLIDAYS name


def _clock(minute: int) -> time:
    return time(minute // 60, minute % 60) if minute < DAY_MINUTES else time(23, 59)


def _hhmm(minute: int | None) -> str | None:
    return None if minute is None else f"{minute // 60:02d}:{minute % 60:02d}"


def number(text: str) -> int | None:
    """Arabic or Chinese numerals up to 99: 9, 十二, 二十, 两."""
    if text.isdigit():
        return int(text)
    if not text or any(ch not in _DIGITS and ch != "十" for ch in text):
        return None
    if "十" not in text:
        return _DIGITS[text] if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    value = (_DIGITS.get(tens, 0) if tens else 1) * 10
    return value + (_DIGITS.get(ones, 0) if ones else 0)


def clock_minutes(groups: dict[str, str | None], allow: str | None) -> int | None:
    """Minute of the day from the ``clock`` slot's groups (am, pm, hour, minute, half).
    Without 上午/下午, an hour a buyer sets as a late limit (九点以后别打) is in the evening
    and an early limit's small hour (三点后打) is in the afternoon."""
    hour = number(groups.get("hour") or "")
    if hour is None or hour > 24:
        return None
    minute = 30 if groups.get("half") else number(groups.get("minute") or "") or 0
    if minute >= 60:
        return None
    if groups.get("pm") in _NIGHT and hour == 12:
        hour = 24  # 晚上十二点 is midnight; a bare 十二点 stays noon (see docs/contact-checks.md)
    elif groups.get("pm") and hour < 12:
        hour += 12
    elif not groups.get("am") and not groups.get("pm"):
        late_limit = allow == "before" and 6 <= hour < 12
        afternoon = allow == "after" and 1 <= hour <= 7
        if late_limit or afternoon:
            hour += 12
    return min(hour * 60 + minute, DAY_MINUTES)


def day_of_month(groups: dict[str, str | None], said: date) -> date | None:
    """The date from the ``date`` slot's groups (month, day): this month's, or next month's
    when that day has passed; None for a date that does not exist."""
    day = number(groups.get("day") or "")
    month = number(groups.get("month") or "") if groups.get("month") else None
    if day is None:
        return None
    year = said.year
    try:
        if month is not None:
            found = date(year, month, day)
            return found if found >= said else date(year + 1, month, day)
        found = date(said.year, said.month, day)
        if found >= said:
            return found
        return date(year + (said.month == 12), said.month % 12 + 1, day)
    except ValueError:
        return None


def date_said(groups: dict[str, str | None], said: date) -> date | None:
    """The first day contact is allowed, from the ``date`` slot's groups: a day of the month
    (``day``, ``month``), a named weekday (``weekday``, with ``next`` for 下周三), next week
    (``next_week``: its Monday; 下下周 the week after), next month (``next_month``: its first
    day; 月初 is read as the next month's start), the end of the
    month (``month_end``: its last day), tomorrow or the day after (``tomorrow``)."""
    if groups.get("day"):
        return day_of_month(groups, said)
    if groups.get("weekday"):
        target = _WEEKDAY_NAMES.get(groups["weekday"] or "") or number(groups["weekday"] or "")
        if target is None or not 1 <= target <= 7:
            return None
        monday = said - timedelta(days=said.weekday())
        if groups.get("next"):
            monday += timedelta(days=14 if groups["next"] == "下下" else 7)
        found = monday + timedelta(days=target - 1)
        return found if found >= said else found + timedelta(days=7)
    if groups.get("next_week"):
        weeks = 2 if (groups["next_week"] or "").startswith("下下") else 1  # 下下周
        return said - timedelta(days=said.weekday()) + timedelta(days=7 * weeks)
    first_next = date(said.year + (said.month == 12), said.month % 12 + 1, 1)
    if groups.get("next_month"):
        return first_next
    if groups.get("month_end"):
        return first_next - timedelta(days=1)
    if groups.get("tomorrow"):
        return said + timedelta(days=2 if groups["tomorrow"] == "后天" else 1)
    return None


def is_rest_day(day: date, holiday: str | None) -> bool:
    """Whether ``day`` is an official rest day (weekends and statutory holidays, make-up
    working days excluded) or, with ``holiday``, a day of that festival's break.

    For a year chinesecalendar does not know, the shipped ``rules/calendar/<year>.toml``
    (helper.workdays) gives the rest days; it does not name its holidays, so a named festival
    then counts on every holiday listed there (closing more, never less, while the year is
    provisional). Without such a file: weekends, and no festival."""
    try:
        resting, name = chinese_calendar.get_holiday_detail(day)
    except NotImplementedError:
        calendar = _shipped_calendar()
        if holiday is None:
            return not calendar.workday(day)[0]
        listed = calendar.overrides.get(day.year)
        return listed is not None and day in listed.holidays
    if holiday is None:
        return resting
    # chinesecalendar reports a festival by its English title ('Spring Festival')
    return resting and name is not None and _HOLIDAY_NAMES.get(name) == holiday


@lru_cache(maxsize=1)
def _shipped_calendar() -> WorkdayCalendar:
    return load_calendar([shipped_rules_dir()])
