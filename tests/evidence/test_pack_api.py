"""The evidence pack through the real API: every fact in the JSON and the draft comes from
the record built through the API; nothing unmasked leaks; broken rules are never claimed."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from helper.settings import Settings
from tests.evidence.support import (
    NICK,
    PHONE_PARTS,
    buyer_says,
    complaint,
    contact,
    link_phone,
    ok,
    pack,
    the_issue_case,
)

URL = "https://healthcenter.taobao.com/home/violation_list.htm"
PAGES = Path(__file__).parents[1] / "fixtures" / "pages"


def test_the_issue_case_facts_statements_and_draft(
    client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HELPER_AGENT", "tests")  # the agent name recorded on each contact
    found = the_issue_case(client)
    data = pack(client, found["id"], shop="秋秋小铺")
    assert data["complaint"]["case_id"] == "T2026110400017" and data["shop"] == "秋秋小铺"
    assert data["buyer"]["identities"] == ["t**8", "138****5678"]
    assert data["buyer"]["phone_revealed"] is False
    summary = data["summary"]
    assert (summary["contacts"], summary["calls"], summary["calls_not_answered"]) == (3, 1, 1)
    assert (summary["sms"], summary["im"], summary["opt_outs"], summary["warnings"]) == (0, 2, 1, 2)
    assert summary["first_contact"] == "2026-11-03T06:02:00Z"
    timeline = [(e["local_time"], e["kind"], e["title"]) for e in data["timeline"]]
    assert timeline == [
        ("2026-11-03 14:02", "contact", "致电"),
        ("2026-11-03 14:10", "opt_out", "买家不希望电话或短信联系"),
        ("2026-11-03 14:12", "warning", "草稿被拦截（辱骂）"),
        ("2026-11-03 14:15", "contact", "发旺旺消息"),
        ("2026-11-03 14:20", "warning", "草稿被拦截（服务态度）"),
        ("2026-11-04 09:00", "complaint", "收到「恶意骚扰」投诉"),
        ("2026-11-04 10:30", "contact", "发旺旺消息"),
    ]
    call = data["timeline"][0]
    assert call["outcome_label"] == "未接通" and call["identity"] == "138****5678"
    assert call["agent"] == "tests" and call["breaches"] == []
    opt_out = data["timeline"][1]
    assert opt_out["excerpt"] and opt_out["reversed_at"] is None
    edited, kept = data["timeline"][2], data["timeline"][4]
    assert edited["action_label"] == "已修改后再发" and edited["text"] is None
    # The agent kept this draft as evidence: shown, with the phone number masked.
    assert kept["action_label"] == "仍然发送"
    assert kept["text"] == "您好，如需电话沟通可拨打 138****5678 找我们"
    statements = {s["text"]: s["kept"] for s in data["policy_review"]["statements"]}
    assert statements["未在 21:00–08:00 之间致电或发短信"] is True
    assert statements["未接通后 120 分钟内未重拨"] is True
    assert statements["买家 11月3日 14:10 表示不希望电话或短信联系后，未再致电或发短信"] is True
    assert statements["收到恶意骚扰投诉后，未再致电、发短信或发邮件"] is True
    assert data["policy_review"]["kept"] is True
    assert data["likely_case"] == "rude_not_harassment"  # warnings on drafts, rules kept
    draft = data["draft"]["text"]
    assert "买家（t**8）于 2026年11月4日 09:00 就订单 3958201174462093781" in draft
    assert "（投诉编号：T2026110400017）" in draft
    assert "我方于2026年11月3日 14:02致电买家一次，未接通。此后未再拨打。" in draft
    assert "11月3日 14:10 买家表示不希望电话或短信联系后，仅通过旺旺回复。" in draft
    assert "未接通后 120 分钟内未重拨" in draft and "【请注意" not in draft
    assert "随附材料：完整旺旺聊天记录、运营商通话详单、通话录音（如有）" in draft
    checklist = {item["id"]: item for item in data["checklist"]}
    assert list(checklist) == ["wangwang", "call_detail", "recording", "station_message"]
    assert checklist["call_detail"]["facts"] == (
        "记录中共有 1 次电话（2026年11月3日 14:02 至 2026年11月3日 14:02），请在详单中逐条核对。"
    )
    assert [c["name"] for c in data["carriers"]] == ["中国移动", "中国联通", "中国电信"]
    # The chart counts per buyer-local day against each cap.
    chart = data["chart"]
    assert chart["days"] == ["2026-11-03", "2026-11-04"]
    caps = {s["rule_id"]: (s["limit"], s["counts"]) for s in chart["series"]}
    assert caps["contact.unanswered_calls"] == (2, [1, 0])
    assert caps["contact.weekly_total"] == (7, [1, 1])
    assert chart["svg"].startswith("<svg") and "上限 2" in chart["svg"]


def test_broken_rules_are_listed_and_never_claimed(client: FlaskClient) -> None:
    found = complaint(client, received_at="2026-11-06T09:00:00+08:00")
    link_phone(client)
    contact(client, "2026-11-04T22:30:00+08:00", "call", "unanswered")  # quiet hours
    contact(client, "2026-11-05T09:00:00+08:00", "call", "unanswered")
    contact(client, "2026-11-05T09:40:00+08:00", "call", "busy")  # redial within 120 min
    buyer_says(client, "2026-11-05T10:00:00+08:00", "别再打了")
    contact(client, "2026-11-05T15:00:00+08:00", "sms", "sent")  # after the opt-out
    data = pack(client, found["id"])
    review = {s["text"]: s for s in data["policy_review"]["statements"]}
    assert data["policy_review"]["kept"] is False
    assert not review["11月4日 22:30 在 21:00–08:00 之间致电或发短信"]["kept"]
    assert not review["11月5日 09:40 的来电距上次未接通不足 120 分钟"]["kept"]
    assert review["每天未接通的来电不超过 2 次"]["kept"]  # two on 11-5: at the cap, not over
    opt_out = "买家 11月5日 10:00 表示不希望电话或短信联系后，仍于 11月5日 15:00 致电或发短信"
    assert not review[opt_out]["kept"]
    breaches = {e["local_time"]: e["breach_labels"] for e in data["timeline"] if e.get("breaches")}
    assert breaches == {
        "2026-11-04 22:30": ["休息时间联系"],
        "2026-11-05 09:40": ["未接通后过早重拨"],
        "2026-11-05 15:00": ["买家拒绝后仍联系"],
    }
    draft = data["draft"]["text"]
    assert "【请注意：记录显示以下情况未符合联系规则" in draft
    kept_paragraph = next(p for p in data["draft"]["paragraphs"] if p.startswith("经核对"))
    assert "21:00–08:00" not in kept_paragraph and "120 分钟" not in kept_paragraph
    assert "此后未再拨打" in draft  # the last call (09:40) was not answered; none after it
    assert "【请说明此后的联系情况】" in draft
    assert data["likely_case"] is None  # none of the four fits a record with broken rules
    assert "记录不足以判断" in pack(client, found["id"], "html")


def test_a_complaint_with_no_contacts_at_all(client: FlaskClient) -> None:
    found = complaint(client, received_at="2026-11-10T12:00:00+08:00", buyer="tb_nobody")
    data = pack(client, found["id"])
    assert data["summary"]["contacts"] == 0 and data["summary"]["first_contact"] is None
    assert [e["kind"] for e in data["timeline"]] == ["complaint"]
    assert data["chart"] == {"days": [], "series": [], "earlier_contacts": 0, "svg": ""}
    assert data["likely_case"] == "our_number_no_call"
    call_detail = next(item for item in data["checklist"] if item["id"] == "call_detail")
    assert call_detail["facts"] == ""  # "0 次电话" says nothing; the detail list proves it
    draft = data["draft"]["text"]
    assert "我方从未通过电话或短信联系过该买家。" in draft
    assert "就订单 【订单号】" in draft and "（投诉编号：【投诉编号】）" in draft
    assert "经核对，我方的联系符合" not in draft
    html = pack(client, found["id"], "html")
    assert "本机没有这位买家的联系记录" in html and "<svg" not in html


def test_a_buyer_with_hundreds_of_contacts(client: FlaskClient) -> None:
    found = complaint(client, received_at="2026-12-20T12:00:00+08:00")
    link_phone(client)
    # 300 contacts over 75 days: one answered call and three 旺旺 messages a day, at 10:00,
    # 10:05, 10:10 and 10:15 (never in quiet hours, the weekly cap reached but not passed).
    first_day = date(2026, 10, 7)
    for offset in range(75):
        day = (first_day + timedelta(days=offset)).isoformat()
        contact(client, f"{day}T10:00:00+08:00", "call", "answered")
        for minute in ("05", "10", "15"):
            contact(client, f"{day}T10:{minute}:00+08:00", "im", "sent", buyer=NICK)
    data = pack(client, found["id"])
    summary = data["summary"]
    assert summary["contacts"] == len([e for e in data["timeline"] if e["kind"] == "contact"])
    assert summary["calls"] == summary["calls_answered"] == summary["contacts"] // 4
    assert summary["contacts"] == 300
    chart = data["chart"]
    assert len(chart["days"]) == 62 and chart["days"][-1] == "2026-12-20"
    assert chart["earlier_contacts"] == sum(
        1 for e in data["timeline"] if e["kind"] == "contact" and e["local_time"] < chart["days"][0]
    )
    # Daily calls, and 7 calls in every 7 days: the weekly cap is reached, never exceeded.
    weekly = next(s for s in chart["series"] if s["rule_id"] == "contact.weekly_total")
    assert max(weekly["counts"]) == 7
    assert data["policy_review"]["kept"] is True
    draft = data["draft"]["text"]
    calls = summary["calls"]
    assert f"共联系买家 {calls} 次，其中致电 {calls} 次（接通 {calls} 次，未接通 0 次）" in draft
    html = pack(client, found["id"], "html")
    assert html.count("<tr") >= summary["contacts"] and "更早的" in html


def test_order_and_deadline_from_a_page(client: FlaskClient) -> None:
    page = (
        __import__("pathlib").Path(__file__).parents[1]
        / "fixtures/pages/healthcenter_antd_table.html"
    ).read_text("utf-8")
    body = {"url": URL, "html": page, "captured_at": "2026-11-22T09:30:00+08:00"}
    reply = ok(client.post("/v1/snippets", json=body))
    complaint_id = reply["recognized"][0]["complaint"]["id"]
    data = pack(client, complaint_id)
    assert data["complaint"]["order_id"] == "3958201174462093781"
    assert data["complaint"]["evidence_due_basis"] == "页面所示"
    assert "就订单 3958201174462093781" in data["draft"]["text"]
    html = pack(client, complaint_id, "html")
    assert '2026-11-25 10:00 <span class="basis">页面所示</span>' in html
    assert "按规则推算为 2026-11-24 16:42" in html
    md = pack(client, complaint_id, "md")
    assert "| 举证截止 | 2026-11-25 10:00（页面所示，页面显示「2026-11-25 10:00:00」" in md


def test_nothing_unmasked_leaks_in_any_format(client: FlaskClient) -> None:
    found = the_issue_case(client)
    for fmt in ("json", "md", "html"):
        reply = client.get(f"/v1/complaints/{found['id']}/evidence", query_string={"format": fmt})
        text = reply.get_data(as_text=True)
        for part in PHONE_PARTS:
            assert part not in text, (fmt, part)
        assert "qiuqiu" not in text, fmt  # the nick is only ever stored masked


def test_html_is_self_contained_and_locked_down(client: FlaskClient) -> None:
    found = the_issue_case(client)
    reply = client.get(f"/v1/complaints/{found['id']}/evidence")
    assert reply.status_code == 200 and reply.mimetype == "text/html"
    assert "default-src 'none'" in reply.headers["Content-Security-Policy"]
    html = reply.get_data(as_text=True)
    assert "<script" not in html and "http://" not in html.replace("http://www.w3.org/2000/svg", "")
    assert "@page" in html and "counter(pages)" in html and "T2026110400017" in html


def test_bad_requests_get_clear_errors(client: FlaskClient) -> None:
    found = complaint(client)
    assert client.get("/v1/complaints/999/evidence").status_code == 404
    bad = client.get(f"/v1/complaints/{found['id']}/evidence?format=pdf")
    assert bad.status_code == 422 and "html" in bad.get_json()["error"]["message"]
    long_shop = client.get(f"/v1/complaints/{found['id']}/evidence?shop={'店' * 61}")
    assert long_shop.status_code == 422
    # A shop name cannot break out of the CSS string in the page header or into the HTML.
    html = pack(client, found["id"], "html", shop='"}</style><script>x</script>')
    assert "<script>" not in html and '"}</style>' not in html


def test_the_envelope_guards_the_pack(client: FlaskClient, settings: Settings) -> None:
    found = complaint(client)
    path = f"/v1/complaints/{found['id']}/evidence"
    no_token = client.get(path, headers={"Authorization": ""})
    assert no_token.status_code == 401
    web_page = client.get(path, headers={"Origin": "https://evil.example"})
    assert web_page.status_code == 403
    rebinding = client.get(path, base_url=f"http://evil.example:{settings.port}")
    assert rebinding.status_code == 421


def test_times_are_the_buyers_own_and_the_pack_says_so(client: FlaskClient) -> None:
    found = complaint(client, received_at="2026-11-04T09:00:00+08:00")
    link_phone(client)
    ok(client.post("/v1/contacts/buyers", json={"buyer": NICK, "timezone": "Europe/London"}))
    # 22:30 in Beijing is 14:30 in London: not in the buyer's quiet hours.
    contact(client, "2026-11-03T22:30:00+08:00", "call", "answered")
    data = pack(client, found["id"])
    assert data["buyer"]["timezone"] == "Europe/London"
    assert data["time_zone_note"] == "联系时间均为买家当地时间（Europe/London）"
    assert data["timeline"][0]["local_time"] == "2026-11-03 14:30"
    assert data["policy_review"]["kept"] is True
    assert "我方于2026年11月3日 14:30致电买家一次，接通。" in data["draft"]["text"]
    assert "以上联系时间均为买家当地时间（Europe/London）。" in data["draft"]["text"]


def test_a_complaint_without_a_buyer(client: FlaskClient) -> None:
    reply = client.post("/v1/complaints", json={"type": "恶意骚扰"})
    found = ok(reply)["complaint"]
    data = pack(client, found["id"])
    assert data["buyer"]["identities"] == [] and data["summary"]["contacts"] == 0
    assert "买家（【买家】）" in data["draft"]["text"]
    assert "【未记录】" in pack(client, found["id"], "html")


def test_limits_the_buyer_set_are_reviewed_in_their_own_words(client: FlaskClient) -> None:
    found = complaint(client, received_at="2026-11-06T09:00:00+08:00")
    link_phone(client)
    said = buyer_says(client, "2026-11-05T10:00:00+08:00", "有事旺旺说")
    assert said["opt_out"] is False and said["restrictions"], said  # a limit, not a stop
    contact(client, "2026-11-05T10:30:00+08:00", "im", "sent", buyer=NICK)
    kept = pack(client, found["id"])
    (statement,) = [
        s for s in kept["policy_review"]["statements"] if s["rule_id"] == "contact.restricted"
    ]
    assert statement == {
        "rule_id": "contact.restricted",
        "kept": True,
        "text": "买家 11月5日 10:00 说“有事旺旺说”后，未在买家要求之外致电或发短信",
        "contact_ids": [],
    }
    assert "11月5日 10:00 买家说“有事旺旺说”后，仅通过旺旺回复。" in kept["draft"]["text"]
    assert [e["kind"] for e in kept["timeline"]][:2] == ["restriction", "contact"]
    contact(client, "2026-11-05T15:00:00+08:00", "sms", "sent")
    broken = pack(client, found["id"])
    texts = {s["text"]: s["kept"] for s in broken["policy_review"]["statements"]}
    limit = "买家 11月5日 10:00 说“有事旺旺说”后，仍于 11月5日 15:00 在买家要求之外致电或发短信"
    assert texts[limit] is False
    assert broken["timeline"][2]["breach_labels"] == ["未按买家要求的方式或时间"]
    assert (
        "11月5日 10:00 买家说“有事旺旺说”后，【请说明此后的联系情况】。" in broken["draft"]["text"]
    )


def test_a_channel_refused_for_a_festival_is_reviewed_within_the_festival(
    client: FlaskClient,
) -> None:
    found = complaint(client, received_at="2026-12-03T09:00:00+08:00")
    link_phone(client)
    words = "过年期间别给我打电话，有事旺旺留言"
    said = buyer_says(client, "2026-11-30T10:00:00+08:00", words)
    assert [r["kind"] for r in said["restrictions"]] == ["holidays"]
    contact(client, "2026-12-02T14:00:00+08:00", "call", "answered")  # an ordinary Wednesday
    kept = pack(client, found["id"])
    (statement,) = [
        s for s in kept["policy_review"]["statements"] if s["rule_id"] == "contact.restricted"
    ]
    assert statement["kept"] is True, statement
    assert statement["text"] == f"买家 11月30日 10:00 说“{words}”后，未在买家要求之外致电或发短信"
    assert f"11月30日 10:00 买家说“{words}”后，我方均按买家的要求联系。" in kept["draft"]["text"]
