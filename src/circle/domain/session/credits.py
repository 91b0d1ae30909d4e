"""Credit to both (reverse mentoring): the leader for leading, the others for learning from it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

from circle.domain.circles.members import Member

LEADING = "leading"
LEARNING = "learning from the lead"


@dataclass(frozen=True)
class Credit:
    member: str
    reason: str  # LEADING or LEARNING

    def to_dict(self) -> dict[str, str]:
        return {"member": self.member, "for": self.reason}


def default_leader(members: Sequence[Member], present: Iterable[str], choice: str | None) -> str | None:
    """The leader to offer at check-in: the first present member the plan's choice fits."""
    here = set(present)
    fits = {"new": lambda m: m.experience == "new", "mentee": lambda m: m.role == "mentee"}.get(choice or "")
    if fits is None:
        return None
    return next((m.id for m in members if m.id in here and fits(m)), None)


def credits(leader: str | None, attended: Iterable[str]) -> list[Credit]:
    """Nobody leads, no credits; else the leader first, then everyone else who attended."""
    if leader is None:
        return []
    return [Credit(leader, LEADING)] + [Credit(m, LEARNING) for m in attended if m != leader]


def credit_line(rows: Sequence[Credit], names: dict[str, str]) -> str:
    """e.g. 'Credit to Ben for leading, and to Ana and Chen for learning from the lead.'"""
    leaders = [names.get(c.member, c.member) for c in rows if c.reason == LEADING]
    learners = [names.get(c.member, c.member) for c in rows if c.reason == LEARNING]
    if not leaders:
        return ""
    line = f"Credit to {', '.join(leaders)} for {LEADING}"
    if learners:
        joined = learners[0] if len(learners) == 1 else ", ".join(learners[:-1]) + " and " + learners[-1]
        line += f", and to {joined} for {LEARNING}"
    return line + "."
