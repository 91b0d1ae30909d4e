"""Helpers to drive the session app in Pilot tests."""

from __future__ import annotations

from circle.domain.clock import ManualClock
from circle.ui.launch import session_app


def make_app(repo, circle: dict, clock: ManualClock, plan: str = "community-60", **kwargs):
    return session_app(repo, circle["slug"], plan, clock=clock, **kwargs)


async def advance(pilot, clock: ManualClock, seconds: float) -> None:
    """Move the injected clock on and tick the screen once, as its interval timer would."""
    clock.advance(seconds)
    tick = getattr(pilot.app.screen, "tick", None)
    if tick is not None:
        tick()
    await pilot.pause()


async def start_session(pilot):
    """Confirm the check-in as it stands: the session screen, running."""
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    return pilot.app.screen
