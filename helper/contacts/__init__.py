"""Contact checks: the contact log, the contact policy, opt-out detection (issue 4).

``contact_rules(services)`` gives the loaded policy and opt-out rules; ``init`` loads them when
the app starts and, in a serving helper, reloads them when their files change (through the
rule watcher, ``services.rule_reloader``) and purges expired contact records at start and
daily.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from helper.contacts.optout import OptOutRules, load_optout_rules
from helper.contacts.policy import Finding, NoteChecker
from helper.contacts.policy_rules import PolicySet, load_policy
from helper.rulefiles import RuleFileError, shipped_rules_dir

if TYPE_CHECKING:
    from flask import Flask

    from helper.checks.message.reload import Reloadable
    from helper.services import Services

logger = logging.getLogger(__name__)

PURGE_INTERVAL_S = 24 * 3600
PROBLEM_KEY = "contact_rules"


@dataclass(frozen=True)
class ContactRules:
    policies: PolicySet
    optout: OptOutRules


def load_contact_rules(services: Services, dirs: Sequence[Path]) -> ContactRules:
    return ContactRules(
        policies=load_policy(dirs, services.platforms.ids()), optout=load_optout_rules(dirs)
    )


def contact_rules(services: Services) -> ContactRules:
    """The rules in force; loaded on first use by commands that run without the app.

    A bad user file leaves the shipped rules in force (reported in /v1/health with the file
    and line) rather than no contact checks at all.
    """
    if services.contacts is None:
        try:
            services.contacts = load_contact_rules(services, services.settings.rules_dirs)
        except RuleFileError as exc:
            logger.error("contact rules invalid, using the shipped rules only: %s", exc)
            services.problems[PROBLEM_KEY] = f"联系规则文件有误，暂时只使用内置规则：{exc}"
            services.contacts = load_contact_rules(services, [shipped_rules_dir()])
    return services.contacts


def note_checker(services: Services, platform: str) -> NoteChecker:
    """Parcel notes are checked with the message rules. Commands that run without the app
    load the engine the first time a note is actually checked."""

    def check(text: str) -> Sequence[Finding]:
        if services.message_engine is None:
            from helper.checks.message.service import load_engine

            services.message_engine = load_engine(services)
        return services.message_engine.check(text, platform).findings

    return check


def init(app: Flask, services: Services, background: bool) -> None:
    contact_rules(services)
    if services.rule_reloader is not None:  # a serving helper: reload edited rule files
        services.rule_reloader.watch(reloadable(services))
    if background:
        _start_daily_purge(services)


def reloadable(services: Services) -> Reloadable:
    from helper.checks.message.reload import Reloadable

    def reload() -> str:
        services.contacts = load_contact_rules(services, services.settings.rules_dirs)
        logger.info("contact policy and opt-out rules reloaded")
        return "联系策略与退订规则"

    return Reloadable("contact", PROBLEM_KEY, "联系规则文件有误，仍在使用上次有效的规则：", reload)


def _start_daily_purge(services: Services) -> None:
    """Purge once before serving (so expired records are gone from the first request on),
    then every day on a thread that stops with the helper."""
    from helper.contacts.retention import purge_expired

    def purge_once() -> None:
        try:
            purge_expired(services)
        except Exception:  # the helper must keep serving; the next round retries
            logger.exception("contact purge failed")

    purge_once()
    stop = threading.Event()

    def run() -> None:
        while not stop.wait(PURGE_INTERVAL_S):
            purge_once()

    thread = threading.Thread(target=run, name="contact-purge", daemon=True)
    thread.start()

    def stop_purge() -> None:
        stop.set()
        thread.join(timeout=10)

    services.on_close(stop_purge)
