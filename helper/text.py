"""Text folding for comparing Chinese text typed or shown in either script.

``fold`` is for *comparison* (anchors on pages, opt-out phrases, complaint types): it may
change the length of the text (NFKC expands some ligatures, casefold turns ß into ss), so
code that must report offsets into the text as typed uses the message checker's normaliser,
which keeps an offset map.
"""

from __future__ import annotations

import threading
import unicodedata
from functools import lru_cache

import opencc

_lock = threading.Lock()


@lru_cache(maxsize=1)
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional → Simplified (OpenCC ``t2s``)."""
    converter = _converter()
    # OpenCC's converter is not documented as thread-safe; the helper serves on 8 threads.
    with _lock:
        return converter.convert(text)


@lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """NFKC, case-folded, Simplified: ``惡意騷擾`` and ``恶意骚扰`` fold to the same string."""
    return to_simplified(unicodedata.normalize("NFKC", text).casefold())
