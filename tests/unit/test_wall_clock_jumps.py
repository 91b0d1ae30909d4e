"""The wall clock set on or back in the middle of a session moves no duration: airtime, turns,
phases and overtime come from the session's monotonic time; times of day may go back, the log's
order (seq) does not, and the log replays to the same figures."""

from __future__ import annotations

import json

import pytest
from engine_helpers import MEMBERS, PLAN, make_engine

from circle.domain.clock import ManualClock
from circle.domain.session.engine import SessionEngine


def figures(engine: SessionEngine) -> dict:
    summary = engine.summary().to_dict()
    return {key: summary[key] for key in ("airtime", "phases", "turns")}


def session(clock: ManualClock, jumps: list[float]) -> SessionEngine:
    """The same session of real seconds, with the wall clock set by each jump between two actions."""
    engine = make_engine(clock)
    engine.start()
    steps = [lambda: engine.next_speaker(), lambda: engine.pass_turn(), lambda: engine.next_speaker(),
             lambda: engine.next_phase(), lambda: engine.tick()]
    for seconds, step, jump in zip((40.0, 75.0, 20.0, 190.0, 400.0), steps, jumps):
        clock.advance(seconds / 2)
        clock.set_wall(jump)
        clock.advance(seconds / 2)
        step()
    return engine


@pytest.mark.parametrize("jumps", [[600.0, 0, 0, 0, 0], [-600.0, 0, 0, 0, 0], [600.0, -600.0, 600.0, -600.0, -600.0]])
def test_a_wall_clock_jump_changes_no_figure_and_the_log_replays_by_its_order(jumps: list[float]) -> None:
    steady = session(ManualClock(), [0.0] * 5)
    clock = ManualClock()
    jumped = session(clock, jumps)
    assert figures(jumped) == figures(steady)
    assert jumped.phase_timer.remaining == steady.phase_timer.remaining  # overtime too
    assert [e.t for e in jumped.events] == [e.t for e in steady.events]
    assert [e.seq for e in jumped.events] == sorted(e.seq for e in jumped.events)
    if any(j < 0 for j in jumps):
        ats = [e.at for e in jumped.events]
        assert ats != sorted(ats)  # times of day went back: only a time of day, never an order
    log = json.loads(json.dumps([e.to_dict() for e in jumped.events]))
    replayed = SessionEngine.replay(PLAN, MEMBERS, log, clock, since_last=0.0)
    assert figures(replayed) == figures(steady)
