"""Reloading rules while the helper runs: the message rules, and every other family of rule
files a feature adds with ``RuleReloader.watch`` (the contact policy and opt-out rules).

A background thread polls the rule files (mtime and size, every couple of seconds; no extra
dependency and it behaves the same on Windows) and a sentinel file in the data directory that
``helper rules reload`` touches, since the command line has no token to call the server. A
changed family is reloaded; the sentinel reloads every family. A bad new file keeps that
family's last good rules in force, is logged, and shows in ``/v1/health`` through
``services.problems`` until it is fixed. The outcome of a reload the command asked for is
written next to the sentinel, so the command can tell the user what happened.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from helper.checks.message.engine import CompiledRules, MessageEngine
from helper.checks.message.gc_pause import collector_paused
from helper.checks.message.rules import SUBDIR, load_rulebook
from helper.rulefiles import RuleFileError, rule_files

log = logging.getLogger(__name__)

PROBLEM_KEY = "message_rules"
REQUEST_FILE = "reload-rules.request"
RESULT_FILE = "reload-rules.result"
POLL_SECONDS = 2.0

Fingerprint = tuple[tuple[str, int, int], ...]


@dataclass(frozen=True)
class Reloadable:
    """One family of rule files that a running helper keeps current."""

    subdir: str  # its files: ``<rules dir>/<subdir>/**/*.toml`` in every rules directory
    problem_key: str  # its entry in ``services.problems`` while a file is bad
    problem: str  # what /v1/health says before the error (Chinese)
    # Loads the files and puts the rules in force; returns what is now in force, for the user
    # (Chinese). Raises RuleFileError and changes nothing for a bad file.
    reload: Callable[[], str]


def fingerprint(dirs: Sequence[Path], subdir: str = SUBDIR) -> Fingerprint:
    """What changes when a file of the family is added, removed or edited (its TOML files and
    the learned model's TSV weights, rules/message/structure_model.tsv)."""
    paths = rule_files(dirs, subdir) + rule_files(dirs, subdir, "*.tsv")
    return tuple(mark for path in paths if (mark := _mark(path)))


def _mark(path: Path) -> tuple[str, int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return str(path), stat.st_mtime_ns, stat.st_size


class RuleReloader:
    """Rebuilds ``engine``'s rules, and the families given to ``watch``, from ``dirs``;
    ``problems`` is ``services.problems``."""

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
        self._lock = threading.Lock()  # families are added while the thread may be polling
        self._families: list[Reloadable] = []
        self._seen: dict[str, Fingerprint] = {}
        self._seen_request = _mark(self.request_file)
        self.watch(
            Reloadable(
                SUBDIR, PROBLEM_KEY, "消息规则文件有误，仍在使用上次有效的规则：", self._messages
            )
        )
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def watch(self, family: Reloadable) -> None:
        """Reload ``family`` too when its files change or a reload is asked for."""
        with self._lock:
            self._families.append(family)
            self._seen[family.subdir] = fingerprint(self.dirs, family.subdir)

    def _messages(self) -> str:
        # the running rules' spellings: only terms added since are generated
        with collector_paused():
            compiled = CompiledRules(load_rulebook(self.dirs), self.engine.rules.spellings)
        self.engine.replace_rules(compiled)
        log.info(
            "message rules reloaded: %d rules in %.0f ms", len(compiled.rules), compiled.load_ms
        )
        return f"{len(compiled.rules)} 条消息规则"

    def reload(self, family: Reloadable) -> str | RuleFileError:
        """Load one family again; on error keep its rules in force and report the problem."""
        try:
            loaded = family.reload()
        except RuleFileError as exc:
            log.error(
                "%s rules not reloaded, the last good rules stay in force: %s", family.subdir, exc
            )
            self.problems[family.problem_key] = f"{family.problem}{exc}"
            return exc
        self.problems.pop(family.problem_key, None)
        return loaded

    def poll(self) -> bool:
        """Reload what changed since the last look (everything if a reload was asked for);
        True when a reload ran."""
        with self._lock:
            request = _mark(self.request_file)
            asked = request != self._seen_request
            self._seen_request = request
            due = []
            for family in self._families:
                current = fingerprint(self.dirs, family.subdir)
                if asked or current != self._seen[family.subdir]:
                    self._seen[family.subdir] = current
                    due.append(family)
            if not due:
                return False
            outcomes = [self.reload(family) for family in due]
        requested = self._request_id() if asked else None
        if requested is not None:
            self._write_result(requested, outcomes)
        return True

    def _request_id(self) -> str | None:
        try:
            return self.request_file.read_text(encoding="utf-8").strip() or None
        except OSError:
            return None

    def _write_result(self, request_id: str, outcomes: list[str | RuleFileError]) -> None:
        errors = [str(outcome) for outcome in outcomes if isinstance(outcome, RuleFileError)]
        result = {
            "request": request_id,
            "ok": not errors,
            "loaded": [outcome for outcome in outcomes if isinstance(outcome, str)],
            "error": "；".join(errors) or None,
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
