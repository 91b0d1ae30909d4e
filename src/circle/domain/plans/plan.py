"""Session plans: an ordered list of phases, each with a kind, length and turn mode."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

# The plan a session follows when none is named: the weekly community session.
DEFAULT_PLAN = "community-60"

PHASE_KINDS = ("opener", "challenge", "questions", "case", "goals", "close", "custom")
TURN_MODES = ("round", "open", "none")
# How a plan with led phases picks its leader at check-in (the facilitator confirms or
# changes the pick): a member tagged new, a mentee, or nobody until the facilitator picks.
LEADER_CHOICES = ("new", "mentee", "pick")


@dataclass(frozen=True)
class Phase:
    kind: str
    title: str
    minutes: float
    turns: str
    guidance: str = ""
    speaker_seconds: int | None = None
    deck: str | None = None
    led: bool = False  # the session's leader opens it and holds the floor

    @property
    def seconds(self) -> int:
        return round(self.minutes * 60)


@dataclass(frozen=True)
class Plan:
    name: str
    title: str
    minutes: float
    phases: tuple[Phase, ...]
    description: str = ""
    source: str = ""  # the file it was read from, for messages
    norms: tuple[str, ...] = field(default=())
    leader: str | None = None  # one of LEADER_CHOICES when some phases are led

    @property
    def has_led_phases(self) -> bool:
        return any(p.led for p in self.phases)

    @property
    def phase_minutes(self) -> float:
        """The phases' minutes added up (may differ from the plan's own total)."""
        return sum(p.minutes for p in self.phases)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "title": self.title,
            "description": self.description,
            "minutes": self.minutes,
            "norms": list(self.norms),
            "leader": self.leader,
            "phases": [asdict(p) for p in self.phases],
            "source": self.source,
        }
