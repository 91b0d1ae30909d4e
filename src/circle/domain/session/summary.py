"""The one record of a session: what it came to, figure by figure.

``summarize(engine)`` builds it from the engine that ran (or replayed) the session's
log; it is saved with the session as ``to_dict()`` when the session ends and read back
with ``SessionSummary.from_dict``. The end summary, the history, the Markdown and the
JSON exports all show this object's figures and compute none of their own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Iterable, Mapping, Sequence

from circle.domain.session import events as ev
from circle.domain.session.attendance import Attendee, attendees
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
    actual_seconds: float  # time it ran, pauses and gaps excluded

    @property
    def over_seconds(self) -> float:
        """Actual against plan: positive when the phase ran over, negative when it was short."""
        return self.actual_seconds - self.planned_seconds


@dataclass(frozen=True)
class TurnRecord:
    """One member's time on the floor in one phase."""

    phase: int
    member: str
    seconds: float
    passed: bool  # passed at least once in this phase


def shares_of(airtime: Mapping[str, float]) -> dict[str, float]:
    """Each member's fraction of the session's total airtime (all 0.0 when nobody spoke)."""
    total = sum(airtime.values())
    return {member: (seconds / total if total > 0 else 0.0) for member, seconds in airtime.items()}


def share_text(share: float) -> str:
    """A share as every view writes it: a whole percent, e.g. '21%'."""
    return f"{round(share * 100)}%"


@dataclass(frozen=True)
class SessionSummary:
    """A session's figures. Member ids throughout; times of day are ISO 8601 wall times.

    - ``plan``, ``status``: the plan's name; "checkin", "running", "paused" or "ended".
    - ``started_at``, ``ended_at``: when it started and ended (None: not yet).
    - ``attendance``: one Attendee per member who came (from the start, or joined late
      at a time; perhaps left early at a time) and per active member who did not (absent),
      in roster order. ``attended`` and ``invited`` count them.
    - ``present``: checked in when the figures were taken (at the end: leavers not included).
    - ``order``: the round order.
    - ``phases``: each phase's planned seconds (with minutes added or removed) and the
      seconds it ran, pauses and gaps excluded.
    - ``turns``: seconds per member and phase, and whether they passed in it.
    - ``airtime``: seconds each member who attended held the floor over the session (0.0
      for those who never spoke; leavers and late arrivals included).
    - ``shares``: each of those members' fraction of ``total_airtime`` (0.0 to 1.0);
      ``share_text`` writes one as a whole percent.
    - ``passes``: passes per member; ``not_spoken``: members who attended and never held the floor.
    - ``prompts``: (id, text) of each prompt drawn, in order.
    - ``gaps``: each time nobody drove the session, ``{from, to, seconds}``; not counted in
      any phase or anyone's airtime.
    - ``drivers``: each change of driver, ``{at, from, to, by, how}`` (how: resume, hand_off, take_over).
    - ``leader``, ``credits``: who led the plan's led phases, and the credit to both ``{member, for}``.

    A report over many sessions reads each stored session with
    ``circle.domain.reports.circle_history.session_summary(record)``, which also reads
    summaries saved before attendance and shares were kept.
    """

    plan: str
    status: str
    started_at: str | None
    ended_at: str | None
    present: tuple[str, ...]
    order: tuple[str, ...]
    phases: tuple[PhaseRecord, ...]
    turns: tuple[TurnRecord, ...]
    airtime: dict[str, float]
    passes: dict[str, int]
    prompts: tuple[tuple[str, str], ...]
    not_spoken: tuple[str, ...]
    gaps: tuple[dict[str, Any], ...] = ()
    drivers: tuple[dict[str, Any], ...] = ()
    leader: str | None = None
    credits: tuple[dict[str, str], ...] = ()
    attendance: tuple[Attendee, ...] = ()
    shares: dict[str, float] = field(default_factory=dict)

    @property
    def attended(self) -> tuple[str, ...]:
        """Everyone there for any part of the session, in roster order."""
        return tuple(a.member for a in self.attendance if a.attended)

    @property
    def invited(self) -> int:
        """How many members the attendance lists: those who came and those absent."""
        return len(self.attendance)

    @property
    def total_airtime(self) -> float:
        """Seconds anyone held the floor, over the whole session."""
        return sum(self.airtime.values())

    def attendee(self, member: str) -> Attendee | None:
        return next((a for a in self.attendance if a.member == member), None)

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
            "shares": dict(self.shares),
            "passes": dict(self.passes),
            "prompts": [{"id": pid, "text": text} for pid, text in self.prompts],
            "not_spoken": list(self.not_spoken),
            "attendance": [a.to_dict() for a in self.attendance],
            "gaps": [dict(g) for g in self.gaps],
            "drivers": [dict(d) for d in self.drivers],
            "leader": self.leader,
            "credits": [dict(c) for c in self.credits],
        }

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any], attendance: Sequence[Attendee] = ()) -> "SessionSummary":
        """Read a saved ``to_dict()`` back; no figure is worked out again. ``attendance`` stands
        in for a summary saved without one. Damaged values read as empty, never raise."""
        from circle.domain.session.summary_reading import read_summary

        return read_summary(cls, raw, attendance)


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
    attendance = attendees(engine.events, roster, [m.id for m in engine.members if m.active])
    came = [a.member for a in attendance if a.attended]
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
        not_spoken=tuple(m for m in came if airtime.get(m, 0.0) <= 0.0),
        gaps=tuple(gaps(engine.events)),
        drivers=tuple(driver_changes(engine.events)),
        leader=engine.leader,
        credits=tuple(c.to_dict() for c in credits(engine.leader, came)),
        attendance=attendance,
        shares=shares_of(airtime),
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
