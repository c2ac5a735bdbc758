"""Buyer language on the shipped opt-out rules (issue 15): regional, Cantonese and pinyin
spellings, threats to report, limits read as structured data (parts of the day, named
weekdays, next week or month, festivals) and the false friends that must stay ordinary chat."""

from __future__ import annotations

import csv
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from helper.contacts.optout import OptOutRules, load_optout_rules
from helper.contacts.restrictions import Restriction, is_rest_day
from helper.contacts.tables import SCOPES
from helper.rulefiles import shipped_rules_dir

SHANGHAI = ZoneInfo("Asia/Shanghai")
AT = datetime(2026, 3, 2, 14, 0, tzinfo=SHANGHAI)  # a Monday afternoon


@pytest.fixture(scope="module")
def rules() -> OptOutRules:
    return load_optout_rules([shipped_rules_dir()])


@pytest.mark.parametrize(
    ("text", "scope"),
    [
        ("不要再聯絡我", "all"),  # Taiwan 聯絡 for 联系
        ("再傳簡訊我就檢舉", "all"),  # 簡訊, 檢舉
        ("唔好再打嚟啦", "phone"),  # Cantonese
        ("唔好再搵我", "all"),
        ("bie da le", "phone"),  # pinyin
        ("buyao zai da dianhua le", "phone"),
        ("请勿再致电", "phone"),
        ("別再打給我", "phone"),
    ],
)
def test_regional_and_typed_spellings_are_stops(rules: OptOutRules, text: str, scope: str) -> None:
    detection = rules.detect(text, AT, SHANGHAI)
    assert detection.opt_out, text
    assert detection.scope == scope


def test_a_respelled_stop_is_quoted_as_the_buyer_wrote_it(rules: OptOutRules) -> None:
    detection = rules.detect("唔好再搵我啦", AT, SHANGHAI)
    assert "唔好再搵我" in detection.excerpt


@pytest.mark.parametrize(
    "text",
    [
        "再打就给你差评",
        "你们要是再打，我就挂到网上",
        "你再打我电话试试",
        "你們打一次我投訴一次",
        "再聯絡我就去消基會申訴",
        "再来骚扰我，我就去黑猫投诉",
    ],
)
def test_threats_to_report_are_stops(rules: OptOutRules, text: str) -> None:
    assert rules.detect(text, AT, SHANGHAI).opt_out, text


@pytest.mark.parametrize(
    ("text", "scope"),
    [
        ("天天打电话烦不烦", "phone"),
        ("你們是不是有病，一直打", "phone"),
        ("说了不需要，还打", "phone"),
        ("天天發消息，有完沒完", "all"),
        ("短信一条接一条，烦不烦", "sms"),
        ("你们的广告太烦了", "all"),
    ],
)
def test_annoyance_at_the_contact_itself_is_a_stop(
    rules: OptOutRules, text: str, scope: str
) -> None:
    detection = rules.detect(text, AT, SHANGHAI)
    assert detection.opt_out and detection.scope == scope, (text, detection.rule_ids)


@pytest.mark.parametrize(
    "text",
    [
        "再不发货我就投诉",
        "你们再这样我就给差评",
        "快递员别打电话了，放门口就行",
        "別讓快遞員打電話，放管理室",
        "别人打电话骚扰我，跟你们没关系吧",
        "我没说不要打电话啊",
        "我没有拉黑你们啊",
        "退订单怎么操作",
        "唔好意思打擾",
        "好的不用再发了，我收到了",
        "打扰一下，问个问题",
        "晚上九点前打给我都行",
        "一直打不通你们电话，烦死了",
        "天天盼着快递，烦死了",
        "说了不需要发票，还是寄来了",
        "快递我拒收了",
        "不要打电话给快递，我自己去拿",
    ],
)
def test_false_friends_are_not_stops(rules: OptOutRules, text: str) -> None:
    detection = rules.detect(text, AT, SHANGHAI)
    assert not detection.opt_out, (text, detection.rule_ids)


def test_a_reported_stop_then_permission_is_an_opt_in(rules: OptOutRules) -> None:
    detection = rules.detect("之前说别打，现在可以打了", AT, SHANGHAI)
    assert detection.opt_in and not detection.opt_out


def _only_limit(rules: OptOutRules, text: str) -> Restriction:
    detection = rules.detect(text, AT, SHANGHAI)
    assert not detection.opt_out, (text, detection.rule_ids)
    (limit,) = detection.restrictions
    assert limit.excerpt
    return limit


@pytest.mark.parametrize(
    ("text", "window"),
    [
        ("中午别打，我在午休", (14 * 60, 12 * 60)),  # closed 12:00–14:00
        ("上班時間不方便接", (18 * 60, 9 * 60)),  # closed 09:00–18:00
        ("工作时间别打，18点后可以", (18 * 60, 9 * 60)),
        ("凌晨别打", (8 * 60, 22 * 60)),  # open 08:00–22:00
        ("下午3点后可以打", (15 * 60, None)),
        ("上午我在上课，下午再打", (12 * 60, None)),
        ("10点以后我就睡了，别打", (0, 22 * 60)),
        ("晚上九點以後不方便接電話", (0, 21 * 60)),
        ("最好是早上打，下午没空", (0, 12 * 60)),
        ("請於下午五點後聯絡", (17 * 60, None)),
        # a bare 十二点 is noon; 晚上十二点 is midnight (docs/contact-checks.md)
        ("十二点以后别打", (0, 12 * 60)),
        ("晚上十二点以后别打", (0, 24 * 60)),
    ],
)
def test_parts_of_the_day_are_hours_limits(
    rules: OptOutRules, text: str, window: tuple[int, int | None]
) -> None:
    limit = _only_limit(rules, text)
    assert limit.kind == "hours"
    assert (limit.allowed_from, limit.allowed_until) == window


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("平时别打，周末可以打", {6, 7}),
        ("平日別打，週末再打", {6, 7}),
        ("星期一到五不要打", {6, 7}),
        ("星期六日別聯絡我", {1, 2, 3, 4, 5}),
        ("假日才有空接電話", {6, 7}),
    ],
)
def test_weekdays_and_weekends(rules: OptOutRules, text: str, days: set[int]) -> None:
    limit = _only_limit(rules, text)
    assert (limit.kind, limit.days) == ("days", frozenset(days))


@pytest.mark.parametrize(
    ("text", "not_before"),
    [
        ("周三以后再联系", date(2026, 3, 4)),
        ("週三以後再聯絡", date(2026, 3, 4)),
        ("下周一再打吧", date(2026, 3, 9)),
        ("下周再打", date(2026, 3, 9)),
        ("下下周再说", date(2026, 3, 16)),
        ("月初再联系吧", date(2026, 4, 1)),
        ("下個禮拜再說，這週別打", date(2026, 3, 9)),
        ("下个月再打", date(2026, 4, 1)),
        ("月底前不要打电话", date(2026, 3, 31)),
        ("今天别打了，明天再说", date(2026, 3, 3)),
        ("5号之前别打", date(2026, 3, 5)),
        ("15號以後再聯絡我", date(2026, 3, 15)),
    ],
)
def test_dates_said_relative_to_the_message(
    rules: OptOutRules, text: str, not_before: date
) -> None:
    limit = _only_limit(rules, text)
    assert (limit.kind, limit.not_before) == ("date", not_before)


@pytest.mark.parametrize(
    ("text", "holiday"),
    [
        ("节假日不要打电话", None),
        ("假日不要打", None),
        ("過年期間不要打電話", "spring_festival"),
        ("国庆放假别打给我", "national_day"),
    ],
)
def test_holidays_are_limits(rules: OptOutRules, text: str, holiday: str | None) -> None:
    limit = _only_limit(rules, text)
    assert (limit.kind, limit.holiday) == ("holidays", holiday)


def test_rest_days_follow_the_official_calendar() -> None:
    assert is_rest_day(date(2026, 2, 17), "spring_festival")
    assert not is_rest_day(date(2026, 10, 2), "spring_festival")
    assert is_rest_day(date(2026, 10, 2), "national_day")
    assert is_rest_day(date(2026, 11, 28), None)  # a Saturday
    assert not is_rest_day(date(2026, 2, 14), None)  # a Saturday made a working day (调休)
    assert not is_rest_day(date(2026, 11, 24), None)  # a Tuesday
    # a year chinesecalendar does not know: the shipped provisional calendar file (2027), whose
    # holidays carry no names, so a named festival closes every holiday listed there
    assert is_rest_day(date(2027, 2, 8), None)  # a Monday of 春节 in rules/calendar/2027.toml
    assert is_rest_day(date(2027, 2, 8), "spring_festival")
    assert is_rest_day(date(2027, 10, 1), "spring_festival")
    assert not is_rest_day(date(2027, 2, 10), "spring_festival")  # a Wednesday after it
    # no file for the year: weekends only, and no festival guessed
    assert is_rest_day(date(2031, 11, 29), None)
    assert not is_rest_day(date(2031, 1, 23), "spring_festival")


@pytest.mark.parametrize(
    ("text", "scope"),
    [
        ("只用旺旺", "phone"),
        ("只接受文字訊息", "phone"),
        ("消息我会看，打电话我不接", "phone"),
        ("打电话不方便，发消息吧", "phone"),
        ("短信可以，電話不行", "call"),
        ("发短信，不要打电话", "call"),
        ("我上班不能接电话，有事发短信", "call"),
        ("打電話我不方便接，請留言", "phone"),
        ("短信我不看的，有事打电话", "sms"),
        ("有事站內信聯繫，電話不方便", "phone"),
    ],
)
def test_a_channel_named_is_a_channel_limit(rules: OptOutRules, text: str, scope: str) -> None:
    limit = _only_limit(rules, text)
    assert (limit.kind, limit.scope) == ("channel", scope)


@pytest.mark.parametrize(
    ("text", "scope"),
    [
        ("电话别打了，旺旺消息也别发了", "all"),
        ("電話不要打，簡訊也不要傳", "phone"),
        ("不方便接电话，也别发消息", "all"),
    ],
)
def test_refusing_the_other_channel_too_is_a_stop_not_a_channel_limit(
    rules: OptOutRules, text: str, scope: str
) -> None:
    detection = rules.detect(text, AT, SHANGHAI)
    assert detection.opt_out and detection.scope == scope, (text, detection.rule_ids)


def test_a_stop_of_one_channel_beside_a_welcome_one_stays_that_narrow(rules: OptOutRules) -> None:
    detection = rules.detect("电话联系就行，别发短信了", AT, SHANGHAI)
    assert detection.opt_out and detection.scope == "sms"


SCOPED = Path(__file__).parents[1] / "data" / "dev" / "buyer_scoped_channels.tsv"
SAID = datetime(2026, 11, 30, 10, 0, tzinfo=SHANGHAI)


def _scoped_examples() -> list[tuple[str, str, str, str]]:
    lines = [line for line in SCOPED.read_text(encoding="utf-8").splitlines() if line[:1] != "#"]
    return [
        (r["text"], r["channel"], r["at"], r["expected"])
        for r in csv.DictReader(lines, delimiter="\t")
    ]


@pytest.mark.parametrize(("text", "channel", "at", "expected"), _scoped_examples())
def test_a_channel_preference_said_with_a_time_holds_within_it(
    rules: OptOutRules, text: str, channel: str, at: str, expected: str
) -> None:
    detection = rules.detect(text, SAID, SHANGHAI)
    assert not detection.opt_out, text
    local = datetime.fromisoformat(at).replace(tzinfo=SHANGHAI)
    closing = [r for r in detection.restrictions if channel in SCOPES[r.scope]]
    closed = any(not r.allows(local) for r in closing)
    assert ("closed" if closed else "open") == expected, (text, channel, at)


def test_a_festival_channel_preference_is_one_festival_limit(rules: OptOutRules) -> None:
    detection = rules.detect("过年期间别给我打电话，有事旺旺留言", SAID, SHANGHAI)
    (limit,) = detection.restrictions
    assert (limit.kind, limit.scope, limit.holiday) == ("holidays", "phone", "spring_festival")
    assert {"restrict.holidays", "restrict.im_only"} <= set(detection.rule_ids)


def test_a_channel_refused_for_a_festival_keeps_the_other_phone_channel(
    rules: OptOutRules,
) -> None:
    (limit,) = rules.detect("国庆别打电话，发短信就行", SAID, SHANGHAI).restrictions
    assert (limit.kind, limit.scope, limit.holiday) == ("holidays", "call", "national_day")


def test_a_channel_preference_without_a_time_stays_a_channel_limit(rules: OptOutRules) -> None:
    (limit,) = rules.detect("电话不方便，发短信吧", SAID, SHANGHAI).restrictions
    assert (limit.kind, limit.scope) == ("channel", "call")
