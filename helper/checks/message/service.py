"""Start-up of message checks: load the engine into ``services.message_engine`` and, when the
app runs in the background (``helper serve``), watch the rule files for changes (the watcher is
``services.rule_reloader``; features initialised later add their own rule files to it)."""

from __future__ import annotations

import logging
import threading

from flask import Flask

from helper.checks.message.engine import MessageEngine
from helper.checks.message.reload import PROBLEM_KEY, RuleReloader
from helper.rulefiles import RuleFileError, shipped_rules_dir
from helper.services import Services

log = logging.getLogger(__name__)


def load_engine(services: Services) -> MessageEngine:
    """The engine over every rules directory; if a user's file is bad, the shipped rules alone
    (reported in /v1/health) rather than no checks at all."""
    settings = services.settings
    default = settings.checks.default_platform
    try:
        return MessageEngine.load(
            settings.rules_dirs, services.platforms, default, cache_dir=settings.paths.cache_dir
        )
    except RuleFileError as exc:
        log.error("message rules invalid, using the shipped rules only: %s", exc)
        services.problems[PROBLEM_KEY] = f"消息规则文件有误，暂时只使用内置规则：{exc}"
        return MessageEngine.load(
            [shipped_rules_dir()], services.platforms, default, cache_dir=settings.paths.cache_dir
        )


def init(app: Flask, services: Services, background: bool) -> None:
    engine = load_engine(services)
    services.message_engine = engine
    if background:
        # the real-word gate's dictionary and the slot patterns, made off the request path
        threading.Thread(target=engine.warm, name="wbg-warm", daemon=True).start()
        settings = services.settings
        reloader = RuleReloader(
            engine, settings.rules_dirs, services.problems, settings.paths.data_dir
        )
        reloader.start()
        services.on_close(reloader.stop)
        services.rule_reloader = reloader  # other features add their rule files to it
