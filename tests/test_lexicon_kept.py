"""The lexicons kept between runs (helper/checks/message/lexicon_kept.py): a lexicon read back
is the lexicon made from the rules and gives the same verdicts, an edited rule or changed
code makes it afresh, and a damaged file is noticed, ignored and rewritten."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helper.cache_file import read_cache_file
from helper.checks.message import MessageEngine, lexicon_kept
from helper.checks.message.engine import CompiledRules
from helper.checks.message.lexicon import Lexicon
from helper.checks.message.lexicon_kept import FILE_NAME
from helper.checks.message.rules import load_rulebook
from helper.checks.message.spellings import SpellingCache
from helper.rulefiles import shipped_rules_dir
from tests.cache_support import DAMAGES, damaged, through_a_rule_edit, verdict_texts, verdicts


def _made(lexicon: Lexicon) -> tuple[object, ...]:
    """What ``add`` made: each key's entries in order (the order of its hits); the keys in
    any order (a term's spellings are a set: their order differs between processes anyway)."""
    return (
        *(
            {
                key: [(e.kind, e.owner, e.term, e.written) for e in entries]
                for key, entries in automata.entries.items()
            }
            for automata in (lexicon._sounds, lexicon._literals)
        ),
        lexicon._written_terms,
        lexicon._half_respelled,
        lexicon._exact_respelled,
    )


def _both(rules: CompiledRules) -> tuple[object, ...]:
    """The rules' lexicon and the sound-alike slot words' lexicon."""
    return _made(rules.lexicon), _made(rules.matchers[0]._sounds._lexicon)


def _lexicons(folder: Path) -> set[str]:
    """The lexicons the file holds (each named by a hash of its terms), if it is intact."""
    body = read_cache_file(folder / FILE_NAME)
    assert body is not None
    return set(json.loads(body)["values"])


def test_a_lexicon_read_back_is_the_lexicon_made(tmp_path: Path) -> None:
    book = load_rulebook([shipped_rules_dir()])
    made = _both(CompiledRules(book))
    spellings = SpellingCache(tmp_path)
    first = CompiledRules(book, spellings)  # writes lexicons.json
    assert (tmp_path / FILE_NAME).is_file() and spellings.missed
    again = SpellingCache(tmp_path)
    from_file = CompiledRules(book, again)
    assert not again.missed  # no term was spelled, nor even looked up
    assert _both(first) == made
    assert _both(from_file) == made
    dirs = [shipped_rules_dir()]
    MessageEngine.load(dirs, cache_dir=tmp_path / "engine")  # writes every cache
    cached = MessageEngine.load(dirs, cache_dir=tmp_path / "engine")
    plain = MessageEngine.load(dirs)
    texts = verdict_texts()
    assert any(plain.check(text).findings for text in texts)
    assert verdicts(cached, texts) == verdicts(plain, texts)


def test_a_rule_edit_makes_the_lexicon_afresh(tmp_path: Path) -> None:
    before, edited, again, after = through_a_rule_edit(tmp_path, _lexicons)
    assert len(edited - before) == 1  # the rules' lexicon; the slot words' one as it was
    assert again == edited  # read back: nothing made
    assert after == before


def test_a_code_change_makes_the_lexicon_afresh(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    book = load_rulebook([shipped_rules_dir()])
    code = tmp_path / "code.py"
    code.write_text("# one version\n", encoding="utf-8")
    monkeypatch.setattr(lexicon_kept, "_CODE", (*lexicon_kept._CODE, code))
    folder = tmp_path / "cache"
    CompiledRules(book, SpellingCache(folder))
    written = (folder / FILE_NAME).read_bytes()
    code.write_text("# another version\n", encoding="utf-8")
    rules = CompiledRules(book, SpellingCache(folder))
    assert (folder / FILE_NAME).read_bytes() != written  # made again under the new digest
    assert _both(rules) == _both(CompiledRules(book))


@pytest.mark.parametrize("damage", DAMAGES)
def test_a_damaged_file_is_ignored_and_written_afresh(tmp_path: Path, damage: str) -> None:
    book = load_rulebook([shipped_rules_dir()])
    made = _both(CompiledRules(book))
    CompiledRules(book, SpellingCache(tmp_path))
    path = tmp_path / FILE_NAME
    intact = path.read_bytes()
    kept = _lexicons(tmp_path)
    # "altered": an entry's owner changed inside valid JSON; "wrong shape": entries that are
    # no entries under the real lexicon's key
    key = intact.split(b'"values": {"')[1].split(b'"')[0]
    fields = b'"counts": [], "entries": [1], "sounds": {}, "literals": {}, "written_terms": [], '
    fields += b'"half_respelled": [], "exact_respelled": [], "spelled": []'
    wrong = b'{"' + key + b'": {' + fields + b"}}"
    damaged_bytes = damaged(intact, damage, old=b'"insult.', new=b'"xnsult.', values=wrong)
    path.write_bytes(damaged_bytes)
    rules = CompiledRules(book, SpellingCache(tmp_path))
    assert _both(rules) == made
    assert path.read_bytes() != damaged_bytes and _lexicons(tmp_path) == kept
