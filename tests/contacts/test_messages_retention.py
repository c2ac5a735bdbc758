"""Buyer messages through the Python entry point the snippets feature calls, and retention."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa

from helper.contacts.history import history
from helper.contacts.messages import record_buyer_message
from helper.contacts.retention import purge_expired
from helper.contacts.tables import buyer_messages, buyers, contact_opt_outs
from helper.services import Services, build_services
from helper.settings import load_settings
from tests.support.helper_process import HelperProcess

T0 = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)


def test_effect_and_what_is_stored(services: Services) -> None:
    effect = record_buyer_message(
        services, "tb_snip", "再打我就投訴，13812345678", T0, "snippet:qianniu"
    )
    assert (effect.opt_out, effect.opt_in, effect.scope) == (True, False, "all")
    assert effect.callback_after is None
    with services.store.read() as conn:
        dump = str(conn.execute(sa.select(buyer_messages)).all()) + str(
            conn.execute(sa.select(contact_opt_outs)).all()
        )
    assert "再打我就投訴" in dump  # the short excerpt, as written, proves what the buyer asked
    assert "13812345678" not in dump and "tb_snip" not in dump


def test_a_late_captured_opt_out_older_than_an_opt_in_stays_reversed(services: Services) -> None:
    record_buyer_message(services, "tb_order", "请给我回个电话", T0 + timedelta(hours=2), "snippet")
    late = record_buyer_message(services, "tb_order", "别再联系我", T0, "snippet")
    assert late.opt_out
    opt_outs = history(services.store, services.hasher.buyer("tb_order"), 10)["opt_outs"]
    assert opt_outs[0]["active"] is False


def test_an_opt_in_does_not_reverse_a_later_opt_out(services: Services) -> None:
    record_buyer_message(services, "tb_b", "别再联系我", T0 + timedelta(hours=2), "snippet")
    record_buyer_message(services, "tb_b", "请给我回个电话", T0, "snippet")
    opt_outs = history(services.store, services.hasher.buyer("tb_b"), 10)["opt_outs"]
    assert opt_outs[0]["active"] is True


def test_purge_keeps_recent_records_and_active_opt_outs(services: Services) -> None:
    old = T0 - timedelta(days=200)
    record_buyer_message(services, "tb_gone", "你好", old, "api")
    record_buyer_message(services, "tb_stop", "别再联系我", old, "api")
    record_buyer_message(services, "tb_back", "别再联系我", old, "api")
    record_buyer_message(services, "tb_back", "请给我回个电话", old + timedelta(days=1), "api")
    record_buyer_message(services, "tb_new", "你好", T0, "api")
    with services.store.write() as conn:
        conn.execute(buyers.update().values(created_at=old))
    services.clock = lambda: T0
    result = purge_expired(services)
    assert (result.messages, result.opt_outs) == (4, 1)
    assert result.buyers == 2  # tb_gone and tb_back; tb_stop keeps its opt-out, tb_new its message
    assert result.export is not None and result.export.parent.name == "exports"
    remaining = {
        name: history(services.store, services.hasher.buyer(name), 10)
        for name in ("tb_stop", "tb_new", "tb_gone")
    }
    assert remaining["tb_stop"]["opt_outs"][0]["active"] is True
    assert len(remaining["tb_new"]["messages"]) == 1
    assert remaining["tb_gone"]["messages"] == []


def test_serve_purges_expired_records_at_start(data_dir: Path) -> None:
    svc = build_services(load_settings(data_dir))
    try:
        record_buyer_message(
            svc, "tb_ancient", "你好", datetime.now(UTC) - timedelta(days=400), "api"
        )
    finally:
        svc.close()
    with HelperProcess(data_dir) as helper:
        reply = helper.api.post("/v1/contacts/history", {"buyer": "tb_ancient"})
        exports = list((data_dir / "exports").glob("contacts-purged-*.json"))
    assert reply.status == 200
    assert reply.json["messages"] == []
    assert len(exports) == 1
