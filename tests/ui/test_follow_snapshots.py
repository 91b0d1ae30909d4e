"""Snapshots of a follower's screen at 80x24 and 160x48: a session someone runs, and one waiting
for its facilitator."""

from __future__ import annotations

import random

import pytest

from circle.live.driver import LiveSession
from circle.live.follow import Follower
from circle.live.setup import prepare
from circle.store.repository import Repository
from circle.ui.follow.launch import follow_app
from circle.ui.widgets.big_timer import BigTimer

SIZES = [(80, 24), (160, 48)]


def following(repo, circle, clock, *, left: bool):
    setup = prepare(repo, circle["slug"], "community-60")
    setup.rng = random.Random(7)
    live = LiveSession.fresh(setup, clock)
    live.begin({member: True for member in circle["member_ids"]})
    clock.advance(20)
    live.next_speaker()
    live.next_phase()
    live.next_phase()
    live.draw_prompt()
    live.toggle_hand(circle["member_ids"][1])
    clock.advance(40)
    if left:
        live.leave()
        clock.advance(300)
    follower_repo = Repository(repo.home, "ben", clock=clock, rng=random.Random(1))
    follower = Follower(follower_repo, circle["slug"], clock)
    follower.poll()
    return follow_app(follower_repo, follower, clock=clock), live


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("left", [False, True], ids=["driven", "waiting"])
def test_follow_screen(snap_compare, repo, circle, clock, left, size) -> None:
    app, live = following(repo, circle, clock, left=left)

    async def run_before(pilot) -> None:
        await pilot.pause()
        pilot.app.clear_notifications()
        for timer in pilot.app.screen.query(BigTimer):
            timer.stop_flash()
        await pilot.pause(0.3)

    try:
        assert snap_compare(app, terminal_size=size, run_before=run_before)
    finally:
        live.leave()
