"""``helper complaints`` from the command line, and provisional deadlines recomputed."""

from __future__ import annotations

from pathlib import Path

from helper.complaints import service
from helper.services import build_services
from helper.settings import load_settings
from tests.support.helper_process import run_cli


def test_add_list_show_done(data_dir: Path) -> None:
    added = run_cli(
        data_dir,
        "complaints",
        "add",
        "--type",
        "惡意騷擾",
        "--case-id",
        "C1",
        "--buyer",
        "13812345678",
        "--received",
        "2026-12-30 10:00",
    ).stdout
    assert "已添加投诉 #1" in added and "138****5678" in added
    assert "13812345678" not in added
    assert "暂定" in added and "2027" in added  # the agent is told
    listed = run_cli(data_dir, "complaints", "list").stdout
    assert "C1" in listed and "（暂定）" in listed
    done = run_cli(data_dir, "complaints", "done", "1").stdout
    assert "evidence_submitted" in done and "取消了 4 个提醒" in done
    shown = run_cli(data_dir, "complaints", "show", "1").stdout
    assert shown.count("[cancelled]") == 4
    assert "C1" not in run_cli(data_dir, "complaints", "list", "--status", "open").stdout


def test_user_errors_are_one_line(data_dir: Path) -> None:
    for args in (
        ("complaints", "show", "7"),
        ("complaints", "done", "7"),
        ("complaints", "add", "--type", "噪音"),
        ("complaints", "add", "--type", "harassment", "--received", "soon"),
        ("complaints", "add", "--type", "harassment", "--platform", "ebay"),
    ):
        result = run_cli(data_dir, *args, check=False)
        assert result.returncode == 1, args
        assert result.stderr.startswith("错误：") and "Traceback" not in result.stderr, args


def test_provisional_deadlines_are_recomputed_when_data_arrives(data_dir: Path) -> None:
    run_cli(data_dir, "complaints", "add", "--type", "harassment", "--received", "2026-12-30 10:00")
    # The official 2027 notice arrives as a calendar file in the user's rules directory.
    calendar = data_dir / "rules" / "calendar"
    calendar.mkdir(parents=True)
    (calendar / "2027.toml").write_text(
        "year = 2027\nofficial = true\nholidays = [2027-01-01, 2027-01-04]\n", encoding="utf-8"
    )
    svc = build_services(load_settings(data_dir))
    try:
        assert service.recompute_provisional(svc) == 1
        (complaint,) = service.list_complaints(svc)
    finally:
        svc.close()
    assert complaint["provisional"] is False and complaint["notice"] is None
    # Sat 01-02 + 3 working days, with 01-04 now off: Tue 01-05 .. Thu 01-07.
    assert complaint["decision_expected_from"] == "2027-01-07T02:00:00+00:00"
