"""Replay and the time after a log's last event: all of it, some of it, or a follower's running clock."""

from __future__ import annotations

from datetime import datetime, timezone

from circle.domain.clock import ManualClock
from circle.domain.session import events as ev
from circle.domain.session.engine import SessionEngine
from circle.domain.session.replay import ReplayClock, seconds_between
from circle.domain.session.summary import facilitation_lines
from engine_helpers import MEMBERS, PLAN

START = datetime(2026, 1, 5, 15, 30, tzinfo=timezone.utc)


def logged(clock: ManualClock) -> list:
    engine = SessionEngine(PLAN, MEMBERS, clock)
    for member in MEMBERS:
        engine.check_in(member.id)
    engine.start()
    clock.advance(40)
    return list(engine.events), engine.speaker


def test_since_last_counts_only_the_seconds_given() -> None:
    clock = ManualClock(start=START)
    events, speaker = logged(clock)
    clock.advance(600)
    everything = SessionEngine.replay(PLAN, MEMBERS, events, clock)
    some = SessionEngine.replay(PLAN, MEMBERS, events, clock, since_last=40.0)
    assert everything.airtime.by_member()[speaker] == 640.0
    assert some.airtime.by_member()[speaker] == 40.0
    assert some.phase_seconds(0) == 40.0
    gap = some.record(ev.GAP, **{"from": "a", "to": "b", "seconds": 600.0})
    clock.advance(5)
    assert some.airtime.by_member()[speaker] == 45.0
    again = SessionEngine.replay(PLAN, MEMBERS, [*events, gap], clock, since_last=5.0)
    assert again.airtime.by_member()[speaker] == 45.0  # the gap event keeps the time line as it was


def test_a_followers_clock_runs_on_from_the_drivers_figure_by_its_own_monotonic_seconds() -> None:
    clock = ManualClock(start=START)
    events, speaker = logged(clock)
    mine = ManualClock(start=START)
    follow = ReplayClock()
    engine = SessionEngine(PLAN, MEMBERS, follow)
    engine.replay_more(events[:2], follow)
    engine.replay_more(events[2:], follow)
    assert [e.seq for e in engine.events] == [e.seq for e in events]
    follow.run_on(mine, 10.0, mine.monotonic())  # the driver said 10 s of the turn had gone
    mine.set_wall(-600)  # wall time plays no part, either way
    mine.advance(30)
    mine.set_wall(1200)
    assert engine.airtime.by_member()[speaker] == 40.0
    follow.run_on(mine, 10.0, mine.monotonic() - 30)  # the same figure again: nothing moves
    assert engine.airtime.by_member()[speaker] == 40.0
    follow.stand(12.0)  # nobody drives: it stands where the driver was last seen
    mine.advance(100)
    assert engine.airtime.by_member()[speaker] == 12.0


def test_a_followers_clock_never_steps_back_by_a_reads_lag_but_follows_the_driver_further() -> None:
    mine = ManualClock(start=START)
    follow = ReplayClock()
    follow.run_on(mine, 100.0, mine.monotonic())
    mine.advance(3.25)
    follow.run_on(mine, 103.0, mine.monotonic())  # read 0.25 s after it was written: keeps 103.25
    assert follow.monotonic() == 103.25
    follow.run_on(mine, 110.0, mine.monotonic())  # the driver is further on: catch up
    assert follow.monotonic() == 110.0
    mine.advance(5)
    follow.run_on(mine, 108.0, mine.monotonic())  # the driver is well behind: show its figure
    assert follow.monotonic() == 108.0
    follow.run_on(mine, 120.0, mine.monotonic() - 3)  # a figure that held 3 s ago: 3 s on from it
    assert follow.monotonic() == 123.0


def test_seconds_between_and_facilitation_lines() -> None:
    assert seconds_between("2026-01-05T15:30:00+00:00", "2026-01-05T15:31:05+00:00") == 65.0
    assert seconds_between("2026-01-05T15:31:05+00:00", "2026-01-05T15:30:00+00:00") == 0.0
    assert seconds_between("not a time", "2026-01-05T15:30:00+00:00") == 0.0
    lines = facilitation_lines(
        [{"at": "2026-01-05T15:40:00+00:00", "from": "ana", "to": "ben", "by": "ben", "how": "take_over"}],
        [{"from": "2026-01-05T15:31:00+00:00", "to": "2026-01-05T15:36:00+00:00", "seconds": 300.0}])
    assert lines == ["15:40: ben took the session over (from ana)",
                     "15:31 to 15:36: nobody drove the session for 5:00 (not counted in phase time or airtime)"]
