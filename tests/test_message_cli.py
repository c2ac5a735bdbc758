"""`helper check` and `helper rules lint|test|reload` as a user runs them."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from tests.support.helper_process import HELPER, run_cli


def test_check_prints_a_readable_report_and_exits_3(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "check", "你个傻B，我知道你住哪", check=False)
    assert result.returncode == 3
    assert "判定：拦截：发送前必须修改" in result.stdout
    assert "insult.intellect" in result.stdout and "threat.address" in result.stdout
    assert "建议回复：亲，您好" in result.stdout and "处罚" in result.stdout
    assert "就地替换：“傻B” → 删去" in result.stdout


def test_check_ok_exits_0(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "check", "您稍等，我帮您查一下", "--platform", "1688")
    assert "判定：通过" in result.stdout and "1688" in result.stdout


def test_check_json(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "check", "--json", "傻😊逼", check=False)
    body = json.loads(result.stdout)
    assert body["verdict"] == "block"
    assert body["findings"][0]["start"] == 0 and body["findings"][0]["end"] == 4
    assert body["findings"][0]["end_cp"] == 3


def test_tone_is_shown_in_chinese_as_a_reminder(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "check", "跟你说了多少遍了", check=False)
    assert result.returncode == 3
    assert "判定：提醒：服务态度，可以发送" in result.stdout
    assert "服务态度·仅提醒" in result.stdout and "无平台处罚，仅提醒服务态度" in result.stdout


def test_an_insult_aimed_at_no_one_is_shown_as_a_reminder_with_its_cost(tmp_path: Path) -> None:
    # a slur said to no one warns (finding_verdicts): the reminder says it is not only tone
    result = run_cli(tmp_path, "check", "黑命贵", check=False)
    assert result.returncode == 3
    assert "判定：提醒：可以发送，建议修改" in result.stdout
    assert "服务态度" not in result.stdout.splitlines()[0]
    assert "本条仅提醒，可以发送：没有指向具体的人" in result.stdout
    assert "赔付买家 300 元" in result.stdout
    aimed = run_cli(tmp_path, "check", "你们黑命贵", check=False)
    assert "判定：拦截：发送前必须修改" in aimed.stdout and "本条仅提醒" not in aimed.stdout


def test_check_reads_stdin_with_dash(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "check", "-", input_text="我去你单位找你\n", check=False)
    assert result.returncode == 3 and "threat.workplace" in result.stdout


def test_user_errors_are_one_line(tmp_path: Path) -> None:
    for args in (("check", "   "), ("check", "好", "--platform", "jd")):
        result = run_cli(tmp_path, *args, check=False)
        assert result.returncode == 1
        assert result.stderr.startswith("错误：")
        assert len(result.stderr.strip().splitlines()) == 1


def test_jsonl_audits_an_export_line_by_line(tmp_path: Path) -> None:
    export = "您好\n\n傻逼\n".encode() + b"\xff\xfe broken\n" + "我知道你住哪\r\n".encode()
    result = subprocess.run(
        [*HELPER, "check", "--jsonl", "--platform", "tmall"],
        input=export,
        capture_output=True,
        env={**os.environ, "HELPER_DATA_DIR": str(tmp_path)},
        timeout=60,
    )
    assert result.returncode == 0, result.stderr.decode()
    rows = [json.loads(line) for line in result.stdout.decode("utf-8").splitlines()]
    assert [row["line"] for row in rows] == [1, 3, 4, 5]  # blank line 2 skipped
    assert [row.get("verdict") for row in rows] == ["ok", "block", None, "block"]
    assert rows[2]["error"]["code"] == "bad_utf8"
    assert rows[3]["text"] == "我知道你住哪" and rows[3]["platform"] == "tmall"
    assert "已检查 4 条消息" in result.stderr.decode()


def test_rules_lint_and_test_pass_on_shipped_rules(tmp_path: Path) -> None:
    assert "规则文件检查通过" in run_cli(tmp_path, "rules", "lint").stdout
    assert "规则示例全部通过" in run_cli(tmp_path, "rules", "test").stdout


def test_rules_lint_names_file_and_line(tmp_path: Path) -> None:
    extra = tmp_path / "extra"
    (extra / "message").mkdir(parents=True)
    bad = extra / "message" / "bad.toml"
    bad.write_text('[[rule]]\nid = "x.y"\npattern = "oops"\n', encoding="utf-8")
    result = run_cli(tmp_path, "rules", "lint", "--rules", str(extra), check=False)
    assert result.returncode == 1
    assert f"{bad}:3: unknown key 'pattern'" in result.stderr
    assert "Traceback" not in result.stderr


def test_rules_reload_without_a_server_says_so(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "rules", "reload")
    assert "没有正在运行的助手" in result.stdout


def test_jsonl_on_several_workers_gives_the_same_output_in_order(tmp_path: Path) -> None:
    drafts = ["您好，已为您安排补发", "你个傻逼", "我知道你住哪", "亲，您稍等"]
    export = "\n".join(drafts[i % 4] + f" #{i}" for i in range(5000)).encode() + b"\n"
    outputs = []
    for jobs in ("1", "2"):
        result = subprocess.run(
            [*HELPER, "check", "--jsonl", "--jobs", jobs],
            input=export,
            capture_output=True,
            env={**os.environ, "HELPER_DATA_DIR": str(tmp_path)},
            timeout=120,
        )
        assert result.returncode == 0, result.stderr.decode()
        outputs.append(result.stdout)
    assert outputs[0] == outputs[1]
    rows = [json.loads(line) for line in outputs[1].decode("utf-8").splitlines()]
    assert [row["line"] for row in rows] == list(range(1, 5001))
    assert rows[4998]["verdict"] == "block" and rows[4998]["text"].endswith("#4998")


def test_jsonl_repeated_lines_get_the_json_of_a_fresh_check(tmp_path: Path) -> None:
    """A line seen before reuses its JSON: the output must still be, byte for byte, what the
    engine says of that text, under the repeat's own line number."""
    from helper.checks.message import MessageEngine
    from helper.platforms import load_platforms
    from helper.rulefiles import shipped_rules_dir

    drafts = ["你个傻逼", "亲，您稍等", "我知道你住哪", "你个傻逼", "亲，您稍等", "你个傻逼"]
    result = subprocess.run(
        [*HELPER, "check", "--jsonl", "--jobs", "1"],
        input="\n".join(drafts).encode() + b"\n",
        capture_output=True,
        env={**os.environ, "HELPER_DATA_DIR": str(tmp_path)},
        timeout=60,
    )
    assert result.returncode == 0, result.stderr.decode()
    dirs = [shipped_rules_dir()]
    engine = MessageEngine.load(dirs, load_platforms(dirs), "taobao")
    expected = [
        engine.check(text).json_text(line=number) for number, text in enumerate(drafts, start=1)
    ]
    assert result.stdout.decode("utf-8").splitlines() == expected
    assert [json.loads(line)["line"] for line in expected] == [1, 2, 3, 4, 5, 6]


def test_invalid_utf8_on_stdin_is_one_line(tmp_path: Path) -> None:
    result = subprocess.run(
        [*HELPER, "check", "-"],
        input=b"\xe5\x82\xbb\xff\n",
        capture_output=True,
        env={**os.environ, "HELPER_DATA_DIR": str(tmp_path)},
        timeout=60,
    )
    assert result.returncode == 1
    error = result.stderr.decode("utf-8").strip()
    assert error.startswith("错误：") and "UTF-8" in error and len(error.splitlines()) == 1
