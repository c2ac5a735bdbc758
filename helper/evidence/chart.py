"""Contacts per day against the caps, counted by the policy code (``cap_usage``) on the
buyer's local days, and drawn as one inline SVG (no script, prints as vectors)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from html import escape
from typing import Any

from helper.contacts.policy import Attempt, BuyerState, cap_usage
from helper.evidence.facts import Record
from helper.evidence.rules import EvidenceRules

# More days than fit legibly on an A4 page: the chart shows the last ones and says so.
MAX_DAYS = 62
_WIDTH, _LEFT, _RIGHT, _PANEL, _GAP, _AXIS = 680, 12, 12, 70, 16, 18
_MAX_BAR = 28  # a few days must not draw slabs
_FONT = "font-family=\"'Noto Sans CJK SC','Microsoft YaHei',sans-serif\""


@dataclass(frozen=True)
class Series:
    rule_id: str
    label: str
    limit: int
    counts: tuple[int, ...]  # one per day

    def to_json(self) -> dict[str, Any]:
        return {
            "rule_id": self.rule_id,
            "label": self.label,
            "limit": self.limit,
            "counts": list(self.counts),
        }


@dataclass(frozen=True)
class Chart:
    days: tuple[date, ...]
    series: tuple[Series, ...]
    earlier_contacts: int  # contacts before the first day shown

    def to_json(self) -> dict[str, Any]:
        return {
            "days": [day.isoformat() for day in self.days],
            "series": [series.to_json() for series in self.series],
            "earlier_contacts": self.earlier_contacts,
        }


def daily_usage(record: Record, rules: EvidenceRules) -> Chart:
    tz = record.timezone
    contacts = record.contacts
    if not contacts:
        return Chart((), (), 0)
    first = contacts[0].at.astimezone(tz).date()
    received = datetime.fromisoformat(record.complaint["received_at"]).astimezone(tz).date()
    last = max(contacts[-1].at.astimezone(tz).date(), received)
    start = max(first, last - timedelta(days=MAX_DAYS - 1))
    days = tuple(start + timedelta(days=n) for n in range((last - start).days + 1))
    counts: dict[str, list[int]] = {}
    limits: dict[str, int] = {}
    for day in days:
        end = datetime.combine(day + timedelta(days=1), time(0), tz) - timedelta(microseconds=1)
        attempts = tuple(Attempt(c.at, c.channel, c.outcome) for c in contacts if c.at <= end)
        for usage in cap_usage(record.policy, BuyerState(timezone=tz, attempts=attempts), end):
            counts.setdefault(usage.rule_id, []).append(usage.count)
            limits[usage.rule_id] = usage.limit
    earlier = sum(1 for c in contacts if c.at.astimezone(tz).date() < start)
    series = tuple(
        Series(rule_id, _label(rule_id, rules, record), limits[rule_id], tuple(values))
        for rule_id, values in counts.items()
    )
    return Chart(days, series, earlier)


def _label(rule_id: str, rules: EvidenceRules, record: Record) -> str:
    name = rule_id.removeprefix("contact.")
    if rule_id == record.policy.weekly_total.rule_id:
        return f"近 {record.policy.weekly_total.days} 天电话+短信"
    return "每天" + rules.labels["caps"].get(name, name)


def svg(chart: Chart) -> str:
    """One panel per cap: a bar per day, the cap as a dashed line; a bar over the cap is red,
    one at the cap amber."""
    if not chart.days:
        return ""
    count = len(chart.days)
    step = (_WIDTH - _LEFT - _RIGHT) / count
    bar = min(max(step * 0.7, 1.0), _MAX_BAR)
    height = len(chart.series) * (_PANEL + _GAP) + _AXIS
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_WIDTH} {height}" '
        f'width="100%" role="img" aria-label="每日联系次数与上限" {_FONT} font-size="10">'
    ]
    for index, series in enumerate(chart.series):
        top = index * (_PANEL + _GAP)
        scale_max = max(series.limit + 1, *series.counts)
        unit = (_PANEL - 26) / scale_max  # room for the label above the tallest bar
        base = top + _PANEL
        parts.append(
            f'<text x="{_LEFT}" y="{top + 11}" font-size="11" font-weight="600">'
            f"{escape(series.label)}</text>"
            f'<line x1="{_LEFT}" y1="{base}" x2="{_WIDTH - _RIGHT}" y2="{base}" stroke="#999"/>'
        )
        for day_index, value in enumerate(series.counts):
            if not value:
                continue
            colour = (
                "#c62828"
                if value > series.limit
                else ("#ef8f00" if value == series.limit else "#3b6db3")
            )
            x = _LEFT + day_index * step + (step - bar) / 2
            parts.append(
                f'<rect x="{x:.1f}" y="{base - value * unit:.1f}" width="{bar:.1f}" '
                f'height="{value * unit:.1f}" fill="{colour}"/>'
            )
            if count <= 31:
                parts.append(
                    f'<text x="{x + bar / 2:.1f}" y="{base - value * unit - 2:.1f}" '
                    f'text-anchor="middle" font-size="9">{value}</text>'
                )
        limit_y = base - series.limit * unit
        parts.append(
            f'<line x1="{_LEFT}" y1="{limit_y:.1f}" x2="{_WIDTH - _RIGHT}" y2="{limit_y:.1f}" '
            f'stroke="#c62828" stroke-dasharray="4 3"/>'
            f'<text x="{_WIDTH - _RIGHT}" y="{limit_y - 3:.1f}" text-anchor="end" fill="#c62828">'
            f"上限 {series.limit}</text>"
        )
    every = max(1, round(count / 12))
    axis_y = height - 4
    for day_index, day in enumerate(chart.days):
        if day_index % every == 0:
            x = _LEFT + day_index * step + step / 2
            parts.append(
                f'<text x="{x:.1f}" y="{axis_y}" text-anchor="middle">{day.month}/{day.day}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)
