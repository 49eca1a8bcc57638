"""Patching Django for the length of an observation, and never longer.

Two labs must see inside Django: the capture records each model signal as it is sent
(``Signal.send``), and the delete report looks at the collector just before and just
after it writes (``Collector.delete``). Both patch *inside* a ``with`` block and undo it
on the way out:

    with scoped_patch(Collector, "delete", lambda original: observing(original)):
        parent.delete()          # observed
    parent.delete()              # Django's own Collector.delete again

Blocks may overlap (nested captures, or two requests in two threads): the first one in
installs the replacement (made from the original by ``make_replacement``), the last one
out restores what was there before. The replacement must pass through to the original
when its own context (a ContextVar) says nobody on this thread is observing.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager

_MISSING = object()
_lock = threading.Lock()
_active: dict[tuple[int, str], list] = {}  # (id(owner), name) -> [depth, saved]


@contextmanager
def scoped_patch(owner, name: str, make_replacement):
    """Set ``owner.name = make_replacement(original)`` for the block; restore it when the last block exits."""
    key = (id(owner), name)
    with _lock:
        entry = _active.get(key)
        if entry is None:
            entry = _active[key] = [0, owner.__dict__.get(name, _MISSING)]
            setattr(owner, name, make_replacement(getattr(owner, name)))
        entry[0] += 1
    try:
        yield
    finally:
        with _lock:
            entry[0] -= 1
            if entry[0] == 0:
                del _active[key]
                if entry[1] is _MISSING:
                    delattr(owner, name)  # it came from the class: uncover it again
                else:
                    setattr(owner, name, entry[1])
