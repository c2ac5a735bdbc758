"""Times as users type them and as agents read them.

The platforms run on Beijing time, so a time typed without an offset is Beijing time, and
times shown to agents are Beijing time unless a buyer's own zone matters (contact checks).
Internally every time is an aware UTC datetime.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

PLATFORM_TZ = ZoneInfo("Asia/Shanghai")
# Times outside this range are typing mistakes (year 1 or 9999 would also overflow date
# arithmetic), never a real contact, complaint or reminder.
EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
LATEST = datetime(2100, 1, 1, tzinfo=UTC)


def parse_time(value: str) -> datetime:
    """ISO 8601 (``2026-11-22T15:00``, ``2026-11-22 15:00+08:00``, ``…Z``) to aware UTC.

    Raises ValueError with a Chinese message for anything else or out of range.
    """
    text = value.strip()
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=PLATFORM_TZ)
        moment = parsed.astimezone(UTC)
    except (ValueError, OverflowError):
        raise ValueError(f"不是有效的时间：{value!r}（例如 2026-11-22T15:00，北京时间）") from None
    if not EARLIEST <= moment < LATEST:
        raise ValueError(f"时间必须在 {EARLIEST.year} 年到 {LATEST.year - 1} 年之间：{value!r}")
    return moment


def parse_day(value: str) -> date:
    """``YYYY-MM-DD`` to a date in the same range as ``parse_time``.

    Raises ValueError with a Chinese message for anything else or out of range.
    """
    try:
        day = date.fromisoformat(value.strip()) if len(value) == 10 else None
    except ValueError:
        day = None
    if day is None:
        raise ValueError(f"必须是 YYYY-MM-DD 格式的日期：{value[:40]!r}")
    if not EARLIEST.date() <= day < LATEST.date():
        raise ValueError(f"日期必须在 {EARLIEST.year} 年到 {LATEST.year - 1} 年之间：{value!r}")
    return day


def beijing(moment: datetime | str | None) -> str:
    """``2026-11-22 15:00`` in Beijing time, for agents; ``-`` for no time."""
    if moment is None or moment == "":
        return "-"
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment.replace("Z", "+00:00"))
    return moment.astimezone(PLATFORM_TZ).strftime("%Y-%m-%d %H:%M")
