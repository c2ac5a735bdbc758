"""Rule load without the cyclic garbage collector.

A rule load allocates about 190,000 objects that live as long as the rules (automaton values,
entries, slot tables) and frees few. With the collector on, it ran every 700 allocations and
walked the growing rule data again and again, for nothing: about 40 ms of a 480 ms load. With
it paused, the first collection after the load walks those objects once (about 25 ms, counted
by bench/load_ab.py). Freezing them (``gc.freeze``) would spare that walk too, but it freezes
every object alive at the time, not only the rules': a Flask app or a database engine of the
same process (tests, a reload in ``helper serve``) would then never have its cycles collected.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Turn the collector off for the block; back on after it only if it was on before (a
    nested pause, or a caller that runs with it off, keeps it off)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
