"""Pure evaluation of the contact policy: given the policy, what is known about the buyer,
the channel and the moment, may the agent make contact? No I/O and no clock of its own, so
every boundary (20:59 vs 21:00, minute 119 vs 120, DST) is tested by passing times in."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from helper.contacts.policy_rules import DailyCap, Policy, WindowCap
from helper.contacts.restrictions import Restriction
from helper.contacts.tables import DEFAULT_TIME_ZONE, SCOPES

AGENT_TZ = ZoneInfo(DEFAULT_TIME_ZONE)  # agents work on Beijing time
CHANNEL_NAMES = {
    "call": "打电话",
    "sms": "发短信",
    "im": "发旺旺消息",
    "email": "发邮件",
    "parcel": "寄件",
}
# Enough rounds for every combination of rules to settle (each round moves past one rule).
_MAX_SETTLE_ROUNDS = 12


@dataclass(frozen=True)
class Attempt:
    at: datetime
    channel: str
    outcome: str | None  # None: reserved, outcome not reported yet


@dataclass(frozen=True)
class OptOut:
    at: datetime
    scope: str
    excerpt: str


@dataclass(frozen=True)
class BuyerState:
    """What the policy needs to know about one buyer (attempts within ``policy.lookback``)."""

    timezone: ZoneInfo = AGENT_TZ
    attempts: Sequence[Attempt] = ()
    opt_outs: Sequence[OptOut] = ()  # active (not reversed) only
    last_message_at: datetime | None = None
    callback_after: datetime | None = None
    open_harassment_complaint: bool = False
    restrictions: Sequence[Restriction] = ()  # active limits the buyer set


class Finding(Protocol):
    """What the message rules report (``services.message_engine.check(...).findings``)."""

    scene: str
    rule_id: str
    message: str


NoteChecker = Callable[[str], Sequence[Finding]]


@dataclass(frozen=True)
class Reason:
    rule_id: str
    message: str
    blocking: bool
    until: datetime | None = None  # when this reason stops applying, if time clears it

    def to_json(self) -> dict[str, Any]:
        return {
            "rule_id": self.rule_id,
            "message": self.message,
            "blocking": self.blocking,
            "until": iso(self.until),
        }


@dataclass(frozen=True)
class Verdict:
    verdict: str  # "allow", "warn" or "block"
    reasons: tuple[Reason, ...] = field(default_factory=tuple)
    next_allowed_at: datetime | None = None

    @property
    def blocked(self) -> bool:
        return self.verdict == "block"

    def to_json(self) -> dict[str, Any]:
        return {
            "verdict": self.verdict,
            "reasons": [reason.to_json() for reason in self.reasons],
            "next_allowed_at": iso(self.next_allowed_at),
        }


def evaluate(
    policy: Policy,
    state: BuyerState,
    channel: str,
    at: datetime,
    *,
    note: str | None = None,
    note_checker: NoteChecker | None = None,
) -> Verdict:
    """The verdict for contacting this buyer on ``channel`` at ``at`` (aware)."""
    reasons = _time_reasons(policy, state, channel, at) + _note_reasons(
        policy, channel, note, note_checker
    )
    blocking = [reason for reason in reasons if reason.blocking]
    if blocking:
        return Verdict("block", tuple(reasons), _next_allowed(policy, state, channel, blocking))
    return Verdict("warn" if reasons else "allow", tuple(reasons), None)


def _next_allowed(
    policy: Policy, state: BuyerState, channel: str, blocking: list[Reason]
) -> datetime | None:
    """The earliest moment every blocking rule clears, or None if one never clears by itself
    (the buyer said stop, a complaint is open). Clearing one rule can land in another (a cap
    that resets at midnight lands in quiet hours), so re-evaluate until nothing blocks."""
    for _ in range(_MAX_SETTLE_ROUNDS):
        if any(reason.until is None for reason in blocking):
            return None
        moment = max(reason.until for reason in blocking if reason.until is not None)
        blocking = [r for r in _time_reasons(policy, state, channel, moment) if r.blocking]
        if not blocking:
            return moment
    return None


def _time_reasons(policy: Policy, state: BuyerState, channel: str, at: datetime) -> list[Reason]:
    at = at.astimezone(UTC)
    found = [
        _quiet_hours(policy, state, channel, at),
        _redial_cooldown(policy, state, channel, at),
        *(_daily_cap(cap, state, channel, at) for cap in policy.daily_caps),
        _weekly_total(policy, state, channel, at),
        _opted_out(policy, state, channel),
        *_restricted(policy, state, channel, at),
        _callback_later(policy, state, channel, at),
        *_harassment_complaint(policy, state, channel),
    ]
    return [reason for reason in found if reason is not None]


def _quiet_hours(policy: Policy, state: BuyerState, channel: str, at: datetime) -> Reason | None:
    rule = policy.quiet_hours
    if not rule.applies_to(channel):
        return None
    local = at.astimezone(state.timezone)
    now = local.time().replace(tzinfo=None)
    wraps = rule.start > rule.end  # 21:00–08:00 runs past midnight
    inside = (now >= rule.start or now < rule.end) if wraps else rule.start <= now < rule.end
    if not inside:
        return None
    end_day = local.date() + timedelta(days=1) if wraps and now >= rule.start else local.date()
    until = _local_moment(end_day, rule.end, state.timezone)
    local_time = local.strftime("%H:%M")
    if state.timezone.key != DEFAULT_TIME_ZONE:
        local_time += f"（{state.timezone.key}）"
    message = rule.message.format(
        local_time=local_time,
        start=rule.start.strftime("%H:%M"),
        end=rule.end.strftime("%H:%M"),
        until=_agent_time(until, at),
    )
    return Reason(rule.rule_id, message, rule.blocking, until)


def _redial_cooldown(
    policy: Policy, state: BuyerState, channel: str, at: datetime
) -> Reason | None:
    rule = policy.redial_cooldown
    if not rule.applies_to(channel):
        return None
    recent = [
        attempt.at
        for attempt in state.attempts
        if attempt.channel in rule.channels
        and attempt.outcome in rule.after_outcomes
        and at - rule.period < attempt.at <= at
    ]
    if not recent:
        return None
    last = max(recent)
    until = last + rule.period
    message = rule.message.format(
        last_time=_agent_time(last, at), minutes=rule.minutes, until=_agent_time(until, at)
    )
    return Reason(rule.rule_id, message, rule.blocking, until)


def _daily_count(cap: DailyCap, state: BuyerState, at: datetime) -> int:
    day = at.astimezone(state.timezone).date()
    return sum(
        1
        for attempt in state.attempts
        if attempt.channel in cap.channels
        # Not reported yet: it may still turn out to be one of these outcomes.
        and (attempt.outcome is None or attempt.outcome in cap.outcomes)
        and attempt.at.astimezone(state.timezone).date() == day
    )


def _window_times(rule: WindowCap, state: BuyerState, at: datetime) -> list[datetime]:
    return sorted(
        attempt.at
        for attempt in state.attempts
        if attempt.channel in rule.channels and attempt.at > at - rule.window
    )


def _daily_cap(cap: DailyCap, state: BuyerState, channel: str, at: datetime) -> Reason | None:
    if not cap.applies_to(channel):
        return None
    count = _daily_count(cap, state, at)
    if count < cap.per_day:
        return None
    next_day = at.astimezone(state.timezone).date() + timedelta(days=1)
    until = _local_moment(next_day, time(0), state.timezone)
    message = cap.message.format(count=count, limit=cap.per_day)
    return Reason(cap.rule_id, message, cap.blocking, until)


def _weekly_total(policy: Policy, state: BuyerState, channel: str, at: datetime) -> Reason | None:
    rule = policy.weekly_total
    if not rule.applies_to(channel):
        return None
    counted = _window_times(rule, state, at)
    if len(counted) < rule.limit:
        return None
    # Contact is allowed again once enough of the oldest counted attempts leave the window.
    until = counted[len(counted) - rule.limit] + rule.window
    message = rule.message.format(
        count=len(counted), limit=rule.limit, days=rule.days, until=_agent_time(until, at)
    )
    return Reason(rule.rule_id, message, rule.blocking, until)


@dataclass(frozen=True)
class CapUsage:
    """How much of a cap a buyer has used (for the dashboard)."""

    rule_id: str
    count: int
    limit: int

    def to_json(self) -> dict[str, Any]:
        return {"rule_id": self.rule_id, "count": self.count, "limit": self.limit}


def cap_usage(policy: Policy, state: BuyerState, at: datetime) -> list[CapUsage]:
    """Today's count (buyer's local day) against each daily cap, then the window total."""
    usage = [
        CapUsage(cap.rule_id, _daily_count(cap, state, at), cap.per_day)
        for cap in policy.daily_caps
        if cap.action != "off"
    ]
    weekly = policy.weekly_total
    if weekly.action != "off":
        usage.append(CapUsage(weekly.rule_id, len(_window_times(weekly, state, at)), weekly.limit))
    return usage


def _opted_out(policy: Policy, state: BuyerState, channel: str) -> Reason | None:
    rule = policy.opted_out
    covering = [o for o in state.opt_outs if channel in SCOPES[o.scope]]
    if not rule.applies_to(channel) or not covering:
        return None
    latest = max(covering, key=lambda o: o.at)
    if channel == "im" and state.last_message_at is not None and state.last_message_at > latest.at:
        # Answering the buyer's own new message is service, not unwanted contact.
        return Reason(f"{rule.rule_id}.reply", rule.reply_message, False)
    message = rule.message.format(
        since=_agent_time(latest.at, None),
        excerpt=latest.excerpt,
        channel_name=CHANNEL_NAMES[channel],
    )
    return Reason(rule.rule_id, message, rule.blocking)


def _restricted(policy: Policy, state: BuyerState, channel: str, at: datetime) -> list[Reason]:
    """A limit the buyer set (hours, days, a date): outside it, contact waits until it opens,
    with the buyer's own words and when they were said."""
    rule = policy.restricted
    if not rule.applies_to(channel):
        return []
    local = at.astimezone(state.timezone)
    local_time = local.strftime("%H:%M")
    if state.timezone.key != DEFAULT_TIME_ZONE:
        local_time += f"（{state.timezone.key}）"
    reasons = []
    for limit in state.restrictions:
        if channel not in SCOPES[limit.scope] or limit.allows(local):
            continue
        opens = limit.next_allowed(local)
        until = opens.astimezone(UTC) if opens else None
        template = rule.message if until else rule.channel_message
        message = template.format(
            since=_agent_time(limit.at, None) if limit.at else "",
            excerpt=limit.excerpt,
            local_time=local_time,
            channel_name=CHANNEL_NAMES[channel],
            until=_agent_time(until, at) if until else "",
        )
        reasons.append(Reason(f"{rule.rule_id}.{limit.kind}", message, rule.blocking, until))
    return reasons


def _callback_later(policy: Policy, state: BuyerState, channel: str, at: datetime) -> Reason | None:
    rule = policy.callback_later
    after = state.callback_after
    if not rule.applies_to(channel) or after is None or at >= after:
        return None
    return Reason(
        rule.rule_id, rule.message.format(after=_agent_time(after, at)), rule.blocking, after
    )


def _harassment_complaint(policy: Policy, state: BuyerState, channel: str) -> list[Reason]:
    rule = policy.harassment_complaint
    if not state.open_harassment_complaint or rule.action == "off":
        return []
    if channel in rule.channels:
        return [Reason(rule.rule_id, rule.message, rule.blocking)]
    if channel == "im":
        return [Reason(f"{rule.rule_id}.im", rule.im_message, False)]
    return []


def _note_reasons(
    policy: Policy, channel: str, note: str | None, note_checker: NoteChecker | None
) -> list[Reason]:
    rule = policy.parcel
    if not rule.applies_to(channel):
        return []
    reasons = [Reason(rule.rule_id, rule.message, rule.blocking)]
    if note and note.strip() and note_checker is not None and rule.note_action != "off":
        hits = [f for f in note_checker(note) if f.scene == rule.note_scene]
        if hits:
            listed = "、".join(f"{f.message}（{f.rule_id}）" for f in hits)
            reasons.append(
                Reason(
                    f"{rule.rule_id}.note",
                    rule.note_message.format(rules=listed),
                    rule.note_action == "block",
                )
            )
    return reasons


def _local_moment(day: date, clock: time, tz: ZoneInfo) -> datetime:
    """Wall-clock ``clock`` on ``day`` in ``tz``, as UTC (ZoneInfo applies that day's DST)."""
    return datetime.combine(day, clock, tzinfo=tz).astimezone(UTC)


def _agent_time(moment: datetime, reference: datetime | None) -> str:
    """Beijing time for the agent; the date only when it is not the reference's day."""
    local = moment.astimezone(AGENT_TZ)
    if reference is not None and local.date() == reference.astimezone(AGENT_TZ).date():
        return local.strftime("%H:%M")
    return f"{local.month}月{local.day}日 {local:%H:%M}"


def iso(moment: datetime | None) -> str | None:
    """ISO 8601 in UTC with a Z, the form every contact answer uses."""
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z") if moment else None
