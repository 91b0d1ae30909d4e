"""What a session came to: phase lengths, turns, airtime, passes and prompts.

Built from an engine at any moment (usually at its end) and stored with the
session as ``to_dict()``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from circle.domain.session import events as ev
from circle.domain.session.credits import credits
if TYPE_CHECKING:
    from circle.domain.session.engine import SessionEngine


@dataclass(frozen=True)
class PhaseRecord:
    index: int
    kind: str
    title: str
    planned_seconds: float  # including minutes added or removed
    actual_seconds: float  # time it ran, pauses excluded


@dataclass(frozen=True)
class TurnRecord:
    """One member's time on the floor in one phase."""

    phase: int
    member: str
    seconds: float
    passed: bool  # passed at least once in this phase


@dataclass(frozen=True)
class SessionSummary:
    plan: str
    status: str
    started_at: str | None
    ended_at: str | None
    present: tuple[str, ...]
    order: tuple[str, ...]
    phases: tuple[PhaseRecord, ...]
    turns: tuple[TurnRecord, ...]
    airtime: dict[str, float]
    passes: dict[str, int]  # passes per member over the session
    prompts: tuple[tuple[str, str], ...]  # (id, text) in the order drawn
    not_spoken: tuple[str, ...]  # present members who never held the floor
    leader: str | None = None  # who led the plan's led phases
    credits: tuple[dict[str, str], ...] = ()  # {member, for}: credit to both

    def to_dict(self) -> dict[str, Any]:
        return {
            "plan": self.plan,
            "status": self.status,
            "started_at": self.started_at,
            "ended_at": self.ended_at,
            "present": list(self.present),
            "order": list(self.order),
            "phases": [
                {
                    "index": p.index,
                    "kind": p.kind,
                    "title": p.title,
                    "planned_seconds": p.planned_seconds,
                    "actual_seconds": p.actual_seconds,
                }
                for p in self.phases
            ],
            "turns": [
                {"phase": t.phase, "member": t.member, "seconds": t.seconds, "passed": t.passed}
                for t in self.turns
            ],
            "airtime": dict(self.airtime),
            "passes": dict(self.passes),
            "prompts": [{"id": pid, "text": text} for pid, text in self.prompts],
            "not_spoken": list(self.not_spoken),
            "leader": self.leader,
            "credits": [dict(c) for c in self.credits],
        }


def summarize(engine: "SessionEngine") -> SessionSummary:
    """The summary of an engine as it stands now."""
    phases, turns = [], []
    passes: dict[str, int] = {}
    roster = [m.id for m in engine.members]
    for index, phase in enumerate(engine.plan.phases):
        phases.append(
            PhaseRecord(
                index=index,
                kind=phase.kind,
                title=phase.title,
                planned_seconds=engine.planned_seconds(index),
                actual_seconds=engine.phase_seconds(index),
            )
        )
        seconds = engine.airtime.by_phase(index)
        passed = engine.passes_in(index)
        for member, count in passed.items():
            passes[member] = passes.get(member, 0) + count
        for member in roster:
            if seconds.get(member, 0.0) > 0 or member in passed:
                turns.append(TurnRecord(index, member, seconds.get(member, 0.0), member in passed))
    by_member = engine.airtime.by_member()
    airtime = {m: by_member[m] for m in roster if m in by_member}
    started = next((e.at for e in engine.events if e.type == ev.START), None)
    ended = next((e.at for e in engine.events if e.type == ev.END), None)
    return SessionSummary(
        plan=engine.plan.name,
        status=engine.status,
        started_at=started,
        ended_at=ended,
        present=engine.present,
        order=engine.order,
        phases=tuple(phases),
        turns=tuple(turns),
        airtime=airtime,
        passes={m: passes[m] for m in roster if m in passes},
        prompts=tuple((p.id, p.text) for p in engine.prompts),
        not_spoken=tuple(m for m in engine.present if airtime.get(m, 0.0) <= 0.0),
        leader=engine.leader,
        credits=tuple(c.to_dict() for c in credits(engine.leader, _attended(engine))),
    )


def _attended(engine: "SessionEngine") -> list[str]:
    """Everyone who was there at some point, in roster order."""
    came = {str(e.member) for e in engine.events if e.type == ev.CHECK_IN and e.data.get("present", True)}
    return [m.id for m in engine.members if m.id in came]
