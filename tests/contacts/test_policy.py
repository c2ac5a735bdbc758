"""The contact policy at its boundaries, with the clock passed in (the shipped policy file)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from helper.contacts.policy import Attempt, BuyerState, OptOut, Verdict, evaluate
from helper.contacts.policy_rules import Policy, load_policy
from helper.rulefiles import shipped_rules_dir

SHANGHAI = ZoneInfo("Asia/Shanghai")
NEW_YORK = ZoneInfo("America/New_York")
LONDON = ZoneInfo("Europe/London")


@pytest.fixture(scope="module")
def policy() -> Policy:
    return load_policy([shipped_rules_dir()]).default


def sh(day: int, hour: int, minute: int = 0, month: int = 3) -> datetime:
    """A Beijing wall-clock time in 2026 (Monday 2 March is day 2)."""
    return datetime(2026, month, day, hour, minute, tzinfo=SHANGHAI)


def rule_ids(verdict: Verdict, *, blocking: bool | None = None) -> set[str]:
    return {r.rule_id for r in verdict.reasons if blocking is None or r.blocking == blocking}


def calls(*times_and_outcomes: tuple[datetime, str | None]) -> tuple[Attempt, ...]:
    return tuple(Attempt(at, "call", outcome) for at, outcome in times_and_outcomes)


# ---- quiet hours ----------------------------------------------------------------------------


def test_quiet_hours_start_at_21_00(policy: Policy) -> None:
    assert evaluate(policy, BuyerState(), "call", sh(2, 20, 59)).verdict == "allow"
    late = evaluate(policy, BuyerState(), "call", sh(2, 21, 0))
    assert late.verdict == "block"
    assert rule_ids(late) == {"contact.quiet_hours"}
    assert late.next_allowed_at == sh(3, 8, 0)


def test_quiet_hours_end_at_08_00(policy: Policy) -> None:
    early = evaluate(policy, BuyerState(), "sms", sh(3, 7, 59))
    assert early.verdict == "block"
    assert early.next_allowed_at == sh(3, 8, 0)
    assert evaluate(policy, BuyerState(), "sms", sh(3, 8, 0)).verdict == "allow"


def test_quiet_hours_do_not_apply_to_im_or_email(policy: Policy) -> None:
    for channel in ("im", "email"):
        assert evaluate(policy, BuyerState(), channel, sh(3, 2, 0)).verdict == "allow"


def test_quiet_hours_follow_the_buyer_across_a_dst_change_new_york(policy: Policy) -> None:
    """US clocks go forward on Sunday 8 March 2026: 08:00 EDT is 12:00 UTC, not 13:00."""
    buyer = BuyerState(timezone=NEW_YORK)
    sunday_0759_edt = datetime(2026, 3, 8, 11, 59, tzinfo=UTC)
    sunday_0800_edt = datetime(2026, 3, 8, 12, 0, tzinfo=UTC)
    assert evaluate(policy, buyer, "call", sunday_0759_edt).verdict == "block"
    assert evaluate(policy, buyer, "call", sunday_0800_edt).verdict == "allow"
    # Asked on Saturday 22:00 EST (03:00 UTC), the quiet hours end at Sunday 08:00 EDT.
    saturday_night = datetime(2026, 3, 8, 3, 0, tzinfo=UTC)
    verdict = evaluate(policy, buyer, "call", saturday_night)
    assert verdict.next_allowed_at == sunday_0800_edt
    # A week earlier (no DST yet) the same wall-clock end was 13:00 UTC.
    assert evaluate(policy, buyer, "call", datetime(2026, 3, 1, 12, 59, tzinfo=UTC)).blocked
    assert not evaluate(policy, buyer, "call", datetime(2026, 3, 1, 13, 0, tzinfo=UTC)).blocked


def test_quiet_hours_follow_the_buyer_across_a_dst_change_london(policy: Policy) -> None:
    """UK clocks go back on Sunday 25 October 2026: 21:00 BST is 20:00 UTC, then 21:00 UTC."""
    buyer = BuyerState(timezone=LONDON)
    assert evaluate(policy, buyer, "call", datetime(2026, 10, 24, 19, 59, tzinfo=UTC)).verdict == (
        "allow"
    )
    assert evaluate(policy, buyer, "call", datetime(2026, 10, 24, 20, 0, tzinfo=UTC)).blocked
    assert not evaluate(policy, buyer, "call", datetime(2026, 10, 25, 20, 59, tzinfo=UTC)).blocked
    after_change = evaluate(policy, buyer, "call", datetime(2026, 10, 25, 21, 0, tzinfo=UTC))
    assert after_change.blocked
    assert after_change.next_allowed_at == datetime(2026, 10, 26, 8, 0, tzinfo=UTC)


def test_quiet_hours_are_the_buyers_not_the_agents(policy: Policy) -> None:
    """15:00 in Beijing is 02:00 in New York (EST): too early for that buyer."""
    verdict = evaluate(policy, BuyerState(timezone=NEW_YORK), "call", sh(2, 15, 0))
    assert verdict.blocked
    assert "America/New_York" in verdict.reasons[0].message


# ---- redial cool-down ----------------------------------------------------------------------


@pytest.mark.parametrize("outcome", ["unanswered", "busy", "rejected"])
def test_no_redial_within_120_minutes_of_an_unanswered_call(policy: Policy, outcome: str) -> None:
    state = BuyerState(attempts=calls((sh(2, 10, 0), outcome)))
    minute_119 = evaluate(policy, state, "call", sh(2, 11, 59))
    assert minute_119.blocked
    assert rule_ids(minute_119) == {"contact.redial_cooldown"}
    assert minute_119.next_allowed_at == sh(2, 12, 0)
    assert evaluate(policy, state, "call", sh(2, 12, 0)).verdict == "allow"


def test_answered_call_or_sms_does_not_start_a_cool_down(policy: Policy) -> None:
    state = BuyerState(attempts=calls((sh(2, 10, 0), "answered")))
    assert evaluate(policy, state, "call", sh(2, 10, 5)).verdict == "allow"
    state = BuyerState(attempts=calls((sh(2, 10, 0), "unanswered")))
    assert evaluate(policy, state, "sms", sh(2, 10, 5)).verdict == "allow"


def test_cool_down_that_ends_in_quiet_hours_moves_to_the_morning(policy: Policy) -> None:
    state = BuyerState(attempts=calls((sh(2, 20, 0), "unanswered")))
    verdict = evaluate(policy, state, "call", sh(2, 20, 30))
    assert rule_ids(verdict) == {"contact.redial_cooldown"}
    assert verdict.next_allowed_at == sh(3, 8, 0)


# ---- daily caps ----------------------------------------------------------------------------


def test_third_connected_call_allowed_fourth_blocked(policy: Policy) -> None:
    two = BuyerState(attempts=calls((sh(2, 9), "answered"), (sh(2, 10), "answered")))
    assert evaluate(policy, two, "call", sh(2, 11)).verdict == "allow"
    three = BuyerState(attempts=(*two.attempts, *calls((sh(2, 11), "answered"))))
    fourth = evaluate(policy, three, "call", sh(2, 12))
    assert fourth.blocked
    assert rule_ids(fourth) == {"contact.connected_calls"}
    # The cap resets at the buyer's midnight, which is in quiet hours: 08:00 next morning.
    assert fourth.next_allowed_at == sh(3, 8, 0)
    assert evaluate(policy, three, "call", sh(3, 8, 0)).verdict == "allow"


def test_two_unanswered_calls_end_calling_for_the_day(policy: Policy) -> None:
    state = BuyerState(attempts=calls((sh(2, 9), "unanswered"), (sh(2, 12), "busy")))
    verdict = evaluate(policy, state, "call", sh(2, 16))
    assert rule_ids(verdict) == {"contact.unanswered_calls"}
    one = BuyerState(attempts=state.attempts[:1])
    assert evaluate(policy, one, "call", sh(2, 16)).verdict == "allow"


def test_a_call_without_an_outcome_counts_against_both_call_caps(policy: Policy) -> None:
    state = BuyerState(attempts=calls((sh(2, 9), None), (sh(2, 12), None)))
    assert "contact.unanswered_calls" in rule_ids(evaluate(policy, state, "call", sh(2, 16)))


def test_fourth_sms_of_the_day_is_blocked(policy: Policy) -> None:
    sent = tuple(Attempt(sh(2, h), "sms", "sent") for h in (9, 10))
    assert evaluate(policy, BuyerState(attempts=sent), "sms", sh(2, 11)).verdict == "allow"
    three = BuyerState(attempts=(*sent, Attempt(sh(2, 11), "sms", "sent")))
    assert rule_ids(evaluate(policy, three, "sms", sh(2, 12))) == {"contact.sms"}
    assert evaluate(policy, three, "call", sh(2, 12)).verdict == "allow"


def test_daily_caps_count_the_buyers_local_day(policy: Policy) -> None:
    """Three answered calls on the buyer's Monday (New York) are on Beijing's Monday and
    Tuesday; at Beijing Tuesday 21:30 (NY Tuesday 08:30) it is a new day for the buyer."""
    monday_ny = [datetime(2026, 3, 2, h, 0, tzinfo=NEW_YORK) for h in (9, 12, 18)]
    state = BuyerState(timezone=NEW_YORK, attempts=calls(*((t, "answered") for t in monday_ny)))
    assert evaluate(policy, state, "call", datetime(2026, 3, 2, 19, 0, tzinfo=NEW_YORK)).blocked
    assert not evaluate(policy, state, "call", sh(3, 21, 30)).blocked


# ---- weekly total --------------------------------------------------------------------------


def test_seven_day_window_slides_past_midnight(policy: Policy) -> None:
    """Seven contacts, the oldest on Monday at 20:30; the window frees at exactly 20:30 a
    week later, not at a midnight in between."""
    first = sh(2, 20, 30)
    attempts = (
        Attempt(first, "sms", "sent"),
        *(Attempt(sh(day, 10), "call", "answered") for day in range(3, 9)),
    )
    state = BuyerState(attempts=attempts)
    assert len(attempts) == 7
    just_after_midnight = evaluate(policy, state, "call", sh(9, 0, 1) + timedelta(hours=8))
    assert rule_ids(just_after_midnight) == {"contact.weekly_total"}
    assert just_after_midnight.next_allowed_at == sh(9, 20, 30)
    assert evaluate(policy, state, "call", sh(9, 20, 29)).blocked
    assert evaluate(policy, state, "call", sh(9, 20, 30)).verdict == "allow"
    six = BuyerState(attempts=attempts[1:])
    assert evaluate(policy, six, "call", sh(9, 9)).verdict == "allow"


def test_weekly_total_ignores_im_and_email(policy: Policy) -> None:
    attempts = tuple(Attempt(sh(day, 10), "im", "sent") for day in range(2, 9))
    assert evaluate(policy, BuyerState(attempts=attempts), "call", sh(8, 12)).verdict == "allow"


# ---- buyer said stop, complaints, callbacks, parcels ------------------------------------------


def stopped(scope: str, **extra: object) -> BuyerState:
    return BuyerState(opt_outs=(OptOut(sh(2, 9), scope, "别再联系我"),), **extra)  # type: ignore[arg-type]


def test_opt_out_blocks_call_sms_email_and_unprompted_im(policy: Policy) -> None:
    state = stopped("all")
    for channel in ("call", "sms", "email", "im"):
        verdict = evaluate(policy, state, channel, sh(2, 10))
        assert verdict.blocked, channel
        assert rule_ids(verdict) == {"contact.opted_out"}
        assert verdict.next_allowed_at is None  # time does not clear a stop
    assert evaluate(policy, state, "parcel", sh(2, 10)).verdict == "warn"


def test_im_reply_to_the_buyers_new_message_is_allowed_with_a_reminder(policy: Policy) -> None:
    state = stopped("all", last_message_at=sh(2, 11))
    reply = evaluate(policy, state, "im", sh(2, 11, 5))
    assert reply.verdict == "warn"
    assert rule_ids(reply) == {"contact.opted_out.reply"}
    assert evaluate(policy, state, "call", sh(2, 11, 5)).blocked
    older_message = stopped("all", last_message_at=sh(2, 9))  # the opt-out message itself
    assert evaluate(policy, older_message, "im", sh(2, 11)).blocked


def test_phone_only_and_call_only_opt_outs(policy: Policy) -> None:
    phone = stopped("phone")
    assert evaluate(policy, phone, "call", sh(2, 10)).blocked
    assert evaluate(policy, phone, "sms", sh(2, 10)).blocked
    assert evaluate(policy, phone, "im", sh(2, 10)).verdict == "allow"
    call_only = stopped("call")  # 不要打电话，发短信就行
    assert evaluate(policy, call_only, "call", sh(2, 10)).blocked
    assert evaluate(policy, call_only, "sms", sh(2, 10)).verdict == "allow"


def test_open_harassment_complaint_allows_im_only(policy: Policy) -> None:
    state = BuyerState(open_harassment_complaint=True)
    for channel in ("call", "sms", "email"):
        verdict = evaluate(policy, state, channel, sh(2, 10))
        assert rule_ids(verdict, blocking=True) == {"contact.harassment_complaint"}
        assert verdict.next_allowed_at is None
    im = evaluate(policy, state, "im", sh(2, 10))
    assert im.verdict == "warn"
    assert rule_ids(im) == {"contact.harassment_complaint.im"}


def test_callback_preference_warns_until_the_time(policy: Policy) -> None:
    state = BuyerState(callback_after=sh(2, 15))
    before = evaluate(policy, state, "call", sh(2, 14, 59))
    assert before.verdict == "warn"
    assert rule_ids(before) == {"contact.callback_later"}
    assert evaluate(policy, state, "call", sh(2, 15)).verdict == "allow"


@dataclass
class FakeFinding:
    """What the message engine reports; the checker below is a real function over the text."""

    scene: str
    rule_id: str
    message: str


def mailing_checker(text: str) -> list[FakeFinding]:
    return [FakeFinding("mailing", "mailing.hell_money", "寄冥币")] if "冥币" in text else []


def test_parcel_warns_and_blocks_a_mailing_note(policy: Policy) -> None:
    plain = evaluate(
        policy, BuyerState(), "parcel", sh(2, 23), note="谢谢惠顾", note_checker=mailing_checker
    )
    assert plain.verdict == "warn"
    assert rule_ids(plain) == {"contact.parcel"}
    bad = evaluate(
        policy, BuyerState(), "parcel", sh(2, 10), note="送你冥币", note_checker=mailing_checker
    )
    assert bad.blocked
    assert rule_ids(bad, blocking=True) == {"contact.parcel.note"}
    assert bad.next_allowed_at is None


def test_next_allowed_at_waits_for_every_blocking_rule(policy: Policy) -> None:
    """Cool-down until 12:00 and seven contacts whose oldest leaves the window at 13:00."""
    first = sh(2, 13)
    attempts = (
        Attempt(first, "sms", "sent"),
        *(Attempt(sh(day, 9), "sms", "sent") for day in range(3, 8)),
        Attempt(sh(9, 10), "call", "unanswered"),
    )
    verdict = evaluate(policy, BuyerState(attempts=attempts), "call", sh(9, 11))
    assert rule_ids(verdict) == {"contact.redial_cooldown", "contact.weekly_total"}
    assert verdict.next_allowed_at == sh(9, 13)
