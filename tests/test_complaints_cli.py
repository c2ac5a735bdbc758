"""``helper complaints`` from the command line, and provisional deadlines recomputed."""

from __future__ import annotations

from pathlib import Path

from helper.complaints import service
from helper.services import build_services
from helper.settings import load_settings
from helper.times import parse_time
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


def test_orders_lists_complaint_windows_in_beijing_time(data_dir: Path) -> None:
    assert "还没有见过" in run_cli(data_dir, "complaints", "orders").stdout
    svc = build_services(load_settings(data_dir))
    try:
        seen = (
            ("1688", "9000000000000002", "ali_buyer02", "交易关闭", "2026-10-01 10:00"),
            ("taobao", "3187654321", "tb_buyer01", "交易成功", "2026-11-22 10:00"),
            ("tmall", "5000000000000001", None, "交易成功", None),  # not finished: no window
        )
        for platform, order_id, buyer, status, settled in seen:
            service.record_order(
                svc,
                platform=svc.platforms.by_id[platform],
                order_id=order_id,
                buyer=buyer,
                trade_status=status,
                settled_at=parse_time(settled) if settled else None,
            )
    finally:
        svc.close()
    listed = run_cli(data_dir, "complaints", "orders", "--at", "2026-11-23 10:00").stdout
    assert listed.splitlines() == [
        "时间均为北京时间",
        "淘宝 订单 3187654321  买家 t**1  交易成功  可投诉至 2026-12-07 10:00（还剩 14 天）",
        "1688 订单 9000000000000002  买家 a**2  交易关闭  投诉期已于 2026-10-16 10:00 结束",
    ]
    assert "tb_buyer01" not in listed and "ali_buyer02" not in listed
    late = run_cli(data_dir, "complaints", "orders", "--at", "2026-12-07 09:00", "--limit", "1")
    assert late.stdout.splitlines() == [
        "时间均为北京时间",
        "淘宝 订单 3187654321  买家 t**1  交易成功  可投诉至 2026-12-07 10:00（还剩 1 天）",
    ]


def test_show_says_which_deadline_is_in_force(data_dir: Path) -> None:
    by_rule = run_cli(
        data_dir, "complaints", "add", "--type", "恶意骚扰", "--received", "2026-11-21 16:42:05"
    ).stdout
    assert "举证截止   2026-11-24 16:42（按规则推算，3 个自然日）" in by_rule
    stated = run_cli(
        data_dir,
        "complaints",
        "add",
        "--type",
        "恶意骚扰",
        "--case-id",
        "T2",
        "--received",
        "2026-11-21 16:42:05",
        "--deadline",
        "2026-11-25 10:00",
    ).stdout
    assert "举证截止   2026-11-25 10:00（页面所示；按规则推算为 2026-11-24 16:42）" in stated
