"""Giving freed memory back to the operating system after a large request.

CPython frees the objects of a large request at once, but glibc's allocator keeps the freed
pages of its per-thread arenas for reuse, so each burst of large bodies on different server
threads left the helper's RSS a little higher. bench/faults.py, three bursts of eight 1 MB
snippets: RSS 90 -> 118 MiB without this, 91 -> 108 MiB with it (most in the first burst).
``malloc_trim(0)`` returns them; elsewhere (Windows, macOS, musl) this does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys
from collections.abc import Callable


def _trimmer() -> Callable[[], None]:
    if not sys.platform.startswith("linux"):
        return lambda: None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        trim = libc.malloc_trim
    except (OSError, AttributeError):  # not glibc
        return lambda: None
    trim.argtypes = [ctypes.c_size_t]

    def release() -> None:
        trim(0)

    return release


release_free_memory = _trimmer()
