"""Message checks: the harassment rules engine (see docs/message-checks.md).

``MessageEngine.check(text, platform)`` is the entry point other features call.
"""

from helper.checks.message.engine import CheckResult, Finding, MessageEngine, UnknownPlatform

__all__ = ["CheckResult", "Finding", "MessageEngine", "UnknownPlatform"]
