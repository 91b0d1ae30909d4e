"""The pause between a waiter's tries at a lock: short at first, longer the longer it waits.

Locks are held for about a millisecond, so a waiter looks again soon; a lock held long
(its holder stopped with Ctrl-Z, say) is looked at ever more rarely, up to CAP, so that a
line of waiters behind it costs next to nothing. A waiter that sees the line move starts
short again (reset).
"""

from __future__ import annotations

import time
from collections.abc import Callable

FIRST = 0.001  # seconds
CAP = 0.05  # seconds: twenty looks a second at most, once a wait has gone on


class Backoff:
    def __init__(self, sleep: Callable[[float], None] = time.sleep, first: float = FIRST, cap: float = CAP) -> None:
        self._sleep, self._first, self._cap = sleep, first, cap
        self._next = first

    def pause(self) -> None:
        self._sleep(self._next)
        self._next = min(self._next * 2, self._cap)

    def reset(self) -> None:
        self._next = self._first
