"""Working-day arithmetic on the State Council calendar, and provisional years."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from helper.rulefiles import RuleFileError, shipped_rules_dir
from helper.workdays import WorkdayCalendar, load_calendar

D = dt.date


@pytest.fixture
def calendar() -> WorkdayCalendar:
    return load_calendar([shipped_rules_dir()])


@pytest.mark.parametrize(
    ("start", "count", "expected"),
    [
        # Spring Festival 2026: 02-14 (Saturday) is a make-up working day, 02-15..02-23 off.
        (D(2026, 2, 13), 1, D(2026, 2, 14)),
        (D(2026, 2, 14), 1, D(2026, 2, 24)),
        (D(2026, 2, 12), 3, D(2026, 2, 24)),
        (D(2026, 2, 12), 5, D(2026, 2, 26)),
        # National Day 2026: 09-20 (Sunday) and 10-10 (Saturday) are make-up working days,
        # 10-01..10-07 off.
        (D(2026, 9, 19), 1, D(2026, 9, 20)),
        (D(2026, 9, 30), 1, D(2026, 10, 8)),
        (D(2026, 9, 30), 3, D(2026, 10, 10)),
        (D(2026, 9, 30), 5, D(2026, 10, 13)),
        # An ordinary weekend.
        (D(2026, 11, 20), 1, D(2026, 11, 23)),
    ],
)
def test_working_days_follow_the_official_calendar(
    calendar: WorkdayCalendar, start: dt.date, count: int, expected: dt.date
) -> None:
    result = calendar.add_workdays(start, count)
    assert result.day == expected
    assert result.provisional is False


def test_a_2027_date_is_provisional(calendar: WorkdayCalendar) -> None:
    result = calendar.add_workdays(D(2026, 12, 31), 1)
    # 2027-01-01 (Friday) is the statutory New Year holiday in rules/calendar/2027.toml.
    assert result == result.__class__(D(2027, 1, 4), provisional=True)
    # Spring Festival 2027 (statutory days 02-05..02-08) from the shipped provisional file.
    assert calendar.add_workdays(D(2027, 2, 4), 1).day == D(2027, 2, 9)
    assert not calendar.is_official(2027)


def test_without_a_calendar_file_an_unknown_year_counts_weekdays() -> None:
    result = WorkdayCalendar().add_workdays(D(2027, 2, 4), 1)
    assert result.day == D(2027, 2, 5)
    assert result.provisional


def test_an_official_calendar_file_makes_the_year_official(tmp_path: Path) -> None:
    (tmp_path / "calendar").mkdir()
    (tmp_path / "calendar" / "2027.toml").write_text(
        "year = 2027\nofficial = true\nholidays = [2027-01-01]\nworkdays = [2027-01-09]\n",
        encoding="utf-8",
    )
    calendar = load_calendar([tmp_path])
    assert calendar.is_official(2027)
    result = calendar.add_workdays(D(2027, 1, 8), 1)
    assert (result.day, result.provisional) == (D(2027, 1, 9), False)


def test_a_bad_calendar_file_names_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "calendar").mkdir()
    bad = tmp_path / "calendar" / "2028.toml"
    bad.write_text("year = 2028\nholidays = [2027-01-01]\n", encoding="utf-8")
    with pytest.raises(RuleFileError) as caught:
        load_calendar([tmp_path])
    assert caught.value.path == bad
    assert caught.value.line == 2
