"""What a facilitator is told before resuming a session that did not end: what happened.

Built from the session rebuilt as a resume would go on with it, so the turn and the phase
it names are the ones the screen shows after "Resume". Plain text, for every front end.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from circle.domain.durations import duration_text
from circle.domain.session.state import SessionState
from circle.domain.session.timer import TimerView


@dataclass(frozen=True)
class Gap:
    """How long nobody drove the session, and whether it was measured on one monotonic
    clock (else estimated from wall times, which can jump)."""

    seconds: float
    measured: bool = True


def time_of_day(at: str) -> str:
    """HH:MM of an ISO time as it was stamped; the text itself if it is not one."""
    return at[11:16] if len(at) >= 16 and at[10] == "T" else at


def _left(timer: TimerView) -> str:
    """How much of a countdown is left, or how far over it is; a count-up's time so far."""
    if timer.remaining is None:
        return f"{duration_text(timer.elapsed)} so far"
    if timer.remaining < 0:
        return f"{duration_text(-timer.remaining)} over"
    return f"{duration_text(timer.remaining)} left"


def resume_offer_lines(engine: SessionState, names: Mapping[str, str], started: str, gap: Gap) -> list[str]:
    """The offer's lines, ending with the question: when the last action was, how long
    nobody drove (not counted), whose turn goes on and with how much of it left."""
    lines = [f"The session started {started[:16].replace('T', ' ')} did not end."]
    if engine.events:
        lines.append(f"Its last action was at {time_of_day(engine.events[-1].at)}.")
    if gap.seconds > 0:
        length = duration_text(gap.seconds) if gap.seconds >= 1 else "under a second"
        about = "" if gap.measured else "about "
        lines.append(f"Nobody has driven it for {about}{length} since: not counted"
                     " as anyone's airtime or phase time.")
    if engine.status in ("running", "paused"):
        speaker, turn = engine.speaker, engine.speaker_timer
        if speaker is not None and turn is not None:
            spoken = f" ({duration_text(turn.elapsed)} spoken)" if turn.remaining is not None else ""
            lines.append(f"{names.get(speaker, speaker)}'s turn goes on: {_left(turn)}{spoken}.")
        else:
            lines.append("Nobody was speaking.")
        lines.append(f"{engine.phase.title}: {_left(engine.phase_timer)}.")
        if engine.status == "paused":
            lines.append("It was paused and stays paused.")
    lines.append("Resume it?")
    return lines


def resume_offer_text(engine: SessionState, names: Mapping[str, str], started: str, gap: Gap) -> str:
    return "\n".join(resume_offer_lines(engine, names, started, gap))
