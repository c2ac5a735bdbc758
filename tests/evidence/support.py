"""Building a complaint's record through the real API, as the extension and scripts do."""

from __future__ import annotations

from typing import Any

from flask.testing import FlaskClient

PHONE = "13812345678"
NICK = "tb_qiuqiu88"
# Any run of these digits in an export would be the number leaking (full, or unmasked parts).
PHONE_PARTS = (PHONE, "3812345678", "1381234567", "812345")


def ok(reply: Any) -> dict[str, Any]:
    assert reply.status_code == 200, reply.get_json()
    return reply.get_json()


def complaint(client: FlaskClient, **fields: Any) -> dict[str, Any]:
    body = {"type": "恶意骚扰", "buyer": NICK, **fields}
    return ok(client.post("/v1/complaints", json=body))["complaint"]


def link_phone(client: FlaskClient, nick: str = NICK, phone: str = PHONE) -> None:
    ok(client.post("/v1/contacts/buyers", json={"buyer": nick, "link": phone}))


def contact(
    client: FlaskClient, at: str, channel: str, outcome: str, buyer: str = PHONE
) -> dict[str, Any]:
    body = {"buyer": buyer, "channel": channel, "outcome": outcome, "at": at}
    return ok(client.post("/v1/contacts/attempts", json=body))["attempt"]


def buyer_says(client: FlaskClient, at: str, text: str, buyer: str = NICK) -> dict[str, Any]:
    return ok(client.post("/v1/buyer-messages", json={"buyer": buyer, "text": text, "at": at}))


def warned(client: FlaskClient, at: str, rule_ids: list[str], action: str, **extra: Any) -> None:
    body = {
        "rule_ids": rule_ids,
        "verdict": "block",
        "action": action,
        "platform": "taobao",
        "buyer": NICK,
        "at": at,
        **extra,
    }
    ok(client.post("/v1/warnings", json=body))


def pack(client: FlaskClient, complaint_id: int, fmt: str = "json", **query: str) -> Any:
    reply = client.get(
        f"/v1/complaints/{complaint_id}/evidence", query_string={"format": fmt, **query}
    )
    assert reply.status_code == 200, reply.get_data(as_text=True)[:500]
    return reply.get_json() if fmt == "json" else reply.get_data(as_text=True)


def the_issue_case(client: FlaskClient) -> dict[str, Any]:
    """Issue 12's example: one unanswered call at 14:02, the buyer says stop at 14:10, the
    shop answers on 旺旺 only; a draft to the buyer was warned about and edited; another was
    sent anyway and kept as evidence (it holds the buyer's phone number)."""
    found = complaint(
        client,
        case_id="T2026110400017",
        order_id="3958201174462093781",
        received_at="2026-11-04T09:00:00+08:00",
    )
    link_phone(client)
    contact(client, "2026-11-03T14:02:00+08:00", "call", "unanswered")
    effect = buyer_says(client, "2026-11-03T14:10:00+08:00", "别再打电话了")
    assert effect["opt_out"] is True and effect["scope"] == "phone"
    warned(client, "2026-11-03T14:12:00+08:00", ["insult.curse"], "edited")
    contact(client, "2026-11-03T14:15:00+08:00", "im", "sent", buyer=NICK)
    warned(
        client,
        "2026-11-03T14:20:00+08:00",
        ["tone.impatient"],
        "sent_anyway",
        kept_text=f"您好，如需电话沟通可拨打 {PHONE} 找我们",
    )
    contact(client, "2026-11-04T10:30:00+08:00", "im", "sent", buyer=NICK)
    return found
