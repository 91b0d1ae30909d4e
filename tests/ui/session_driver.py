"""Helpers to drive the session app in Pilot tests."""

from __future__ import annotations

from circle.domain.clock import ManualClock
from circle.ui.launch import session_app

TICK = 0.3  # real seconds for the screen's clock tick (every 0.25 s) to run at least once


def make_app(repo, circle: dict, clock: ManualClock, plan: str = "community-60", **kwargs):
    return session_app(repo, circle["slug"], plan, clock=clock, **kwargs)


async def advance(pilot, clock: ManualClock, seconds: float) -> None:
    """Move the injected clock on, then let the screen's tick see it."""
    clock.advance(seconds)
    await pilot.pause(TICK)
