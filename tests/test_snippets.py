"""Page snippets: every fixture page gives the expected records; bad input never gives 500."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helper.services import Services

PAGES = Path(__file__).parent / "fixtures" / "pages"
CAPTURED = "2026-11-22T09:30:00+08:00"
LIST_URL = "https://healthcenter.taobao.com/home/violation_list.htm"
DETAIL_URL = "https://healthcenter.taobao.com/home/violation_detail.htm?id=T9876543210"


@pytest.fixture(autouse=True)
def fixed_clock(services: Services) -> None:
    services.clock = lambda: datetime(2026, 11, 22, 1, 30, tzinfo=UTC)


def send(client: FlaskClient, url: str, page: str | None = None, html: str | None = None):
    body = {"url": url, "html": html if html is not None else (PAGES / page).read_text("utf-8")}
    body["captured_at"] = CAPTURED
    return client.post("/v1/snippets", json=body)


def complaints_of(reply) -> list[dict]:  # type: ignore[no-untyped-def]
    assert reply.status_code == 200, reply.get_json()
    return [r["complaint"] for r in reply.get_json()["recognized"] if r["kind"] == "complaint"]


def test_violation_list_gives_both_cases_with_deadlines(client: FlaskClient) -> None:
    first, second = complaints_of(send(client, LIST_URL, "healthcenter_list.html"))
    assert first["case_id"] == "V202611200001" and first["type"] == "harassment"
    assert first["buyer"] == {"masked": "t**1"} and first["order_id"] == "3812345678901234"
    assert first["status"] == "open"
    assert first["received_at"] == "2026-11-20T02:15:00+00:00"
    assert first["evidence_due_at"] == "2026-11-23T02:15:00+00:00"  # stated on the page
    assert first["evidence_due_source"] == "page"
    assert first["decision_expected_from"] == "2026-11-26T02:15:00+00:00"
    assert first["decision_expected_by"] == "2026-11-30T02:15:00+00:00"
    assert second["case_id"] == "V202611180007" and second["type"] == "fake_shipping"
    assert second["status"] == "evidence_submitted"
    assert second["evidence_due_at"] == "2026-11-21T01:00:00+00:00"  # received + 3 days
    # Evidence seen submitted when the page was captured (Sun 11-22): Mon..Wed / Fri.
    assert second["decision_expected_from"] == "2026-11-25T01:30:00+00:00"
    assert second["decision_expected_by"] == "2026-11-27T01:30:00+00:00"


def test_traditional_detail_page_with_countdown_deadline(client: FlaskClient) -> None:
    reply = send(client, DETAIL_URL, "healthcenter_detail_traditional.html")
    (complaint,) = complaints_of(reply)
    assert complaint["case_id"] == "T9876543210" and complaint["type"] == "harassment"
    assert complaint["status"] == "open" and complaint["order_id"] == "3899988877766655"
    assert complaint["buyer"] == {"masked": "t**明"}
    assert complaint["received_at"] == "2026-11-21T06:30:00+00:00"
    # 剩餘 2天5小時 from the capture time (11-22 09:30 Shanghai).
    assert complaint["evidence_due_at"] == "2026-11-24T06:30:00+00:00"
    assert complaint["decision_expected_from"] == "2026-11-27T06:30:00+00:00"
    assert complaint["decision_expected_by"] == "2026-12-01T06:30:00+00:00"
    (action,) = reply.get_json()["actions"]
    assert action["action"] == "complaint_created" and "4 个举证提醒" in action["message"]


def test_seeing_a_complaint_again_updates_it(client: FlaskClient) -> None:
    (first,) = complaints_of(send(client, DETAIL_URL, "healthcenter_detail_traditional.html"))
    submitted = (PAGES / "healthcenter_detail_traditional.html").read_text("utf-8")
    submitted = submitted.replace('<span class="st_4">待舉證</span>', "已舉證")
    submitted = submitted.replace('<button class="btn_x">待舉證</button>', "")
    reply = send(client, DETAIL_URL, html=submitted)
    (again,) = complaints_of(reply)
    assert again["id"] == first["id"] and again["status"] == "evidence_submitted"
    assert reply.get_json()["actions"][0]["action"] == "complaint_updated"
    # An old capture showing 待举证 does not reopen it.
    (old,) = complaints_of(send(client, DETAIL_URL, "healthcenter_detail_traditional.html"))
    assert old["status"] == "evidence_submitted"
    assert len(client.get("/v1/complaints").get_json()["complaints"]) == 1


def test_a_harassment_complaint_from_a_page_reaches_the_contact_checks(
    client: FlaskClient,
) -> None:
    send(client, LIST_URL, "healthcenter_list.html")
    check = client.post("/v1/contacts/check", json={"buyer": "tb_buyer01", "channel": "call"})
    reasons = check.get_json()["reasons"]
    assert any("投诉" in reason["message"] for reason in reasons), reasons


def test_chat_history_gives_only_the_buyers_messages(client: FlaskClient) -> None:
    reply = send(
        client,
        "https://myseller.taobao.com/home.htm/qn-chat-record/x",
        "myseller_chat_history.html",
    )
    assert reply.status_code == 200
    found = reply.get_json()["recognized"]
    assert [r["kind"] for r in found] == ["buyer_message", "buyer_message"]
    assert [r["at"] for r in found] == ["2026-11-21T12:01:05+00:00", "2026-11-21T12:03:00+00:00"]
    assert {r["buyer"]["masked"] for r in found} == {"t**1"}
    assert "不要再联系我" not in reply.get_data(as_text=True)  # message text is not echoed
    # Fed to opt-out detection: both messages ask the shop to stop.
    assert [r["effect"]["opt_out"] for r in found] == [True, True]
    assert [a["action"] for a in reply.get_json()["actions"]] == ["opt_out_recorded"] * 2
    again = send(
        client,
        "https://myseller.taobao.com/home.htm/qn-chat-record/x",
        "myseller_chat_history.html",
    ).get_json()
    assert [r["effect"]["duplicate"] for r in again["recognized"]] == [True, True]
    assert again["actions"] == []
    check = client.post("/v1/contacts/check", json={"buyer": "tb_buyer01", "channel": "call"})
    assert check.get_json()["verdict"] == "block"


def test_1688_chat_in_traditional(client: FlaskClient) -> None:
    reply = send(client, "https://air.1688.com/app/im/index.html", "air1688_chat_traditional.html")
    (message,) = reply.get_json()["recognized"]
    assert message["kind"] == "buyer_message" and message["buyer"]["masked"] == "深**易"
    assert message["effect"]["opt_out"] is True  # 請不要再打電話給我
    assert message["at"] == "2026-11-21T02:00:00+00:00"  # "11-21 10:00": the year is implied
    assert reply.get_json()["profile"] == {"id": "1688.chat", "platform": "1688"}


def test_order_page_gives_buyer_order_and_complaint_window(client: FlaskClient) -> None:
    url = "https://trade.taobao.com/trade/detail/trade_item_detail.htm?bizOrderId=3812345678901234"
    reply = send(client, url, "taobao_order_detail.html")
    (found,) = reply.get_json()["recognized"]
    order = found["order"]
    assert order["order_id"] == "3812345678901234" and order["buyer"] == {"masked": "t**1"}
    assert order["settled_at"] == "2026-11-15T00:30:00+00:00"
    assert order["complaint_window_ends_at"] == "2026-11-30T00:30:00+00:00"  # +15 days
    assert order["complaint_window_open"] is True


def test_a_refund_after_the_trade_moves_the_complaint_window(client: FlaskClient) -> None:
    page = (PAGES / "taobao_order_detail.html").read_text("utf-8")
    refunded = page.replace(
        "</ul>", "<li><label>退款成功时间</label><em>2026-11-18 16:00:00</em></li></ul>"
    )
    url = "https://trade.taobao.com/trade/detail/trade_item_detail.htm?bizOrderId=3812345678901234"
    (found,) = send(client, url, html=refunded).get_json()["recognized"]
    assert found["order"]["complaint_window_ends_at"] == "2026-12-03T08:00:00+00:00"


def test_unknown_page_is_not_an_error(client: FlaskClient) -> None:
    reply = send(client, "https://www.example.com/", html="<p>投诉编号：1</p>")
    assert reply.status_code == 200
    assert reply.get_json() == {"profile": None, "recognized": [], "actions": []}


def test_truncated_html_gives_what_can_be_read(client: FlaskClient) -> None:
    page = (PAGES / "healthcenter_list.html").read_text("utf-8")
    cut = page[: page.index("V202611180007") - 20]
    (only,) = complaints_of(send(client, LIST_URL, html=cut))
    assert only["case_id"] == "V202611200001"


@pytest.mark.parametrize(
    "html",
    ["", "<<<>>>", "<table><tr><th>违规编号<td>", "投诉编号：", "\x00\ufffd<div", "<p>" * 200],
)
def test_malformed_snippets_parse_partially(client: FlaskClient, html: str) -> None:
    reply = send(client, LIST_URL, html=html)
    assert reply.status_code == 200
    assert reply.get_json()["recognized"] == []


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    html=st.lists(
        st.sampled_from(
            [
                "<table>",
                "<tr>",
                "<th>",
                "<td>",
                "</td>",
                "<dl>",
                "<dt>",
                "<dd>",
                "<",
                ">",
                "：",
                "违规编号",
                "投訴類型",
                "惡意騷擾",
                "待举证",
                "订单号",
                "买家",
                "举证截止",
                "剩余",
                "2026-11-20 10:15",
                "2026-13-45 99:99",
                "V1",
                "3812345678901234",
                "\x00",
                "&#0;",
                "<!--",
                "<script>",
                "</",
                " ",
            ]
        ),
        max_size=60,
    ).map("".join)
)
def test_random_markup_never_gives_a_server_error(client: FlaskClient, html: str) -> None:
    for url in (LIST_URL, "https://trade.taobao.com/trade/detail/x", "https://air.1688.com/"):
        reply = send(client, url, html=html)
        assert reply.status_code == 200, reply.get_json()


def test_huge_and_malformed_requests_get_clear_4xx(client: FlaskClient, services: Services) -> None:
    limit = services.settings.snippets.max_html_chars
    reply = client.post("/v1/snippets", json={"url": LIST_URL, "html": "<p>" * (limit // 3 + 1)})
    assert reply.status_code == 413 and reply.get_json()["error"]["code"] == "too_large"
    assert client.post("/v1/snippets", json={"url": LIST_URL}).status_code == 422
    assert client.post("/v1/snippets", json={"url": LIST_URL, "html": 5}).status_code == 422
    assert client.post("/v1/snippets", json={"html": "<p>"}).status_code == 422
    bad_time = {"url": LIST_URL, "html": "<p>", "captured_at": "soon"}
    assert client.post("/v1/snippets", json=bad_time).status_code == 422
    assert client.post("/v1/snippets", data="{", content_type="application/json").status_code == 400


def test_a_large_page_within_the_limit_still_parses(client: FlaskClient) -> None:
    page = (PAGES / "healthcenter_list.html").read_text("utf-8")
    padding = "<div class='x'>" + "无关内容 " * 20000 + "</div>"
    (first, _second) = complaints_of(send(client, LIST_URL, html=padding + page))
    assert first["case_id"] == "V202611200001"


@pytest.mark.parametrize(
    ("url", "profile_id"),
    [
        ("https://air.1688.com/app/ocms/index.html#/", "1688.chat"),
        ("https://myseller.taobao.com/home.htm/qn-chat-record/history", "taobao.myseller.chat"),
        ("https://qn.taobao.com/home.htm/app-customer-chat/", "taobao.myseller.chat"),
        ("https://healthcenter.taobao.com/home/violation_list.htm", "taobao.healthcenter"),
        ("https://trade.taobao.com/trade/detail/trade_item_detail.htm?x=1", "taobao.order"),
        ("https://www.example.com/", None),
        ("chrome://extensions", None),
        ("not a url", None),
    ],
)
def test_sites_match(client: FlaskClient, url: str, profile_id: str | None) -> None:
    reply = client.post("/v1/sites/match", json={"url": url})
    assert reply.status_code == 200
    profile = reply.get_json()["profile"]
    assert (profile["id"] if profile else None) == profile_id
    if profile:
        assert set(profile) == {
            "id",
            "platform",
            "page_kinds",
            "editor_selectors",
            "send_button_selectors",
            "send_button_texts",
            "call_button_selectors",
            "buyer_selectors",
            "snippet_selectors",
        }


def test_1688_profile_guards_the_contenteditable_pre(client: FlaskClient) -> None:
    profile = client.post("/v1/sites/match", json={"url": "https://air.1688.com/x"}).get_json()
    assert "pre[contenteditable='true']" in profile["profile"]["editor_selectors"]


ORDER_URL = "https://trade.taobao.com/trade/detail/trade_item_detail.htm?bizOrderId={}"


def seed_order(
    client: FlaskClient, order_id: str, buyer: str, settled: str | None, status: str = "交易成功"
) -> None:
    """Post the order fixture page as another order; ``settled`` is Beijing time, or None
    for a trade that has not finished."""
    page = (PAGES / "taobao_order_detail.html").read_text("utf-8")
    page = page.replace("3812345678901234", order_id).replace("tb_buyer01", buyer)
    page = page.replace("<em>交易成功</em>", f"<em>{status}</em>")
    success = "<li><label>交易成功时间</label><em>2026-11-15 08:30:00</em></li>"
    page = page.replace(success, success.replace("2026-11-15 08:30:00", settled) if settled else "")
    reply = send(client, ORDER_URL.format(order_id), html=page)
    assert reply.status_code == 200, reply.get_json()
    assert reply.get_json()["recognized"][0]["order"]["order_id"] == order_id


def recent(client: FlaskClient, **query: str) -> list[dict]:
    reply = client.get("/v1/orders/recent", query_string=query)
    assert reply.status_code == 200, reply.get_json()
    return reply.get_json()["orders"]


def test_recent_orders_list_open_windows_soonest_first_then_recently_closed(
    client: FlaskClient,
) -> None:
    seed_order(client, "1000000000000001", "tb_late01", "2026-11-20 10:00:00")
    seed_order(client, "1000000000000002", "tb_oldest1", "2026-10-01 10:00:00")
    send(client, ORDER_URL.format("3812345678901234"), "taobao_order_detail.html")
    seed_order(client, "1000000000000003", "tb_closed1", "2026-10-20 10:00:00")
    seed_order(client, "1000000000000004", "tb_waiting", None, status="卖家已发货")
    listed = recent(client)
    assert [o["order_id"] for o in listed] == [
        "3812345678901234",  # ends 11-30 08:30: open, soonest
        "1000000000000001",  # ends 12-05 10:00: open
        "1000000000000003",  # ended 11-04: closed most recently
        "1000000000000002",  # ended 10-16
    ]  # the unfinished trade has no window yet
    assert listed[0] == {
        "platform": "taobao",
        "order_id": "3812345678901234",
        "buyer_masked": "t**1",
        "trade_status": "交易成功",
        "complaint_window_ends_at": "2026-11-30T00:30:00+00:00",
        "window_open": True,
        "days_left": 8,  # 7 days 23 hours from 2026-11-22 09:30, rounded up
    }
    assert listed[1]["days_left"] == 14 and listed[1]["window_open"] is True
    assert listed[2]["window_open"] is False and listed[2]["days_left"] is None
    assert listed[2]["complaint_window_ends_at"] == "2026-11-04T02:00:00+00:00"
    text = client.get("/v1/orders/recent").get_data(as_text=True)
    for nick in ("tb_buyer01", "tb_late01", "tb_oldest1", "tb_closed1"):
        assert nick not in text, "buyer nicks are shown masked only"
    assert [o["order_id"] for o in recent(client, limit="3")][-1] == "1000000000000003"
    assert [o["order_id"] for o in recent(client, limit="1")] == ["3812345678901234"]


def test_days_left_count_down_with_the_clock_until_the_window_closes(
    client: FlaskClient, services: Services
) -> None:
    send(client, ORDER_URL.format("3812345678901234"), "taobao_order_detail.html")
    services.clock = lambda: datetime(2026, 11, 29, 1, 0, tzinfo=UTC)  # 23.5 h before the end
    (order,) = recent(client)
    assert order["window_open"] is True and order["days_left"] == 1
    services.clock = lambda: datetime(2026, 11, 30, 0, 30, tzinfo=UTC)  # the very end
    (order,) = recent(client)
    assert order["window_open"] is False and order["days_left"] is None


def test_recent_orders_need_the_token(client: FlaskClient) -> None:
    reply = client.get("/v1/orders/recent", headers={"Authorization": ""})
    assert reply.status_code == 401


@pytest.mark.parametrize(
    ("html", "words"),
    [
        ("<a>" * 333333, "标签过多"),  # under the size limit: 4 s of parsing without bounds
        ("<div>" * 300 + "订单号：3812345678901234", "嵌套过深"),
        ("<span><b>" * 200, "嵌套过深"),
        ("<p>" * 5000, "嵌套过深"),  # html.parser never closes a <p> by itself: 5,000 deep
    ],
)
def test_hostile_markup_is_refused_before_parsing(
    client: FlaskClient, html: str, words: str
) -> None:
    reply = send(client, LIST_URL, html=html)
    assert reply.status_code == 422, reply.get_json()
    error = reply.get_json()["error"]
    assert error["code"] == "snippet_too_complex" and words in error["message"]
    assert reply.get_json()["field"] == "html"


def test_markup_at_the_bounds_still_parses(client: FlaskClient, services: Services) -> None:
    limits = services.settings.snippets
    page = (PAGES / "healthcenter_list.html").read_text("utf-8")
    spare = limits.max_tags - page.count("<")
    deep = "<div>" * (limits.max_depth - 10) + page + "</div>" * (limits.max_depth - 10)
    wide = "<br>" * (spare - 2 * (limits.max_depth - 10)) + deep
    assert wide.count("<") == limits.max_tags
    (first, _second) = complaints_of(send(client, LIST_URL, html=wide))
    assert first["case_id"] == "V202611200001"
    assert send(client, LIST_URL, html=wide + "<br>").status_code == 422
