"""Reloading message rules while the helper runs.

A background thread polls the rule files (mtime and size, every couple of seconds; no extra
dependency and it behaves the same on Windows) and a sentinel file in the data directory that
``helper rules reload`` touches, since the command line has no token to call the server. A
bad new file keeps the last good rules in force, is logged, and shows in ``/v1/health`` through
``services.problems`` until it is fixed. The outcome of a reload the command asked for is
written next to the sentinel, so the command can tell the user what happened.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Sequence
from pathlib import Path

from helper.checks.message.engine import CompiledRules, MessageEngine
from helper.checks.message.rules import SUBDIR, load_rulebook
from helper.rulefiles import RuleFileError, rule_files

log = logging.getLogger(__name__)

PROBLEM_KEY = "message_rules"
REQUEST_FILE = "reload-rules.request"
RESULT_FILE = "reload-rules.result"
POLL_SECONDS = 2.0

Fingerprint = tuple[tuple[str, int, int], ...]


def fingerprint(dirs: Sequence[Path], sentinel: Path | None = None) -> Fingerprint:
    """What changes when a rule file is added, removed or edited (or a reload is asked)."""
    paths = list(rule_files(dirs, SUBDIR))
    if sentinel is not None:
        paths.append(sentinel)
    marks = []
    for path in paths:
        try:
            stat = path.stat()
        except OSError:
            continue
        marks.append((str(path), stat.st_mtime_ns, stat.st_size))
    return tuple(marks)


class RuleReloader:
    """Rebuilds ``engine``'s rules from ``dirs``; ``problems`` is ``services.problems``."""

    def __init__(
        self,
        engine: MessageEngine,
        dirs: Sequence[Path],
        problems: dict[str, str],
        data_dir: Path,
    ) -> None:
        self.engine = engine
        self.dirs = tuple(dirs)
        self.problems = problems
        self.request_file = data_dir / REQUEST_FILE
        self.result_file = data_dir / RESULT_FILE
        self._seen = fingerprint(self.dirs, self.request_file)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def reload(self) -> RuleFileError | None:
        """Load the rules again; on error keep the rules in force and report the problem."""
        try:
            compiled = CompiledRules(load_rulebook(self.dirs))
        except RuleFileError as exc:
            log.error("message rules not reloaded, the last good rules stay in force: %s", exc)
            self.problems[PROBLEM_KEY] = f"消息规则文件有误，仍在使用上次有效的规则：{exc}"
            return exc
        self.engine.replace_rules(compiled)
        self.problems.pop(PROBLEM_KEY, None)
        log.info(
            "message rules reloaded: %d rules in %.0f ms", len(compiled.rules), compiled.load_ms
        )
        return None

    def poll(self) -> bool:
        """Reload if anything changed since the last look; True when a reload ran."""
        current = fingerprint(self.dirs, self.request_file)
        if current == self._seen:
            return False
        self._seen = current
        requested = self._request_id()
        error = self.reload()
        if requested is not None:
            self._write_result(requested, error)
        return True

    def _request_id(self) -> str | None:
        try:
            return self.request_file.read_text(encoding="utf-8").strip() or None
        except OSError:
            return None

    def _write_result(self, request_id: str, error: RuleFileError | None) -> None:
        result = {
            "request": request_id,
            "ok": error is None,
            "rules": len(self.engine.rules.rules),
            "error": str(error) if error else None,
        }
        temporary = self.result_file.with_suffix(".tmp")
        try:
            temporary.write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
            temporary.replace(self.result_file)
        except OSError as exc:
            log.warning("could not write the reload result: %s", exc)

    def start(self, interval: float = POLL_SECONDS) -> None:
        def run() -> None:
            while not self._stop.wait(interval):
                try:
                    self.poll()
                except Exception:  # the watcher must outlive any surprise
                    log.exception("rule watcher failed; retrying")

        self._thread = threading.Thread(target=run, name="rule-watcher", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
