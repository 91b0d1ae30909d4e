"""The session engine, one operation at a time, with its edge cases."""

from __future__ import annotations

import copy
import random

import pytest
from engine_helpers import DECK, MEMBERS, PLAN, make_engine, state_of

from circle.domain.clock import ManualClock
from circle.domain.plans.decks import Deck
from circle.domain.session.engine import EngineError, SessionEngine
from circle.domain.circles.members import Member
from circle.domain.plans.plan import Phase, Plan
from circle.errors import CircleError


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


def started(clock: ManualClock, **keywords) -> SessionEngine:
    engine = make_engine(clock, **keywords)
    engine.start()
    return engine


def unchanged(engine: SessionEngine, operation, *args) -> None:
    """The operation fails with an EngineError and leaves everything as it was."""
    before = state_of(engine)
    with pytest.raises(EngineError) as caught:
        operation(*args)
    assert str(caught.value)
    assert state_of(engine) == before


# -- check-in and start ------------------------------------------------------


def test_engine_error_is_a_circle_error() -> None:
    assert issubclass(EngineError, CircleError)


def test_nobody_is_present_until_checked_in(clock: ManualClock) -> None:
    engine = make_engine(clock, present=())
    assert engine.status == "checkin"
    assert engine.present == ()
    event = engine.check_in("cho")
    assert (event.seq, event.type, event.member) == (1, "check_in", "cho")
    assert (event.data, event.phase) == ({"present": True}, None)
    engine.check_in("ana")
    assert engine.present == ("ana", "cho")  # roster order
    engine.check_in("cho", present=False)
    assert engine.present == ("ana",)


def test_check_in_refuses_unknown_inactive_and_unchanged(clock: ManualClock) -> None:
    gone = Member("eve", "Eve", active=False)
    engine = SessionEngine(PLAN, (*MEMBERS, gone), clock)
    engine.check_in("ana")
    unchanged(engine, engine.check_in, "zed")
    unchanged(engine, engine.check_in, "eve")
    unchanged(engine, engine.check_in, "ana")
    unchanged(engine, engine.check_in, "ben", False)


def test_start_rotates_the_starter_after_the_last_one(clock: ManualClock) -> None:
    engine = make_engine(clock, last_starter="ana")
    event = engine.start()
    assert event.type == "start" and event.member == "ben"
    assert event.data["order"] == ["ben", "cho", "ana"]
    assert event.data["shuffled"] is False
    assert engine.status == "running"
    assert engine.order == ("ben", "cho", "ana")


def test_rotation_skips_absent_members_and_wraps(clock: ManualClock) -> None:
    # dev is absent: the next present member after him in roster order is ana
    engine = make_engine(clock, present=("ana", "ben", "cho"), last_starter="dev")
    assert engine.start().data["order"] == ["ana", "ben", "cho"]
    engine = make_engine(ManualClock(), present=("ana", "cho"), last_starter="ana")
    assert engine.start().data["order"] == ["cho", "ana"]


@pytest.mark.parametrize("last", [None, "somebody-else"])
def test_without_a_known_last_starter_the_first_present_member_starts(clock: ManualClock, last) -> None:
    engine = make_engine(clock, present=("ben", "cho"), last_starter=last)
    assert engine.start().data["order"] == ["ben", "cho"]


def test_shuffle_uses_the_injected_random_source(clock: ManualClock) -> None:
    orders = set()
    for seed in range(8):
        engine = make_engine(ManualClock(), present=("ana", "ben", "cho", "dev"), rng=random.Random(seed))
        event = engine.start(shuffle=True)
        assert event.data["shuffled"] is True
        assert sorted(event.data["order"]) == ["ana", "ben", "cho", "dev"]
        orders.add(tuple(event.data["order"]))
        again = make_engine(ManualClock(), present=("ana", "ben", "cho", "dev"), rng=random.Random(seed))
        assert again.start(shuffle=True).data["order"] == event.data["order"]
    assert len(orders) > 1


def test_start_needs_someone_present_and_happens_once(clock: ManualClock) -> None:
    engine = make_engine(clock, present=())
    unchanged(engine, engine.start)
    engine.check_in("ana")
    engine.start()
    unchanged(engine, engine.start)


def test_start_makes_the_first_in_order_the_speaker_with_a_running_timer(clock: ManualClock) -> None:
    engine = started(clock)
    assert engine.phase_index == 0
    assert engine.speaker == "ana"
    assert engine.queue == ("ben", "cho")
    assert engine.speaker_timer.total == 60.0 and engine.speaker_timer.running
    assert engine.phase_timer.total == 180.0 and engine.phase_timer.running


def test_operations_before_start_fail(clock: ManualClock) -> None:
    engine = make_engine(clock)
    for operation in (engine.next_speaker, engine.pass_turn, engine.back, engine.next_phase,
                      engine.pause, engine.add_minute, engine.draw_prompt, engine.end):
        unchanged(engine, operation)
    assert engine.tick() == []
    assert engine.speaker is None and engine.speaker_timer is None
    assert engine.phase_timer.total == 180.0 and not engine.phase_timer.running


# -- turns -------------------------------------------------------------------


def test_next_speaker_moves_through_the_round_until_complete(clock: ManualClock) -> None:
    engine = started(clock)
    clock.advance(40)
    event = engine.next_speaker()
    assert (event.type, event.member, event.data) == ("next_speaker", "ben", {"previous": "ana"})
    assert event.t == 40.0 and event.phase == 0
    assert engine.speaker_timer.elapsed == 0.0  # a fresh timer for the new speaker
    engine.next_speaker()
    assert engine.next_speaker().member is None
    assert engine.spoken == ("ana", "ben", "cho")
    assert engine.speaker is None and engine.speaker_timer is None
    assert engine.not_spoken == ()
    unchanged(engine, engine.next_speaker)


def test_pass_sends_the_speaker_to_the_end(clock: ManualClock) -> None:
    engine = started(clock)
    event = engine.pass_turn()
    assert (event.type, event.member) == ("pass", "ana")
    assert event.data == {"passes": 1, "out": False, "next": "ben"}
    assert engine.queue == ("cho", "ana")
    assert engine.passed == ("ana",)


def test_a_round_where_everyone_passes(clock: ManualClock) -> None:
    engine = started(clock)
    for _ in range(3):
        engine.pass_turn()
    assert engine.speaker == "ana" and engine.queue == ("ben", "cho")
    events = [engine.pass_turn() for _ in range(3)]
    assert [e.data["out"] for e in events] == [True, True, True]
    assert engine.speaker is None and engine.queue == ()
    assert engine.spoken == ()
    assert engine.passed == ("ana", "ben", "cho")
    assert engine.not_spoken == ("ana", "ben", "cho")
    unchanged(engine, engine.next_speaker)
    unchanged(engine, engine.pass_turn)
    summary = engine.summary().to_dict()
    assert summary["passes"] == {"ana": 2, "ben": 2, "cho": 2}
    assert all(turn["passed"] for turn in summary["turns"])


def test_back_undoes_the_last_next(clock: ManualClock) -> None:
    engine = started(clock)
    clock.advance(30)
    engine.next_speaker()
    clock.advance(5)
    event = engine.back()
    assert (event.type, event.member, event.data) == ("back", "ana", {"undone": "ben"})
    assert engine.speaker == "ana" and engine.queue == ("ben", "cho")
    assert engine.spoken == ()
    assert engine.speaker_timer.elapsed == 30.0  # ana's turn goes on where it stopped
    assert engine.airtime.seconds("ben") == 5.0  # ben did hold the floor for 5 s


def test_back_at_the_first_speaker_of_a_round_fails(clock: ManualClock) -> None:
    engine = started(clock)
    unchanged(engine, engine.back)
    engine.next_speaker()
    engine.back()
    unchanged(engine, engine.back)


def test_turn_operations_fail_in_a_phase_without_turns(clock: ManualClock) -> None:
    engine = started(clock)
    for _ in range(3):
        engine.next_phase()
    assert engine.phase.turns == "none"
    assert engine.speaker is None and engine.speaker_timer is None
    for operation in (engine.next_speaker, engine.pass_turn, engine.back):
        unchanged(engine, operation)
    unchanged(engine, engine.raise_hand, "ana")


# -- hands -------------------------------------------------------------------


def test_hands_in_open_floor_first_come_first_served(clock: ManualClock) -> None:
    engine = started(clock)
    engine.next_phase()
    assert engine.phase.turns == "open"
    assert engine.speaker is None
    unchanged(engine, engine.next_speaker)  # no hand raised
    assert engine.raise_hand("cho").type == "raise_hand"
    engine.raise_hand("ana")
    unchanged(engine, engine.raise_hand, "ana")
    assert engine.hands == ("cho", "ana")
    assert engine.next_speaker().member == "cho"
    assert engine.hands == ("ana",)
    assert engine.speaker_timer.total is None  # open floor turns count up
    assert engine.lower_hand("ana").member == "ana"
    unchanged(engine, engine.lower_hand, "ana")
    assert engine.next_speaker().member is None
    assert engine.spoken == ("cho",)


def test_hands_are_for_present_members_in_open_phases(clock: ManualClock) -> None:
    engine = started(clock)
    unchanged(engine, engine.raise_hand, "ana")  # a round
    engine.next_phase()
    unchanged(engine, engine.raise_hand, "dev")  # not checked in
    unchanged(engine, engine.raise_hand, "nobody")
    unchanged(engine, engine.pass_turn)  # passing is for rounds


# -- attendance during the session -------------------------------------------


def test_a_speaker_marked_absent_leaves_and_the_floor_moves_on(clock: ManualClock) -> None:
    engine = started(clock)
    clock.advance(20)
    engine.check_in("ana", present=False)
    assert engine.present == ("ben", "cho")
    assert engine.speaker == "ben"
    assert engine.speaker_timer.elapsed == 0.0
    assert engine.airtime.seconds("ana") == 20.0
    clock.advance(10)
    assert engine.airtime.seconds("ana") == 20.0
    unchanged(engine, engine.back)  # no undo across an attendance change


def test_a_waiting_member_marked_absent_leaves_the_queue_and_hands(clock: ManualClock) -> None:
    engine = started(clock)
    engine.check_in("cho", present=False)
    assert engine.queue == ("ben",)
    engine.next_phase()
    engine.raise_hand("ben")
    engine.check_in("ben", present=False)
    assert engine.hands == ()
    engine.next_phase()  # the goals round leaves out both absent members
    assert engine.speaker == "ana" and engine.queue == ()


def test_a_late_arrival_gets_a_turn_in_this_round(clock: ManualClock) -> None:
    engine = started(clock)
    engine.pass_turn()  # ana to the end
    engine.check_in("dev")
    assert engine.queue == ("cho", "dev", "ana")
    assert engine.order == ("ana", "ben", "cho", "dev")


def test_a_member_out_of_the_round_stays_out_when_marked_absent_and_back(clock: ManualClock) -> None:
    engine = started(clock, present=("ana", "ben"))
    engine.pass_turn()
    engine.pass_turn()
    engine.pass_turn()  # ana passed twice: out
    assert engine.speaker == "ben" and engine.queue == ()
    engine.check_in("ana", present=False)
    engine.check_in("ana")
    assert engine.queue == ()
    assert engine.passed == ("ana", "ben")


def test_attendance_changes_reach_a_phase_visited_before(clock: ManualClock) -> None:
    engine = started(clock)
    engine.next_phase()
    engine.check_in("ben", present=False)
    engine.check_in("dev")
    engine.previous_phase()
    assert engine.speaker == "ana"  # ana's turn was interrupted, not ended
    assert engine.queue == ("cho", "dev")


def test_back_in_a_revisited_phase_never_hands_the_floor_to_one_who_left(clock: ManualClock) -> None:
    engine = started(clock, present=("ana", "ben"))
    engine.next_speaker()  # ana spoke; ben has the floor
    engine.next_speaker()  # ben spoke too: the round is done
    engine.next_phase()
    engine.check_in("ben", present=False)
    engine.previous_phase()
    assert engine.speaker is None and engine.spoken == ("ana", "ben")
    unchanged(engine, engine.back)  # undoing would bring ben back


def test_attendance_closes_at_the_end(clock: ManualClock) -> None:
    engine = started(clock)
    engine.end()
    unchanged(engine, engine.check_in, "dev")


# -- phases ------------------------------------------------------------------


def test_next_phase_during_overtime(clock: ManualClock) -> None:
    engine = started(clock)
    clock.advance(200)
    assert engine.phase_timer.state == "overtime"
    assert engine.phase_timer.remaining == -20.0
    event = engine.next_phase()
    assert (event.type, event.phase, event.data) == ("next_phase", 1, {"previous": 0})
    assert engine.phase_timer.total == 240.0 and engine.phase_timer.elapsed == 0.0
    assert engine.phase_timer.state == "normal"
    assert engine.phase_seconds(0) == 200.0


def test_previous_phase_resumes_where_the_phase_stood(clock: ManualClock) -> None:
    engine = started(clock)
    clock.advance(50)
    engine.next_speaker()
    clock.advance(10)
    engine.next_phase()
    clock.advance(30)
    event = engine.previous_phase()
    assert (event.phase, event.data) == (0, {"previous": 1})
    assert engine.phase_timer.elapsed == 60.0
    assert engine.speaker == "ben" and engine.speaker_timer.elapsed == 10.0
    assert engine.phase_seconds(1) == 30.0


def test_phase_bounds(clock: ManualClock) -> None:
    engine = started(clock)
    unchanged(engine, engine.previous_phase)
    for _ in range(3):
        engine.next_phase()
    unchanged(engine, engine.next_phase)


def test_a_round_without_speaker_seconds_counts_up(clock: ManualClock) -> None:
    engine = started(clock)
    engine.next_phase()
    engine.next_phase()
    clock.advance(500)
    view = engine.speaker_timer
    assert (view.total, view.remaining, view.elapsed, view.state) == (None, None, 500.0, "normal")


# -- pause and time ----------------------------------------------------------


def test_pause_stops_both_timers_and_airtime(clock: ManualClock) -> None:
    engine = started(clock)
    clock.advance(10)
    assert engine.pause().type == "pause"
    assert engine.status == "paused"
    clock.advance(100)
    assert engine.phase_timer.elapsed == 10.0 and not engine.phase_timer.running
    assert engine.speaker_timer.elapsed == 10.0 and not engine.speaker_timer.running
    assert engine.airtime.seconds("ana") == 10.0
    unchanged(engine, engine.pause)
    engine.resume()
    clock.advance(5)
    assert engine.phase_timer.elapsed == 15.0
    assert engine.airtime.seconds("ana", 0) == 15.0
    unchanged(engine, engine.resume)


def test_pause_across_a_phase_change(clock: ManualClock) -> None:
    engine = started(clock)
    clock.advance(10)
    engine.pause()
    engine.next_phase()
    engine.next_phase()  # the goals round: its first speaker is waiting, stopped
    assert engine.status == "paused"
    clock.advance(60)
    assert engine.phase_timer == engine.phase_timer.__class__(180.0, 0.0, 180.0, "normal", False)
    assert engine.speaker == "ana" and engine.speaker_timer.running is False
    assert engine.airtime.seconds("ana", 2) == 0.0
    engine.resume()
    clock.advance(7)
    assert engine.phase_timer.elapsed == 7.0
    assert engine.speaker_timer.elapsed == 7.0
    assert engine.phase_seconds(0) == 10.0


def test_operations_go_on_while_paused(clock: ManualClock) -> None:
    engine = started(clock)
    engine.pause()
    engine.next_speaker()
    clock.advance(30)
    assert engine.speaker == "ben" and engine.speaker_timer.elapsed == 0.0
    assert engine.status == "paused"


def test_add_and_remove_a_minute(clock: ManualClock) -> None:
    engine = started(clock)
    event = engine.add_minute()
    assert (event.type, event.data) == ("add_minute", {"total": 240.0})
    assert engine.phase_timer.total == 240.0
    engine.remove_minute()
    engine.remove_minute()
    assert engine.phase_timer.total == 120.0
    engine.remove_minute()
    assert engine.phase_timer.total == 60.0
    unchanged(engine, engine.remove_minute)  # never below one minute
    assert engine.summary().phases[0].planned_seconds == 60.0


def test_the_speaker_gets_a_minute_more_or_less_and_the_phase_keeps_its_length(clock: ManualClock) -> None:
    engine = started(clock)
    event = engine.add_speaker_minute()
    assert (event.type, event.member, event.data) == ("add_speaker_minute", "ana", {"total": 120.0})
    assert engine.speaker_timer.total == 120.0 and engine.phase_timer.total == 180.0
    engine.remove_speaker_minute()
    assert engine.speaker_timer.total == 60.0
    unchanged(engine, engine.remove_speaker_minute)  # never below thirty seconds
    engine.next_speaker()  # the next turn has the phase's own length
    assert engine.speaker_timer.total == 60.0


def test_a_speaker_in_overtime_given_a_minute_rings_again(clock: ManualClock) -> None:
    engine = started(clock)
    clock.advance(70)
    assert [e.type for e in engine.tick()] == ["speaker_zero"]
    assert engine.speaker_timer.state == "overtime"
    engine.add_speaker_minute()
    assert engine.speaker_timer.state == "normal" and engine.speaker_timer.remaining == 50.0
    assert engine.tick() == []
    clock.advance(50)
    assert [e.type for e in engine.tick()] == ["speaker_zero"]


def test_speaker_time_needs_a_speaker_with_a_set_turn(clock: ManualClock) -> None:
    engine = started(clock)
    engine.next_phase()  # open floor, no hand raised: nobody speaks
    unchanged(engine, engine.add_speaker_minute)
    engine.next_phase()  # the goals round counts turns up: no length to change
    assert engine.speaker is not None
    unchanged(engine, engine.add_speaker_minute)
    engine.next_phase()  # no turns at all
    unchanged(engine, engine.remove_speaker_minute)


def test_the_phase_timer_warns_then_goes_into_overtime(clock: ManualClock) -> None:
    engine = started(clock)
    clock.advance(149)
    assert engine.phase_timer.state == "normal"
    clock.advance(1)  # 30 s left of 180
    assert engine.phase_timer.state == "warning"
    clock.advance(30)
    assert engine.phase_timer.state == "overtime"


def test_tick_rings_each_zero_once(clock: ManualClock) -> None:
    engine = started(clock)
    clock.advance(59)
    assert engine.tick() == []
    clock.advance(1)
    [event] = engine.tick()
    assert (event.type, event.member, event.phase) == ("speaker_zero", "ana", 0)
    clock.advance(1)
    assert engine.tick() == []
    clock.advance(200)
    [event] = engine.tick()
    assert (event.type, event.member) == ("phase_zero", None)
    assert engine.tick() == []
    engine.next_speaker()  # a new turn has its own zero
    clock.advance(60)
    assert [e.type for e in engine.tick()] == ["speaker_zero"]
    assert [e.seq for e in engine.events] == list(range(1, len(engine.events) + 1))


def test_adding_a_minute_after_zero_lets_the_zero_ring_again(clock: ManualClock) -> None:
    engine = started(clock)
    clock.advance(181)
    assert "phase_zero" in [e.type for e in engine.tick()]
    engine.add_minute()
    assert engine.tick() == []
    clock.advance(60)
    assert [e.type for e in engine.tick()] == ["phase_zero"]


def test_airtime_counts_only_the_floor(clock: ManualClock) -> None:
    engine = started(clock)
    clock.advance(40)
    engine.next_speaker()
    clock.advance(25)
    engine.next_phase()  # open floor: nobody speaks until a hand is served
    clock.advance(100)
    engine.raise_hand("ana")
    engine.next_speaker()
    clock.advance(15)
    assert engine.airtime.by_member() == {"ana": 55.0, "ben": 25.0, "cho": 0.0}
    assert engine.airtime.seconds("ana", 0) == 40.0
    assert engine.airtime.seconds("ana", 1) == 15.0
    assert engine.airtime.by_phase(1) == {"ana": 15.0}


# -- prompts -----------------------------------------------------------------


def test_draw_prompt_never_repeats_and_reports_an_empty_deck(clock: ManualClock) -> None:
    engine = started(clock)
    engine.next_phase()
    drawn = []
    for _ in range(len(DECK.prompts)):
        event = engine.draw_prompt()
        assert event.type == "draw_prompt" and event.data["deck"] == "questions"
        assert engine.prompt.id == event.data["prompt"] and engine.prompt.text == event.data["text"]
        drawn.append(event.data["prompt"])
    assert sorted(drawn) == sorted(p.id for p in DECK.prompts)
    assert engine.prompts_drawn == tuple(drawn)
    unchanged(engine, engine.draw_prompt)


def test_recent_prompts_come_last(clock: ManualClock) -> None:
    recent = ("q1", "q2", "q3", "q4")
    engine = started(clock, recent_prompts=recent)
    engine.next_phase()
    assert engine.draw_prompt().data["prompt"] == "q5"
    assert engine.draw_prompt().data["prompt"] in recent


def test_the_previous_prompt_comes_back_and_stays_drawn(clock: ManualClock) -> None:
    engine = started(clock)
    engine.next_phase()
    unchanged(engine, engine.previous_prompt)  # nothing drawn yet
    first = engine.draw_prompt().data["prompt"]
    unchanged(engine, engine.previous_prompt)  # nothing before the first
    second = engine.draw_prompt().data["prompt"]
    event = engine.previous_prompt()
    assert (event.type, event.data["prompt"]) == ("previous_prompt", first)
    assert engine.prompt.id == first and engine.prompts_drawn == (first, second)
    unchanged(engine, engine.previous_prompt)
    third = engine.draw_prompt().data["prompt"]  # a new draw never repeats either
    assert third not in (first, second) and engine.prompt.id == third


def test_draw_prompt_needs_a_deck(clock: ManualClock) -> None:
    engine = started(clock)
    unchanged(engine, engine.draw_prompt)  # the opener has no deck
    missing = started(ManualClock(), decks={})
    missing.next_phase()
    unchanged(missing, missing.draw_prompt)


def test_the_prompt_belongs_to_its_phase(clock: ManualClock) -> None:
    engine = started(clock)
    engine.next_phase()
    engine.draw_prompt()
    shown = engine.prompt
    engine.next_phase()
    assert engine.prompt is None
    engine.previous_phase()
    assert engine.prompt == shown


# -- end, record, summary ----------------------------------------------------


def test_end_stops_everything(clock: ManualClock) -> None:
    engine = started(clock)
    clock.advance(10)
    assert engine.end().type == "end"
    assert engine.status == "ended"
    clock.advance(50)
    assert engine.phase_timer.elapsed == 10.0 and not engine.phase_timer.running
    assert engine.airtime.seconds("ana") == 10.0
    assert engine.tick() == []
    for operation in (engine.next_speaker, engine.pause, engine.resume, engine.next_phase, engine.end):
        unchanged(engine, operation)


def test_record_logs_what_the_engine_does_not_interpret(clock: ManualClock) -> None:
    engine = make_engine(clock)
    event = engine.record("goal_progress", "ana", goal="g1", note="<b>[red]x[/red]")
    assert (event.type, event.member) == ("goal_progress", "ana")
    assert event.data == {"goal": "g1", "note": "<b>[red]x[/red]"}
    assert engine.events[-1] == event
    unchanged(engine, engine.record, "next_speaker")
    odd = engine.record("note", None, now="soon", data=1)  # any keys at all are data
    assert odd.data == {"now": "soon", "data": 1} and odd.member is None


def test_summary(clock: ManualClock) -> None:
    engine = started(clock, last_starter="dev")
    clock.advance(30)
    engine.pass_turn()
    clock.advance(20)
    engine.next_speaker()
    clock.advance(10)
    engine.next_phase()
    engine.draw_prompt()
    clock.advance(40)
    engine.end()
    summary = engine.summary().to_dict()
    assert summary["plan"] == "test" and summary["status"] == "ended"
    assert summary["started_at"] == "2026-01-05T15:30:00+00:00"
    assert summary["ended_at"] == "2026-01-05T15:31:40+00:00"
    assert summary["phases"][0] == {"index": 0, "kind": "opener", "title": "Opener",
                                    "planned_seconds": 180.0, "actual_seconds": 60.0}
    assert summary["phases"][1]["actual_seconds"] == 40.0
    assert summary["phases"][3]["actual_seconds"] == 0.0
    assert summary["turns"] == [
        {"phase": 0, "member": "ana", "seconds": 30.0, "passed": True},
        {"phase": 0, "member": "ben", "seconds": 20.0, "passed": False},
        {"phase": 0, "member": "cho", "seconds": 10.0, "passed": False},
    ]
    assert summary["airtime"] == {"ana": 30.0, "ben": 20.0, "cho": 10.0}
    assert summary["passes"] == {"ana": 1}
    [prompt] = summary["prompts"]
    assert prompt["text"] == {p.id: p.text for p in DECK.prompts}[prompt["id"]]
    assert summary["not_spoken"] == []


def test_airtime_lists_who_attended_in_roster_order(clock: ManualClock) -> None:
    engine = make_engine(clock, present=("cho", "ben", "dev"), last_starter="cho")
    engine.check_in("dev", present=False)  # left before the start: not in the record
    engine.start()
    engine.check_in("ana")  # a late arrival is
    engine.check_in("ana", present=False)
    assert set(engine.airtime.by_member()) == {"ana", "ben", "cho"}
    assert list(engine.summary().airtime) == ["ana", "ben", "cho"]


def test_a_member_who_never_held_the_floor_is_in_not_spoken(clock: ManualClock) -> None:
    engine = started(clock)
    clock.advance(5)
    engine.next_speaker()
    clock.advance(5)
    engine.end()
    assert engine.summary().not_spoken == ("cho",)


def test_the_record_holds_leavers_and_late_arrivals_with_their_shares(clock: ManualClock) -> None:
    from circle.domain.session.summary import SessionSummary, share_text

    engine = make_engine(clock, present=("ana", "ben"))  # cho and dev absent at check-in
    engine.start()
    clock.advance(30)  # ana
    engine.next_speaker()
    clock.advance(10)  # ben, then he leaves
    engine.check_in("ben", present=False)
    engine.check_in("cho")  # late, never speaks, leaves again
    engine.check_in("cho", present=False)
    engine.check_in("dev")  # late, speaks
    while engine.speaker != "dev":
        engine.next_speaker()
    clock.advance(40)
    engine.end()
    summary = engine.summary()
    assert summary.airtime == {"ana": 30.0, "ben": 10.0, "cho": 0.0, "dev": 40.0}
    assert summary.shares == {"ana": 0.375, "ben": 0.125, "cho": 0.0, "dev": 0.5}
    assert [share_text(summary.shares[m]) for m in ("ana", "ben", "dev")] == ["38%", "12%", "50%"]
    assert summary.attended == ("ana", "ben", "cho", "dev") and summary.invited == 4
    assert [a.words for a in summary.attendance] == ["present", "left early", "joined late, left early",
                                                     "joined late"]
    assert summary.not_spoken == ("cho",)  # a leaver who never spoke is not forgotten
    assert summary.present == ("ana", "dev")
    assert summary.total_airtime == 80.0
    assert SessionSummary.from_dict(summary.to_dict()) == summary


def test_a_plan_with_a_non_positive_length_is_refused(clock: ManualClock) -> None:
    bad = Plan("bad", "Bad", 5, (Phase("opener", "Opener", 0, "round"),))
    with pytest.raises(EngineError, match="phase 1 \\(Opener\\)"):
        SessionEngine(bad, MEMBERS, clock)
    with pytest.raises(EngineError):
        SessionEngine(Plan("empty", "Empty", 5, ()), MEMBERS, clock)


def test_deck_exhausted_message_names_the_deck(clock: ManualClock) -> None:
    tiny = Deck("questions", "Tiny deck", DECK.prompts[:1])
    engine = started(clock, decks={"questions": tiny})
    engine.next_phase()
    engine.draw_prompt()
    with pytest.raises(EngineError, match="Tiny deck"):
        engine.draw_prompt()


def test_a_deep_copy_sharing_the_clock_is_an_independent_engine(clock: ManualClock) -> None:
    """The screen keeps a copy to go back to when an event cannot be saved."""
    engine = started(clock)
    clock.advance(10)
    saved = copy.deepcopy(engine, {id(clock): clock})
    before = state_of(saved)
    engine.next_speaker()
    engine.pause()
    assert state_of(saved) == before
    clock.advance(5)
    assert saved.airtime.seconds("ana") == 15.0  # the copy's airtime reads the copy's time
    assert engine.airtime.seconds("ana") == 10.0
    assert saved.next_speaker().seq == engine.events[-2].seq
