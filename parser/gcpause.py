"""The cyclic garbage collector paused while one file is parsed or validated.

Parsing a file makes many small objects (a line, its match, its span) and frees
almost none until the file is done; each time allocations outrun frees by a few
hundred, CPython's collector walks the young objects, and every so often all of
them. On a 25 MB body that is a sixth of the time, spent finding no garbage
(the parse makes few cycles). So the collector is paused for the call and
resumed after, when it was running: whatever cycles the file left are
collected then.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """No cyclic collection inside the block; the collector's state is restored
    after it (nested blocks, or a caller that paused it already, leave it off)."""
    running = gc.isenabled()
    if running:
        gc.disable()
    try:
        yield
    finally:
        if running:
            gc.enable()
