"""``helper contacts ...`` as a user runs it (a real subprocess on a real data directory)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from tests.support.helper_process import run_cli


def check_contact(
    data_dir: Path, buyer: str, channel: str, at: str, *, check: bool = True
) -> subprocess.CompletedProcess[str]:
    """``helper contacts check BUYER -c CHANNEL --at AT``; exit code 3 means blocked."""
    return run_cli(data_dir, "contacts", "check", buyer, "-c", channel, "--at", at, check=check)


def log_contact(
    data_dir: Path, buyer: str, channel: str, at: str, *options: str, check: bool = True
) -> subprocess.CompletedProcess[str]:
    """``helper contacts log BUYER -c CHANNEL --at AT [options]``."""
    return run_cli(
        data_dir, "contacts", "log", buyer, "-c", channel, "--at", at, *options, check=check
    )


def test_check_log_history(data_dir: Path) -> None:
    ok = check_contact(data_dir, "13812345678", "call", "2026-03-02T20:59")
    assert ok.returncode == 0
    assert "138****5678" in ok.stdout and "allow" in ok.stdout
    late = check_contact(data_dir, "13812345678", "call", "2026-03-02T21:00", check=False)
    assert late.returncode == 3
    assert "contact.quiet_hours" in late.stdout and "2026-03-03 08:00" in late.stdout

    logged = log_contact(
        data_dir, "13812345678", "call", "2026-03-02T10:00", "-o", "unanswered", "--agent", "小王"
    )
    assert "已记录 #1" in logged.stdout
    refused = log_contact(
        data_dir, "13812345678", "call", "2026-03-02T11:00", "--reserve", check=False
    )
    assert refused.returncode == 3
    assert "contact.redial_cooldown" in refused.stdout and "没有记录" in refused.stdout

    history = run_cli(data_dir, "contacts", "history", "13812345678")
    assert "2026-03-02 10:00" in history.stdout and "小王（cli）" in history.stdout
    assert "13812345678" not in history.stdout
    as_json = json.loads(run_cli(data_dir, "contacts", "history", "13812345678", "--json").stdout)
    assert len(as_json["attempts"]) == 1 and as_json["attempts"][0]["source"] == "cli"

    outcome = run_cli(data_dir, "contacts", "outcome", "1", "busy")
    assert "busy" in outcome.stdout


def test_message_and_buyer_commands(data_dir: Path) -> None:
    said = run_cli(
        data_dir,
        "contacts",
        "message",
        "tb_cli",
        "不要打電話，發短信就行",
        "--at",
        "2026-03-02T09:00",
    )
    assert "买家的限制" in said.stdout and "不要打電話，發短信就行" in said.stdout
    sms = check_contact(data_dir, "tb_cli", "sms", "2026-03-02T10:00")
    assert sms.returncode == 0
    call = check_contact(data_dir, "tb_cli", "call", "2026-03-02T10:00", check=False)
    assert call.returncode == 3 and "contact.restricted.channel" in call.stdout
    assert "不要打電話，發短信就行" in call.stdout and "3月2日 09:00" in call.stdout
    hours = run_cli(
        data_dir, "contacts", "message", "tb_cli", "晚上九点以后别打", "--at", "2026-03-02T09:30"
    )
    assert "21:00" in hours.stdout
    evening = check_contact(data_dir, "tb_cli", "call", "2026-03-02T21:00", check=False)
    assert evening.returncode == 3 and "contact.restricted.hours" in evening.stdout
    assert "晚上九点以后别打" in evening.stdout
    zone = run_cli(data_dir, "contacts", "buyer", "tb_cli", "--tz", "Europe/London")
    assert "Europe/London" in zone.stdout


def test_what_a_buyer_said_on_the_phone_sets_a_festival_or_office_hours_limit(
    data_dir: Path,
) -> None:
    festival = run_cli(
        data_dir,
        "contacts",
        "message",
        "tb_cli_h",
        "過年期間不要打電話",
        "--at",
        "2026-02-01T10:00",
    )
    assert "過年期間不要打電話" in festival.stdout and "春节期间不联系" in festival.stdout
    blocked = check_contact(data_dir, "tb_cli_h", "call", "2026-02-17T10:00", check=False)
    assert blocked.returncode == 3 and "contact.restricted.holidays" in blocked.stdout
    assert check_contact(data_dir, "tb_cli_h", "call", "2026-02-24T10:00").returncode == 0
    office = run_cli(
        data_dir, "contacts", "message", "tb_cli_h", "上班时间别打电话", "--at", "2026-02-02T10:00"
    )
    assert "买家当地时间 09:00 到 18:00 之间不联系" in office.stdout
    late = check_contact(data_dir, "tb_cli_h", "call", "2026-02-24T17:59", check=False)
    assert late.returncode == 3 and "上班时间别打电话" in late.stdout
    assert check_contact(data_dir, "tb_cli_h", "call", "2026-02-24T18:00").returncode == 0


def test_user_errors_are_one_line_without_traceback(data_dir: Path) -> None:
    cases = [
        ("contacts", "check", "nick", "-c", "fax"),
        ("contacts", "check", "nick", "-c", "call", "--at", "soon"),
        ("contacts", "check", " ", "-c", "call"),
        ("contacts", "buyer", "nick", "--tz", "Moon/Base"),
        ("contacts", "outcome", "77", "sent"),
        ("contacts", "check", "nick", "-c", "call", "--platform", "ebay"),
    ]
    for args in cases:
        result = run_cli(data_dir, *args, check=False)
        assert result.returncode in (1, 2), args
        assert "Traceback" not in result.stderr
        assert result.stderr.strip(), args


def test_export_then_purge(data_dir: Path, tmp_path: Path) -> None:
    log_contact(data_dir, "tb_old", "sms", "2025-01-05T10:00", "-o", "sent")
    run_cli(data_dir, "contacts", "message", "tb_old", "别再联系我", "--at", "2025-01-05T11:00")
    out = tmp_path / "export.json"
    exported = run_cli(data_dir, "contacts", "export", "--out", str(out))
    assert "1 条联系记录" in exported.stdout
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["attempts"][0]["buyer"]["masked"] == "t**d"
    assert document["opt_outs"][0]["buyer"] == ["t**d"] and document["opt_outs"][0]["active"]

    dry = run_cli(data_dir, "contacts", "purge", "--dry-run")
    assert "1 条联系记录" in dry.stdout and "未执行" in dry.stdout
    purged = run_cli(data_dir, "contacts", "purge")
    assert "已清除" in purged.stdout
    exports = list((data_dir / "exports").glob("contacts-purged-*.json"))
    assert len(exports) == 1
    assert json.loads(exports[0].read_text(encoding="utf-8"))["attempts"][0]["channel"] == "sms"
    history = json.loads(run_cli(data_dir, "contacts", "history", "tb_old", "--json").stdout)
    assert history["attempts"] == []
    # The buyer's "stop" is still in force, so it was kept.
    assert history["opt_outs"][0]["active"] is True
    again = run_cli(data_dir, "contacts", "purge")
    assert "没有需要清除的记录" in again.stdout
