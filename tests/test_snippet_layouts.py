"""Complaint pages read right, however the page lays the values out (issue 12, part 1).

Every fixture is a page of a kind real workbenches use: Ant Design and Fusion tables (header
and body in separate tables), cards with inline ``label: value`` lines, description lists,
both scripts, and a page missing half its fields. The capture time is fixed, so countdowns
(剩余 1 天 23 小时) give known deadlines.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from helper.services import Services

PAGES = Path(__file__).parent / "fixtures" / "pages"
URL = "https://healthcenter.taobao.com/home/violation_list.htm"
CAPTURED = "2026-11-26T09:30:00+08:00"  # 01:30 UTC


@pytest.fixture(autouse=True)
def fixed_clock(services: Services) -> None:
    services.clock = lambda: datetime(2026, 11, 26, 1, 30, tzinfo=UTC)


def read(client: FlaskClient, page: str | None = None, html: str | None = None) -> list[dict]:
    body = {
        "url": URL,
        "html": html if html is not None else (PAGES / page).read_text("utf-8"),
        "captured_at": CAPTURED,
    }
    reply = client.post("/v1/snippets", json=body)
    assert reply.status_code == 200, reply.get_json()
    return [r for r in reply.get_json()["recognized"] if r["kind"] == "complaint"]


def test_ant_design_table_reads_order_in_cell_and_the_deadline_under_the_status(
    client: FlaskClient,
) -> None:
    first, second = read(client, "healthcenter_antd_table.html")
    stated = first["complaint"]
    assert stated["case_id"] == "T2026112116420001" and stated["type"] == "harassment"
    assert stated["order_id"] == "3958201174462093781"  # from 订单号：… under 关联订单
    assert stated["buyer"] == {"masked": "t**8"} and stated["status"] == "open"
    assert stated["received_at"] == "2026-11-21T08:42:05+00:00"
    # The page says 11-25 10:00; the rule would say received + 3 days = 11-24 16:42:05.
    assert stated["evidence_due_at"] == "2026-11-25T02:00:00+00:00"
    assert stated["evidence_due_rule_at"] == "2026-11-24T08:42:05+00:00"
    assert stated["evidence_due_source"] == "page" and stated["evidence_due_basis"] == "页面所示"
    assert stated["evidence_due_page_text"] == "2026-11-25 10:00:00"
    assert stated["evidence_due_counted_from"] is None  # a date, not a countdown
    assert first["missing"] == []
    countdown = second["complaint"]
    assert countdown["case_id"] == "T2026112208150002" and countdown["type"] == "misdescription"
    assert countdown["order_id"] == "3960001112223334445"
    # 剩余 1 天 23 小时 from the capture time 11-26 09:30 → 11-28 08:30 Beijing.
    assert countdown["evidence_due_at"] == "2026-11-28T00:30:00+00:00"
    assert countdown["evidence_due_page_text"] == "剩余 1 天 23 小时"
    assert countdown["evidence_due_counted_from"] == "2026-11-26T01:30:00+00:00"
    assert second["missing"] == []


def test_fusion_table_in_traditional_with_labels_inside_cells(client: FlaskClient) -> None:
    (found,) = read(client, "healthcenter_fusion_table_traditional.html")
    complaint = found["complaint"]
    assert complaint["case_id"] == "V2026112300017" and complaint["type"] == "harassment"
    assert complaint["buyer"] == {"masked": "t**寶"}
    assert complaint["order_id"] == "3961234567890123456"
    assert complaint["received_at"] == "2026-11-23T03:05:30+00:00"
    assert complaint["status"] == "open"
    # 還剩 2 天 from 11-26 09:30 Beijing.
    assert complaint["evidence_due_at"] == "2026-11-28T01:30:00+00:00"
    assert complaint["evidence_due_basis"] == "页面所示"
    assert found["missing"] == []


def test_cards_with_several_inline_values_per_line(client: FlaskClient) -> None:
    first, second = read(client, "healthcenter_cards.html")
    one, two = first["complaint"], second["complaint"]
    assert one["case_id"] == "V202611240031" and one["type"] == "harassment"
    assert one["received_at"] == "2026-11-24T01:12:00+00:00"
    assert one["buyer"] == {"masked": "j**w"} and one["order_id"] == "3962000000000000001"
    assert one["status"] == "open"
    # 举证剩余时间：2天3小时 (no 剩余 before the number: the label says it is a countdown).
    assert one["evidence_due_at"] == "2026-11-28T04:30:00+00:00"
    assert two["case_id"] == "V202611200008" and two["type"] == "late_shipping"
    assert two["status"] == "evidence_submitted"
    assert two["order_id"] == "3962000000000000002"  # not 商品编号 600012345
    assert two["evidence_due_basis"] == "按规则推算"
    assert two["evidence_due_at"] == two["evidence_due_rule_at"] == "2026-11-23T10:00:00+00:00"
    assert second["missing"] == ["举证截止时间"]


def test_description_lists_bordered_and_plain_in_traditional(client: FlaskClient) -> None:
    (found,) = read(client, "healthcenter_descriptions_traditional.html")
    complaint = found["complaint"]
    assert complaint["case_id"] == "T2026112500042" and complaint["type"] == "harassment"
    assert complaint["buyer"] == {"masked": "t**女"}
    assert complaint["order_id"] == "3963000000000000042"
    assert complaint["received_at"] == "2026-11-25T12:30:00+00:00"
    assert complaint["evidence_due_at"] == "2026-11-28T12:30:00+00:00"
    assert complaint["evidence_due_source"] == "page"
    assert found["missing"] == []


def test_a_page_missing_half_its_fields_says_what_it_could_not_read(client: FlaskClient) -> None:
    (found,) = read(client, "healthcenter_half_missing.html")
    complaint = found["complaint"]
    assert complaint["case_id"] == "V202611260099" and complaint["type"] == "harassment"
    assert complaint["status"] == "open"
    assert complaint["buyer"] is None and complaint["order_id"] is None
    assert found["missing"] == ["买家", "订单号", "投诉时间", "举证截止时间"]
    assert found["received_at_from_page"] is False
    # Counted from when it was seen; the rule's deadline is the one in force.
    assert complaint["received_at"] == "2026-11-26T01:30:00+00:00"
    assert complaint["evidence_due_basis"] == "按规则推算"


def test_a_countdown_read_again_keeps_the_deadline_and_never_beats_a_date(
    client: FlaskClient, services: Services
) -> None:
    read(client, "healthcenter_antd_table.html")
    page = (PAGES / "healthcenter_antd_table.html").read_text("utf-8")
    # Half an hour later the page still shows 1 天 23 小时: the same deadline, not +30 min.
    services.clock = lambda: datetime(2026, 11, 26, 2, 0, tzinfo=UTC)
    body = {"url": URL, "html": page, "captured_at": "2026-11-26T10:00:00+08:00"}
    again = client.post("/v1/snippets", json=body).get_json()["recognized"]
    assert again[1]["complaint"]["evidence_due_at"] == "2026-11-28T00:30:00+00:00"
    # A countdown shown for the first case does not replace the date the page stated.
    counted = page.replace("举证截止时间：2026-11-25 10:00:00", "剩余 5 天")
    body["html"] = counted
    later = client.post("/v1/snippets", json=body).get_json()["recognized"]
    assert later[0]["complaint"]["evidence_due_at"] == "2026-11-25T02:00:00+00:00"
    # A later, different date does.
    body["html"] = page.replace("2026-11-25 10:00:00", "2026-11-25 18:00:00")
    moved = client.post("/v1/snippets", json=body).get_json()["recognized"]
    assert moved[0]["complaint"]["evidence_due_at"] == "2026-11-25T10:00:00+00:00"
    assert moved[0]["complaint"]["evidence_due_page_text"] == "2026-11-25 18:00:00"


@pytest.mark.parametrize(
    "page",
    [
        "healthcenter_antd_table.html",
        "healthcenter_fusion_table_traditional.html",
        "healthcenter_cards.html",
        "healthcenter_descriptions_traditional.html",
    ],
)
def test_every_layout_cut_anywhere_never_fails(client: FlaskClient, page: str) -> None:
    html = (PAGES / page).read_text("utf-8")
    for cut in range(0, len(html), max(len(html) // 40, 1)):
        body = {"url": URL, "html": html[:cut], "captured_at": CAPTURED}
        reply = client.post("/v1/snippets", json=body)
        assert reply.status_code == 200, (cut, reply.get_json())
