"""The cyclic garbage collector, paused while a command compares and then ends.

Reference counting frees almost everything Parallax makes; the cyclic collector only finds
reference cycles, and a comparison makes almost none (545 objects in all after a 3 × 60-sentence
`parallax compare`, 907 after two articles of 230 and 380 KB). Yet it runs every 700
allocations, scanning what was made since: 71 passes and 11 ms of that 0.25 s run (imports
included), 399 passes and 0.20 s of the 2.3 s one, for no memory saved (182 MB at the peak
either way). Measured with gc.callbacks; the window pauses it in its workers for the same
reason (gui/workers.py).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused(ending: bool = False) -> Iterator[None]:
    """Run the block with the cyclic collector paused, then let it run again (as it was).

    Everything made meanwhile waits in the youngest generation, so the collector's first pass
    after the block scans all of it once, finding the cycles the block left: 16 ms after the
    3 × 60 run, more than the passes saved. A process that `ending` after the block skips that
    pass: what the block left goes to the permanent generation (`gc.freeze`, a list splice),
    never scanned, its few cycles kept until the exit.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        if ending:
            gc.freeze()
        gc.enable()
