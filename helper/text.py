"""Text folding for comparing Chinese text typed or shown in either script.

``fold`` is for *comparison* (anchors on pages, opt-out phrases, complaint types): it may
change the length of the text (NFKC expands some ligatures, casefold turns ß into ss), so
code that must report offsets into the text as typed uses the message checker's normaliser,
which keeps an offset map.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from functools import lru_cache

import opencc

_lock = threading.Lock()
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


@lru_cache(maxsize=1)
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional → Simplified (OpenCC ``t2s``)."""
    converter = _converter()
    if not text.isascii() and _LONE_SURROGATE.search(text):
        # OpenCC takes UTF-8, which cannot hold a lone surrogate (a broken emoji half in a
        # JSON string): it becomes U+FFFD, one code point for one, so offsets still hold
        text = _LONE_SURROGATE.sub("\ufffd", text)
    # OpenCC's converter is not documented as thread-safe; the helper serves on 8 threads.
    with _lock:
        return converter.convert(text)


@lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """NFKC, case-folded, Simplified: ``惡意騷擾`` and ``恶意骚扰`` fold to the same string."""
    return to_simplified(unicodedata.normalize("NFKC", text).casefold())
