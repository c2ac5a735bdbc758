"""Limits a buyer sets on contact ("not after nine", "weekdays only", "not before the 5th",
"text, don't call"): kept as data and enforced by the contact policy, never turned into a
blanket stop.

A restriction says when contact is *allowed*: within ``[allowed_from, allowed_until)``
minutes of the buyer's local day, on ``days`` (ISO weekday numbers), from ``not_before`` (the
buyer's local date); a ``channel`` limit closes the channels of its ``scope`` until the buyer
says otherwise. The clock and date values are read from the buyer's words with the
``clock`` and ``date`` pattern slots of the opt-out rule files (named groups).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

KINDS = ("hours", "days", "date", "channel")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_MINUTES = 24 * 60
_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6}
_DIGITS |= {"七": 7, "八": 8, "九": 9}


@dataclass(frozen=True)
class Restriction:
    kind: str  # hours | days | date | channel
    scope: str  # which channels it limits (helper.contacts.tables.SCOPES)
    allowed_from: int | None = None  # minute of the local day (hours)
    allowed_until: int | None = None  # exclusive; before allowed_from: the window wraps
    days: frozenset[int] = frozenset()  # ISO weekdays contact is allowed on (days)
    not_before: date | None = None  # first local date contact is allowed (date)
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
        return datetime.combine(self.not_before or local.date(), time(0), tzinfo=tz)

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "scope": self.scope,
            "allowed_from": _hhmm(self.allowed_from),
            "allowed_until": _hhmm(self.allowed_until),
            "days": [WEEKDAYS[d - 1] for d in sorted(self.days)],
            "not_before": self.not_before.isoformat() if self.not_before else None,
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
    if groups.get("pm") and hour < 12:
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
