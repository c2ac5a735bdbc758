"""Bounds on the work a page fragment may cost, checked before it is parsed.

BeautifulSoup builds a Python object per element and nests them as deep as the markup does,
so a hostile fragment under the size limit could cost seconds of CPU and hundreds of MB
(``"<a>" * 333333``: 4.4 s and ~200 MB). Measured on the 2-core test machine (bench/faults.py
prints the burst figures):

* counting ``<`` in 1 MB of text: under 1 ms; a regular-expression scan of the same: ~60 ms;
* html.parser on a real workbench fragment (1 KB): 2 ms; on 5,000 flat records (20,000
  elements, 345 KB): 0.36 s; on 20,000 nested ``<a>``: 0.23 s.

So the fragment is refused at once when it holds more than ``max_tags`` tags (the count of
``<``, an upper bound, so this costs a millisecond whatever the input), and otherwise when its
elements nest deeper than ``max_depth`` (a scan of at most ``max_tags`` tags). Both are far
above what a page shows (the extension sends at most 100,000 characters, a few thousand tags,
nested a few dozen deep). lxml or selectolax would parse faster but give other objects than
the BeautifulSoup tree the readers in helper.sites.extract walk.
"""

from __future__ import annotations

import re

# Elements that never hold others, so never deepen the tree.
_VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)[^>]*?(/?)>")


class TooComplex(ValueError):
    """The fragment exceeds a bound; the message is Chinese, for the caller."""


def check(html: str, *, max_tags: int, max_depth: int) -> None:
    tags = html.count("<")
    if tags > max_tags:
        raise TooComplex(f"页面片段的标签过多（{tags} 个，上限 {max_tags}），请只发送相关部分")
    depth = deepest(html, stop_at=max_depth)
    if depth > max_depth:
        raise TooComplex(f"页面片段的元素嵌套过深（超过 {max_depth} 层），请只发送相关部分")


def deepest(html: str, *, stop_at: int) -> int:
    """How deep the elements nest as an HTML parser without implicit closing builds them: an
    end tag closes the nearest open element of its name; stops counting past ``stop_at``."""
    open_tags: list[str] = []
    deepest_seen = 0
    for match in _TAG.finditer(html):
        closing, name, self_closing = match.groups()
        name = name.lower()
        if closing:
            if name in open_tags:
                index = len(open_tags) - 1 - open_tags[::-1].index(name)
                del open_tags[index:]
        elif not self_closing and name not in _VOID:
            open_tags.append(name)
            if len(open_tags) > deepest_seen:
                deepest_seen = len(open_tags)
                if deepest_seen > stop_at:
                    break
    return deepest_seen
