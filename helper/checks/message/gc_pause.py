"""Rule load without the cyclic garbage collector, its objects then kept out of its sight.

A rule load allocates about 190,000 objects that live as long as the rules (automaton values,
entries, slot tables) and frees few. With the collector on, it ran every 700 allocations and
walked the growing rule data again and again, for nothing: about 40 ms of a 480 ms load. Only
pausing it moves the cost: the first collection after the load walks all 190,000 (25 ms). So
the load's objects are frozen (``gc.freeze``): no later collection walks them, neither that
first one nor the full collections that otherwise stall a check for ~30 ms now and then.

Freezing keeps a cycle among those objects from being collected. The rules have almost none:
a replaced rule set is freed by reference counting (measured: a dropped engine is gone with
the collector off), so a reload leaks nothing that matters.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def long_lived_load() -> Iterator[None]:
    """Pause the collector for the block and freeze what exists after it; the collector is
    back on after it only if it was on before (a nested load keeps it off)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_on:
            gc.enable()
