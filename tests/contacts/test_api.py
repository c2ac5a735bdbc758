"""The contact endpoints through the real app (``client``) and one real ``helper serve``."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from flask.testing import FlaskClient

from helper.services import Services
from tests.support.helper_process import HelperProcess

PHONE = "138-1234-5678"
NOW = datetime(2026, 3, 2, 6, 0, tzinfo=UTC)  # Monday 14:00 in Beijing


@pytest.fixture
def fixed_clock(services: Services) -> datetime:
    services.clock = lambda: NOW
    return NOW


def post(client: FlaskClient, path: str, body: object):  # type: ignore[no-untyped-def]
    return client.post(path, json=body)


def test_check_is_a_dry_run_with_masked_buyer(client: FlaskClient, fixed_clock: datetime) -> None:
    reply = post(client, "/v1/contacts/check", {"buyer": PHONE, "channel": "call"})
    assert reply.status_code == 200
    body = reply.get_json()
    assert body["verdict"] == "allow"
    assert body["reasons"] == [] and body["next_allowed_at"] is None
    assert body["buyer"] == {
        "masked": "138****5678",
        "kind": "phone",
        "timezone": "Asia/Shanghai",
        "identities": ["138****5678"],
    }
    assert body["at"] == "2026-03-02T06:00:00Z"
    history = post(client, "/v1/contacts/history", {"buyer": PHONE}).get_json()
    assert history["attempts"] == []


def test_check_at_a_planned_time(client: FlaskClient) -> None:
    reply = post(
        client,
        "/v1/contacts/check",
        {"buyer": "tb_buyer1", "channel": "sms", "at": "2026-03-02T21:00"},
    )
    body = reply.get_json()
    assert body["verdict"] == "block"
    assert body["reasons"][0]["rule_id"] == "contact.quiet_hours"
    assert body["reasons"][0]["blocking"] is True
    assert body["next_allowed_at"] == "2026-03-03T00:00:00Z"  # 08:00 Beijing
    assert body["buyer"]["masked"] == "t**1"


def test_attempts_record_reserve_and_409(
    client: FlaskClient, fixed_clock: datetime, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HELPER_AGENT", "客服小王")
    first = post(
        client,
        "/v1/contacts/attempts",
        {
            "buyer": PHONE,
            "channel": "call",
            "outcome": "unanswered",
            "at": "2026-03-02T10:00+08:00",
        },
    )
    assert first.status_code == 200
    attempt = first.get_json()["attempt"]
    assert attempt["outcome"] == "unanswered" and attempt["source"] == "api"
    assert attempt["agent"] == "客服小王" and attempt["verdict"] == "allow"
    assert attempt["buyer"] == {"masked": "138****5678", "kind": "phone"}

    blocked = post(
        client,
        "/v1/contacts/attempts",
        {"buyer": "+86 13812345678", "channel": "call", "at": "2026-03-02T11:59", "reserve": True},
    )
    assert blocked.status_code == 409
    body = blocked.get_json()
    assert body["error"]["code"] == "contact_blocked"
    assert body["verdict"] == "block"
    assert body["reasons"][0]["rule_id"] == "contact.redial_cooldown"
    assert body["next_allowed_at"] == "2026-03-02T04:00:00Z"

    # Without reserve the attempt is logged anyway, with the verdict it had.
    logged = post(
        client,
        "/v1/contacts/attempts",
        {"buyer": PHONE, "channel": "call", "at": "2026-03-02T11:59"},
    )
    assert logged.status_code == 200
    assert logged.get_json()["attempt"]["verdict"] == "block"
    assert logged.get_json()["attempt"]["rule_ids"] == ["contact.redial_cooldown"]

    reserved = post(
        client,
        "/v1/contacts/attempts",
        {"buyer": PHONE, "channel": "sms", "at": "2026-03-02T12:00", "reserve": True},
    )
    assert reserved.status_code == 200
    attempt_id = reserved.get_json()["attempt"]["id"]
    assert reserved.get_json()["attempt"]["outcome"] is None

    outcome = post(client, f"/v1/contacts/attempts/{attempt_id}/outcome", {"outcome": "sent"})
    assert outcome.status_code == 200
    assert outcome.get_json()["attempt"]["outcome"] == "sent"

    history = post(client, "/v1/contacts/history", {"buyer": PHONE}).get_json()
    assert [a["channel"] for a in history["attempts"]] == ["sms", "call", "call"]
    assert "13812345678" not in str(history) and "5678" in history["buyer"]["masked"]


def test_outcome_errors(client: FlaskClient) -> None:
    created = post(
        client,
        "/v1/contacts/attempts",
        {"buyer": "nick_a", "channel": "sms", "at": "2026-03-02T10:00"},
    )
    attempt_id = created.get_json()["attempt"]["id"]
    wrong = post(client, f"/v1/contacts/attempts/{attempt_id}/outcome", {"outcome": "answered"})
    assert wrong.status_code == 422 and wrong.get_json()["field"] == "outcome"
    for missing_id in ("9999", "99999999999999999999999"):
        missing = post(client, f"/v1/contacts/attempts/{missing_id}/outcome", {"outcome": "sent"})
        assert missing.status_code == 404
    unknown = post(client, f"/v1/contacts/attempts/{attempt_id}/outcome", {"outcome": "maybe"})
    assert unknown.status_code == 422


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/v1/contacts/check", {"buyer": "nick", "channel": "fax"}, "channel"),
        ("/v1/contacts/check", {"buyer": "nick", "channel": "call", "at": "tomorrow 9am"}, "at"),
        ("/v1/contacts/check", {"buyer": "nick", "channel": "call", "at": 1700000000}, "at"),
        (
            "/v1/contacts/check",
            {"buyer": "nick", "channel": "call", "at": "0001-01-01T00:00"},
            "at",
        ),
        (
            "/v1/contacts/attempts",
            {"buyer": "nick", "channel": "call", "at": "9999-12-31T23:59Z"},
            "at",
        ),
        ("/v1/buyer-messages", {"buyer": "nick", "text": "hi", "at": "0001-01-01T00:00Z"}, "at"),
        ("/v1/contacts/check", {"buyer": "", "channel": "call"}, "buyer"),
        ("/v1/contacts/check", {"buyer": "   ", "channel": "call"}, "buyer"),
        ("/v1/contacts/check", {"channel": "call"}, "buyer"),
        (
            "/v1/contacts/check",
            {"buyer": "nick", "channel": "call", "platform": "ebay"},
            "platform",
        ),
        (
            "/v1/contacts/attempts",
            {"buyer": "nick", "channel": "sms", "outcome": "answered"},
            "outcome",
        ),
        (
            "/v1/contacts/attempts",
            {"buyer": "nick", "channel": "call", "reserve": "yes"},
            "reserve",
        ),
        ("/v1/contacts/attempts", {"buyer": "", "channel": "call"}, "buyer"),
        ("/v1/contacts/history", {"buyer": ""}, "buyer"),
        ("/v1/buyer-messages", {"buyer": "", "text": "别打了"}, "buyer"),
        ("/v1/buyer-messages", {"buyer": "nick", "text": "别打了", "at": "2026-13-01"}, "at"),
        ("/v1/contacts/buyers", {"buyer": "nick", "timezone": "Mars/Olympus"}, "timezone"),
    ],
)
def test_bad_input_gets_a_clear_422_and_records_nothing(
    client: FlaskClient, path: str, body: dict[str, object], field: str
) -> None:
    reply = post(client, path, body)
    assert reply.status_code == 422, reply.get_json()
    assert reply.get_json()["field"] == field
    assert reply.get_json()["error"]["message"].startswith(field)
    assert post(client, "/v1/contacts/history", {"buyer": "nick"}).get_json()["attempts"] == []


def test_non_json_and_no_token_are_refused(client: FlaskClient) -> None:
    assert (
        client.post("/v1/contacts/check", data="buyer=x", content_type="text/plain").status_code
        == 415
    )
    assert (
        client.post("/v1/contacts/check", data="{", content_type="application/json").status_code
        == 400
    )
    reply = client.post(
        "/v1/contacts/check", json={"buyer": "x", "channel": "call"}, headers={"Authorization": ""}
    )
    assert reply.status_code == 401
    assert client.get("/v1/contacts/recent", headers={"Authorization": ""}).status_code == 401


def test_buyer_messages_opt_out_then_reversal(client: FlaskClient) -> None:
    stop = post(
        client,
        "/v1/buyer-messages",
        {"buyer": PHONE, "text": "不要再聯繫我", "at": "2026-03-02T09:00"},
    )
    assert stop.status_code == 200
    assert stop.get_json() | {"rule_ids": []} == {
        "opt_out": True,
        "opt_in": False,
        "callback_after": None,
        "scope": "all",
        "rule_ids": [],
        "duplicate": False,
        "restrictions": [],
    }
    check = {"buyer": PHONE, "channel": "call", "at": "2026-03-02T10:00"}
    blocked = post(client, "/v1/contacts/check", check).get_json()
    assert blocked["verdict"] == "block" and blocked["next_allowed_at"] is None
    assert blocked["reasons"][0]["rule_id"] == "contact.opted_out"
    assert "不要再聯繫我" in blocked["reasons"][0]["message"]  # the buyer's words as written

    again = post(
        client,
        "/v1/buyer-messages",
        {"buyer": PHONE, "text": "不要再聯繫我", "at": "2026-03-02T09:00"},
    )
    assert again.get_json()["duplicate"] is True

    back = post(
        client,
        "/v1/buyer-messages",
        {"buyer": PHONE, "text": "请给我回个电话", "at": "2026-03-02T09:30"},
    )
    assert back.get_json()["opt_in"] is True
    assert post(client, "/v1/contacts/check", check).get_json()["verdict"] == "allow"
    history = post(client, "/v1/contacts/history", {"buyer": PHONE}).get_json()
    assert history["opt_outs"][0]["active"] is False
    assert history["opt_outs"][0]["reversed_by"] == "optin.call_me"


def test_callback_later_from_a_message(client: FlaskClient) -> None:
    effect = post(
        client,
        "/v1/buyer-messages",
        {"buyer": "tb_late", "text": "现在不方便，晚点打", "at": "2026-03-02T14:00"},
    )
    assert effect.get_json()["opt_out"] is False
    assert effect.get_json()["callback_after"] == "2026-03-02T07:00:00Z"
    soon = post(
        client,
        "/v1/contacts/check",
        {"buyer": "tb_late", "channel": "call", "at": "2026-03-02T14:30"},
    )
    assert soon.get_json()["verdict"] == "warn"
    assert soon.get_json()["reasons"][0]["rule_id"] == "contact.callback_later"


def test_buyer_time_zone_and_link(client: FlaskClient) -> None:
    set_zone = post(
        client, "/v1/contacts/buyers", {"buyer": "intl_buyer", "timezone": "America/New_York"}
    )
    assert set_zone.status_code == 200
    assert set_zone.get_json()["buyer"]["timezone"] == "America/New_York"
    # 15:00 in Beijing is 02:00 in New York.
    night = post(
        client,
        "/v1/contacts/check",
        {"buyer": "intl_buyer", "channel": "call", "at": "2026-03-02T15:00"},
    )
    assert night.get_json()["verdict"] == "block"

    post(
        client,
        "/v1/contacts/attempts",
        {
            "buyer": "+1 212 555 0100",
            "channel": "call",
            "outcome": "unanswered",
            "at": "2026-03-02T23:00",
        },
    )
    linked = post(client, "/v1/contacts/buyers", {"buyer": "intl_buyer", "link": "+1 212 555 0100"})
    assert linked.get_json()["buyer"]["identities"] == ["i**r", "121****0100"]
    # The phone's unanswered call now counts for the nick: cool-down.
    after = post(
        client,
        "/v1/contacts/check",
        {"buyer": "intl_buyer", "channel": "call", "at": "2026-03-02T23:30"},
    )
    assert [r["rule_id"] for r in after.get_json()["reasons"]] == ["contact.redial_cooldown"]
    neither = post(client, "/v1/contacts/buyers", {"buyer": "intl_buyer"})
    assert neither.status_code == 422


def test_recent_for_the_dashboard(client: FlaskClient, fixed_clock: datetime) -> None:
    for at, outcome in (("2026-03-02T09:00", "answered"), ("2026-03-02T10:00", "unanswered")):
        post(
            client,
            "/v1/contacts/attempts",
            {"buyer": PHONE, "channel": "call", "outcome": outcome, "at": at},
        )
    post(
        client,
        "/v1/contacts/attempts",
        {"buyer": PHONE, "channel": "sms", "outcome": "sent", "at": "2026-02-27T10:00"},
    )
    post(
        client,
        "/v1/contacts/attempts",
        {"buyer": "old_buyer", "channel": "sms", "at": "2026-02-20T10:00"},
    )
    post(
        client,
        "/v1/buyer-messages",
        {"buyer": "tb_other", "text": "有事旺旺说", "at": "2026-03-02T08:00"},
    )
    post(
        client,
        "/v1/contacts/attempts",
        {"buyer": "tb_other", "channel": "im", "outcome": "sent", "at": "2026-03-02T08:05"},
    )

    reply = client.get("/v1/contacts/recent")
    assert reply.status_code == 200
    buyers = reply.get_json()["buyers"]
    assert [b["buyer"]["masked"] for b in buyers] == ["138****5678", "t**r"]
    caps = {c["rule_id"]: (c["count"], c["limit"]) for c in buyers[0]["caps"]}
    assert caps == {
        "contact.unanswered_calls": (1, 2),
        "contact.connected_calls": (1, 3),
        "contact.sms": (0, 3),
        "contact.weekly_total": (3, 7),
    }
    assert buyers[0]["last_attempt"]["outcome"] == "unanswered"
    assert buyers[0]["opted_out"] is False
    # 有事旺旺说 limits the channel: a restriction shown with the buyer's words, not a stop
    assert buyers[1]["opted_out"] is False
    assert [(r["kind"], r["scope"], r["excerpt"]) for r in buyers[1]["restrictions"]] == [
        ("channel", "phone", "有事旺旺说")
    ]
    assert client.get("/v1/contacts/recent?limit=abc").status_code == 422
    assert client.get("/v1/contacts/recent?platform=nowhere").status_code == 422


def test_every_contact_route_is_in_the_openapi_document(client: FlaskClient) -> None:
    paths = client.get("/v1/openapi.json").get_json()["paths"]
    for path in (
        "/v1/contacts/check",
        "/v1/contacts/attempts",
        "/v1/contacts/attempts/{attempt_id}/outcome",
        "/v1/contacts/history",
        "/v1/contacts/recent",
        "/v1/contacts/buyers",
        "/v1/buyer-messages",
    ):
        assert path in paths, path


def test_reserve_over_real_http(served: HelperProcess) -> None:
    body = {
        "buyer": "tb_http",
        "channel": "call",
        "outcome": "answered",
        "at": "2026-03-02T10:00",
        "reserve": True,
    }
    statuses = [served.api.post("/v1/contacts/attempts", body).status for _ in range(4)]
    assert statuses == [200, 200, 200, 409]
    refused = served.api.post("/v1/contacts/attempts", body)
    assert refused.json["reasons"][0]["rule_id"] == "contact.connected_calls"
    assert refused.json["next_allowed_at"] == "2026-03-03T00:00:00Z"
    bad = served.api.post("/v1/contacts/check", {"buyer": "tb_http", "channel": "pigeon"})
    assert bad.status == 422 and bad.json["field"] == "channel"
    effect = served.api.post("/v1/buyer-messages", {"buyer": "tb_http", "text": "別再打了"})
    assert effect.status == 200 and effect.json["opt_out"] is True


def test_open_harassment_complaint_from_the_complaints_feature(client: FlaskClient) -> None:
    """A complaint filed through /v1/complaints blocks calls to that buyer (by nick and by
    the linked phone) until it is decided; IM stays open with a reminder."""
    post(client, "/v1/contacts/buyers", {"buyer": "tb_complainer", "link": PHONE})
    filed = post(
        client,
        "/v1/complaints",
        {"type": "惡意騷擾", "buyer": "tb_complainer", "received_at": "2026-03-01T10:00"},
    )
    assert filed.status_code in (200, 201), filed.get_json()
    complaint_id = filed.get_json()["complaint"]["id"]
    check = {"buyer": PHONE, "channel": "call", "at": "2026-03-02T10:00"}
    blocked = post(client, "/v1/contacts/check", check).get_json()
    assert blocked["verdict"] == "block"
    assert [r["rule_id"] for r in blocked["reasons"]] == ["contact.harassment_complaint"]
    im = post(client, "/v1/contacts/check", {**check, "channel": "im"}).get_json()
    assert im["verdict"] == "warn"

    status = post(client, f"/v1/complaints/{complaint_id}/status", {"status": "evidence_submitted"})
    assert status.status_code == 200
    assert post(client, "/v1/contacts/check", check).get_json()["verdict"] == "block"
    post(client, f"/v1/complaints/{complaint_id}/status", {"status": "decided"})
    assert post(client, "/v1/contacts/check", check).get_json()["verdict"] == "allow"


def test_parcel_note_checked_with_the_message_rules(client: FlaskClient) -> None:
    base = {"buyer": "tb_parcel", "channel": "parcel", "at": "2026-03-02T10:00"}
    plain = post(client, "/v1/contacts/check", {**base, "note": "谢谢惠顾，欢迎再来"}).get_json()
    assert plain["verdict"] == "warn"
    assert [r["rule_id"] for r in plain["reasons"]] == ["contact.parcel"]
    bad = post(client, "/v1/contacts/check", {**base, "note": "包裹里放了壽衣"}).get_json()
    assert bad["verdict"] == "block"
    note_reason = next(r for r in bad["reasons"] if r["rule_id"] == "contact.parcel.note")
    assert note_reason["blocking"] and "mailing.funeral" in note_reason["message"]
    refused = post(client, "/v1/contacts/attempts", {**base, "note": "寄花圈给你", "reserve": True})
    assert refused.status_code == 409
