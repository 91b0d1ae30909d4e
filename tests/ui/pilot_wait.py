"""Waiting in Pilot tests for what the app does in its own time (a search, a resize, a timer).

A fixed pause is a bet on the machine's speed; this waits for the outcome itself, and its
bound only stops a hung test: on a busy machine the app is slower, never wrong.
"""

from __future__ import annotations

import time
from collections.abc import Callable

HANG_GUARD = 120.0  # seconds


async def until(pilot, condition: Callable[[], object], what: str) -> None:
    """Let the app run until condition() is true; fail, saying what, after HANG_GUARD seconds."""
    deadline = time.monotonic() + HANG_GUARD
    while not condition():
        assert time.monotonic() < deadline, f"after {HANG_GUARD:.0f} seconds, still waiting for {what}"
        await pilot.pause(0.01)
