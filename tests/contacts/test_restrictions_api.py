"""Limits a buyer sets, end to end through the real app and SQLite store: a message sets the
limit, calls inside it are allowed and outside it blocked with the buyer's words, in the
buyer's time zone; a later message replaces or lifts it; a blanket stop stays a stop."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from flask.testing import FlaskClient

from helper.contacts.retention import purge
from helper.services import Services


def said(client: FlaskClient, buyer: str, text: str, at: str) -> dict[str, Any]:
    reply = client.post("/v1/buyer-messages", json={"buyer": buyer, "text": text, "at": at})
    assert reply.status_code == 200, reply.get_json()
    return reply.get_json()


def check(client: FlaskClient, buyer: str, at: str, channel: str = "call") -> dict[str, Any]:
    body = {"buyer": buyer, "channel": channel, "at": at}
    reply = client.post("/v1/contacts/check", json=body)
    assert reply.status_code == 200, reply.get_json()
    return reply.get_json()


def rule_ids(verdict: dict[str, Any]) -> list[str]:
    return [reason["rule_id"] for reason in verdict["reasons"]]


def test_an_hours_limit_allows_before_and_blocks_from_the_time_said(client: FlaskClient) -> None:
    effect = said(client, "tb_hours", "晚上八点以后别打，白天可以", "2026-03-02T10:00")
    assert effect["opt_out"] is False
    assert [(r["kind"], r["allowed_until"]) for r in effect["restrictions"]] == [("hours", "20:00")]
    assert check(client, "tb_hours", "2026-03-02T19:59")["verdict"] == "allow"
    late = check(client, "tb_hours", "2026-03-02T20:00")
    assert late["verdict"] == "block"
    assert rule_ids(late) == ["contact.restricted.hours"]
    message = late["reasons"][0]["message"]
    assert "晚上八点以后别打" in message and "3月2日 10:00" in message
    # next morning: the limit opens at midnight, the quiet hours at 08:00
    assert late["next_allowed_at"] == "2026-03-03T00:00:00Z"


def test_nine_pm_edge(client: FlaskClient) -> None:
    said(client, "tb_nine", "晚上九点以后别打", "2026-03-02T10:00")
    assert check(client, "tb_nine", "2026-03-02T20:59")["verdict"] == "allow"
    at_nine = check(client, "tb_nine", "2026-03-02T21:00")
    assert at_nine["verdict"] == "block"
    assert "contact.restricted.hours" in rule_ids(at_nine)


def test_weekdays_only_in_the_buyers_time_zone(client: FlaskClient) -> None:
    zone = {"buyer": "tb_ny", "timezone": "America/New_York"}
    assert client.post("/v1/contacts/buyers", json=zone).status_code == 200
    said(client, "tb_ny", "周末不要打电话，工作日可以", "2026-03-02T10:00")
    friday = check(client, "tb_ny", "2026-03-06T19:00:00Z")  # Friday 14:00 in New York
    assert friday["verdict"] == "allow", friday
    # Saturday 08:00 in Beijing is still Friday 19:00 in New York
    assert check(client, "tb_ny", "2026-03-07T08:00")["verdict"] == "allow"
    saturday = check(client, "tb_ny", "2026-03-07T19:00:00Z")  # Saturday 14:00 in New York
    assert saturday["verdict"] == "block"
    assert rule_ids(saturday) == ["contact.restricted.days"]
    assert "周末不要打电话" in saturday["reasons"][0]["message"]
    assert "America/New_York" in saturday["reasons"][0]["message"]
    # allowed again on Monday 08:00 New York (midnight opens the day, quiet hours end at 8)
    assert saturday["next_allowed_at"] == "2026-03-09T12:00:00Z"


def test_a_later_limit_replaces_the_earlier_one_and_an_opt_in_lifts_it(
    client: FlaskClient,
) -> None:
    said(client, "tb_later", "周末不要打电话", "2026-03-02T10:00")
    assert check(client, "tb_later", "2026-03-07T16:00")["verdict"] == "block"  # Saturday
    said(client, "tb_later", "只能下午三点后打", "2026-03-03T10:00")
    assert check(client, "tb_later", "2026-03-07T16:00")["verdict"] == "allow"
    monday_morning = check(client, "tb_later", "2026-03-09T10:00")
    assert rule_ids(monday_morning) == ["contact.restricted.hours"]
    assert said(client, "tb_later", "现在可以打了", "2026-03-04T10:00")["opt_in"] is True
    assert check(client, "tb_later", "2026-03-09T10:00")["verdict"] == "allow"


def test_a_blanket_stop_stays_a_stop_after_a_limit(client: FlaskClient) -> None:
    assert said(client, "tb_stop", "别再打了", "2026-03-02T10:00")["opt_out"] is True
    said(client, "tb_stop", "晚上九点以后别打", "2026-03-02T11:00")
    afternoon = check(client, "tb_stop", "2026-03-02T14:00")
    assert afternoon["verdict"] == "block"
    assert rule_ids(afternoon) == ["contact.opted_out"]


def test_not_before_a_date(client: FlaskClient) -> None:
    effect = said(client, "tb_date", "5号之前别联系", "2026-03-02T10:00")
    assert effect["restrictions"][0]["not_before"] == "2026-03-05"
    blocked = check(client, "tb_date", "2026-03-04T14:00", channel="im")
    assert rule_ids(blocked) == ["contact.restricted.date"]
    assert check(client, "tb_date", "2026-03-05T10:00")["verdict"] == "allow"


def test_restricted_buyers_are_on_the_dashboard_card(client: FlaskClient) -> None:
    said(client, "tb_card", "只能工作日联系", "2026-03-02T10:00")
    buyers = client.get("/v1/contacts/recent").get_json()["buyers"]
    (entry,) = [b for b in buyers if b["restrictions"]]
    assert entry["buyer"]["masked"].startswith("t")
    assert entry["restrictions"][0]["excerpt"] == "只能工作日联系"
    assert entry["restrictions"][0]["days"] == ["mon", "tue", "wed", "thu", "fri"]


def test_a_limit_captured_late_does_not_undo_a_newer_one(client: FlaskClient) -> None:
    said(client, "tb_order", "只能下午三点后打", "2026-03-03T10:00")
    said(client, "tb_order", "周末不要打电话", "2026-03-02T10:00")  # older, read later
    assert check(client, "tb_order", "2026-03-07T16:00")["verdict"] == "allow"


def test_history_export_and_purge_keep_limits_in_force(
    client: FlaskClient, services: Services
) -> None:
    said(client, "tb_kept", "周末不要打电话", "2026-01-05T10:00")
    said(client, "tb_kept", "只能下午三点后打", "2026-01-06T10:00")  # replaces the first
    history = client.post("/v1/contacts/history", json={"buyer": "tb_kept"}).get_json()
    assert [(r["kind"], r["active"]) for r in history["restrictions"]] == [
        ("hours", True),
        ("days", False),
    ]
    assert history["restrictions"][1]["lifted_by"] == "restrict.hours_from"
    services.clock = lambda: datetime(2026, 6, 1, tzinfo=UTC)
    result = purge(services, retention_days=30)
    assert result.restrictions == 1  # the replaced limit; the one in force is kept
    assert result.export is not None
    exported = json.loads(result.export.read_text(encoding="utf-8"))
    assert [r["excerpt"] for r in exported["restrictions"]] == ["周末不要打电话"]
    after = client.post("/v1/contacts/history", json={"buyer": "tb_kept"}).get_json()
    assert [r["kind"] for r in after["restrictions"]] == ["hours"]
    monday_morning = check(client, "tb_kept", "2026-06-01T10:00")
    assert rule_ids(monday_morning) == ["contact.restricted.hours"]


def test_a_closed_stretch_blocks_inside_and_allows_around_it(client: FlaskClient) -> None:
    said(client, "tb_noon", "12点到2点别打，我午休", "2026-03-02T09:00")
    assert check(client, "tb_noon", "2026-03-02T11:59")["verdict"] == "allow"
    noon = check(client, "tb_noon", "2026-03-02T12:00")
    assert rule_ids(noon) == ["contact.restricted.hours"]
    assert noon["next_allowed_at"] == "2026-03-02T06:00:00Z"  # 14:00 in Beijing
    assert check(client, "tb_noon", "2026-03-02T13:59")["verdict"] == "block"
    assert check(client, "tb_noon", "2026-03-02T14:00")["verdict"] == "allow"


def test_a_festival_limit_blocks_that_festival_only(client: FlaskClient) -> None:
    effect = said(client, "tb_festival", "過年期間不要打電話", "2026-02-01T10:00")
    assert effect["opt_out"] is False
    assert [(r["kind"], r["holiday"]) for r in effect["restrictions"]] == [
        ("holidays", "spring_festival")
    ]
    assert check(client, "tb_festival", "2026-02-14T10:00")["verdict"] == "allow"  # 调休 Saturday
    festival = check(client, "tb_festival", "2026-02-17T10:00")
    assert rule_ids(festival) == ["contact.restricted.holidays"]
    assert "過年期間不要打電話" in festival["reasons"][0]["message"]
    # the break ends on the 23rd: the 24th opens (midnight), the quiet hours end at 08:00
    assert festival["next_allowed_at"] == "2026-02-24T00:00:00Z"
    assert check(client, "tb_festival", "2026-10-02T10:00")["verdict"] == "allow"  # National Day
    # a later limit replaces it
    said(client, "tb_festival", "晚上九点以后别打", "2026-02-02T10:00")
    assert check(client, "tb_festival", "2026-02-17T10:00")["verdict"] == "allow"


def test_rest_days_in_the_buyers_time_zone(client: FlaskClient) -> None:
    zone = {"buyer": "tb_rest", "timezone": "America/New_York"}
    assert client.post("/v1/contacts/buyers", json=zone).status_code == 200
    said(client, "tb_rest", "节假日不要打电话", "2026-11-20T10:00")
    # Friday 20:59 in New York (Saturday morning in Beijing): still Friday for the buyer
    friday = check(client, "tb_rest", "2026-11-28T01:59:00Z")
    assert friday["verdict"] == "allow", friday
    saturday = check(client, "tb_rest", "2026-11-28T15:00:00Z")  # Saturday 10:00 New York
    assert rule_ids(saturday) == ["contact.restricted.holidays"]
    # SMS is limited too (the phone), the platform chat is not
    assert check(client, "tb_rest", "2026-11-28T15:00:00Z", channel="im")["verdict"] == "allow"


def test_next_week_opens_on_the_buyers_monday(client: FlaskClient) -> None:
    effect = said(client, "tb_week", "这周别打了，下周再说", "2026-03-04T10:00")  # Wednesday
    assert effect["opt_out"] is False
    assert effect["restrictions"][0]["not_before"] == "2026-03-09"
    sunday = check(client, "tb_week", "2026-03-08T20:59")
    assert rule_ids(sunday) == ["contact.restricted.date"]
    # Monday 08:00 in Beijing: the date opens at midnight, the quiet hours end at 08:00
    assert sunday["next_allowed_at"] == "2026-03-09T00:00:00Z"
    assert check(client, "tb_week", "2026-03-09T10:00")["verdict"] == "allow"


def test_a_named_weekday_and_a_taiwan_buyers_words(client: FlaskClient) -> None:
    effect = said(client, "tb_tw", "週三以後再聯絡", "2026-03-02T10:00")  # Monday
    assert effect["restrictions"][0]["not_before"] == "2026-03-04"
    assert rule_ids(check(client, "tb_tw", "2026-03-03T20:59", channel="sms")) == [
        "contact.restricted.date"
    ]
    assert check(client, "tb_tw", "2026-03-04T10:00")["verdict"] == "allow"


def test_only_the_platform_chat_keeps_chat_open_and_closes_the_phone(client: FlaskClient) -> None:
    effect = said(client, "tb_im", "只用旺旺", "2026-03-02T10:00")
    assert [(r["kind"], r["scope"]) for r in effect["restrictions"]] == [("channel", "phone")]
    call = check(client, "tb_im", "2026-03-02T14:00")
    assert rule_ids(call) == ["contact.restricted.channel"]
    assert "只用旺旺" in call["reasons"][0]["message"]
    assert check(client, "tb_im", "2026-03-02T14:00", channel="im")["verdict"] == "allow"


def test_a_limit_then_a_blanket_stop_is_a_stop(client: FlaskClient) -> None:
    said(client, "tb_then", "工作时间别打，18点后可以", "2026-03-02T09:00")
    assert check(client, "tb_then", "2026-03-02T17:59")["verdict"] == "block"
    assert check(client, "tb_then", "2026-03-02T18:00")["verdict"] == "allow"
    assert said(client, "tb_then", "再打电话我就投诉你们", "2026-03-02T12:00")["opt_out"] is True
    evening = check(client, "tb_then", "2026-03-02T18:00")
    assert "contact.opted_out" in rule_ids(evening)


def test_a_channel_refused_for_a_festival_is_refused_during_it_only(client: FlaskClient) -> None:
    effect = said(client, "tb_scoped", "过年期间别给我打电话，有事旺旺留言", "2026-11-30T10:00")
    assert [(r["kind"], r["scope"], r["holiday"]) for r in effect["restrictions"]] == [
        ("holidays", "phone", "spring_festival")
    ]
    weekday = check(client, "tb_scoped", "2026-12-02T14:00")  # an ordinary Wednesday
    assert weekday["verdict"] == "allow", weekday
    festival = check(client, "tb_scoped", "2027-02-08T14:00")  # Spring Festival 2027
    assert festival["verdict"] == "block"
    assert rule_ids(festival) == ["contact.restricted.holidays"]
    message = festival["reasons"][0]["message"]
    assert "过年期间别给我打电话" in message and "以后可以" in message
    assert check(client, "tb_scoped", "2027-02-08T14:00", "im")["verdict"] == "allow"


def test_messages_on_weekdays_and_calls_at_the_weekend(client: FlaskClient) -> None:
    effect = said(client, "tb_weekdays", "平日請傳訊息，假日再打", "2026-11-30T10:00")
    assert [(r["kind"], r["scope"]) for r in effect["restrictions"]] == [("days", "call")]
    wednesday = check(client, "tb_weekdays", "2026-12-02T14:00")
    assert wednesday["verdict"] == "block"
    assert rule_ids(wednesday) == ["contact.restricted.days"]
    assert "平日請傳訊息，假日再打" in wednesday["reasons"][0]["message"]
    assert check(client, "tb_weekdays", "2026-12-02T14:00", "sms")["verdict"] == "allow"
    assert check(client, "tb_weekdays", "2026-12-05T14:00")["verdict"] == "allow"  # Saturday
