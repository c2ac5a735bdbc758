"""The terms' spellings kept between runs (helper/checks/message/spellings.py): a load from the
file builds exactly the automata a load that generates everything builds, and the file follows
the rules and the code it was made from."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from helper.cache_file import read_cache_file
from helper.checks.message import MessageEngine
from helper.checks.message.engine import CompiledRules
from helper.checks.message.lexicon_kept import FILE_NAME as LEXICONS
from helper.checks.message.rules import load_rulebook
from helper.checks.message.spellings import FILE_NAME, SpellingCache
from helper.rulefiles import shipped_rules_dir
from tests.cache_support import lexicon_keys, through_a_rule_edit


def _kept(folder: Path) -> dict[str, list[str]]:
    """The spellings file's terms and spellings (checked as cache_file.py writes it)."""
    body = read_cache_file(folder / FILE_NAME)
    assert body is not None
    return json.loads(body)["values"]


def test_shipped_rules_from_the_file_build_the_same_automata(tmp_path: Path) -> None:
    book = load_rulebook([shipped_rules_dir()])
    generated = lexicon_keys(CompiledRules(book))
    first = CompiledRules(book, SpellingCache(tmp_path))  # writes the file
    assert (tmp_path / FILE_NAME).is_file()
    (tmp_path / LEXICONS).unlink()  # the spellings alone, not the lexicons made of them
    cache = SpellingCache(tmp_path)
    from_file = CompiledRules(book, cache)  # reads it: nothing generated
    assert not cache.missed
    assert lexicon_keys(first) == generated
    assert lexicon_keys(from_file) == generated


def test_a_rule_edit_adds_its_terms_and_drops_the_unused(tmp_path: Path) -> None:
    before, after, _, again = through_a_rule_edit(tmp_path, _kept)
    assert set(after) - set(before) == {"烂柿子"}
    assert again == before


def test_a_file_of_another_digest_or_broken_is_made_afresh(tmp_path: Path) -> None:
    book = load_rulebook([shipped_rules_dir()])
    generated = lexicon_keys(CompiledRules(book))
    path = tmp_path / FILE_NAME
    CompiledRules(book, SpellingCache(tmp_path))
    intact = path.read_bytes()
    checksum, _, body = intact.partition(b"\n")
    other = b'{"digest": "other", "values": {"\xe5\x82\xbb\xe9\x80\xbc": ["x"]}}'
    for stale in (
        hashlib.sha256(other).hexdigest().encode() + b"\n" + other,  # another digest
        checksum + b"\n" + body.replace(b'["', b'["x', 1),  # altered, checksum as it was
        intact[: len(intact) // 2],  # truncated
        b"{not json",
        b"",
    ):
        path.write_bytes(stale)
        (tmp_path / LEXICONS).unlink()
        cache = SpellingCache(tmp_path)
        assert lexicon_keys(CompiledRules(book, cache)) == generated
        assert cache.missed
        assert path.read_bytes() == intact


def test_an_unwritable_cache_folder_only_costs_time(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("", encoding="utf-8")  # a file where the folder should be
    engine = MessageEngine.load([shipped_rules_dir()], cache_dir=blocked / "cache")
    assert engine.check("你个傻逼").verdict == "block"
