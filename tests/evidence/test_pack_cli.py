"""``helper complaints evidence`` from the command line: files in three formats, nothing
unmasked unless the agent reveals the number (typed, confirmed, logged without it)."""

from __future__ import annotations

import json
from pathlib import Path

from flask.testing import FlaskClient

from helper.settings import Settings
from tests.evidence.support import PHONE, PHONE_PARTS, the_issue_case
from tests.support.helper_process import run_cli


def test_export_in_every_format_masks_the_phone(
    client: FlaskClient, data_dir: Path, tmp_path: Path
) -> None:
    found = the_issue_case(client)
    texts = {}
    for fmt in ("html", "md", "json"):
        out = tmp_path / f"pack.{fmt}"
        result = run_cli(
            data_dir,
            "complaints",
            "evidence",
            str(found["id"]),
            "--format",
            fmt,
            "--out",
            str(out),
            "--shop",
            "秋秋小铺",
        )
        assert f"已生成举证材料：{out}" in result.stdout
        texts[fmt] = out.read_text("utf-8")
        for part in PHONE_PARTS:
            assert part not in texts[fmt], (fmt, part)
    data = json.loads(texts["json"])
    assert data["summary"]["calls"] == 1 and data["shop"] == "秋秋小铺"
    assert "我方于2026年11月3日 14:02致电买家一次，未接通。此后未再拨打。" in texts["md"]
    assert "秋秋小铺" in texts["html"] and "138****5678" in texts["html"]
    # Without --out the pack goes to the screen.
    shown = run_cli(data_dir, "complaints", "evidence", str(found["id"]), "--format", "md")
    assert shown.stdout.startswith("# 举证材料：恶意骚扰投诉 T2026110400017")


def test_reveal_phone_asks_checks_and_logs_without_the_number(
    client: FlaskClient, data_dir: Path, tmp_path: Path, settings: Settings
) -> None:
    found = the_issue_case(client)
    out = tmp_path / "pack.md"
    args = ("complaints", "evidence", str(found["id"]), "--format", "md", "--out", str(out))
    wrong = run_cli(data_dir, *args, "--reveal-phone", input_text="13900000000\ny\n", check=False)
    assert wrong.returncode == 1 and "错误：输入的号码不是这位买家的号码" in wrong.stderr
    declined = run_cli(data_dir, *args, "--reveal-phone", input_text=f"{PHONE}\nn\n", check=False)
    assert declined.returncode == 1 and "错误：已取消" in declined.stderr
    assert not out.exists()
    run_cli(data_dir, *args, "--reveal-phone", input_text=f"{PHONE}\ny\n")
    text = out.read_text("utf-8")
    assert f"| 买家 | t**8、{PHONE} |" in text and "本文件含买家完整手机号" in text
    assert f"（{PHONE}）" in text  # the call in the timeline
    log = settings.paths.log_file.read_text("utf-8")
    assert "revealed" in log and f"complaint #{found['id']}" in log
    for part in PHONE_PARTS:
        assert part not in log


def test_user_errors_are_one_chinese_line(client: FlaskClient, data_dir: Path) -> None:
    found = the_issue_case(client)
    for args, message in (
        (("complaints", "evidence", "99"), "没有编号为 99 的投诉"),
        (("complaints", "evidence", str(found["id"]), "--format", "pdf"), "--out"),
        (("complaints", "evidence", str(found["id"]), "--format", "doc"), "--format"),
    ):
        result = run_cli(data_dir, *args, check=False)
        assert result.returncode == 1, args
        assert result.stderr.startswith("错误：") and message in result.stderr, result.stderr
        assert "Traceback" not in result.stderr
    helped = run_cli(data_dir, "complaints", "evidence", "--help").stdout
    assert "举证材料" in helped and "--reveal-phone" in helped
