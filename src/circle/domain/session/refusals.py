"""Why a session action cannot act now, and what would: one line each.

The engine raises these as EngineError, and a front end asks ``why_not`` when a key whose
action it has turned off is pressed, so every front end gives the same words. The keys are
named by binding id through ``KeyNames`` (keys.py): the keys the user has, the defaults
where a front end gives none.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from circle.domain.plans.plan import Phase
from circle.domain.session.keys import DEFAULTS, KeyNames

if TYPE_CHECKING:
    from circle.domain.session.state import SessionState

SHORTEST_TURN = 30.0  # seconds: a turn made shorter still leaves time to say something


def where(state: SessionState, index: int | None = None) -> str:
    """A phase as messages name it: "phase 3 (Open-ended questions)"."""
    index = state.phase_index if index is None else index
    return f"phase {index + 1} ({state.plan.phases[index].title})"


def way_on(state: SessionState, keys: KeyNames = DEFAULTS) -> str:
    """What takes the session on from the phase it is in."""
    after = state.phase_index + 1
    if after < len(state.plan.phases):
        return f"{keys['session.next_phase']} goes on to {where(state, after)}"
    return f"{keys['session.end']} ends the session"


def round_complete(state: SessionState, keys: KeyNames = DEFAULTS) -> str | None:
    """Once everyone has had their turn of a round, the status line's words for how to go on."""
    if state.status not in ("running", "paused") or state.phase.turns != "round" or state.can_advance:
        return None
    after = state.phase_index + 1
    phases = state.plan.phases
    if after < len(phases):
        return f"Round complete: {keys['session.next_phase']} goes on to {phases[after].title}"
    return f"Round complete: {keys['session.end']} ends the session"


def _phase_where(state: SessionState, fits: Callable[[Phase], bool]) -> str | None:
    """The plan's phase that fits, the next one from here first (then from the start)."""
    phases = state.plan.phases
    here = state.phase_index
    for index in [*range(here + 1, len(phases)), *range(0, here + 1)]:
        if fits(phases[index]):
            return where(state, index)
    return None


def not_started(state: SessionState) -> str | None:
    if state.status == "checkin":
        return "the session has not started yet: check in who is here, then start it"
    if state.status == "ended":
        return "the session has ended: nothing in it changes now (circle history shows it)"
    return None


def _no_turns(state: SessionState, then: str) -> str:
    return f"{where(state)} has no turns: {then}"


def _nobody_speaking(state: SessionState, keys: KeyNames) -> str:
    if state.phase.turns == "round":
        return f"the round is complete: {way_on(state, keys)}"
    return f"no hand is raised: {keys['session.hand']} raises one, then {keys['session.next']} gives them the floor"


def _hands(state: SessionState, keys: KeyNames) -> str:
    open_floor = _phase_where(state, lambda p: p.turns == "open")
    if open_floor is None:
        return f"this plan has no open floor, so no hands; {keys['session.next']} gives the next speaker"
    if state.phase.turns == "none":
        return _no_turns(state, f"hands are for open floor, in {open_floor}")
    return f"hands are for open floor, in {open_floor}; in a round, {keys['session.next']} gives the next speaker"


def _deck(state: SessionState, what: str) -> str | None:
    if state.phase.deck:
        return None
    drawn_in = _phase_where(state, lambda p: bool(p.deck))
    if drawn_in is None:
        return f"this plan has no prompt deck, so no {what}"
    return f"{where(state)} has no prompt deck: {what} are drawn in {drawn_in}"


def _next(state: SessionState, keys: KeyNames) -> str | None:
    if state.phase.turns == "none":
        return _no_turns(state, way_on(state, keys))
    return None if state.can_advance else _nobody_speaking(state, keys)


def _pass(state: SessionState, keys: KeyNames) -> str | None:
    if state.phase.turns == "none":
        return _no_turns(state, way_on(state, keys))
    if state.phase.turns == "open":
        return f"passing is for a round; in open floor {keys['session.next']} gives the floor to the next hand"
    return None if state.speaker is not None else _nobody_speaking(state, keys)


def _back(state: SessionState, keys: KeyNames) -> str | None:
    back_a_phase = f"{keys['session.previous_phase']} goes back a phase"
    if state.phase.turns == "none":
        return _no_turns(state, back_a_phase)
    if state.can_go_back:
        return None
    return f"nothing to go back to: this is the phase's first turn (or attendance changed since); {back_a_phase}"


def late_arrival(keys: KeyNames = DEFAULTS) -> str:
    return f"{keys['session.arrive']} marks a late arrival"


def _hand(state: SessionState, keys: KeyNames) -> str | None:
    if state.phase.turns != "open":
        return _hands(state, keys)
    return None if state.present else f"nobody is checked in to raise a hand: {late_arrival(keys)}"


def _once_started(state: SessionState, keys: KeyNames) -> str | None:
    return None  # pause, a phase minute more, end: being started is all they need


def _remove_minute(state: SessionState, keys: KeyNames) -> str | None:
    if state.planned_seconds(state.phase_index) - 60 < 60:
        return (f"{where(state)} cannot be shorter than one minute: {keys['session.add_minute']} adds one, "
                f"{way_on(state, keys)}")
    return None


def _turn_minute(state: SessionState, seconds: float, keys: KeyNames) -> str | None:
    phase_minutes = f"{keys['session.add_minute']} and {keys['session.remove_minute']} change the phase's time"
    if state.phase.turns == "none":
        return _no_turns(state, phase_minutes)
    timer = state.speaker_timer
    if state.speaker is None or timer is None:
        return "nobody is speaking, so there is no turn to change; " + _nobody_speaking(state, keys)
    if timer.total is None:
        return f"turns in {where(state)} have no set length: {phase_minutes} instead"
    if timer.total + seconds < SHORTEST_TURN:
        return f"a turn cannot be shorter than {int(SHORTEST_TURN)} seconds: {keys['session.next']} gives the next speaker"
    return None


def _draw(state: SessionState, keys: KeyNames) -> str | None:
    return _deck(state, "prompts")


def _previous_prompt(state: SessionState, keys: KeyNames) -> str | None:
    refused = _deck(state, "prompts")
    if refused:
        return refused
    drawn = state.phase_prompts
    if not drawn:
        return f"nothing drawn yet in {where(state)}: {keys['session.draw']} draws a prompt"
    if state.prompt is drawn[0]:
        return f"no earlier prompt in {where(state)} to bring back: {keys['session.draw']} draws a new one"
    return None


def _next_phase(state: SessionState, keys: KeyNames) -> str | None:
    if state.phase_index + 1 >= len(state.plan.phases):
        return f"this is the last phase: {keys['session.end']} ends the session"
    return None


def _previous_phase(state: SessionState, keys: KeyNames) -> str | None:
    if state.phase_index == 0:
        return f"this is the first phase: there is none before it; {way_on(state, keys)}"
    return None


def _goals(state: SessionState, keys: KeyNames) -> str | None:
    if state.phase.kind != "goals":
        goals = _phase_where(state, lambda p: p.kind == "goals")
        if goals is None:
            return "this plan has no goals phase: `circle goals` edits goals outside a session"
        return f"goals are edited in {goals}, for each speaker in turn; {keys['session.goals']} works there"
    if state.speaker is None:
        return "nobody is speaking, so there are no goals to edit: " + _nobody_speaking(state, keys)
    return None


def _arrive(state: SessionState, keys: KeyNames) -> str | None:
    if len(state.present) >= sum(1 for m in state.members if m.active):
        return "everyone in the circle is here already: new members are added from the home screen"
    return None


def _leave(state: SessionState, keys: KeyNames) -> str | None:
    return None if state.present else f"nobody is checked in, so nobody can leave: {late_arrival(keys)}"


def _ideas(state: SessionState, keys: KeyNames) -> str | None:
    if state.phase.kind != "case":
        case = _phase_where(state, lambda p: p.kind == "case")
        if case is None:
            return "this plan has no case story, so no ideas to show (the case-story plan has one)"
        return f"{where(state)} has no case story: its ideas show in {case}"
    prompt = state.prompt
    if prompt is None:
        return f"no case story drawn yet: {keys['session.draw']} draws one, then {keys['session.ideas']} shows its ideas"
    if not prompt.detail:
        return "this case story has no ideas from mentors written down"
    return None


_WHY: dict[str, Callable[[SessionState, KeyNames], str | None]] = {
    "next": _next,
    "pass": _pass,
    "back": _back,
    "hand": _hand,
    "pause": _once_started,
    "add_minute": _once_started,
    "remove_minute": _remove_minute,
    "add_turn_minute": lambda state, keys: _turn_minute(state, 60.0, keys),
    "remove_turn_minute": lambda state, keys: _turn_minute(state, -60.0, keys),
    "draw": _draw,
    "previous_prompt": _previous_prompt,
    "next_phase": _next_phase,
    "previous_phase": _previous_phase,
    "end": _once_started,
    "goals": _goals,
    "arrive": _arrive,
    "leave": _leave,
    "ideas": _ideas,
}
ACTIONS = tuple(_WHY)  # the session actions a refusal can be asked for


def why_not(state: SessionState, action: str, keys: KeyNames = DEFAULTS) -> str | None:
    """Why the session action cannot act now and what would, in one line; None if it can."""
    return not_started(state) or _WHY[action](state, keys)
