"""Plans, members and a state snapshot shared by the session engine's tests."""

from __future__ import annotations

import random
from typing import Any

from circle.domain.clock import ManualClock
from circle.domain.plans.decks import Deck, Prompt
from circle.domain.session.engine import SessionEngine
from circle.domain.circles.members import Member
from circle.domain.plans.plan import Phase, Plan

MEMBERS = (
    Member("ana", "Ana", role="mentor"),
    Member("ben", "Ben", role="mentee", experience="new"),
    Member("cho", "Cho"),
    Member("dev", "Dev"),
)

PLAN = Plan(
    name="test",
    title="Test plan",
    minutes=12,
    phases=(
        Phase("opener", "Opener", 3, "round", speaker_seconds=60),
        Phase("questions", "Questions", 4, "open", deck="questions"),
        Phase("goals", "Goals", 3, "round"),  # no speaker seconds: the turn counts up
        Phase("close", "Close", 2, "none"),
    ),
)

DECK = Deck(
    name="questions",
    title="Open questions",
    prompts=tuple(Prompt(f"q{i}", f"Question {i}?") for i in range(1, 6)),
)


def make_engine(
    clock: ManualClock | None = None,
    present: tuple[str, ...] = ("ana", "ben", "cho"),
    plan: Plan = PLAN,
    **keywords: Any,
) -> SessionEngine:
    keywords.setdefault("decks", {"questions": DECK})
    keywords.setdefault("rng", random.Random(7))
    engine = SessionEngine(plan, MEMBERS, clock or ManualClock(), **keywords)
    for member in present:
        engine.check_in(member)
    return engine


def state_of(engine: SessionEngine, summary: bool = True) -> dict[str, Any]:
    """Everything an engine shows, as plain values, to compare two engines."""
    plan = engine.plan
    state = {
        "status": engine.status,
        "present": engine.present,
        "order": engine.order,
        "phase_index": engine.phase_index,
        "speaker": engine.speaker,
        "queue": engine.queue,
        "spoken": engine.spoken,
        "passed": engine.passed,
        "hands": engine.hands,
        "not_spoken": engine.not_spoken,
        "prompt": engine.prompt,
        "prompts_drawn": engine.prompts_drawn,
        "phase_timer": engine.phase_timer,
        "speaker_timer": engine.speaker_timer,
        "events": engine.events,
        "airtime": engine.airtime.by_member(),
        "airtime_by_phase": [engine.airtime.by_phase(i) for i in range(len(plan.phases))],
        "phase_seconds": [engine.phase_seconds(i) for i in range(len(plan.phases))],
    }
    if summary:  # derived from the rest; left out where speed matters
        state["summary"] = engine.summary().to_dict()
    return state
