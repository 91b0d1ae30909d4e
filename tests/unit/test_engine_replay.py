"""Replaying a session's log rebuilds the session: how it resumes after a crash."""

from __future__ import annotations

import json
import random
from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest
from engine_helpers import DECK, MEMBERS, PLAN, make_engine, state_of

from circle.domain.clock import ManualClock
from circle.domain.session.engine import EngineError, SessionEngine

KEYWORDS = {"decks": {"questions": DECK}, "last_starter": "ana"}


def busy_session(clock: ManualClock) -> SessionEngine:
    """A session that has used every operation."""
    engine = make_engine(clock, **KEYWORDS)
    engine.check_in("dev")
    engine.check_in("dev", present=False)
    engine.start()
    clock.advance(61)
    engine.tick()
    engine.pass_turn()
    clock.advance(12.5)
    engine.next_speaker()
    clock.advance(3)
    engine.back()
    engine.pause()
    clock.advance(40)
    engine.resume()
    engine.add_minute()
    engine.remove_minute()
    engine.add_speaker_minute()
    engine.add_speaker_minute()
    engine.remove_speaker_minute()
    engine.record("note", engine.speaker, note="asks for a seating plan", kind="commitment")
    engine.next_phase()
    engine.draw_prompt()
    engine.draw_prompt()
    engine.previous_prompt()
    engine.raise_hand("cho")
    engine.raise_hand("ben")
    engine.lower_hand("ben")
    engine.next_speaker()
    engine.record("goal_progress", "cho", goal="g1", note="tried exit tickets")
    clock.advance(7.25)
    engine.check_in("dev")
    engine.next_phase()
    engine.previous_phase()
    engine.next_phase()
    clock.advance(2)
    return engine


def on_the_log_as_stored(engine: SessionEngine) -> list[dict]:
    return json.loads(json.dumps([event.to_dict() for event in engine.events]))


def test_replay_gives_the_same_state() -> None:
    clock = ManualClock()
    engine = busy_session(clock)
    replayed = SessionEngine.replay(PLAN, MEMBERS, on_the_log_as_stored(engine), clock, **KEYWORDS)
    assert state_of(replayed) == state_of(engine)


def test_replay_takes_event_objects_too() -> None:
    clock = ManualClock()
    engine = busy_session(clock)
    replayed = SessionEngine.replay(PLAN, MEMBERS, engine.events, clock, **KEYWORDS)
    assert replayed.events == engine.events


def test_replay_does_not_need_the_random_source() -> None:
    """The shuffled order and the drawn prompts come from the log, not the rng."""
    clock = ManualClock()
    engine = make_engine(clock, present=("ana", "ben", "cho", "dev"), rng=random.Random(3))
    engine.start(shuffle=True)
    engine.next_phase()
    engine.draw_prompt()
    engine.draw_prompt()
    replayed = SessionEngine.replay(PLAN, MEMBERS, engine.events, clock,
                                    decks={"questions": DECK}, rng=random.Random(99))
    assert replayed.order == engine.order
    assert replayed.prompts_drawn == engine.prompts_drawn


def test_a_prompt_outside_the_decks_given_is_rebuilt_from_the_log() -> None:
    clock = ManualClock()
    engine = make_engine(clock)
    engine.start()
    engine.next_phase()
    engine.draw_prompt()
    replayed = SessionEngine.replay(PLAN, MEMBERS, engine.events, clock)
    assert replayed.prompt == engine.prompt


def test_after_replay_the_time_since_the_last_event_counts_as_elapsed() -> None:
    clock = ManualClock()
    engine = make_engine(clock)
    engine.start()
    clock.advance(20)
    engine.next_speaker()
    clock.advance(5)  # the laptop dies 5 s into ben's turn
    log = on_the_log_as_stored(engine)
    # It comes back 90 s after the last event, on a new boot with a new monotonic clock.
    later = ManualClock(start=datetime.fromisoformat(log[-1]["at"]) + timedelta(seconds=90), monotonic=7.0)
    replayed = SessionEngine.replay(PLAN, MEMBERS, log, later)
    assert replayed.speaker == "ben"
    assert replayed.speaker_timer.elapsed == pytest.approx(90.0)
    assert replayed.phase_timer.elapsed == pytest.approx(110.0)
    assert replayed.airtime.seconds("ben") == pytest.approx(90.0)
    later.advance(10)
    assert replayed.phase_timer.elapsed == pytest.approx(120.0)
    event = replayed.next_speaker()
    assert event.seq == log[-1]["seq"] + 1
    assert event.t == pytest.approx(120.0)  # 20 s before the crash, 90 s down, 10 s since
    assert event.at == (datetime.fromisoformat(log[-1]["at"]) + timedelta(seconds=100)).isoformat()


def test_a_paused_session_stays_paused_after_replay() -> None:
    clock = ManualClock()
    engine = make_engine(clock)
    engine.start()
    clock.advance(30)
    engine.pause()
    later = ManualClock(start=clock.now() + timedelta(hours=2), monotonic=0.0)
    replayed = SessionEngine.replay(PLAN, MEMBERS, engine.events, later)
    assert replayed.status == "paused"
    assert replayed.phase_timer.elapsed == 30.0
    assert replayed.speaker_timer.elapsed == 30.0


def test_a_wall_clock_set_back_counts_no_time() -> None:
    clock = ManualClock()
    engine = make_engine(clock)
    engine.start()
    clock.advance(30)
    earlier = ManualClock(start=datetime(2020, 1, 1, tzinfo=timezone.utc))
    replayed = SessionEngine.replay(PLAN, MEMBERS, engine.events, earlier)
    assert replayed.phase_timer.elapsed == 0.0  # the last event was at t=0


def test_a_zero_that_rang_does_not_ring_again_after_replay() -> None:
    clock = ManualClock()
    engine = make_engine(clock)
    engine.start()
    clock.advance(70)
    assert [e.type for e in engine.tick()] == ["speaker_zero"]
    replayed = SessionEngine.replay(PLAN, MEMBERS, engine.events, clock)
    assert replayed.tick() == []
    clock.advance(200)
    assert [e.type for e in replayed.tick()] == ["phase_zero"]


def test_a_zero_reached_while_the_engine_was_down_rings_once_after() -> None:
    clock = ManualClock()
    engine = make_engine(clock)
    engine.start()
    clock.advance(10)
    later = ManualClock(start=clock.now() + timedelta(seconds=60))
    replayed = SessionEngine.replay(PLAN, MEMBERS, engine.events, later)
    assert [e.type for e in replayed.tick()] == ["speaker_zero"]
    assert replayed.tick() == []


def test_replay_of_an_empty_log_is_a_fresh_engine() -> None:
    clock = ManualClock()
    replayed = SessionEngine.replay(PLAN, MEMBERS, [], clock)
    assert replayed.status == "checkin" and replayed.events == ()
    assert replayed.check_in("ana").t == 0.0


def test_replay_of_the_ended_session() -> None:
    clock = ManualClock()
    engine = busy_session(clock)
    engine.end()
    replayed = SessionEngine.replay(PLAN, MEMBERS, engine.events, clock, **KEYWORDS)
    assert state_of(replayed) == state_of(engine)
    assert replayed.summary() == engine.summary()


def test_a_log_that_cannot_apply_is_an_engine_error_naming_the_event() -> None:
    clock = ManualClock()
    engine = make_engine(clock)
    engine.start()
    log = on_the_log_as_stored(engine)
    bad = log + [dict(log[-1], seq=len(log) + 1)]  # a second start
    with pytest.raises(EngineError, match=f"event {len(log) + 1} \\(start\\)"):
        SessionEngine.replay(PLAN, MEMBERS, bad, clock)
    broken = [dict(e) for e in log]
    broken[-1]["data"] = {}
    with pytest.raises(EngineError, match="cannot be replayed"):
        SessionEngine.replay(PLAN, MEMBERS, broken, clock)


def test_a_log_whose_result_differs_is_refused() -> None:
    clock = ManualClock()
    engine = make_engine(clock)
    engine.start()
    engine.next_speaker()
    log = on_the_log_as_stored(engine)
    log[-1]["member"] = "cho"  # the log says cho, the state says ben
    with pytest.raises(EngineError, match="does not replay as logged"):
        SessionEngine.replay(PLAN, MEMBERS, log, clock)


def test_a_member_removed_from_the_circle_since_still_replays() -> None:
    clock = ManualClock()
    engine = make_engine(clock)
    engine.start()
    engine.next_speaker()
    now_gone = tuple(m if m.id != "ana" else replace(m, active=False) for m in MEMBERS)
    replayed = SessionEngine.replay(PLAN, now_gone, engine.events, clock)
    assert replayed.present == engine.present
    assert replayed.spoken == ("ana",)
