"""A circle's year: every session's figures in a row, the term's trends, each member's goals.

    year = circle_year(circle_record, members, session_records, goals, since=date(2026, 9, 1))
    year.sessions          # SessionRow per session held since then, oldest first
    year.trends            # Trend per figure: one value per session, the term's halves compared
    year.members           # MemberGoals per member: their own goal changes and progress

Everything comes from the one record of each session (``SessionSummary``, read from the
stored record with ``circle_history.session_summary``) and from the goals' own histories;
nothing is worked out from the event logs or from what a screen shows.

- ``session_records``: the circle's stored session records, oldest first, as
  ``Repository.session_records`` gives them (each with its ``id``, ``started`` and saved
  ``summary``). A record without a summary, or one that never started, was not held.
- ``members``: the circle's members (``circle.domain.circles.members.Member``), removed ones
  included so their past goals keep a name.
- ``goals``: the circle's goals (``Goal`` or their stored dicts); a goal that does not read is
  left out.
- ``since``: the first day counted (None: everything).

Goal changes per session: a goal *set* (created; the new wording of a reworked goal is not a
new goal), *achieved*, *reworked* or *dropped*. A change made in a session (its history entry
names the session) counts for that session; a change made between sessions counts for the
last session held on or before its day; one made before the first session counted is in the
term's totals only.

Voice balance and attendance are defined in ``circle.domain.reports.measures``. The
programme's view of many circles, counts only, is ``circle.domain.reports.programme``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from circle.domain.circles.members import Member
from circle.domain.goals.goal import Goal, GoalError, shown_percent
from circle.domain.reports.circle_history import session_summary
from circle.domain.reports.measures import AttendanceCounts, attendance_counts, mean, session_balance
from circle.domain.session.summary import PhaseRecord, SessionSummary

TRANSITIONS = ("set", "achieved", "reworked", "dropped")
GOAL_STATES = ("active", "achieved", "reworked", "dropped")
_ENTRY_KIND = {"created": "set", "achieved": "achieved", "reworked": "reworked", "dropped": "dropped"}


def day_of(stamp: Any) -> date | None:
    """The day of an ISO 8601 wall time (or date); None when it does not read."""
    if not stamp:
        return None
    try:
        return datetime.fromisoformat(str(stamp)).date()
    except ValueError:
        try:
            return date.fromisoformat(str(stamp)[:10])
        except ValueError:
            return None


@dataclass(frozen=True)
class GoalChange:
    """One transition of one goal, from its history."""

    goal: str  # the goal's id
    member: str  # its owner's member id
    kind: str  # one of TRANSITIONS
    day: date | None
    session: str | None  # the session it was made in, when its history names one


def goal_changes(goals: Iterable[Goal]) -> list[GoalChange]:
    """Every set/achieved/reworked/dropped in the goals' histories, in history order."""
    changes = []
    for goal in goals:
        rewording = goal.reworked_from is not None or any(e.get("type") == "reworked_from" for e in goal.history)
        for entry in goal.history:
            kind = _ENTRY_KIND.get(str(entry.get("type")))
            if kind is None or (kind == "set" and rewording):
                continue
            session = entry.get("session")
            changes.append(GoalChange(goal.id, goal.member, kind, day_of(entry.get("at")),
                                      str(session) if session else None))
    return changes


def read_goals(goals: Iterable[Goal | Mapping[str, Any]]) -> list[Goal]:
    """Goals as Goal values; a stored goal that does not read is left out of the figures."""
    read = []
    for goal in goals:
        if isinstance(goal, Goal):
            read.append(goal)
            continue
        try:
            read.append(Goal.from_dict(dict(goal)))
        except (GoalError, KeyError, TypeError, ValueError):
            continue
    return read


@dataclass(frozen=True)
class HeldSession:
    """A stored session that was held: its id, day and one record."""

    id: str
    day: date | None
    summary: SessionSummary


def held_sessions(records: Sequence[Mapping[str, Any]], since: date | None = None) -> list[HeldSession]:
    """The records (oldest first) of sessions that started, on or after ``since``."""
    held = []
    for record in records:
        summary = session_summary(record)
        if summary is None or summary.started_at is None:
            continue
        day = day_of(summary.started_at) or day_of(record.get("started"))
        if since is not None and (day is None or day < since):
            continue
        held.append(HeldSession(str(record.get("id", "")), day, summary))
    return held


def counted_changes(changes: Iterable[GoalChange], since: date | None) -> list[GoalChange]:
    return [c for c in changes if since is None or (c.day is not None and c.day >= since)]


def attribute(changes: Iterable[GoalChange], sessions: Sequence[HeldSession]) -> dict[str, list[GoalChange]]:
    """Each change under the session it counts for (see the module's docstring); changes
    counted for no session are under ""."""
    ids = {s.id for s in sessions}
    by_session: dict[str, list[GoalChange]] = {s.id: [] for s in sessions}
    by_session[""] = []
    for change in changes:
        if change.session in ids:
            by_session[str(change.session)].append(change)
            continue
        before = [s for s in sessions if s.day is not None and change.day is not None and s.day <= change.day]
        by_session[before[-1].id if before else ""].append(change)
    return by_session


def transition_counts(changes: Iterable[GoalChange]) -> dict[str, int]:
    counts = dict.fromkeys(TRANSITIONS, 0)
    for change in changes:
        counts[change.kind] += 1
    return counts


@dataclass(frozen=True)
class PhaseTime:
    """One phase of one session: its plan (minutes added or removed included) and its run."""

    kind: str
    title: str
    planned_seconds: float
    actual_seconds: float

    @property
    def over_seconds(self) -> float:
        return self.actual_seconds - self.planned_seconds


@dataclass(frozen=True)
class SessionRow:
    """One session's figures."""

    id: str
    day: date | None
    plan: str
    attendance: AttendanceCounts
    voice_balance: float | None  # None: fewer than two attended, or nobody spoke
    phases: tuple[PhaseTime, ...]
    goals: Mapping[str, int]  # TRANSITIONS -> how many

    @property
    def planned_seconds(self) -> float:
        return sum(p.planned_seconds for p in self.phases)

    @property
    def actual_seconds(self) -> float:
        return sum(p.actual_seconds for p in self.phases)

    @property
    def over_seconds(self) -> float:
        """Time held against plan: positive when the session ran over."""
        return self.actual_seconds - self.planned_seconds


def _phase(record: PhaseRecord) -> PhaseTime:
    return PhaseTime(record.kind, record.title, record.planned_seconds, record.actual_seconds)


def session_row(session: HeldSession, changes: Iterable[GoalChange] = ()) -> SessionRow:
    return SessionRow(
        id=session.id,
        day=session.day,
        plan=session.summary.plan,
        attendance=attendance_counts(session.summary),
        voice_balance=session_balance(session.summary),
        phases=tuple(_phase(p) for p in session.summary.phases),
        goals=transition_counts(changes),
    )


@dataclass(frozen=True)
class Trend:
    """One figure over the term: a value per session (None where it has none) and the mean of
    the first half of the sessions against that of the second (the middle one, in an odd
    count, goes to the second half)."""

    name: str
    values: tuple[float | None, ...]

    @property
    def first_half(self) -> float | None:
        return mean(self.values[: len(self.values) // 2])

    @property
    def second_half(self) -> float | None:
        return mean(self.values[len(self.values) // 2:])

    @property
    def change(self) -> float | None:
        """Second half less first; None when either half has no value."""
        first, second = self.first_half, self.second_half
        return None if first is None or second is None else second - first


TREND_NAMES = {  # name -> what it is, as reports write it
    "present": "members present",
    "attendance_rate": "attendance rate",
    "voice_balance": "voice balance",
    "minutes_over_plan": "minutes over plan",
    "goals_set": "goals set",
    "goals_achieved": "goals achieved",
}


def trends(rows: Sequence[SessionRow]) -> tuple[Trend, ...]:
    series: dict[str, list[float | None]] = {
        "present": [float(r.attendance.present) for r in rows],
        "attendance_rate": [r.attendance.rate for r in rows],
        "voice_balance": [r.voice_balance for r in rows],
        "minutes_over_plan": [r.over_seconds / 60 for r in rows],
        "goals_set": [float(r.goals["set"]) for r in rows],
        "goals_achieved": [float(r.goals["achieved"]) for r in rows],
    }
    return tuple(Trend(name, tuple(values)) for name, values in series.items())


@dataclass(frozen=True)
class PhaseOverTerm:
    """One kind of phase over the sessions that had it: mean minutes planned and held."""

    kind: str
    title: str  # the title it had in the first session counted
    sessions: int
    planned_minutes: float
    held_minutes: float


def phases_over_term(rows: Sequence[SessionRow]) -> tuple[PhaseOverTerm, ...]:
    """Each kind of phase, in the order first met, with its mean time planned and held."""
    seen: dict[str, list[PhaseTime]] = {}
    for row in rows:
        for phase in row.phases:
            seen.setdefault(phase.kind, []).append(phase)
    return tuple(
        PhaseOverTerm(kind, phases[0].title, len(phases), sum(p.planned_seconds for p in phases) / len(phases) / 60,
                      sum(p.actual_seconds for p in phases) / len(phases) / 60)
        for kind, phases in seen.items()
    )


@dataclass(frozen=True)
class MemberGoals:
    """One member's own goals over the term: the changes counted, and where their goals stand."""

    member: str  # member id
    name: str
    active: bool  # still on the roster
    attended: int  # sessions counted that they came to (any part)
    changes: Mapping[str, int]  # TRANSITIONS -> how many, in the term
    states: Mapping[str, int]  # GOAL_STATES -> how many of their goals stand so now
    progress: tuple[int | None, ...]  # each active goal's latest percentage (None: none logged)

    @property
    def mean_progress(self) -> float | None:
        return mean([float(p) for p in self.progress if p is not None])


def goal_states(goals: Iterable[Goal]) -> dict[str, int]:
    counts = dict.fromkeys(GOAL_STATES, 0)
    for goal in goals:
        counts[goal.status] = counts.get(goal.status, 0) + 1
    return counts


def term_goals(goals: Iterable[Goal], since: date | None) -> list[Goal]:
    """The goals that were open at some time in the term: still active, or set or closed since."""
    if since is None:
        return list(goals)
    kept = []
    for goal in goals:
        last = max((d for d in (day_of(e.get("at")) for e in goal.history) if d is not None), default=None)
        if goal.active or (last is not None and last >= since) or (day_of(goal.created) or date.min) >= since:
            kept.append(goal)
    return kept


@dataclass(frozen=True)
class CircleYear:
    """A circle's sessions since a day, its trends and its members' own goals (see the module)."""

    circle: str  # the circle's name
    since: date | None
    sessions: tuple[SessionRow, ...]
    trends: tuple[Trend, ...]
    members: tuple[MemberGoals, ...]
    goals: Mapping[str, int] = field(default_factory=dict)  # TRANSITIONS in the term, all sessions and between
    unattributed: Mapping[str, int] = field(default_factory=dict)  # changes before the first session counted

    def trend(self, name: str) -> Trend:
        return next(t for t in self.trends if t.name == name)

    def to_dict(self) -> dict[str, Any]:
        """Every figure as plain values (days as ISO dates; unknown values as None)."""
        return {
            "circle": self.circle,
            "since": self.since.isoformat() if self.since else None,
            "sessions": [_row_dict(r) for r in self.sessions],
            "trends": {t.name: {"values": [_round(v) for v in t.values], "first_half": _round(t.first_half),
                                "second_half": _round(t.second_half)} for t in self.trends},
            "phases": [{"kind": p.kind, "title": p.title, "sessions": p.sessions,
                        "minutes_planned": round(p.planned_minutes, 1), "minutes_held": round(p.held_minutes, 1)}
                       for p in phases_over_term(self.sessions)],
            "goals": dict(self.goals),
            "goals_before_first_session": dict(self.unattributed),
            "members": [
                {"member": m.member, "name": m.name, "active": m.active, "attended": m.attended,
                 "changes": dict(m.changes), "states": dict(m.states), "progress": list(m.progress)}
                for m in self.members
            ],
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def _row_dict(row: SessionRow) -> dict[str, Any]:
    counts = row.attendance
    return {
        "id": row.id,
        "date": row.day.isoformat() if row.day else None,
        "plan": row.plan,
        "attendance": {"present": counts.present, "late": counts.late, "left_early": counts.left_early,
                       "absent": counts.absent, "rate": _round(counts.rate)},
        "voice_balance": _round(row.voice_balance),
        "minutes_planned": round(row.planned_seconds / 60, 1),
        "minutes_held": round(row.actual_seconds / 60, 1),
        "phases": [{"kind": p.kind, "title": p.title, "minutes_planned": round(p.planned_seconds / 60, 1),
                    "minutes_held": round(p.actual_seconds / 60, 1)} for p in row.phases],
        "goals": dict(row.goals),
    }


def circle_year(
    circle_record: Mapping[str, Any],
    members: Iterable[Member],
    session_records: Sequence[Mapping[str, Any]],
    goals: Iterable[Goal | Mapping[str, Any]],
    since: date | None = None,
) -> CircleYear:
    """The circle's year (see the module's docstring for what each argument is)."""
    sessions = held_sessions(session_records, since)
    all_goals = read_goals(goals)
    changes = counted_changes(goal_changes(all_goals), since)
    by_session = attribute(changes, sessions)
    rows = tuple(session_row(s, by_session[s.id]) for s in sessions)
    roster = list(members)
    owners = {g.member for g in all_goals}
    shown = [m for m in roster if m.active or m.id in owners]
    in_term = term_goals(all_goals, since)
    return CircleYear(
        circle=str(circle_record.get("name", "")),
        since=since,
        sessions=rows,
        trends=trends(rows),
        members=tuple(
            MemberGoals(
                member=m.id,
                name=m.name,
                active=m.active,
                attended=sum(1 for s in sessions if m.id in s.summary.attended),
                changes=transition_counts(c for c in changes if c.member == m.id),
                states=goal_states(g for g in in_term if g.member == m.id),
                progress=tuple(shown_percent(g.status, g.progress) for g in in_term
                               if g.member == m.id and g.active),
            )
            for m in shown
        ),
        goals=transition_counts(changes),
        unattributed=transition_counts(by_session[""]),
    )
