"""Loading rules/contact/policy.toml: per-platform overrides, errors with file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from helper.contacts.policy_rules import load_policy, policy_path
from helper.rulefiles import RuleFileError, shipped_rules_dir

PLATFORMS = ("taobao", "tmall", "tmall_intl", "1688")


def user_policy(
    tmp_path: Path, replace: tuple[str, str] | None = None, extra: str = ""
) -> list[Path]:
    text = policy_path([shipped_rules_dir()]).read_text(encoding="utf-8")
    if replace:
        assert replace[0] in text
        text = text.replace(replace[0], replace[1], 1)
    folder = tmp_path / "contact"
    folder.mkdir(parents=True)
    (folder / "policy.toml").write_text(text + extra, encoding="utf-8")
    return [shipped_rules_dir(), tmp_path]


def test_shipped_policy_has_the_issue_defaults() -> None:
    policy = load_policy([shipped_rules_dir()], PLATFORMS).default
    assert (policy.quiet_hours.start.hour, policy.quiet_hours.end.hour) == (21, 8)
    assert policy.redial_cooldown.minutes == 120
    caps = {cap.rule_id: cap.per_day for cap in policy.daily_caps}
    assert caps == {
        "contact.unanswered_calls": 2,
        "contact.connected_calls": 3,
        "contact.sms": 3,
    }
    assert (policy.weekly_total.limit, policy.weekly_total.days) == (7, 7)
    for rule in (
        policy.quiet_hours,
        policy.redial_cooldown,
        policy.weekly_total,
        *policy.daily_caps,
    ):
        assert rule.source.strip()


def test_platform_override_changes_only_what_it_names(tmp_path: Path) -> None:
    dirs = user_policy(
        tmp_path,
        extra="\n[platforms.tmall_intl.weekly_total]\nlimit = 5\n"
        "\n[platforms.tmall_intl.daily_caps.sms]\nper_day = 1\n",
    )
    policies = load_policy(dirs, PLATFORMS)
    intl = policies.for_platform("tmall_intl")
    assert intl.weekly_total.limit == 5
    assert {cap.rule_id: cap.per_day for cap in intl.daily_caps}["contact.sms"] == 1
    assert intl.weekly_total.days == 7 and intl.quiet_hours == policies.default.quiet_hours
    assert policies.for_platform("taobao").weekly_total.limit == 7


@pytest.mark.parametrize(
    ("replace", "extra", "words"),
    [
        (('start = "21:00"', 'start = "9pm"'), "", "must be a time like 21:00"),
        (("minutes = 120", "minutes = 0"), "", "at least 1"),
        (('channels = ["call", "sms"]', 'channels = ["call", "fax"]'), "", "unknown value 'fax'"),
        (('action = "block"', 'action = "maybe"'), "", "must be one of block, warn, off"),
        (("{local_time}", "{lokal_time}"), "", "unknown placeholder {lokal_time}"),
        (("per_day = 2", "per_dy = 2"), "", "unknown key 'per_dy'"),
        (None, "\n[platforms.amazon.weekly_total]\nlimit = 5\n", "unknown platform 'amazon'"),
    ],
)
def test_bad_policy_names_file_and_line(
    tmp_path: Path, replace: tuple[str, str] | None, extra: str, words: str
) -> None:
    dirs = user_policy(tmp_path, replace, extra)
    path = dirs[-1] / "contact" / "policy.toml"
    text = path.read_text(encoding="utf-8")
    with pytest.raises(RuleFileError) as caught:
        load_policy(dirs, PLATFORMS)
    assert caught.value.path == path
    assert words in caught.value.reason
    expected = (replace[1] if replace else "[platforms.amazon").split("=")[0].strip()
    assert caught.value.line is not None
    assert expected.strip('"{}[') in text.splitlines()[caught.value.line - 1]


def test_helper_rules_lint_reports_a_bad_policy(tmp_path: Path) -> None:
    from tests.support.helper_process import run_cli

    data_dir = tmp_path / "data"
    rules_dir = tmp_path / "rules"
    user_policy(rules_dir, ("per_day = 3", "per_day = -3"))
    result = run_cli(data_dir, "rules", "lint", "--rules", str(rules_dir), check=False)
    assert result.returncode == 1
    assert "policy.toml:" in result.stdout + result.stderr
    assert "per_day" in result.stdout + result.stderr


def test_a_bad_user_policy_keeps_the_shipped_rules_and_shows_in_health(tmp_path: Path) -> None:
    from helper.app import create_app
    from helper.settings import load_settings

    data_dir = tmp_path / "data"
    user_policy(data_dir / "rules", ("minutes = 120", "minutes = -1"))
    app = create_app(load_settings(data_dir), background=False)
    try:
        svc = app.extensions["wbg"]
        assert "policy.toml:" in svc.problems["contact_rules"]
        assert svc.contacts is not None
        assert svc.contacts.policies.default.redial_cooldown.minutes == 120
    finally:
        app.extensions["wbg"].close()
