"""Snapshots at 80x24 and 160x48 of what a facilitator sees in a real room: the note dialog,
the goal list holding the keys, a case story with its ideas, and a reverse-mentoring
session from check-in to the credit in its summary."""

from __future__ import annotations

import pytest
from session_driver import advance
from test_session_snapshots import SIZES, build_app, settle, start, to_phase

SIZE_IDS = [f"{w}x{h}" for w, h in SIZES]


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_note_dialog(snap_compare, repo, circle, clock, size) -> None:
    async def run_before(pilot) -> None:
        await start(pilot)
        await advance(pilot, clock, 20)
        await pilot.press("t", *"tries exit tickets", "ctrl+o")
        pilot.app.screen.query_one("#note-text").cursor_blink = False  # a steady picture on a busy machine
        await settle(pilot)

    assert snap_compare(build_app(repo, circle, clock), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_goal_list_holds_the_keys(snap_compare, repo, circle, clock, size) -> None:
    async def run_before(pilot) -> None:
        await start(pilot)
        await to_phase(pilot, 3)
        await advance(pilot, clock, 30)
        await pilot.press("g")
        await settle(pilot)

    assert snap_compare(build_app(repo, circle, clock), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_case_story_with_its_ideas(snap_compare, repo, circle, clock, size) -> None:
    async def run_before(pilot) -> None:
        await start(pilot, absent_down=None)
        await to_phase(pilot, 1)
        await pilot.press("d", "d", "i")
        await advance(pilot, clock, 60)
        await settle(pilot)

    assert snap_compare(build_app(repo, circle, clock, "case-story"), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_reverse_mentoring_check_in(snap_compare, repo, circle, clock, size) -> None:
    async def run_before(pilot) -> None:
        await pilot.pause()
        await settle(pilot)

    assert snap_compare(build_app(repo, circle, clock, "reverse-mentoring"), terminal_size=size,
                        run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_reverse_mentoring_led_floor(snap_compare, repo, circle, clock, size) -> None:
    async def run_before(pilot) -> None:
        await start(pilot, absent_down=None)
        await to_phase(pilot, 1)
        await advance(pilot, clock, 95)
        await settle(pilot)

    assert snap_compare(build_app(repo, circle, clock, "reverse-mentoring"), terminal_size=size,
                        run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_reverse_mentoring_summary(snap_compare, repo, circle, clock, size) -> None:
    async def run_before(pilot) -> None:
        await start(pilot, absent_down=None)
        await advance(pilot, clock, 40)
        await to_phase(pilot, 1)
        await advance(pilot, clock, 300)
        await to_phase(pilot, 2)
        await pilot.press("e", "y")
        await settle(pilot)

    assert snap_compare(build_app(repo, circle, clock, "reverse-mentoring"), terminal_size=size,
                        run_before=run_before)
