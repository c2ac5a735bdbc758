"""The shipped site profiles, calendar and vocabulary lint clean and pass their examples."""

from __future__ import annotations

from pathlib import Path

from helper.rulefiles import shipped_rules_dir
from helper.rulesets import families


def test_shipped_families_are_clean() -> None:
    dirs = [shipped_rules_dir()]
    by_name = {family.name: family for family in families()}
    for name in ("sites", "calendar", "complaints"):
        assert by_name[name].lint(dirs) == [], name
    assert by_name["sites"].examples(dirs) == []


def test_a_bad_selector_is_reported_with_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "sites").mkdir()
    bad = tmp_path / "sites" / "zz.toml"
    bad.write_text(
        '[profile]\nid = "x"\nplatform = "taobao"\nname = "x"\n'
        'url_patterns = ["x.com/*"]\npage_kinds = ["order"]\nbuyer_selectors = ["a[[b"]\n',
        encoding="utf-8",
    )
    sites = {family.name: family for family in families()}["sites"]
    problems = sites.lint([shipped_rules_dir(), tmp_path])
    assert [(p.path, p.line) for p in problems] == [(bad, 7)]
