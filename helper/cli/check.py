"""``helper check``: check one message (a readable, coloured report) or a whole chat export
(``--jsonl``: one message per line in, one JSON object per line out)."""

from __future__ import annotations

import json
import os
import stat
import sys
from collections import Counter
from collections.abc import Iterator
from typing import BinaryIO

import click

from helper.checks.message import CheckResult, MessageEngine, UnknownPlatform
from helper.cli.common import CliError, settings_options
from helper.platforms import load_platforms
from helper.settings import Settings

# Exit status of a single check with findings (0: the text passes; 1: an error; 2: usage).
EXIT_FINDINGS = 3
# A progress bar is worth drawing only for inputs this large (bytes), and only on a terminal.
_PROGRESS_MIN_BYTES = 1_000_000

_SCENES = {"insult": "辱骂", "threat": "威胁", "harassment": "骚扰", "mailing": "邮寄"}
_SEVERITIES = {"ordinary": "情节一般", "serious": "情节严重"}
_VERDICTS = {
    "ok": ("通过 ok", "green"),
    "warn": ("警告 warn", "yellow"),
    "block": ("拦截 block", "red"),
}


def load_engine(settings: Settings) -> MessageEngine:
    """The engine a command uses: every rules directory, no store needed."""
    return MessageEngine.load(
        settings.rules_dirs,
        load_platforms(settings.rules_dirs),
        settings.checks.default_platform,
    )


@click.command()
@click.argument("text", required=False)
@click.option("--platform", "-p", metavar="ID", help="taobao, tmall, tmall_intl or 1688.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as one JSON object.")
@click.option(
    "--jsonl",
    is_flag=True,
    help="Read one message per line on stdin; write one JSON object per line.",
)
@settings_options(rules=True)
def check(
    settings: Settings, text: str | None, platform: str | None, as_json: bool, jsonl: bool
) -> None:
    """Check TEXT (or stdin with "-") for harassment before it is sent.

    Exit status: 0 the text passes, 3 it has findings, 1 an error.
    """
    engine = load_engine(settings)
    _check_platform(engine, platform)
    limit = settings.checks.max_message_chars
    if jsonl:
        if text is not None:
            raise CliError("--jsonl 从标准输入读取消息，不要再给出 TEXT")
        _check_lines(engine, platform, limit)
        return
    if text is None or text == "-":
        text = _read_stdin_text()
    if not text.strip():
        raise CliError("消息为空，没有可检查的内容")
    if len(text) > limit:
        raise CliError(f"消息超过 {limit} 个字符的上限")
    result = engine.check(text, platform)
    if as_json:
        click.echo(json.dumps(result.to_json(), ensure_ascii=False))
    else:
        _report(result)
    if result.findings:
        sys.exit(EXIT_FINDINGS)


def _check_platform(engine: MessageEngine, platform: str | None) -> None:
    try:
        engine.resolve_platform(platform)
    except UnknownPlatform as exc:
        raise CliError(str(exc)) from exc


def _read_stdin_text() -> str:
    raw = click.get_binary_stream("stdin").read()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CliError(f"输入不是有效的 UTF-8（第 {exc.start} 字节处）") from exc


def _report(result: CheckResult) -> None:
    label, colour = _VERDICTS[result.verdict]
    platform = f"（平台 {result.platform}）" if result.platform else ""
    click.secho(f"判定：{label}{platform}", fg=colour, bold=True)
    click.echo("  " + _highlight(result))
    for number, finding in enumerate(result.findings, start=1):
        scene = _SCENES.get(finding.scene, finding.scene)
        severity = _SEVERITIES.get(finding.severity, finding.severity)
        severity_colour = "red" if finding.severity == "serious" else "yellow"
        click.echo()
        click.secho(
            f"[{number}] {finding.rule_id}  {scene}·{severity}  “{finding.match}”"
            f"  第 {finding.start_cp + 1}–{finding.end_cp} 字",
            fg=severity_colour,
            bold=True,
        )
        click.echo(f"    {finding.message}")
        click.echo(f"    原因：{finding.why}")
        if finding.penalty:
            click.echo(f"    处罚：{finding.penalty.summary}（来源：{finding.penalty.source}）")
        click.secho(f"    建议改写：{finding.suggestion}", fg="cyan")


def _highlight(result: CheckResult) -> str:
    """The text with each finding shown in reverse colour (a terminal has no underline for
    double-width characters that every console draws right)."""
    parts, position = [], 0
    for finding in result.findings:
        if finding.start_cp < position:
            continue
        parts.append(result.text[position : finding.start_cp])
        colour = "red" if finding.severity == "serious" else "yellow"
        parts.append(
            click.style(result.text[finding.start_cp : finding.end_cp], fg=colour, reverse=True)
        )
        position = finding.end_cp
    parts.append(result.text[position:])
    return "".join(parts)


def _check_lines(engine: MessageEngine, platform: str | None, limit: int) -> None:
    stdin = click.get_binary_stream("stdin")
    out = click.get_binary_stream("stdout")
    verdicts: Counter[str] = Counter()
    for number, raw in _lines_with_progress(stdin):
        line = raw.rstrip(b"\r\n")
        if number == 1 and line.startswith(b"\xef\xbb\xbf"):
            line = line[3:]
        reply = _check_line(engine, platform, limit, number, line)
        if reply is None:
            continue
        verdicts[reply.get("verdict", "error")] += 1
        out.write(json.dumps(reply, ensure_ascii=False).encode("utf-8") + b"\n")
    out.flush()
    summary = "，".join(f"{key} {count}" for key, count in sorted(verdicts.items()))
    click.echo(f"已检查 {sum(verdicts.values())} 条消息：{summary or '无'}", err=True)


def _check_line(
    engine: MessageEngine, platform: str | None, limit: int, number: int, line: bytes
) -> dict | None:
    """One output object per non-blank line; a bad line gets an error object, not a crash."""
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError as exc:
        return _line_error(
            number, "bad_utf8", f"第 {number} 行不是有效的 UTF-8（第 {exc.start} 字节处）"
        )
    if not text.strip():
        return None
    if len(text) > limit:
        return _line_error(number, "too_large", f"第 {number} 行超过 {limit} 个字符的上限")
    return {"line": number, **engine.check(text, platform).to_json()}


def _line_error(number: int, code: str, message: str) -> dict:
    return {"line": number, "error": {"code": code, "message": message}}


def _lines_with_progress(stdin: BinaryIO) -> Iterator[tuple[int, bytes]]:
    size = _known_size(stdin)
    if size is None or size < _PROGRESS_MIN_BYTES or not sys.stderr.isatty():
        yield from enumerate(stdin, start=1)
        return
    with click.progressbar(length=size, label="检查中", file=sys.stderr) as bar:
        for number, raw in enumerate(stdin, start=1):
            bar.update(len(raw))
            yield number, raw


def _known_size(stream: BinaryIO) -> int | None:
    """The size of stdin when it is a file (``< export.txt``), else None (a pipe)."""
    try:
        info = os.fstat(stream.fileno())
    except (OSError, ValueError, AttributeError):
        return None
    return info.st_size if stat.S_ISREG(info.st_mode) else None
