"""``helper complaints add|list|show|done|orders|evidence``: complaints by hand, from the
command line, the seen orders whose buyer can still complain, and a complaint's evidence pack.

These commands write the store only; they never start a scheduler (only ``helper serve``
does, one per data directory). A running helper picks up the new reminders at its next sync.
"""

from __future__ import annotations

import getpass
from datetime import datetime
from pathlib import Path
from typing import Any

import click

from helper.cli.common import TIME, CliError, settings_options
from helper.complaints import orders as order_windows
from helper.complaints import service
from helper.complaints.rules import complaint_rules
from helper.complaints.tables import STATUSES
from helper.evidence.facts import PhoneMismatch
from helper.evidence.pack import build_pack
from helper.evidence.pdf import PdfUnavailable, print_pdf
from helper.evidence.render import FORMATS, render
from helper.logsetup import setup_logging
from helper.services import Services, build_services
from helper.settings import Settings
from helper.times import beijing


@click.group()
def complaints() -> None:
    """店铺收到的投诉：举证期限和提醒。"""


@complaints.command()
@click.option(
    "--type", "type_text", required=True, help="投诉类型：恶意骚扰 / 惡意騷擾，或类型代码。"
)
@click.option("--platform", help="平台 ID 或名称（默认取配置文件）。")
@click.option("--case-id", help="平台上的投诉 / 违规编号。")
@click.option("--buyer", help="买家昵称或手机号（只保存加密哈希）。")
@click.option("--order", "order_id", help="订单号。")
@click.option("--received", type=TIME, help="收到投诉的时间（默认现在，北京时间）。")
@click.option("--deadline", type=TIME, help="页面上写明的举证截止时间（如果有）。")
@settings_options(rules=True)
def add(settings: Settings, type_text: str, **options: Any) -> None:
    """添加一条投诉（平台和编号相同的投诉则更新）。"""
    svc = build_services(settings)
    try:
        rules = complaint_rules(svc)
        type_code = rules.vocabulary.type_code(type_text)
        if type_code is None:
            raise CliError(
                f"不认识的投诉类型 {type_text!r}；可用：{', '.join(rules.vocabulary.type_codes())}"
            )
        platform = svc.platforms.resolve(options["platform"] or settings.checks.default_platform)
        if platform is None:
            raise CliError(f"--platform 只能是 {', '.join(svc.platforms.ids())} 之一")
        outcome = service.save(
            svc,
            service.ComplaintInput(
                platform=platform,
                case_id=options["case_id"],
                type_code=type_code,
                type_label=rules.vocabulary.type_label(type_code),
                buyer=options["buyer"],
                order_id=options["order_id"],
                received_at=options["received"],
                stated_evidence_due=options["deadline"],
                source="manual",
            ),
        )
        click.echo(("已添加" if outcome.created else "已更新") + f"投诉 #{outcome.complaint['id']}")
        _print_complaint(outcome.complaint)
        click.echo(f"举证提醒：新建 {outcome.reminders_created} 个")
    finally:
        svc.close()


@complaints.command(name="list")
@click.option(
    "--status", type=click.Choice(STATUSES), multiple=True, help="只显示这些状态（可重复）。"
)
@settings_options(rules=True)
def list_(settings: Settings, status: tuple[str, ...]) -> None:
    """列出投诉，最紧急的在前。"""
    svc = build_services(settings)
    try:
        found = service.list_complaints(svc, list(status) or None)
        click.echo("没有投诉。" if not found else "时间均为北京时间")
        for complaint in found:
            buyer = complaint["buyer"]["masked"] if complaint["buyer"] else "-"
            mark = "（暂定）" if complaint["provisional"] else ""
            click.echo(
                f"#{complaint['id']:<4} {complaint['status']:<18} {complaint['type_label']:<8} "
                f"{complaint['case_id'] or '-':<16} 买家 {buyer:<8} "
                f"举证截止 {beijing(complaint['evidence_due_at'])}  "
                f"处理 {beijing(complaint['decision_expected_from'])} ~ "
                f"{beijing(complaint['decision_expected_by'])}{mark}"
            )
    finally:
        svc.close()


@complaints.command()
@click.argument("complaint_id", type=int)
@settings_options(rules=True)
def show(settings: Settings, complaint_id: int) -> None:
    """显示一条投诉及其期限和提醒。"""
    svc = build_services(settings)
    try:
        complaint = _get(svc, complaint_id)
        _print_complaint(complaint)
        for reminder in complaint["reminders"]:
            when = beijing(reminder["at"])
            click.echo(f"  提醒 #{reminder['id']} {when} [{reminder['state']}] {reminder['title']}")
    finally:
        svc.close()


@complaints.command()
@click.argument("complaint_id", type=int)
@click.option(
    "--as",
    "status",
    type=click.Choice(STATUSES[1:]),
    default="evidence_submitted",
    show_default=True,
    help="完成了什么：evidence_submitted 已举证（取消剩余提醒）、decided 已判定、closed 已结束。",
)
@settings_options(rules=True)
def done(settings: Settings, complaint_id: int, status: str) -> None:
    """把投诉标记为已举证（或已判定 / 已结束）。"""
    svc = build_services(settings)
    try:
        _get(svc, complaint_id)
        outcome = service.set_status(svc, complaint_id, status)
        click.echo(
            f"投诉 #{complaint_id} 状态：{status}；取消了 {outcome.reminders_cancelled} 个提醒"
        )
        _print_complaint(outcome.complaint)
    finally:
        svc.close()


@complaints.command()
@click.option(
    "--limit", type=click.IntRange(1, 500), default=50, show_default=True, help="最多显示几条。"
)
@click.option("--at", type=TIME, help="以这个时间为准（ISO 8601，默认现在，北京时间）。")
@settings_options(rules=True)
def orders(settings: Settings, limit: int, at: datetime | None) -> None:
    """看过的订单及买家还能投诉多久：仍可投诉的在前，然后是刚过期的。"""
    svc = build_services(settings)
    try:
        found = order_windows.recent_orders(svc, at or svc.clock(), limit)
        if not found:
            click.echo("还没有见过已结束交易的订单（打开订单详情页后会记录）。")
        else:
            click.echo("时间均为北京时间")
        for order in found:
            platform = svc.platforms.by_id.get(order["platform"])
            ends = beijing(order["complaint_window_ends_at"])
            window = (
                f"可投诉至 {ends}（还剩 {order['days_left']} 天）"
                if order["window_open"]
                else f"投诉期已于 {ends} 结束"
            )
            click.echo(
                f"{platform.name if platform else order['platform']} 订单 {order['order_id']}  "
                f"买家 {order['buyer_masked'] or '-'}  {order['trade_status'] or '-'}  {window}"
            )
    finally:
        svc.close()


def _get(svc: Services, complaint_id: int) -> dict[str, Any]:
    try:
        return service.get(svc, complaint_id)
    except service.ComplaintNotFound:
        raise CliError(f"没有编号为 {complaint_id} 的投诉（helper complaints list 查看）") from None


def _print_complaint(complaint: dict[str, Any]) -> None:
    buyer = complaint["buyer"]["masked"] if complaint["buyer"] else "-"
    source = complaint["evidence_due_basis"]
    if complaint["evidence_due_source"] == "page":
        if complaint["evidence_due_page_text"]:
            source += f"「{complaint['evidence_due_page_text']}」"
        if complaint["evidence_due_counted_from"]:
            source += f"，自 {beijing(complaint['evidence_due_counted_from'])} 起算"
        if complaint["evidence_due_rule_at"]:
            source += f"；按规则推算为 {beijing(complaint['evidence_due_rule_at'])}"
    else:
        source += "，3 个自然日"
    click.echo(
        f"  {complaint['platform_name']} {complaint['type_label']} {complaint['case_id'] or ''}"
    )
    click.echo(f"  买家 {buyer}  订单 {complaint['order_id'] or '-'}  状态 {complaint['status']}")
    click.echo(f"  收到       {beijing(complaint['received_at'])}（时间均为北京时间）")
    click.echo(f"  举证截止   {beijing(complaint['evidence_due_at'])}（{source}）")
    click.echo(
        f"  平台处理   {beijing(complaint['decision_expected_from'])} ~ "
        f"{beijing(complaint['decision_expected_by'])}（3~5 个工作日）"
    )
    if complaint["notice"]:
        click.secho(f"  注意：{complaint['notice']}", fg="yellow")


@complaints.command(name="evidence")
@click.argument("complaint_id", type=int)
@click.option(
    "--format",
    "fmt",
    type=click.Choice([*FORMATS, "pdf"]),
    default="html",
    show_default=True,
    help="html：可打印的网页文件；md：Markdown；json：数据；pdf：用本机 Chrome/Edge 打印。",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="写入此文件（默认输出到屏幕；pdf 必须指定）。",
)
@click.option("--shop", help="店铺名称，印在每页页眉。")
@click.option(
    "--reveal-phone",
    is_flag=True,
    help="在材料中显示买家完整手机号：需输入号码并确认，操作会记入日志（不含号码）。",
)
@settings_options(rules=True)
def evidence(
    settings: Settings,
    complaint_id: int,
    fmt: str,
    out: Path | None,
    shop: str | None,
    reveal_phone: bool,
) -> None:
    """生成一起投诉的举证材料：联系时间线、规则核对、每日联系图、材料清单、应对建议和申诉草稿。"""
    if fmt == "pdf" and out is None:
        raise CliError("--format pdf 需要用 --out 指定文件")
    number = None
    if reveal_phone:
        number = click.prompt("请输入买家手机号（只用于核对和显示，不会保存）", hide_input=True)
        if not click.confirm("导出的材料将包含买家完整手机号，请勿外传。确定继续吗？"):
            raise CliError("已取消，没有导出")
        setup_logging(settings, to_stderr=False)
    svc = build_services(settings)
    try:
        pack = build_pack(
            svc,
            complaint_id,
            shop=shop,
            reveal_phone=number,
            requested_by=f"cli:{getpass.getuser()}",
        )
    except service.ComplaintNotFound:
        raise CliError(f"没有编号为 {complaint_id} 的投诉（helper complaints list 查看）") from None
    except PhoneMismatch as exc:
        raise CliError(str(exc)) from None
    finally:
        svc.close()
    if fmt == "pdf":
        assert out is not None
        try:
            print_pdf(render(pack, "html"), out)
        except PdfUnavailable as exc:
            raise CliError(str(exc)) from None
        click.echo(f"已生成 PDF：{out}")
        return
    text = render(pack, fmt)
    if out is None:
        click.echo(text, nl=False)
        return
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise CliError(f"无法写入 {out}：{exc.strerror}") from None
    click.echo(f"已生成举证材料：{out}")
