"""A follower shows the driver's figures: the session time the driver logged (with its events
and as it says it is alive), run on by the follower's own monotonic clock. Each side has its
own fake wall and monotonic clocks, moved independently: a wall clock set ten minutes
forward or back, on either side, moves no figure shown."""

from __future__ import annotations

import pytest
from follow_helpers import follower_of, start

from circle.domain.clock import ManualClock
from circle.live.driving import HEARTBEAT_SECONDS
from circle.live.plain import PlainWatch

TEN_MINUTES = 600.0


@pytest.fixture
def mine(clock: ManualClock) -> ManualClock:
    """The follower's clocks: the same wall time as the driver's at first, another monotonic count."""
    return ManualClock(start=clock.now(), monotonic=52_000.0)


def both(driver: ManualClock, follower: ManualClock, seconds: float) -> None:
    driver.advance(seconds)
    follower.advance(seconds)


def test_wall_clock_jumps_on_either_side_move_no_figure_a_follower_shows(repo, circle, clock, mine) -> None:
    live = start(repo, circle, clock)
    follower = follower_of(repo, circle["slug"], mine)
    watch = PlainWatch(follower)
    follower.poll()
    said = watch.lines()

    def look() -> tuple:
        follower.poll()
        said.extend(watch.lines())
        engine = follower.engine
        return engine.speaker_timer.remaining, engine.phase_timer.remaining, engine.airtime.by_member()

    def drivers() -> tuple:
        engine = live.engine
        return engine.speaker_timer.remaining, engine.phase_timer.remaining, engine.airtime.by_member()

    assert look() == drivers()
    both(clock, mine, 10)
    clock.set_wall(TEN_MINUTES)
    live.tick()  # the driver says it is alive, ten minutes ahead by its wall clock
    assert look() == drivers() and drivers()[0] == 50.0
    mine.set_wall(TEN_MINUTES)
    assert look() == drivers()
    both(clock, mine, HEARTBEAT_SECONDS)
    clock.set_wall(-2 * TEN_MINUTES)
    mine.set_wall(-2 * TEN_MINUTES)
    live.tick()
    assert look() == drivers() and drivers()[0] == 45.0
    live.next_speaker()  # logged at a wall time before the session started
    both(clock, mine, 7)
    assert look() == drivers() and drivers()[0] == 53.0
    assert follower.engine.airtime.by_member()[circle["member_ids"][0]] == 15.0
    assert not [line for line in said if "time is up" in line or "left" in line]
    assert said[-1] == "Speaker: Ben Okafor"
    live.leave()


def test_a_follower_on_the_drivers_machine_counts_on_from_when_the_driver_last_spoke(repo, circle, clock) -> None:
    live = start(repo, circle, clock)
    clock.advance(30)
    live.tick()  # a heartbeat: 30 s into the session
    clock.advance(3)
    clock.set_wall(-TEN_MINUTES)
    follower = follower_of(repo, circle["slug"], clock)  # one machine: one monotonic clock
    follower.poll()
    assert follower.engine.speaker_timer.elapsed == live.engine.speaker_timer.elapsed == 33.0
    live.leave()


def test_a_follower_on_another_clock_starts_from_the_figure_the_driver_last_gave(repo, circle, clock, mine) -> None:
    live = start(repo, circle, clock)
    clock.advance(30)
    clock.set_wall(-TEN_MINUTES)
    live.tick()  # a heartbeat: 30 s into the session by the driver's monotonic clock
    mine.set_wall(3 * 3600 + 17)  # and the follower's machine keeps another time of day
    follower = follower_of(repo, circle["slug"], mine)
    follower.poll()
    assert follower.engine.speaker_timer.elapsed == live.engine.speaker_timer.elapsed == 30.0
    both(clock, mine, 2)
    follower.poll()
    assert follower.engine.speaker_timer.elapsed == live.engine.speaker_timer.elapsed == 32.0
    live.leave()


def test_a_driver_gone_after_its_wall_clock_went_back_leaves_the_follower_where_it_was(
        repo, circle, clock, mine) -> None:
    live = start(repo, circle, clock)
    follower = follower_of(repo, circle["slug"], mine)
    follower.poll()
    both(clock, mine, 20)
    clock.set_wall(-TEN_MINUTES)
    live.leave()
    follower.poll()
    assert follower.stage().waiting
    mine.advance(300)
    mine.set_wall(TEN_MINUTES)
    follower.poll()
    assert follower.engine.speaker_timer.elapsed == live.engine.speaker_timer.elapsed == 20.0
