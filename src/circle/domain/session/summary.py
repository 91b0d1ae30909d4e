"""What a session came to: phase lengths, turns, airtime, passes and prompts.

Built from an engine at any moment (usually at its end) and stored with the
session as ``to_dict()``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterable, Mapping

from circle.domain.session import events as ev
from circle.domain.session.events import Event
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
    gaps: tuple[dict[str, Any], ...] = ()  # time nobody drove: {from, to, seconds}, not counted
    drivers: tuple[dict[str, Any], ...] = ()  # each change of driver: {at, from, to, by, how}
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
            "gaps": [dict(g) for g in self.gaps],
            "drivers": [dict(d) for d in self.drivers],
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
        gaps=tuple(gaps(engine.events)),
        drivers=tuple(driver_changes(engine.events)),
        leader=engine.leader,
        credits=tuple(c.to_dict() for c in credits(engine.leader, _attended(engine))),
    )


def gaps(events: Iterable[Event]) -> list[dict[str, Any]]:
    """The times nobody drove the session, as its resumes recorded them."""
    return [
        {"from": e.data.get("from"), "to": e.data.get("to"), "seconds": float(e.data.get("seconds") or 0)}
        for e in events if e.type == ev.GAP
    ]


def driver_changes(events: Iterable[Event]) -> list[dict[str, Any]]:
    """Each change of who drove the session: a resume, a hand-off or a take-over."""
    return [
        {"at": e.at, "from": e.data.get("from"), "to": e.data.get("to"), "by": e.data.get("by"),
         "how": e.data.get("how")}
        for e in events if e.type == ev.DRIVER_CHANGED
    ]


HOW_WORDS = {  # how a driver came to drive (driver_changed events' "how")
    "resume": "resumed the session",
    "hand_off": "was handed the session",
    "take_over": "took the session over",
}


def facilitation_lines(drivers: Iterable[Mapping[str, Any]], gaps: Iterable[Mapping[str, Any]]) -> list[str]:
    """Who drove and the time nobody did, as plain lines (times of day as HH:MM)."""
    from circle.domain.durations import duration_text

    lines = []
    for change in drivers:
        at = str(change.get("at") or "")[11:16]
        how = HOW_WORDS.get(str(change.get("how")), "drove")
        lines.append(f"{at}: {change.get('to') or 'nobody'} {how} (from {change.get('from') or 'nobody'})")
    for gap in gaps:
        start, end = str(gap.get("from") or "")[11:16], str(gap.get("to") or "")[11:16]
        lines.append(f"{start} to {end}: nobody drove the session for "
                     f"{duration_text(float(gap.get('seconds') or 0))} (not counted in phase time or airtime)")
    return lines


def _attended(engine: "SessionEngine") -> list[str]:
    """Everyone who was there at some point, in roster order."""
    came = {str(e.member) for e in engine.events if e.type == ev.CHECK_IN and e.data.get("present", True)}
    return [m.id for m in engine.members if m.id in came]
