"""Site profiles: which workbench page a URL is, and how to read it (``rules/sites/*.toml``).

A profile names its URL patterns, the selectors the extension needs on that page (editor,
send and call buttons, buyer, the fragment to send) and, for the helper, visible-text labels
(投诉类型, 订单号, 买家, ...) that anchor the extraction. Hashed class names change with every
release of a page; the words a page shows to people change rarely, so labels come first and
selectors only use stable attributes or class-name fragments.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import soupsieve  # BeautifulSoup's CSS engine: a selector it rejects cannot work

from helper.rulefiles import RuleFileError, check_keys, line_of, load_toml, rule_files
from helper.rulesets import RuleFamily, register
from helper.text import fold

PAGE_KINDS = ("violations", "chat", "order")
_TOP_KEYS = {"profile", "complaints", "messages", "order", "example"}
_EXTENSION_KEYS = (
    "editor_selectors",
    "send_button_selectors",
    "send_button_texts",
    "call_button_selectors",
    "buyer_selectors",
    "snippet_selectors",
)
_PROFILE_KEYS = {"id", "platform", "name", "url_patterns", "page_kinds", "source", *_EXTENSION_KEYS}
COMPLAINT_FIELDS = ("case_id", "type", "buyer", "order_id", "received_at", "deadline", "status")
ORDER_FIELDS = ("order_id", "buyer", "status", "settled_at", "refunded_at")
_MESSAGE_KEYS = {
    "item_selectors",
    "sender_selectors",
    "text_selectors",
    "time_selectors",
    "buyer_labels",
    "seller_marker",
}
_EXAMPLE_KEYS = {"url", "matches"}


@dataclass(frozen=True)
class MessageRules:
    item_selectors: tuple[str, ...]
    sender_selectors: tuple[str, ...]
    text_selectors: tuple[str, ...]
    time_selectors: tuple[str, ...]
    buyer_labels: tuple[str, ...]
    # Seller sub-accounts are written "shop:agent"; a sender with this mark is the shop.
    seller_marker: str


@dataclass(frozen=True)
class SiteProfile:
    id: str
    platform: str
    name: str
    url_patterns: tuple[str, ...]
    page_kinds: tuple[str, ...]
    extension: dict[str, tuple[str, ...]]
    # field -> folded labels
    complaint_labels: dict[str, tuple[str, ...]] = field(default_factory=dict)
    order_labels: dict[str, tuple[str, ...]] = field(default_factory=dict)
    messages: MessageRules | None = None
    examples: tuple[tuple[str, bool], ...] = ()
    path: Path | None = None

    def matches(self, url: str) -> bool:
        key = _url_key(url)
        return key is not None and any(fnmatch.fnmatchcase(key, p) for p in self.url_patterns)

    def for_extension(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "platform": self.platform,
            "page_kinds": list(self.page_kinds),
            **{key: list(values) for key, values in self.extension.items()},
        }


class SiteProfiles:
    def __init__(self, profiles: Sequence[SiteProfile]) -> None:
        self.profiles = tuple(profiles)

    def match(self, url: str) -> SiteProfile | None:
        """The first profile (in file order) whose pattern fits the URL."""
        return next((profile for profile in self.profiles if profile.matches(url)), None)


def _url_key(url: str) -> str | None:
    """``host/path`` in lower case: patterns ignore scheme, port, query and fragment."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    return f"{parts.hostname.lower()}{parts.path or '/'}"


def load_profiles(dirs: Sequence[Path], platform_ids: Sequence[str] | None = None) -> SiteProfiles:
    profiles: list[SiteProfile] = []
    seen: dict[str, Path] = {}
    for path in rule_files(dirs, "sites"):
        profile = _load_file(path, platform_ids)
        if profile.id in seen:
            raise RuleFileError(
                path,
                line_of(path.read_text("utf-8"), "id"),
                f"profile id {profile.id!r} also in {seen[profile.id]}",
            )
        seen[profile.id] = path
        profiles.append(profile)
    return SiteProfiles(profiles)


def _load_file(path: Path, platform_ids: Sequence[str] | None) -> SiteProfile:
    data, text = load_toml(path)
    check_keys(data, _TOP_KEYS, path=path, text=text, where="the file")
    head = data.get("profile")
    if not isinstance(head, dict):
        raise RuleFileError(path, line_of(text, "[profile]"), "needs a [profile] table")
    check_keys(head, _PROFILE_KEYS, path=path, text=text, where="[profile]")
    profile_id = _string(head, "id", path, text)
    platform = _string(head, "platform", path, text)
    if platform_ids is not None and platform not in platform_ids:
        raise RuleFileError(
            path,
            line_of(text, "platform"),
            f"unknown platform {platform!r}; known: {', '.join(platform_ids)}",
        )
    patterns = _strings(head, "url_patterns", path, text, required=True)
    for pattern in patterns:
        if "://" in pattern or pattern != pattern.lower():
            raise RuleFileError(
                path,
                line_of(text, pattern),
                f"url pattern {pattern!r}: write host/path in lower case, no scheme",
            )
    kinds = _strings(head, "page_kinds", path, text, required=True)
    for kind in kinds:
        if kind not in PAGE_KINDS:
            raise RuleFileError(
                path,
                line_of(text, "page_kinds"),
                f"page kind must be one of {', '.join(PAGE_KINDS)}",
            )
    extension = {key: _strings(head, key, path, text) for key in _EXTENSION_KEYS}
    for key in _EXTENSION_KEYS:
        if key.endswith("_selectors"):
            for selector in extension[key]:
                _check_selector(selector, path, text)
    complaint_labels = _labels(data, "complaints", COMPLAINT_FIELDS, path, text)
    order_labels = _labels(data, "order", ORDER_FIELDS, path, text)
    if "violations" in kinds and "case_id" not in complaint_labels:
        raise RuleFileError(
            path,
            line_of(text, "[complaints]"),
            "a violations page needs [complaints] case_id labels",
        )
    messages = _messages(data.get("messages"), path, text)
    if "chat" in kinds and messages is None:
        raise RuleFileError(
            path, line_of(text, "page_kinds"), "a chat page needs a [messages] table"
        )
    return SiteProfile(
        id=profile_id,
        platform=platform,
        name=_string(head, "name", path, text),
        url_patterns=patterns,
        page_kinds=kinds,
        extension=extension,
        complaint_labels=complaint_labels,
        order_labels=order_labels,
        messages=messages,
        examples=_examples(data.get("example", []), path, text),
        path=path,
    )


def _labels(
    data: dict[str, Any], table: str, fields: Sequence[str], path: Path, text: str
) -> dict[str, tuple[str, ...]]:
    section = data.get(table)
    if section is None:
        return {}
    if not isinstance(section, dict):
        raise RuleFileError(path, line_of(text, f"[{table}]"), f"[{table}] must be a table")
    check_keys(section, fields, path=path, text=text, where=f"[{table}]")
    return {
        key: tuple(fold(label) for label in _strings(section, key, path, text)) for key in section
    }


def _messages(section: Any, path: Path, text: str) -> MessageRules | None:
    if section is None:
        return None
    if not isinstance(section, dict):
        raise RuleFileError(path, line_of(text, "[messages]"), "[messages] must be a table")
    check_keys(section, _MESSAGE_KEYS, path=path, text=text, where="[messages]")
    rules = MessageRules(
        item_selectors=_strings(section, "item_selectors", path, text, required=True),
        sender_selectors=_strings(section, "sender_selectors", path, text, required=True),
        text_selectors=_strings(section, "text_selectors", path, text, required=True),
        time_selectors=_strings(section, "time_selectors", path, text),
        buyer_labels=tuple(fold(v) for v in _strings(section, "buyer_labels", path, text)),
        seller_marker=section.get("seller_marker", ":"),
    )
    for key in ("item_selectors", "sender_selectors", "text_selectors", "time_selectors"):
        for selector in getattr(rules, key):
            _check_selector(selector, path, text)
    return rules


def _examples(tables: Any, path: Path, text: str) -> tuple[tuple[str, bool], ...]:
    if not isinstance(tables, list):
        raise RuleFileError(
            path, line_of(text, "[[example]]"), "[[example]] must be an array of tables"
        )
    examples = []
    for table in tables:
        check_keys(table, _EXAMPLE_KEYS, path=path, text=text, where="[[example]]")
        url, matches = table.get("url"), table.get("matches")
        if not isinstance(url, str) or not isinstance(matches, bool):
            raise RuleFileError(
                path,
                line_of(text, "[[example]]"),
                "an example needs url (string) and matches (bool)",
            )
        examples.append((url, matches))
    return tuple(examples)


def _check_selector(selector: str, path: Path, text: str) -> None:
    try:
        soupsieve.compile(selector)
    except Exception as exc:  # soupsieve raises SelectorSyntaxError and others
        raise RuleFileError(
            path, line_of(text, selector), f"bad CSS selector {selector!r}: {exc}"
        ) from None


def _string(table: dict[str, Any], key: str, path: Path, text: str) -> str:
    value = table.get(key)
    if not isinstance(value, str) or not value.strip():
        raise RuleFileError(path, line_of(text, key), f"{key} must be a non-empty string")
    return value


def _strings(
    table: dict[str, Any], key: str, path: Path, text: str, *, required: bool = False
) -> tuple[str, ...]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise RuleFileError(path, line_of(text, key), f"{key} must be a list of non-empty strings")
    if required and not value:
        raise RuleFileError(path, line_of(text, key), f"{key} must not be empty")
    return tuple(value)


def _lint(dirs: Sequence[Path]) -> list[RuleFileError]:
    from helper.platforms import load_platforms

    try:
        platform_ids: list[str] | None = load_platforms(dirs).ids()
    except RuleFileError:
        platform_ids = None  # the platforms family reports that problem
    problems: list[RuleFileError] = []
    for path in rule_files(dirs, "sites"):
        try:
            _load_file(path, platform_ids)
        except RuleFileError as exc:
            problems.append(exc)
    return problems


def _examples_failures(dirs: Sequence[Path]) -> list[str]:
    """Each example URL must (or must not) be claimed by its own profile, and a URL a profile
    claims must not be taken first by an earlier profile."""
    profiles = load_profiles(dirs)
    failures = []
    for profile in profiles.profiles:
        for url, expected in profile.examples:
            chosen = profiles.match(url)
            got = chosen is not None and chosen.id == profile.id
            if got != expected:
                who = chosen.id if chosen else "no profile"
                should = "should" if expected else "should not"
                failures.append(f"{profile.path}: {url} {should} match {profile.id} (got {who})")
    return failures


register(RuleFamily("sites", lint=_lint, examples=_examples_failures))
