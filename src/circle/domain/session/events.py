"""Session events: every facilitator action, as it is written to the session log.

Two times stamp an event. ``t`` is the session's time: seconds since it began, counted
by its driver on a monotonic clock and carried across a resume, a hand-off or a take-over
from the last time the log and the last driver's word prove (a gap nobody drove is left
out). Every duration (airtime, turns, phases, overtime) comes from ``t``. ``at`` is the
wall time, a time of day to show and nothing more: a wall clock set back makes it go
back. The log's order is ``seq``, never either time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Event:
    seq: int  # 1, 2, 3 ... within one session
    type: str  # e.g. "check_in", "start", "next_speaker", "pass", "phase_zero"
    at: str  # wall time, ISO 8601: a time of day to show, never a duration's source
    t: float  # the session's time: seconds since it began on its drivers' monotonic clocks, gaps left out
    phase: int | None = None  # phase index when it happened
    member: str | None = None  # member id it concerns
    data: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "type": self.type,
            "at": self.at,
            "t": self.t,
            "phase": self.phase,
            "member": self.member,
            "data": dict(self.data),
        }

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> "Event":
        return cls(
            seq=int(raw["seq"]),
            type=str(raw["type"]),
            at=str(raw["at"]),
            t=float(raw["t"]),
            phase=raw.get("phase"),
            member=raw.get("member"),
            data=dict(raw.get("data") or {}),
        )


# Every event type's name, spelled once. The engine's own actions replay by calling
# the engine method of the same name, so these strings are also method names.
CHECK_IN = "check_in"
# Who leads the plan's led phases, confirmed at check-in (reverse mentoring).
CHOOSE_LEADER = "choose_leader"
START = "start"
NEXT_SPEAKER = "next_speaker"
PASS = "pass"
BACK = "back"
RAISE_HAND = "raise_hand"
LOWER_HAND = "lower_hand"
NEXT_PHASE = "next_phase"
PREVIOUS_PHASE = "previous_phase"
PAUSE = "pause"
RESUME = "resume"
ADD_MINUTE = "add_minute"
REMOVE_MINUTE = "remove_minute"
# The current speaker's turn made a minute longer or shorter (the phase keeps its length).
ADD_SPEAKER_MINUTE = "add_speaker_minute"
REMOVE_SPEAKER_MINUTE = "remove_speaker_minute"
DRAW_PROMPT = "draw_prompt"
# The prompt (a case story, say) drawn before the one showing, brought back in its phase.
PREVIOUS_PROMPT = "previous_prompt"
END = "end"
PHASE_ZERO = "phase_zero"
SPEAKER_ZERO = "speaker_zero"
# Facts of time, logged when a timer reaches zero.
TIMER_EVENT_TYPES = frozenset({PHASE_ZERO, SPEAKER_ZERO})
# A goal changed during the session: logged with SessionEngine.record.
GOAL_CHANGED = "goal_changed"
# Who drives the session changed (data: from, to, by, how): a resume, a hand-off, a take-over.
DRIVER_CHANGED = "driver_changed"
# Time nobody drove the session, recorded when it was resumed (data: from, to, seconds):
# the engine's time line skips it, so it is nobody's airtime and no phase's time.
GAP = "gap"
# A point or commitment the facilitator noted, tied to the speaker and phase: logged with
# SessionEngine.record; private to the circle (exports include it only when asked).
NOTE = "note"
NOTE_KINDS = ("point", "commitment")
# The name older versions logged a prompt draw under; still read.
PROMPT_DRAWN_LEGACY = "prompt_drawn"
PROMPT_EVENT_TYPES = (DRAW_PROMPT, PROMPT_DRAWN_LEGACY)

# Event types the session engine emits and interprets on replay; any other
# type is a note logged with SessionEngine.record (e.g. a goal change).
ENGINE_EVENT_TYPES = frozenset({CHECK_IN, CHOOSE_LEADER, START, NEXT_SPEAKER, PASS, BACK, RAISE_HAND, LOWER_HAND, NEXT_PHASE, PREVIOUS_PHASE, PAUSE, RESUME, ADD_MINUTE, REMOVE_MINUTE, ADD_SPEAKER_MINUTE, REMOVE_SPEAKER_MINUTE, DRAW_PROMPT, PREVIOUS_PROMPT, END, PHASE_ZERO, SPEAKER_ZERO})
