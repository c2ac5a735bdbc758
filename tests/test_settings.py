"""Configuration and paths."""

from __future__ import annotations

from pathlib import Path

import pytest

from helper.paths import resolve_paths
from helper.rulefiles import RuleFileError, shipped_rules_dir
from helper.settings import DEFAULT_PORT, load_settings


def test_defaults(tmp_path: Path) -> None:
    settings = load_settings(tmp_path)
    assert settings.port == DEFAULT_PORT
    assert settings.db_url == f"sqlite:///{(tmp_path / 'helper.db').as_posix()}"
    assert settings.logging.log_content is False
    assert settings.privacy.retention_days == 180
    assert settings.rules_dirs[0] == shipped_rules_dir()


def test_explicit_data_dir_holds_everything(tmp_path: Path) -> None:
    paths = resolve_paths(tmp_path / "wbg")
    assert paths.config_file == tmp_path / "wbg" / "config.toml"
    assert paths.log_dir == tmp_path / "wbg" / "logs"
    assert paths.secret_file.parent == tmp_path / "wbg"


def test_env_var_chooses_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HELPER_DATA_DIR", str(tmp_path / "from-env"))
    assert resolve_paths().data_dir == tmp_path / "from-env"
    # An explicit option wins over the environment.
    assert resolve_paths(tmp_path / "explicit").data_dir == tmp_path / "explicit"


def test_os_default_dirs_without_override(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HELPER_DATA_DIR", raising=False)
    paths = resolve_paths()
    assert "WorkbenchGuard" in str(paths.data_dir)
    assert "WorkbenchGuard" in str(paths.config_dir)


def test_config_file_overrides_and_options_win(tmp_path: Path) -> None:
    (tmp_path / "config.toml").write_text(
        '[server]\nport = 50001\nallowed_extension_ids = ["abc", "def"]\n'
        "[privacy]\nretention_days = 30\n",
        encoding="utf-8",
    )
    settings = load_settings(tmp_path)
    assert settings.port == 50001
    assert settings.server.allowed_extension_ids == ("abc", "def")
    assert settings.privacy.retention_days == 30
    assert load_settings(tmp_path, port=50002).port == 50002
    assert load_settings(tmp_path, db_url="postgresql://x@h/db").db_url == "postgresql://x@h/db"


@pytest.mark.parametrize(
    ("content", "line", "fragment"),
    [
        ("[server]\nport = 1\nprot = 2\n", 3, "unknown key 'prot'"),
        ("\n[nonsense]\na = 1\n", 2, "unknown section [nonsense]"),
        ('[privacy]\n\nretention_days = "long"\n', 3, "must be a non-negative whole number"),
        ("[logging]\nlog_content = 1\n", 2, "true or false"),
        ("[server]\nport = \n", 2, "Invalid value"),
    ],
)
def test_bad_config_names_file_and_line(
    tmp_path: Path, content: str, line: int, fragment: str
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(content, encoding="utf-8")
    with pytest.raises(RuleFileError) as caught:
        load_settings(tmp_path)
    assert caught.value.path == config
    assert caught.value.line == line
    assert fragment in str(caught.value)
    assert f"config.toml:{line}" in str(caught.value)
