"""``helper check``: check one message (a readable, coloured report) or a whole chat export
(``--jsonl``: one message per line in, one JSON object per line out)."""

from __future__ import annotations

import itertools
import json
import multiprocessing
import os
import stat
import sys
from collections import Counter, deque
from collections.abc import Iterator
from multiprocessing.pool import AsyncResult
from typing import BinaryIO

import click

from helper.checks.message import CheckResult, MessageEngine, UnknownPlatform
from helper.cli.common import CliError, settings_options
from helper.guard.service import ShopSettings, stored_shop_settings
from helper.platforms import SCENE_NAMES, load_platforms
from helper.settings import Settings

# Exit status of a single check with findings (0: the text passes; 1: an error, usage too).
EXIT_FINDINGS = 3
# Lines per unit of work (and per progress step) in --jsonl.
_CHUNK_LINES = 2000
# A progress bar is worth drawing only for inputs this large (bytes), and only on a terminal.
_PROGRESS_MIN_BYTES = 1_000_000
# Distinct lines whose JSON a bulk run keeps for repeats (about 1 KB each at most).
_SEEN_MAX = 50_000

_SEVERITIES = {"ordinary": "情节一般", "serious": "情节严重", "advisory": "仅提醒"}
_VERDICTS = {
    "ok": ("通过", "green"),
    "warn": ("提醒：可以发送，建议修改", "yellow"),
    "block": ("拦截：发送前必须修改", "red"),
}
# a reminder made only of tone findings: nothing in it can cost the shop
_TONE_ONLY = "提醒：服务态度，可以发送"
_NO_PENALTY = "无平台处罚，仅提醒服务态度"
# a finding of a penalised scene that only warns (finding_verdicts: aimed at no one)
_WARN_ONLY = "本条仅提醒，可以发送：没有指向具体的人；若是对买家说的，会被判辱骂"


def load_engine(settings: Settings) -> MessageEngine:
    """The engine a command uses: every rules directory, no store needed."""
    return MessageEngine.load(
        settings.rules_dirs,
        load_platforms(settings.rules_dirs),
        settings.checks.default_platform,
        cache_dir=settings.paths.cache_dir,
    )


@click.command()
@click.argument("text", required=False)
@click.option("--platform", "-p", metavar="ID", help="平台：taobao、tmall、tmall_intl 或 1688。")
@click.option("--json", "as_json", is_flag=True, help="以一个 JSON 对象输出结果。")
@click.option(
    "--jsonl",
    is_flag=True,
    help="从标准输入逐行读取消息，每行输出一个 JSON 对象。",
)
@click.option(
    "--jobs",
    type=click.IntRange(1, 64),
    default=min(os.cpu_count() or 1, 4),
    show_default=True,
    help="处理大量 --jsonl 输入时使用的进程数。",
)
@settings_options(rules=True)
def check(
    settings: Settings,
    text: str | None,
    platform: str | None,
    as_json: bool,
    jsonl: bool,
    jobs: int,
) -> None:
    """发送前检查消息 TEXT（写 "-" 则读标准输入）是否构成骚扰。

    退出码：0 通过，3 发现问题，1 出错。
    """
    engine = load_engine(settings)
    _check_platform(engine, platform)
    # The shop's allowances and profile, as the browser gets them (helper.guard.service).
    shop = stored_shop_settings(settings)
    limit = settings.checks.max_message_chars
    if jsonl:
        if text is not None:
            raise CliError("--jsonl 从标准输入读取消息，不要再给出 TEXT")
        _check_lines(engine, shop, settings, platform, limit, jobs)
        return
    if text is None or text == "-":
        text = _read_stdin_text()
    if not text.strip():
        raise CliError("消息为空，没有可检查的内容")
    if len(text) > limit:
        raise CliError(f"消息超过 {limit} 个字符的上限")
    result = shop.check(engine, text, platform)
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
    if result.verdict == "warn" and all(f.scene == "tone" for f in result.findings):
        label = _TONE_ONLY
    platform = f"（平台 {result.platform}）" if result.platform else ""
    click.secho(f"判定：{label}{platform}", fg=colour, bold=True)
    click.echo("  " + _highlight(result))
    for number, finding in enumerate(result.findings, start=1):
        scene = SCENE_NAMES.get(finding.scene, finding.scene)
        severity = _SEVERITIES.get(finding.severity, finding.severity)
        severity_colour = _colour(finding.scene)
        click.echo()
        click.secho(
            f"[{number}] {finding.rule_id}  {scene}·{severity}  “{finding.match}”"
            f"  第 {finding.start_cp + 1}–{finding.end_cp} 字",
            fg=severity_colour,
            bold=True,
        )
        click.echo(f"    {finding.message}")
        if finding.term not in (finding.rule_id, finding.match, finding.match.lower()):
            click.echo(f"    词条：{finding.term}（类别 {finding.category}）")
        click.echo(f"    原因：{finding.why}")
        if finding.penalty:
            click.echo(f"    处罚：{finding.penalty.summary}（来源：{finding.penalty.source}）")
        elif finding.scene == "tone":
            click.echo(f"    处罚：{_NO_PENALTY}")
        if finding.verdict == "warn" and finding.scene != "tone":
            click.secho(f"    {_WARN_ONLY}", fg="yellow")
        if finding.replacement is not None:
            fix = f"“{finding.replacement}”" if finding.replacement else "删去"
            click.secho(f"    就地替换：“{finding.match}” → {fix}", fg="cyan")
        click.secho(f"    建议回复：{finding.suggestion}", fg="cyan")


def _colour(scene: str) -> str:
    """Red for what blocks (the four penalised scenes), yellow for a tone reminder."""
    return "yellow" if scene == "tone" else "red"


def _highlight(result: CheckResult) -> str:
    """The text with each finding shown in reverse colour (a terminal has no underline for
    double-width characters that every console draws right)."""
    parts, position = [], 0
    for finding in result.findings:
        if finding.start_cp < position:
            continue
        parts.append(result.text[position : finding.start_cp])
        colour = _colour(finding.scene)
        parts.append(
            click.style(result.text[finding.start_cp : finding.end_cp], fg=colour, reverse=True)
        )
        position = finding.end_cp
    parts.append(result.text[position:])
    return "".join(parts)


def _check_lines(
    engine: MessageEngine,
    shop: ShopSettings,
    settings: Settings,
    platform: str | None,
    limit: int,
    jobs: int,
) -> None:
    """Chunks of lines, checked in order; on several cores by a pool of worker processes once
    the input is larger than one chunk (each worker holds its own engine)."""
    out = click.get_binary_stream("stdout")
    verdicts: Counter[str] = Counter()
    chunks = _chunks(_lines_with_progress(click.get_binary_stream("stdin")))
    head = list(itertools.islice(chunks, 2))
    all_chunks = itertools.chain(head, chunks)

    def emit(result: tuple[bytes, Counter[str]]) -> None:
        out.write(result[0])
        verdicts.update(result[1])

    if jobs > 1 and len(head) > 1:
        global _worker_checker
        _worker_checker = LineChecker(engine, shop, platform, limit)  # inherited where forked
        context = multiprocessing.get_context()
        init = (settings, shop, platform, limit)
        with context.Pool(jobs, initializer=_init_worker, initargs=init) as pool:
            pending: deque[AsyncResult] = deque()
            for chunk in all_chunks:
                pending.append(pool.apply_async(_worker_chunk, (chunk,)))
                if len(pending) >= 2 * jobs:  # bounded look-ahead: memory stays flat
                    emit(pending.popleft().get())
            while pending:
                emit(pending.popleft().get())
    else:
        checker = LineChecker(engine, shop, platform, limit)
        for chunk in all_chunks:
            emit(checker.chunk(chunk))
    out.flush()
    summary = "，".join(f"{key} {count}" for key, count in sorted(verdicts.items()))
    restart = "\r" if sys.stderr.isatty() else ""  # over the line count
    click.echo(f"{restart}已检查 {sum(verdicts.values())} 条消息：{summary or '无'}", err=True)


class LineChecker:
    """Checks the lines of one export with one engine, shop and platform. A chat export repeats
    itself (canned replies, 好的, 亲在的): a line already checked in this run gets the JSON
    made for it the first time, with only its line number new."""

    def __init__(
        self, engine: MessageEngine, shop: ShopSettings, platform: str | None, limit: int
    ) -> None:
        self._engine = engine
        self._shop = shop
        self._platform = platform
        self._limit = limit
        # text -> (verdict, JSON object text without the line number)
        self._seen: dict[str, tuple[str, str]] = {}

    def chunk(self, chunk: list[tuple[int, bytes]]) -> tuple[bytes, Counter[str]]:
        lines: list[str] = []
        verdicts: Counter[str] = Counter()
        for number, raw in chunk:
            checked = self.line(number, raw)
            if checked is None:
                continue
            verdict, line = checked
            verdicts[verdict] += 1
            lines.append(line)
        return "".join(line + "\n" for line in lines).encode("utf-8"), verdicts

    def line(self, number: int, line: bytes) -> tuple[str, str] | None:
        """(verdict or "error", JSON text) for a non-blank line; a bad line gets an error
        object, not a crash."""
        line = line.rstrip(b"\r\n")
        if number == 1 and line.startswith(b"\xef\xbb\xbf"):
            line = line[3:]
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError as exc:
            message = f"第 {number} 行不是有效的 UTF-8（第 {exc.start} 字节处）"
            return _line_error(number, "bad_utf8", message)
        if not text.strip():
            return None
        if len(text) > self._limit:
            return _line_error(
                number, "too_large", f"第 {number} 行超过 {self._limit} 个字符的上限"
            )
        seen = self._seen.get(text)
        if seen is None:
            result = self._shop.check(self._engine, text, self._platform)
            seen = result.verdict, result.json_text()
            if len(self._seen) >= _SEEN_MAX:
                self._seen.clear()  # memory stays bounded on a huge export of unique lines
            self._seen[text] = seen
        verdict, body = seen
        # the same text as json_text(line=number): the line number comes first
        return verdict, f'{{"line": {number}, {body[1:]}'


_worker_checker: LineChecker | None = None


def _init_worker(settings: Settings, shop: ShopSettings, platform: str | None, limit: int) -> None:
    global _worker_checker
    if _worker_checker is None:  # spawned (Windows, macOS): load the rules here
        _worker_checker = LineChecker(load_engine(settings), shop, platform, limit)


def _worker_chunk(chunk: list[tuple[int, bytes]]) -> tuple[bytes, Counter[str]]:
    assert _worker_checker is not None
    return _worker_checker.chunk(chunk)


def _chunks(lines: Iterator[tuple[int, bytes]]) -> Iterator[list[tuple[int, bytes]]]:
    while chunk := list(itertools.islice(lines, _CHUNK_LINES)):
        yield chunk


def _line_error(number: int, code: str, message: str) -> tuple[str, str]:
    error = {"line": number, "error": {"code": code, "message": message}}
    return "error", json.dumps(error, ensure_ascii=False)


def _lines_with_progress(stdin: BinaryIO) -> Iterator[tuple[int, bytes]]:
    """The numbered lines of stdin; on a terminal, a progress bar for a large file, or a line
    count for a pipe (whose length is unknown)."""
    if not sys.stderr.isatty():
        yield from enumerate(stdin, start=1)
        return
    size = _known_size(stdin)
    if size is None:
        for number, raw in enumerate(stdin, start=1):
            if number % _CHUNK_LINES == 0:
                click.echo(f"\r已读取 {number} 行…", nl=False, err=True)
            yield number, raw
        return
    if size < _PROGRESS_MIN_BYTES:
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
