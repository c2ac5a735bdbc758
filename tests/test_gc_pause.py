"""A rule load pauses the cyclic collector (helper/checks/message/gc_pause.py) and leaves it
as it found it, also when the load fails."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from helper.checks.message import MessageEngine
from helper.rulefiles import RuleFileError, shipped_rules_dir
from tests.message_support import copied_rules


def test_a_load_leaves_the_collector_as_it_found_it() -> None:
    assert gc.isenabled()
    MessageEngine.load([shipped_rules_dir()])
    assert gc.isenabled()
    gc.disable()
    try:
        MessageEngine.load([shipped_rules_dir()])
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_failed_load_turns_the_collector_back_on(tmp_path: Path) -> None:
    rules = copied_rules(tmp_path)
    (rules / "message" / "broken.toml").write_text("[[rule]\n", encoding="utf-8")
    with pytest.raises(RuleFileError, match=r"broken\.toml"):
        MessageEngine.load([rules], cache_dir=tmp_path / "cache")
    assert gc.isenabled()
