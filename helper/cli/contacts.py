"""``helper contacts``: check, log and review contact with buyers from the command line."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import click

import helper.contacts.log as contact_log
from helper.cli.common import TIME, CliError, open_services, settings_options
from helper.contacts import contact_rules, note_checker
from helper.contacts.buyers import parse_time_zone, update_buyer
from helper.contacts.history import history
from helper.contacts.messages import record_buyer_message
from helper.contacts.policy import CHANNEL_NAMES, Verdict
from helper.contacts.restrictions import Restriction
from helper.contacts.retention import export_document, purge, write_export
from helper.contacts.tables import CHANNELS, OUTCOMES
from helper.identity import BuyerRef
from helper.services import Services
from helper.settings import Settings
from helper.times import beijing

# Exit status of check / log --reserve when the policy blocks (1 is an error, 2 bad usage).
EXIT_BLOCKED = 3
_VERDICT_NAMES = {"allow": "可以联系", "warn": "可以联系，但请注意", "block": "不要联系"}


def _buyer(svc: Services, value: str) -> BuyerRef:
    try:
        return svc.hasher.buyer(value)
    except ValueError:
        raise CliError("买家不能为空：请给出旺旺昵称或手机号") from None


def _platform(svc: Services, name: str | None) -> str:
    platform = svc.platforms.resolve(name or svc.settings.checks.default_platform)
    if platform is None:
        raise CliError(f"未知平台 {name!r}，可用：{', '.join(svc.platforms.ids())}")
    return platform.id


def _print_verdict(verdict: Verdict) -> None:
    colour = {"allow": "green", "warn": "yellow", "block": "red"}[verdict.verdict]
    click.secho(
        f"结论：{_VERDICT_NAMES[verdict.verdict]}（{verdict.verdict}）", fg=colour, bold=True
    )
    for reason in verdict.reasons:
        mark = "✗" if reason.blocking else "!"
        click.echo(f"  {mark} {reason.message}  [{reason.rule_id}]")
    if verdict.blocked:
        when = (
            beijing(verdict.next_allowed_at)
            if verdict.next_allowed_at
            else "时间不能解除，先解决上面标 ✗ 的原因"
        )
        click.echo(f"最早可联系（北京时间）：{when}")


def _print_json(document: dict[str, Any]) -> None:
    click.echo(json.dumps(document, ensure_ascii=False, indent=1))


@click.group()
def contacts() -> None:
    """联系买家前的检查：现在能不能给这位买家打电话、发短信？以及联系记录。"""


_channel_option = click.option(
    "--channel", "-c", type=click.Choice(CHANNELS), required=True, help="联系方式。"
)
_at_option = click.option("--at", type=TIME, help="时间（ISO 8601，默认现在，北京时间）。")
_platform_option = click.option("--platform", help="平台 ID（默认取配置文件）。")
_json_option = click.option("--json", "as_json", is_flag=True, help="输出 JSON。")
_note_option = click.option("--note", help="要检查的包裹备注文字（不保存）。")


@contacts.command("check")
@click.argument("buyer")
@_channel_option
@_at_option
@_platform_option
@_note_option
@_json_option
@settings_options(rules=True)
def check_command(
    settings: Settings,
    buyer: str,
    channel: str,
    at: datetime | None,
    platform: str | None,
    note: str | None,
    as_json: bool,
) -> None:
    """现在可以联系买家 BUYER（昵称或手机号）吗？只检查不记录；被拦截时退出码 3。"""
    with open_services(settings) as svc:
        ref = _buyer(svc, buyer)
        platform_id = _platform(svc, platform)
        when = at or svc.clock()
        verdict, info = contact_log.check(
            svc.store,
            contact_rules(svc).policies.for_platform(platform_id),
            ref,
            channel,
            when,
            note=note,
            note_checker=note_checker(svc, platform_id),
        )
    if as_json:
        _print_json({**verdict.to_json(), "buyer": info.to_json(ref)})
    else:
        click.echo(
            f"买家 {ref.masked}（{info.timezone.key}）{CHANNEL_NAMES[channel]}，"
            f"北京时间 {beijing(when)}"
        )
        _print_verdict(verdict)
    if verdict.blocked:
        raise click.exceptions.Exit(EXIT_BLOCKED)


@contacts.command("log")
@click.argument("buyer")
@_channel_option
@click.option("--outcome", "-o", type=click.Choice(OUTCOMES), help="联系结果（如果已经知道）。")
@_at_option
@click.option("--reserve", is_flag=True, help="只在规则允许时记录（不允许时退出码 3）。")
@click.option(
    "--agent", help="谁联系的买家（默认：[team] agent、环境变量 HELPER_AGENT 或当前系统用户名）。"
)
@_platform_option
@_note_option
@_json_option
@settings_options(rules=True)
def log_command(
    settings: Settings,
    buyer: str,
    channel: str,
    outcome: str | None,
    at: datetime | None,
    reserve: bool,
    agent: str | None,
    platform: str | None,
    note: str | None,
    as_json: bool,
) -> None:
    """记录一次与买家 BUYER 的联系（记录时按联系规则检查）。"""
    with open_services(settings) as svc:
        ref = _buyer(svc, buyer)
        platform_id = _platform(svc, platform)
        request = contact_log.AttemptRequest(
            buyer=ref,
            channel=channel,
            at=at or svc.clock(),
            platform=platform_id,
            agent=agent or svc.agent,
            source="cli",
            outcome=outcome,
            note=note,
        )
        try:
            recorded = contact_log.record(
                svc.store,
                contact_rules(svc).policies.for_platform(platform_id),
                request,
                reserve=reserve,
                now=svc.clock(),
                note_checker=note_checker(svc, platform_id),
            )
        except contact_log.OutcomeError as exc:
            raise CliError(str(exc)) from None
    if as_json:
        _print_json({"attempt": recorded.attempt, **recorded.verdict.to_json()})
    elif recorded.attempt is None:
        click.echo(f"没有记录：买家 {ref.masked} 现在不能{CHANNEL_NAMES[channel]}。")
        _print_verdict(recorded.verdict)
    else:
        click.echo(f"已记录 #{recorded.attempt['id']}：{ref.masked} {CHANNEL_NAMES[channel]}")
        _print_verdict(recorded.verdict)
    if recorded.attempt is None:
        raise click.exceptions.Exit(EXIT_BLOCKED)


@contacts.command("outcome")
@click.argument("attempt_id", type=click.IntRange(1, 2**63 - 1))
@click.argument("outcome", type=click.Choice(OUTCOMES))
@settings_options()
def outcome_command(settings: Settings, attempt_id: int, outcome: str) -> None:
    """记录第 ATTEMPT_ID 次联系的结果（如 answered 接通、unanswered 未接）。"""
    with open_services(settings) as svc:
        try:
            attempt = contact_log.set_outcome(svc.store, attempt_id, outcome, svc.clock())
        except contact_log.OutcomeError as exc:
            raise CliError(str(exc)) from None
    if attempt is None:
        raise CliError(f"没有编号为 {attempt_id} 的联系记录")
    click.echo(f"#{attempt_id} 的结果已记为 {outcome}")


@contacts.command("history")
@click.argument("buyer")
@click.option(
    "--limit", type=click.IntRange(1, 10_000), default=200, show_default=True, help="最多显示几条。"
)
@_json_option
@settings_options()
def history_command(settings: Settings, buyer: str, limit: int, as_json: bool) -> None:
    """显示买家 BUYER 的联系记录（脱敏），最新的在前。"""
    with open_services(settings) as svc:
        document = history(svc.store, _buyer(svc, buyer), limit)
    if as_json:
        _print_json(document)
        return
    head = document["buyer"]
    click.echo(f"买家 {' / '.join(head['identities'])}（{head['timezone']}；下列时间为北京时间）")
    for opt_out in document["opt_outs"]:
        state = "有效" if opt_out["active"] else f"已撤回 {beijing(opt_out['reversed_at'])}"
        click.echo(
            f"  拒绝联系 {beijing(opt_out['at'])} 范围 {opt_out['scope']}"
            f"“{opt_out['excerpt']}”（{state}）"
        )
    if not document["attempts"]:
        click.echo("  没有联系记录。")
    for attempt in document["attempts"]:
        click.echo(
            f"  #{attempt['id']:<5} {beijing(attempt['at'])}  "
            f"{CHANNEL_NAMES[attempt['channel']]:<6} {attempt['outcome'] or '结果未报':<10} "
            f"{attempt['verdict']:<5} {attempt['agent']}（{attempt['source']}）"
        )


@contacts.command("message")
@click.argument("buyer")
@click.argument("text")
@_at_option
@settings_options(rules=True)
def message_command(settings: Settings, buyer: str, text: str, at: datetime | None) -> None:
    """记录买家 BUYER 说的话（例如电话里说「别再打了」），并识别拒绝联系。"""
    with open_services(settings) as svc:
        _buyer(svc, buyer)
        effect = record_buyer_message(svc, buyer, text, at or svc.clock(), "cli")
    if effect.opt_out:
        click.echo(f"已记录：买家不希望再被联系（范围 {effect.scope}）。")
    elif effect.opt_in:
        click.echo("已记录：买家希望被联系，之前的拒绝联系已撤回。")
    elif effect.restrictions:
        for limit in effect.restrictions:
            click.echo(f"已记录买家的限制：“{limit.excerpt}”（{describe_limit(limit)}）。")
        click.echo("在限制之外联系会被拦截；这位买家以前说过的限制（如有）以这条为准。")
    elif effect.callback_after:
        click.echo(f"已记录：买家希望 {beijing(effect.callback_after)}（北京时间）以后再联系。")
    else:
        click.echo("已记录：没有发现拒绝联系或回电要求。")


_DAY_NAMES = "一二三四五六日"
_CLOSED_BY_SCOPE = {
    "call": "不打电话",
    "sms": "不发短信",
    "phone": "不打电话、不发短信",
    "all": "不主动联系",
}


_HOLIDAY_NAMES = {
    "new_years_day": "元旦",
    "spring_festival": "春节",
    "tomb_sweeping_day": "清明",
    "labour_day": "五一",
    "dragon_boat_festival": "端午",
    "national_day": "国庆",
    "mid_autumn_festival": "中秋",
}


def describe_limit(limit: Restriction) -> str:
    """A buyer's limit in a few words for the agent (times are the buyer's local time)."""
    data = limit.to_json()
    start, end = data["allowed_from"], data["allowed_until"]
    if limit.kind == "hours" and limit.allowed_from and limit.allowed_until is not None:
        if (limit.allowed_from or 0) < (limit.allowed_until or 0):
            return f"买家当地时间 {start} 到 {end} 之间才能联系"
        return f"买家当地时间 {end} 到 {start} 之间不联系"
    if limit.kind == "holidays":
        return f"{_HOLIDAY_NAMES.get(limit.holiday or '', '节假日')}期间不联系"
    if limit.kind == "hours" and data["allowed_until"]:
        return f"买家当地时间 {data['allowed_until']} 以前才能联系"
    if limit.kind == "hours":
        return f"买家当地时间 {data['allowed_from']} 以后才能联系"
    if limit.kind == "days":
        return "只在周" + "、周".join(_DAY_NAMES[day - 1] for day in sorted(limit.days)) + "联系"
    if limit.kind == "date":
        return f"{data['not_before']} 以前不联系"
    return _CLOSED_BY_SCOPE[limit.scope]


@contacts.command("buyer")
@click.argument("buyer")
@click.option("--tz", "zone", help="买家所在时区，例如 America/New_York。")
@click.option("--link", "other", help="同一买家的另一个身份（昵称或手机号）。")
@settings_options()
def buyer_command(settings: Settings, buyer: str, zone: str | None, other: str | None) -> None:
    """设置买家 BUYER 的时区，或把另一个身份关联到这位买家。"""
    if not zone and not other:
        raise CliError("请给出 --tz 或 --link")
    try:
        parsed_zone = parse_time_zone(zone) if zone else None
    except ValueError as exc:
        raise CliError(str(exc)) from None
    with open_services(settings) as svc:
        ref = _buyer(svc, buyer)
        other_ref = _buyer(svc, other) if other else None
        with svc.store.write() as conn:
            info = update_buyer(conn, ref, svc.clock(), zone=parsed_zone, other=other_ref)
    click.echo(f"买家 {' / '.join(info.identities)}，时区 {info.timezone.key}")


@contacts.command("export")
@click.option(
    "--out", "out", type=click.Path(dir_okay=False), required=True, help="导出到的 JSON 文件。"
)
@click.option("--since", type=TIME, help="只导出这个时间以后的记录。")
@settings_options()
def export_command(settings: Settings, out: str, since: datetime | None) -> None:
    """把联系记录（脱敏）导出为 JSON 文件，例如在清除之前。"""
    with open_services(settings) as svc, svc.store.read() as conn:
        document = export_document(conn, svc.clock(), since=since)
    try:
        write_export(Path(out), document)
    except OSError as exc:
        raise CliError(f"无法写入 {out}：{exc.strerror or exc}") from None
    click.echo(
        f"已导出 {len(document['attempts'])} 条联系记录、{len(document['opt_outs'])} 条拒绝联系、"
        f"{len(document['buyer_messages'])} 条买家消息记录到 {out}"
    )


@contacts.command("purge")
@click.option("--days", type=click.IntRange(1, 36_500), help="保留天数（默认取配置文件）。")
@click.option("--dry-run", is_flag=True, help="只统计会清除多少，不执行。")
@settings_options()
def purge_command(settings: Settings, days: int | None, dry_run: bool) -> None:
    """清除超过保留期限的联系记录；清除前先导出。"""
    with open_services(settings) as svc:
        result = purge(svc, retention_days=days or settings.privacy.retention_days, dry_run=dry_run)
    summary = (
        f"{beijing(result.cutoff)}（北京时间）之前：{result.attempts} 条联系记录、"
        f"{result.opt_outs} 条已撤回的拒绝联系、{result.messages} 条买家消息记录、"
        f"{result.restrictions} 条已替换的买家限制"
    )
    if dry_run:
        click.echo(f"将清除 {summary}（未执行）")
    elif result.export is None:
        click.echo(f"没有需要清除的记录（{beijing(result.cutoff)}，北京时间之前）。")
    else:
        click.echo(f"已清除 {summary}；清除前已导出到 {result.export}")
