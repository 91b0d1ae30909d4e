"""Snapshots of the session screens at 80x24 and 160x48, with a manual clock and a seeded draw."""

from __future__ import annotations

import random

import pytest
from session_driver import advance

from circle.ui.app import CircleApp
from circle.ui.session.checkin import CheckInScreen
from circle.live.setup import prepare
from circle.ui.widgets.big_timer import BigTimer

SIZES = [(80, 24), (160, 48)]

# A plan with a whole-group phase (no turns) and a custom kind, kept in the home's plans folder.
WHOLE_GROUP_PLAN = """
name = "check-and-plan"
title = "Check and plan (20 minutes)"
description = "A short planning meeting."
minutes = 20

[[phase]]
kind = "custom"
title = "Silent planning"
minutes = 10
turns = "none"
guidance = "Everyone writes down one step for next week."

[[phase]]
kind = "close"
title = "Positive close"
minutes = 10
turns = "round"
speaker_seconds = 60
guidance = "One thing you are taking away."
"""


def build_app(repo, circle, clock, plan: str = "community-60") -> CircleApp:
    setup = prepare(repo, circle["slug"], plan)
    setup.rng = random.Random(7)
    return CircleApp(repo, start=lambda: CheckInScreen(setup), clock=clock)


async def settle(pilot) -> None:
    """Quiet the screen for a stable picture: no toasts, no flash in progress."""
    pilot.app.clear_notifications()
    for timer in pilot.app.screen.query(BigTimer):
        timer.stop_flash()
    await pilot.pause(0.3)


async def start(pilot, absent_down: int | None = 3) -> None:
    await pilot.pause()
    if absent_down is not None:
        await pilot.press(*["down"] * absent_down, "space")
    await pilot.press("enter")
    await pilot.pause()


async def to_phase(pilot, count: int) -> None:
    for _ in range(count):
        await pilot.press("right_square_bracket")


def scenario(name):
    """The keys and clock moves that bring the screen to one state."""

    async def checkin(pilot, clock):
        await pilot.pause()
        await pilot.press("down", "down", "down", "space")

    async def opener(pilot, clock):
        await start(pilot)
        await advance(pilot, clock, 20)
        await pilot.press("n")
        await advance(pilot, clock, 10)

    async def warning(pilot, clock):
        await start(pilot)
        await advance(pilot, clock, 50)  # 10 s of a 60 s turn left

    async def overtime(pilot, clock):
        await start(pilot)
        await pilot.press("n", "p")  # Ben passes
        await to_phase(pilot, 1)
        await advance(pilot, clock, 12 * 60 + 75)

    async def questions(pilot, clock):
        await start(pilot)
        await to_phase(pilot, 2)
        await pilot.press("h", "down", "enter", "h", "enter", "d")
        await advance(pilot, clock, 95)

    async def goals(pilot, clock):
        await start(pilot)
        await to_phase(pilot, 3)
        await advance(pilot, clock, 30)

    async def close(pilot, clock):
        await start(pilot)
        await to_phase(pilot, 4)
        await advance(pilot, clock, 5)

    async def paused(pilot, clock):
        await start(pilot)
        await advance(pilot, clock, 15)
        await pilot.press("space")
        await advance(pilot, clock, 30)

    async def summary(pilot, clock):
        await start(pilot)
        await advance(pilot, clock, 50)
        await pilot.press("n", "p")
        await advance(pilot, clock, 70)
        await pilot.press("n", "n")
        await to_phase(pilot, 2)
        await pilot.press("d")
        await advance(pilot, clock, 200)
        await to_phase(pilot, 2)
        await advance(pilot, clock, 100)
        await pilot.press("e", "y")
        await pilot.pause()

    return locals()[name]


SCENARIOS = ["checkin", "opener", "warning", "overtime", "questions", "goals", "close", "paused", "summary"]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("name", SCENARIOS)
def test_session_screen(snap_compare, repo, circle, clock, name, size) -> None:
    steps = scenario(name)

    async def run_before(pilot) -> None:
        await steps(pilot, clock)
        await settle(pilot)

    assert snap_compare(build_app(repo, circle, clock), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_case_story_phase(snap_compare, repo, circle, clock, size) -> None:
    async def run_before(pilot) -> None:
        await start(pilot, absent_down=None)
        await to_phase(pilot, 1)
        await pilot.press("d")
        await advance(pilot, clock, 240)
        await settle(pilot)

    assert snap_compare(build_app(repo, circle, clock, "case-story"), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_whole_group_phase(snap_compare, repo, circle, clock, size) -> None:
    plans = repo.home / "plans"
    plans.mkdir(exist_ok=True)
    (plans / "check-and-plan.toml").write_text(WHOLE_GROUP_PLAN, encoding="utf-8")

    async def run_before(pilot) -> None:
        await start(pilot, absent_down=None)
        await advance(pilot, clock, 9 * 60 + 40)  # warning: 20 s of the phase left
        await settle(pilot)

    assert snap_compare(build_app(repo, circle, clock, "check-and-plan"), terminal_size=size, run_before=run_before)
