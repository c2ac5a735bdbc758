"""How the pack writes times and lists, in the buyer's time zone (quiet hours and daily caps
are counted there; the pack says which zone when it is not Beijing time)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

# A list of times longer than this is cut: "11月3日 22:15、… 等 12 次".
_LIST_AT_MOST = 5


def short_time(moment: datetime, tz: ZoneInfo) -> str:
    """``11月3日 14:02``."""
    local = moment.astimezone(tz)
    return f"{local.month}月{local.day}日 {local:%H:%M}"


def long_time(moment: datetime, tz: ZoneInfo) -> str:
    """``2026年11月3日 14:02``."""
    local = moment.astimezone(tz)
    return f"{local.year}年{short_time(moment, tz)}"


def date_only(moment: datetime, tz: ZoneInfo) -> str:
    local = moment.astimezone(tz)
    return f"{local.year}年{local.month}月{local.day}日"


def times_list(moments: Sequence[datetime], tz: ZoneInfo) -> str:
    shown = "、".join(short_time(moment, tz) for moment in moments[:_LIST_AT_MOST])
    if len(moments) > _LIST_AT_MOST:
        return f"{shown} 等 {len(moments)} 次"
    return shown


def joined(words: Sequence[str]) -> str:
    """``致电、发短信或发邮件``."""
    if len(words) <= 1:
        return "".join(words)
    return "、".join(words[:-1]) + "或" + words[-1]
