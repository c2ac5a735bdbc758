"""Product categories of a shop profile (``rules/shop/*.toml``): which goods a category lets
the shop name as products, and which phrases still aim them at the buyer."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from helper.rulefiles import RuleFileError, check_keys, load_toml, rule_files, with_start_lines
from helper.rulesets import RuleFamily, register
from helper.text import fold

_TOP_KEYS = {"category"}
_KEYS = {"id", "label", "scenes", "terms", "aimed_at", "within"}
# Threats can never be allowed away, so no category may clear them.
# tone (twelfth wave): a declared category may quiet the advisory reminder its goods get
# (tone.funeral_mention), which mailing's block no longer hides once a shop ships its orders
_SCENES = {"insult", "harassment", "mailing", "tone"}


@dataclass(frozen=True)
class Category:
    id: str
    label: str
    scenes: frozenset[str]
    terms: frozenset[str]  # folded
    aimed_at: tuple[str, ...]  # folded
    within: int

    def permits(self, scene: str, term: str, around: str) -> bool:
        """True when the category lets ``term`` (folded) stand in a ``scene`` finding whose
        surrounding text (folded) is ``around``."""
        if scene not in self.scenes:
            return False
        # A matched text may carry a neighbour (寿衣已) until the engine names the canonical term.
        if term not in self.terms and not any(goods in term for goods in self.terms):
            return False
        return not any(phrase in around for phrase in self.aimed_at)

    def to_json(self) -> dict[str, object]:
        return {"id": self.id, "label": self.label}


def load_categories(dirs: Sequence[Path]) -> dict[str, Category]:
    found: dict[str, Category] = {}
    for path in rule_files(dirs, "shop"):
        data, text = load_toml(path)
        check_keys(data, _TOP_KEYS, path=path, text=text, where="the file")
        tables = data.get("category", [])
        if not isinstance(tables, list):
            raise RuleFileError(path, None, "[[category]] must be an array of tables")
        for table, start in with_start_lines(tables, "[[category]]", text):
            category = _category(table, path, text, start)
            found[category.id] = category
    return found


def _category(table: dict, path: Path, text: str, start: int) -> Category:
    check_keys(table, _KEYS, path=path, text=text, where="[[category]]", start_line=start)

    def strings(key: str) -> list[str]:
        value = table.get(key)
        if not isinstance(value, list) or not all(isinstance(s, str) and s.strip() for s in value):
            raise RuleFileError(path, start, f"[[category]] {key} must be a list of strings")
        return value

    ident = table.get("id")
    if not isinstance(ident, str) or not ident.isascii() or not ident.strip():
        raise RuleFileError(path, start, "[[category]] needs an ASCII id")
    label = table.get("label")
    if not isinstance(label, str) or not label.strip():
        raise RuleFileError(path, start, f"[[category]] {ident}: label must be a string")
    scenes = strings("scenes")
    if not set(scenes) <= _SCENES:
        raise RuleFileError(
            path, start, f"[[category]] {ident}: scenes must be among {', '.join(sorted(_SCENES))}"
        )
    within = table.get("within", 8)
    if isinstance(within, bool) or not isinstance(within, int) or not 0 <= within <= 50:
        raise RuleFileError(path, start, f"[[category]] {ident}: within must be 0–50")
    return Category(
        id=ident,
        label=label,
        scenes=frozenset(scenes),
        terms=frozenset(fold(term) for term in strings("terms")),
        aimed_at=tuple(fold(phrase) for phrase in strings("aimed_at")),
        within=within,
    )


def lint_categories(dirs: Sequence[Path]) -> list[RuleFileError]:
    try:
        load_categories(dirs)
    except RuleFileError as exc:
        return [exc]
    return []


register(RuleFamily("shop", lint=lint_categories))
