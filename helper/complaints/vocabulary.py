"""Complaint types and case states as pages name them (``rules/complaints/vocabulary.toml``).

Pages and agents write 恶意骚扰 or 惡意騷擾; the store keeps a short code (``harassment``).
Names compare after ``helper.text.fold``, and the longest name found in a text wins, so
投诉不成立 is "decided" even though it also contains 成立.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from helper.complaints.tables import STATUSES
from helper.rulefiles import (
    RuleFileError,
    check_keys,
    line_of,
    load_toml,
    rule_files,
    with_start_lines,
)
from helper.rulesets import RuleFamily, register
from helper.sites.profiles import COMPLAINT_FIELDS
from helper.text import fold

_TOP_KEYS = {"type", "status", "fields", "countdown"}
_TYPE_KEYS = {"code", "label", "names"}
_STATUS_KEYS = {"code", "names"}


@dataclass(frozen=True)
class Term:
    code: str
    label: str
    names: tuple[str, ...]


@dataclass(frozen=True)
class Vocabulary:
    types: tuple[Term, ...]
    statuses: tuple[Term, ...]
    # field -> the Chinese name agents know it by (what a page could not show is listed so)
    field_labels: dict[str, str]
    countdown_markers: tuple[str, ...] = ()  # folded

    def type_code(self, text: str) -> str | None:
        """A short code given as is, or the type whose name ``text`` contains."""
        stripped = text.strip()
        if any(term.code == stripped for term in self.types):
            return stripped
        return _longest(self.types, text)

    def type_label(self, code: str) -> str:
        return next((term.label for term in self.types if term.code == code), code)

    def status_code(self, text: str) -> str | None:
        stripped = text.strip()
        if stripped in STATUSES:
            return stripped
        return _longest(self.statuses, text)

    def type_codes(self) -> list[str]:
        return [term.code for term in self.types]


def _longest(terms: Sequence[Term], text: str) -> str | None:
    folded = fold(text)
    best: tuple[int, str] | None = None
    for term in terms:
        for name in term.names:
            folded_name = fold(name)
            if folded_name in folded and (best is None or len(folded_name) > best[0]):
                best = (len(folded_name), term.code)
    return best[1] if best else None


def load_vocabulary(dirs: Sequence[Path]) -> Vocabulary:
    types: dict[str, Term] = {}
    statuses: dict[str, Term] = {}
    field_labels: dict[str, str] = {}
    markers: list[str] = []
    for path in rule_files(dirs, "complaints"):
        data, text = load_toml(path)
        check_keys(data, _TOP_KEYS, path=path, text=text, where="the file")
        field_labels.update(_field_labels(data.get("fields", {}), path, text))
        markers.extend(_markers(data.get("countdown", {}), path, text))
        for term in _terms(data.get("type", []), path, text, "[[type]]", _TYPE_KEYS):
            types[term.code] = term
        for term in _terms(data.get("status", []), path, text, "[[status]]", _STATUS_KEYS):
            if term.code not in STATUSES:
                raise RuleFileError(
                    path,
                    line_of(text, f'"{term.code}"'),
                    f"status code must be one of {', '.join(STATUSES)}",
                )
            statuses[term.code] = term
    if not types:
        raise RuleFileError(Path("rules/complaints"), None, "no complaint types defined")
    missing = [name for name in COMPLAINT_FIELDS if name not in field_labels]
    if missing:
        raise RuleFileError(Path("rules/complaints"), None, f"[fields] needs {', '.join(missing)}")
    return Vocabulary(
        tuple(types.values()), tuple(statuses.values()), field_labels, tuple(dict.fromkeys(markers))
    )


def _markers(table: object, path: Path, text: str) -> list[str]:
    if not isinstance(table, dict):
        raise RuleFileError(path, line_of(text, "[countdown]"), "[countdown] must be a table")
    check_keys(table, {"markers"}, path=path, text=text, where="[countdown]")
    words = table.get("markers", [])
    if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
        raise RuleFileError(path, line_of(text, "markers"), "markers must be non-empty strings")
    return [fold(word) for word in words]


def _field_labels(table: object, path: Path, text: str) -> dict[str, str]:
    if not isinstance(table, dict):
        raise RuleFileError(path, line_of(text, "[fields]"), "[fields] must be a table")
    check_keys(table, set(COMPLAINT_FIELDS), path=path, text=text, where="[fields]")
    for key, value in table.items():
        if not isinstance(value, str) or not value.strip():
            raise RuleFileError(path, line_of(text, key), f"[fields] {key} must be a string")
    return dict(table)


def _terms(tables: object, path: Path, text: str, header: str, allowed: set[str]) -> list[Term]:
    if not isinstance(tables, list):
        raise RuleFileError(path, line_of(text, header), f"{header} must be an array of tables")
    terms = []
    for table, start in with_start_lines(tables, header, text):
        check_keys(table, allowed, path=path, text=text, where=header, start_line=start)
        code = table.get("code")
        names = table.get("names")
        if not isinstance(code, str) or not code.isascii() or not code.strip():
            raise RuleFileError(path, start, f"{header} needs an ASCII code")
        if (
            not isinstance(names, list)
            or not names
            or not all(isinstance(name, str) and name.strip() for name in names)
        ):
            raise RuleFileError(path, start, f"{header} {code}: names must be non-empty strings")
        label = table.get("label", names[0])
        if not isinstance(label, str):
            raise RuleFileError(path, start, f"{header} {code}: label must be a string")
        terms.append(Term(code, label, tuple(names)))
    return terms


def lint_vocabulary(dirs: Sequence[Path]) -> list[RuleFileError]:
    try:
        load_vocabulary(dirs)
    except RuleFileError as exc:
        return [exc]
    return []


register(RuleFamily("complaints", lint=lint_vocabulary))
