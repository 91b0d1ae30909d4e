"""What the session screen shows, read from the engine as plain values for the widgets."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from circle.domain.session.credits import credit_line, credits
from circle.domain.session.engine import SessionEngine
from circle.domain.session.keys import DEFAULTS, KeyNames
from circle.domain.session.refusals import round_complete
from circle.domain.session.timer import TimerView
from circle.ui.widgets.airtime_chart import SPEAKING, UNHEARD, AirtimeRow
from circle.ui.widgets.big_timer import clock_text, timer_text
from circle.ui.widgets.phase_strip import PhaseCell, used_text
from circle.ui.widgets.turn_queue import Turns


@dataclass(frozen=True)
class TimerChoice:
    """The timer shown large, its caption, and a line for the other timer."""

    big: TimerView | None
    caption: str
    other: str
    other_state: str = "normal"  # the other timer's state, for its colour

    @property
    def seen(self) -> tuple[object, ...]:
        """What the two timers show, to the second: equal on ticks that change nothing."""
        big = self.big
        drawn = (timer_text(big), big.state, big.running) if big is not None else None
        return drawn, self.caption, self.other, self.other_state


def names(engine: SessionEngine) -> dict[str, str]:
    return {m.id: m.name for m in engine.members}


def turns_of(engine: SessionEngine, by_id: Mapping[str, str]) -> Turns:
    def named(ids) -> tuple[str, ...]:
        return tuple(by_id.get(i, i) for i in ids)

    return Turns(
        mode=engine.phase.turns,
        speaker=by_id.get(engine.speaker, engine.speaker) if engine.speaker else None,
        next_up=named(engine.queue),
        spoken=named(engine.spoken),
        passed=named(engine.passed),
        hands=named(engine.hands),
    )


def airtime_rows(engine: SessionEngine, by_id: Mapping[str, str]) -> list[AirtimeRow]:
    """Each present member's airtime this session, in whole seconds (what the chart shows).

    The speaker is marked, and so is anyone present who has not held the floor at all yet.
    """
    spoken = engine.airtime.by_member()
    rows = []
    for member in engine.present:
        seconds = spoken.get(member, 0.0)
        state = SPEAKING if member == engine.speaker else UNHEARD if seconds <= 0 else ""
        rows.append(AirtimeRow(by_id.get(member, member), float(round(seconds)), state))
    return rows


def phase_cells(engine: SessionEngine) -> list[PhaseCell]:
    return [
        PhaseCell(phase.title, engine.planned_seconds(index), engine.phase_seconds(index))
        for index, phase in enumerate(engine.plan.phases)
    ]


def running_cell(engine: SessionEngine) -> tuple[int, str, bool]:
    """What the phase strip shows of the running phase that a clock tick can change: its
    time used, to the second, and whether it is past its length."""
    index = engine.phase_index
    cell = PhaseCell(engine.phase.title, engine.planned_seconds(index), engine.phase_seconds(index))
    return index, used_text(cell, current=True), cell.over


def _left(view: TimerView) -> str:
    if view.remaining is None:
        return f"{clock_text(view.elapsed)} so far"
    if view.remaining > 0:
        return f"{timer_text(view)} left"
    return f"{clock_text(-view.remaining)} over"


def choose_timer(engine: SessionEngine, by_id: Mapping[str, str]) -> TimerChoice:
    """The speaker's timer large in a round with a set turn length; the phase timer otherwise."""
    phase_view = engine.phase_timer
    speaker_view = engine.speaker_timer
    speaker = by_id.get(engine.speaker or "", "")
    phase_line = f"Phase: {_left(phase_view)} of {clock_text(phase_view.total or 0)}"
    if speaker_view is not None and engine.phase.turns == "round" and speaker_view.total is not None:
        return TimerChoice(speaker_view, f"{speaker}'s turn", phase_line, phase_view.state)
    other = f"{speaker}: {_left(speaker_view)}" if speaker_view is not None else ""
    return TimerChoice(phase_view, "Phase time", other, speaker_view.state if speaker_view else "normal")


def seconds_to_next_change(engine: SessionEngine) -> float | None:
    """When either timer on screen shows something else next; None while both stand still."""
    views = (engine.phase_timer, engine.speaker_timer)
    changes = [until for v in views if v is not None and (until := v.seconds_to_change()) is not None]
    return min(changes, default=None)


def guidance_text(engine: SessionEngine, by_id: Mapping[str, str]) -> str:
    """The phase's guidance; a led phase names its leader."""
    phase, leader = engine.phase, engine.leader
    if leader is not None and phase.led:
        return f"{by_id.get(leader, leader)} leads. {phase.guidance}"
    return phase.guidance


def close_credits(engine: SessionEngine, by_id: Mapping[str, str]) -> str:
    """At the close of a led session: credit to both, by name (empty when nobody led)."""
    leader = engine.leader
    if leader is None or engine.phase.kind != "close":
        return ""
    came = [m for m in engine.order if m in engine.present or m == leader]
    return credit_line(credits(leader, came), dict(by_id))


def big_name(engine: SessionEngine, by_id: Mapping[str, str]) -> tuple[str, str]:
    """The name drawn large on a projector, and the words above it."""
    speaker = engine.speaker
    if speaker is None:
        return "", ""
    caption = "Speaking now" if engine.phase.turns == "round" else "Has the floor"
    if speaker == engine.leader and engine.phase.led:
        caption = "Leading"
    return by_id.get(speaker, speaker), caption


def status_text(engine: SessionEngine) -> str:
    """The phase; top_line says whether the session is paused."""
    number = engine.phase_index + 1
    total = len(engine.plan.phases)
    return f"Phase {number} of {total}: {engine.phase.title}"


def top_line(circle: str, engine: SessionEngine, keys: KeyNames | None = DEFAULTS) -> str:
    """The circle and the phase; paused, the pause comes first (a narrow line cuts its end).
    keys None (a follower) names no key."""
    if engine.status == "paused":
        resumes = f" ({keys['session.pause']} resumes)" if keys is not None else ""
        return f"‖ PAUSED{resumes}  ·  {status_text(engine)}"
    return f"{(keys is not None and round_complete(engine, keys)) or circle}  ·  {status_text(engine)}"


DECK_LABELS = {"case": "Case story", "reciprocity": "Reciprocity prompt", "questions": "Prompt"}


@dataclass(frozen=True)
class CardView:
    """What the prompt card shows: the prompt, its place among this phase's draws, its label."""

    text: str | None
    detail: str
    number: int
    label: str
    earlier: bool  # an earlier draw of this phase can be brought back


def card_of(engine: SessionEngine, deck_kinds: Mapping[str, str]) -> CardView:
    phase, prompt = engine.phase, engine.prompt
    kind = deck_kinds.get(phase.deck or "", "case" if phase.kind == "case" else "questions")
    drawn = list(engine.phase_prompts)
    number = next((i for i, p in enumerate(drawn, 1) if p is prompt), len(drawn))
    return CardView(prompt.text if prompt else None, prompt.detail if prompt else "", number,
                    DECK_LABELS.get(kind, "Prompt"), number > 1)
