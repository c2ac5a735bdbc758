"""Edited contact rules take effect in a running helper, like the message rules: on
``helper rules reload`` and when the files change; a bad file keeps the last good rules."""

from __future__ import annotations

import time
from pathlib import Path

from helper.checks.message.reload import RuleReloader
from helper.contacts import PROBLEM_KEY, reloadable
from helper.rulefiles import shipped_rules_dir
from helper.services import Services
from tests.support.helper_process import HelperProcess, run_cli

SHIPPED_POLICY = (shipped_rules_dir() / "contact" / "policy.toml").read_text(encoding="utf-8")
LATER_QUIET_HOURS = SHIPPED_POLICY.replace('start = "21:00"', 'start = "22:00"', 1)
# An SMS at 21:30 Beijing time: inside the shipped quiet hours, outside 22:00–08:00.
SMS_AT_2130 = {"buyer": "tb_buyer1", "channel": "sms", "at": "2026-03-02T21:30"}


def _user_policy(data_dir: Path) -> Path:
    folder = data_dir / "rules" / "contact"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / "policy.toml"


def _quiet_hours_start(services: Services) -> str:
    assert services.contacts is not None
    return services.contacts.policies.for_platform("taobao").quiet_hours.start.isoformat("minutes")


def test_a_changed_policy_file_is_reloaded_and_a_bad_one_keeps_the_last_good(
    services: Services, data_dir: Path
) -> None:
    assert services.message_engine is not None
    reloader = RuleReloader(
        services.message_engine, services.settings.rules_dirs, services.problems, data_dir
    )
    reloader.watch(reloadable(services))
    assert reloader.poll() is False
    policy = _user_policy(data_dir)
    policy.write_text(LATER_QUIET_HOURS, encoding="utf-8")
    assert reloader.poll() is True
    assert _quiet_hours_start(services) == "22:00"

    policy.write_text("typo = 1\n" + SHIPPED_POLICY, encoding="utf-8")
    assert reloader.poll() is True
    assert "policy.toml:1" in services.problems[PROBLEM_KEY]
    assert _quiet_hours_start(services) == "22:00"  # the last good rules stay in force

    policy.write_text(SHIPPED_POLICY, encoding="utf-8")
    assert reloader.poll() is True
    assert PROBLEM_KEY not in services.problems
    assert _quiet_hours_start(services) == "21:00"


def _verdict(served: HelperProcess) -> str:
    reply = served.api.post("/v1/contacts/check", SMS_AT_2130)
    assert reply.status == 200, reply.json
    return reply.json["verdict"]


def _health_after(served: HelperProcess, status: str) -> dict:
    deadline = time.monotonic() + 10
    health = served.api.get("/v1/health").json
    while health["status"] != status and time.monotonic() < deadline:
        time.sleep(0.2)
        health = served.api.get("/v1/health").json
    return health


def test_served_contact_rules_reload(served: HelperProcess) -> None:
    assert _verdict(served) == "block"
    policy = _user_policy(served.data_dir)
    policy.write_text(LATER_QUIET_HOURS, encoding="utf-8")
    reloaded = run_cli(served.data_dir, "rules", "reload")
    assert "联系策略与退订规则" in reloaded.stdout and "条消息规则" in reloaded.stdout
    assert _verdict(served) == "allow"

    policy.write_text("typo = 1\n" + LATER_QUIET_HOURS, encoding="utf-8")
    refused = run_cli(served.data_dir, "rules", "reload", check=False)
    assert refused.returncode == 1 and "policy.toml:1" in refused.stderr
    # the watcher sees the bad file too: health degrades, the last good rules stay in force
    health = _health_after(served, "degraded")
    assert any("policy.toml:1" in problem for problem in health["problems"])
    assert _verdict(served) == "allow"

    policy.write_text(SHIPPED_POLICY, encoding="utf-8")
    assert _health_after(served, "ok")["status"] == "ok"
    assert _verdict(served) == "block"
