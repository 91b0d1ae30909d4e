"""Invariants of the session engine over random sequences of operations."""

from __future__ import annotations

import random
from datetime import datetime

from engine_helpers import DECK, MEMBERS, state_of
from hypothesis import given, settings
from hypothesis import strategies as st

from circle.domain.clock import ManualClock
from circle.domain.session.engine import EngineError, SessionEngine
from circle.domain.circles.members import Member
from circle.domain.plans.plan import Phase, Plan

IDS = [m.id for m in MEMBERS]

# Short phases so that random advances reach warnings, zeros and overtime.
PLAN = Plan(
    name="quick",
    title="Quick",
    minutes=6,
    phases=(
        Phase("opener", "Opener", 2, "round", speaker_seconds=45),
        Phase("questions", "Questions", 1, "open", deck="questions"),
        Phase("goals", "Goals", 1.5, "round"),
        Phase("close", "Close", 1, "none"),
    ),
)
KEYWORDS = {"decks": {"questions": DECK}, "last_starter": "ben"}

SIMPLE = ["next_speaker"] * 4 + ["pass_turn"] * 2 + ["tick"] * 2 + ["next_phase"] * 2 + [
    "back", "previous_phase", "pause", "resume", "add_minute", "remove_minute", "draw_prompt", "end",
    "add_speaker_minute", "remove_speaker_minute", "previous_prompt"]

OPERATION = st.one_of(
    st.tuples(st.sampled_from(SIMPLE)),
    st.tuples(st.just("check_in"), st.sampled_from(IDS), st.booleans()),
    st.tuples(st.sampled_from(["raise_hand", "raise_hand", "lower_hand"]), st.sampled_from(IDS)),
    st.tuples(st.just("record"), st.sampled_from([*IDS, None])),
)
# Time passes after every operation (often none). Quarter seconds are exact in
# binary floats and in the wall clock's microseconds, so a replayed engine can
# be held to exact equality.
PAUSE = st.one_of(st.just(0.0), st.integers(0, 320).map(lambda quarters: quarters / 4))

SESSION = st.fixed_dictionaries(
    {
        "present": st.lists(st.sampled_from(IDS), min_size=1, unique=True),
        "shuffle": st.booleans(),
        "seed": st.integers(0, 1000),
        "steps": st.lists(st.tuples(OPERATION, PAUSE), min_size=20, max_size=60),
    }
)


def apply(engine: SessionEngine, operation: tuple) -> None:
    name, *args = operation
    if name == "record":
        engine.record("note", args[0], text="a note")
    else:
        getattr(engine, name)(*args)


def out_of_round(engine: SessionEngine) -> list[str]:
    """Passed twice: passed, not waiting, not speaking."""
    return [m for m in engine.passed if m not in engine.queue and m != engine.speaker]


def check_invariants(engine: SessionEngine) -> None:
    present = set(engine.present)
    if engine.status != "checkin" and engine.phase.turns == "round":
        # Every present member is in exactly one place: speaking, waiting, spoken, or out.
        places = [engine.speaker] * (engine.speaker is not None)
        places += [*engine.queue, *engine.spoken, *out_of_round(engine)]
        assert sorted(m for m in places if m in present) == sorted(present)
        assert len(places) == len(set(places))
        assert set(engine.queue) <= present
    if engine.speaker is not None:
        assert engine.speaker in present
        assert engine.speaker_timer is not None
    assert set(engine.hands) <= present and len(engine.hands) == len(set(engine.hands))
    assert len(engine.spoken) == len(set(engine.spoken))
    if engine.status != "checkin":
        twice = {m for m, count in engine.passes_in(engine.phase_index).items() if count >= 2}
        assert not twice & {*engine.queue, engine.speaker}  # out for this round

    # Airtime never exceeds elapsed time, per phase and in all.
    tolerance = 1e-9
    phases = range(len(engine.plan.phases))
    for index in phases:
        assert sum(engine.airtime.by_phase(index).values()) <= engine.phase_seconds(index) + tolerance
    running = sum(engine.phase_seconds(index) for index in phases)
    assert sum(engine.airtime.by_member().values()) <= running + tolerance
    for seconds in engine.airtime.by_member().values():
        assert seconds >= 0

    # Events are in order.
    events = engine.events
    assert [e.seq for e in events] == list(range(1, len(events) + 1))
    assert all(a.t <= b.t for a, b in zip(events, events[1:]))
    stamps = [datetime.fromisoformat(e.at) for e in events]
    assert stamps == sorted(stamps)
    check_zeros_ring_once(events)


# What lets a timer's zero ring again: more time for the phase, a new turn.
REARM = {
    "phase_zero": {"add_minute"},
    "speaker_zero": {"next_speaker", "pass", "back", "check_in", "next_phase", "previous_phase",
                     "add_speaker_minute"},
}


def check_zeros_ring_once(events: tuple) -> None:
    last: dict[tuple[str, int | None], int] = {}
    for position, event in enumerate(events):
        if event.type not in REARM:
            continue
        key = (event.type, event.phase)
        if key in last:
            between = {e.type for e in events[last[key] + 1 : position]}
            assert between & REARM[event.type], f"{event.type} rang twice"
        last[key] = position


@settings(max_examples=100, deadline=None)
@given(session=SESSION, prefix=st.floats(0, 1))
def test_random_sessions_keep_the_invariants_and_replay_exactly(session: dict, prefix: float) -> None:
    clock = ManualClock()
    engine = SessionEngine(PLAN, MEMBERS, clock, rng=random.Random(session["seed"]), **KEYWORDS)
    for member in session["present"]:
        engine.check_in(member)
    engine.start(shuffle=session["shuffle"])
    after_event: dict[int, tuple[datetime, dict]] = {len(engine.events): (clock.now(), state_of(engine))}
    for operation, seconds in session["steps"]:
        before = state_of(engine, summary=False)
        count = len(engine.events)
        try:
            apply(engine, operation)
        except EngineError:
            assert state_of(engine, summary=False) == before, operation  # a refused operation changes nothing
        else:
            check_invariants(engine)
            if len(engine.events) > count:
                after_event[len(engine.events)] = (clock.now(), state_of(engine))
        clock.advance(seconds)
        check_invariants(engine)

    # Replaying the whole log, on a clock at the same time, gives the same state.
    replayed = SessionEngine.replay(PLAN, MEMBERS, [e.to_dict() for e in engine.events], clock, **KEYWORDS)
    assert state_of(replayed) == state_of(engine)

    # So does replaying the log up to any event, as of that event.
    cut = sorted(after_event)[int(prefix * (len(after_event) - 1))]
    at, expected = after_event[cut]
    partial = SessionEngine.replay(PLAN, MEMBERS, engine.events[:cut], ManualClock(start=at), **KEYWORDS)
    assert state_of(partial) == expected


FIVE = tuple(Member(f"m{i}", f"Member {i}") for i in range(5))
ROUND = Plan("round", "Round", 10, (Phase("opener", "Opener", 10, "round", speaker_seconds=60),))


@settings(max_examples=300, deadline=None)
@given(
    size=st.integers(1, 5),
    moves=st.lists(st.sampled_from(["next", "pass", "back", "wait"]), max_size=60),
)
def test_each_present_member_gets_exactly_one_turn_per_round_unless_they_pass_twice(
    size: int, moves: list[str]
) -> None:
    clock = ManualClock()
    engine = SessionEngine(ROUND, FIVE, clock)
    present = [m.id for m in FIVE[:size]]
    for member in present:
        engine.check_in(member)
    engine.start()
    turns: list[str] = []  # who held the floor when it moved on, undone by back
    undo: list[int] = []
    for move in moves:
        try:
            if move == "next":
                speaker = engine.speaker
                engine.next_speaker()
                undo.append(len(turns))
                if speaker is not None:
                    turns.append(speaker)
            elif move == "pass":
                engine.pass_turn()
                undo.append(len(turns))
            elif move == "back":
                engine.back()
                del turns[undo.pop():]
            else:
                clock.advance(7)
        except EngineError:
            continue
    while engine.speaker is not None or engine.queue:
        speaker = engine.speaker
        engine.next_speaker()
        if speaker is not None:
            turns.append(speaker)

    passes = engine.passes_in(0)
    passed_twice = sorted(m for m, count in passes.items() if count >= 2)
    assert sorted(turns) == sorted(engine.spoken)
    assert len(turns) == len(set(turns))  # nobody had two turns
    assert sorted(turns + passed_twice) == sorted(present)  # everyone else had one
    assert all(passes.get(m, 0) <= 1 for m in turns)
