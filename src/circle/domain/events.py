"""Session events: every facilitator action, as it is written to the session log."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Event:
    seq: int  # 1, 2, 3 ... within one session
    type: str  # e.g. "check_in", "start", "next_speaker", "pass", "phase_zero"
    at: str  # wall time, ISO 8601
    t: float  # seconds since the session's engine was created, on its monotonic clock
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


# Event types the session engine emits and interprets on replay; any other
# type is a note logged with SessionEngine.record (e.g. a goal change).
ENGINE_EVENT_TYPES = frozenset(
    {
        "check_in",
        "start",
        "next_speaker",
        "pass",
        "back",
        "raise_hand",
        "lower_hand",
        "next_phase",
        "previous_phase",
        "pause",
        "resume",
        "add_minute",
        "remove_minute",
        "draw_prompt",
        "end",
        "phase_zero",
        "speaker_zero",
    }
)
