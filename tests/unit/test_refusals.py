"""Every session action that cannot act now says why in one line, and what would."""

from __future__ import annotations

from typing import Callable

import pytest

from engine_helpers import DECK, MEMBERS, make_engine
from circle.domain.clock import ManualClock
from circle.domain.plans.decks import Deck, Prompt
from circle.domain.plans.plan import Phase, Plan
from circle.domain.session.engine import EngineError, SessionEngine
from circle.domain.session.refusals import ACTIONS, round_complete, why_not

PLAN = Plan(
    name="walk",
    title="Walk",
    minutes=16,
    phases=(
        Phase("opener", "Opener", 3, "round", speaker_seconds=60),
        Phase("case", "Case story", 3, "none", deck="cases"),
        Phase("questions", "Questions", 4, "open", deck="questions"),
        Phase("goals", "Goals", 3, "round"),  # turns with no set length
        Phase("close", "Close", 3, "none"),
    ),
)
CASES = Deck("cases", "Case stories", (Prompt("c1", "A quiet class", detail=""),))

# The engine's operation behind each action that has one.
OPERATIONS: dict[str, Callable[[SessionEngine], object]] = {
    "next": SessionEngine.next_speaker,
    "pass": SessionEngine.pass_turn,
    "back": SessionEngine.back,
    "hand": lambda e: e.raise_hand("ana"),
    "pause": SessionEngine.pause,
    "add_minute": SessionEngine.add_minute,
    "remove_minute": SessionEngine.remove_minute,
    "add_turn_minute": SessionEngine.add_speaker_minute,
    "remove_turn_minute": SessionEngine.remove_speaker_minute,
    "draw": SessionEngine.draw_prompt,
    "previous_prompt": SessionEngine.previous_prompt,
    "next_phase": SessionEngine.next_phase,
    "previous_phase": SessionEngine.previous_phase,
    "end": SessionEngine.end,
}


def engine_in(state: str, cases: Deck = CASES) -> SessionEngine:
    present = ("ana", "ben", "cho", "dev") if state == "all present" else ("ana", "ben", "cho")
    engine = make_engine(ManualClock(), present, plan=PLAN, decks={"questions": DECK, "cases": cases})
    if state == "check-in":
        return engine
    engine.start()
    phase = {"case story": 1, "case drawn": 1, "open floor": 2, "one prompt": 2, "nobody here": 2,
             "goals turn": 3, "goals done": 3, "last phase": 4}.get(state, 0)
    for _ in range(phase):
        engine.next_phase()
    if state in ("round complete", "goals done"):
        while engine.speaker is not None:
            engine.next_speaker()
    if state == "case drawn":
        engine.draw_prompt()
    if state == "one prompt":
        engine.draw_prompt()
    if state == "nobody here":
        for member in engine.present:
            engine.check_in(member, present=False)
    if state == "one minute left":
        engine.remove_minute()
        engine.remove_minute()
    if state == "ended":
        engine.end()
    return engine


# (action, state, words naming the way on)
REFUSED = [
    ("next", "check-in", "then start it"),
    ("next", "ended", "circle history"),
    ("next", "round complete", "] goes on to phase 2 (Case story)"),
    ("next", "case story", "] goes on to phase 3 (Questions)"),
    ("next", "open floor", "h raises one"),
    ("next", "goals done", "] goes on to phase 5 (Close)"),
    ("pass", "open floor", "n gives the floor to the next hand"),
    ("pass", "round complete", "] goes on"),
    ("pass", "case story", "] goes on"),
    ("back", "opener", "[ goes back a phase"),
    ("back", "case story", "[ goes back a phase"),
    ("hand", "opener", "open floor, in phase 3 (Questions); in a round, n gives the next speaker"),
    ("hand", "case story", "hands are for open floor, in phase 3 (Questions)"),
    ("hand", "nobody here", "j marks a late arrival"),
    ("pause", "ended", "circle history"),
    ("add_minute", "check-in", "then start it"),
    ("remove_minute", "one minute left", "+ adds one, ] goes on"),
    ("add_turn_minute", "round complete", "] goes on"),
    ("add_turn_minute", "case story", "+ and - change the phase's time"),
    ("add_turn_minute", "goals turn", "+ and - change the phase's time"),
    ("remove_turn_minute", "opener", "n gives the next speaker"),
    ("remove_turn_minute", "open floor", "h raises one"),
    ("draw", "opener", "prompts are drawn in phase 2 (Case story)"),
    ("draw", "ended", "circle history"),
    ("previous_prompt", "open floor", "d draws a prompt"),
    ("previous_prompt", "one prompt", "d draws a new one"),
    ("next_phase", "last phase", "e ends the session"),
    ("previous_phase", "opener", "] goes on to phase 2"),
    ("end", "ended", "circle history"),
    ("goals", "opener", "phase 4 (Goals)"),
    ("goals", "goals done", "] goes on to phase 5 (Close)"),
    ("arrive", "all present", "added from the home screen"),
    ("leave", "nobody here", "j marks a late arrival"),
    ("ideas", "opener", "its ideas show in phase 2 (Case story)"),
    ("ideas", "case story", "d draws one, then i shows its ideas"),
    ("ideas", "case drawn", "has no ideas"),
]


@pytest.mark.parametrize(("action", "state", "way_on"), REFUSED, ids=[f"{a}-{s}" for a, s, _ in REFUSED])
def test_a_refusal_is_one_line_naming_the_way_on(action: str, state: str, way_on: str) -> None:
    engine = engine_in(state)
    reason = why_not(engine, action)
    assert reason and "\n" not in reason and len(reason) <= 120, reason
    assert way_on in reason
    operation = OPERATIONS.get(action)
    if operation is not None:  # the engine refuses in the very same words, and changes nothing
        logged = len(engine.events)
        with pytest.raises(EngineError) as refused:
            operation(engine)
        assert str(refused.value) == reason
        assert len(engine.events) == logged


def test_every_action_has_a_refusal_in_the_table() -> None:
    assert {action for action, _state, _way in REFUSED} == set(ACTIONS)


@pytest.mark.parametrize("action", ["next", "pass", "hand", "draw", "add_turn_minute", "ideas", "goals"])
def test_an_action_that_can_act_has_no_refusal(action: str) -> None:
    state = {"hand": "open floor", "draw": "open floor", "ideas": "case story", "goals": "goals turn"}
    engine = engine_in(state.get(action, "opener"),
                       Deck("cases", "Case stories", (Prompt("c2", "Late work", detail="Ask why"),)))
    if action == "ideas":
        engine.draw_prompt()
    assert why_not(engine, action) is None


def test_a_hand_in_a_plan_with_no_open_floor_says_so() -> None:
    plan = Plan("rounds", "Rounds", 6, (Phase("opener", "Opener", 3, "round"), Phase("close", "Close", 3, "round")))
    engine = SessionEngine(plan, MEMBERS, ManualClock())
    engine.check_in("ana")
    engine.start()
    assert why_not(engine, "hand") == "this plan has no open floor, so no hands; n gives the next speaker"


def test_an_exhausted_deck_says_an_earlier_prompt_can_come_back() -> None:
    engine = engine_in("open floor")
    for _ in DECK.prompts:
        engine.draw_prompt()
    with pytest.raises(EngineError, match="Open questions.*D brings back an earlier one"):
        engine.draw_prompt()


def test_a_finished_round_names_the_next_phase_or_the_end() -> None:
    assert round_complete(engine_in("opener")) is None
    assert round_complete(engine_in("round complete")) == "Round complete: ] goes on to Case story"
    assert round_complete(engine_in("open floor")) is None
    last = engine_in("last phase")
    assert round_complete(last) is None  # the close here has no turns
    plan = Plan("one", "One", 3, (Phase("opener", "Opener", 3, "round"),))
    engine = SessionEngine(plan, MEMBERS, ManualClock())
    engine.check_in("ana")
    engine.start()
    engine.next_speaker()
    assert round_complete(engine) == "Round complete: e ends the session"
