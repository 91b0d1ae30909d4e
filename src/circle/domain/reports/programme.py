"""The programme's view: per circle, counts and rates only, for a mentoring coordinator.

    row = circle_figures("maths-mentors", session_records, goals, since)   # numbers only
    view = programme([row, ...], since)

A row holds no member name, no goal wording, no note: nothing anyone typed but the circle's
label, which the caller chooses (the store gives the circle's slug, which an admin sees in
any listing). No figure about fewer than three people is shown: such a figure is None, and
the row says why in ``withheld``.

- ``sessions``: sessions held (started) since the day; ``minutes_held`` and
  ``minutes_planned``: their phases' run time (pauses and gaps excluded) and plan.
- ``attendance_rate``: people present over people expected, over all sessions; withheld
  when fewer than three members were expected on average.
- ``voice_balance``: the mean of each session's voice balance (circle.domain.reports.measures)
  over the sessions where three or more attended; withheld when there is none.
- ``goals``: the goals open at some time since the day, by the state each is in now
  (active, achieved, reworked, dropped); withheld when fewer than three members own them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from circle.domain.goals.goal import Goal
from circle.domain.reports.measures import attendance_counts, mean, session_balance
from circle.domain.reports.year import goal_states, held_sessions, read_goals, term_goals

MIN_PEOPLE = 3  # no figure about fewer people than this is shown

WITHHELD = {
    "attendance_rate": "fewer than three members expected per session",
    "voice_balance": "no session with three or more present",
    "goals": "fewer than three members with goals",
}


@dataclass(frozen=True)
class CircleFigures:
    """One circle's line in the programme's view: counts and rates, never names or text."""

    label: str
    sessions: int
    minutes_held: float
    minutes_planned: float
    attendance_rate: float | None
    voice_balance: float | None
    goals: Mapping[str, int] | None  # GOAL_STATES -> how many; None when withheld
    withheld: tuple[str, ...] = ()  # names of the figures withheld (keys of WITHHELD)
    unread_sessions: int = 0  # session files that did not read: not counted

    def values(self) -> dict[str, Any]:
        """Every field as plain values, unrounded: what ``from_values`` reads back."""
        return {"label": self.label, "sessions": self.sessions, "minutes_held": self.minutes_held,
                "minutes_planned": self.minutes_planned, "attendance_rate": self.attendance_rate,
                "voice_balance": self.voice_balance, "goals": None if self.goals is None else dict(self.goals),
                "withheld": list(self.withheld), "unread_sessions": self.unread_sessions}

    @classmethod
    def from_values(cls, raw: Mapping[str, Any]) -> "CircleFigures":
        goals = raw.get("goals")
        return cls(
            label=str(raw["label"]), sessions=int(raw["sessions"]), minutes_held=float(raw["minutes_held"]),
            minutes_planned=float(raw["minutes_planned"]),
            attendance_rate=None if raw.get("attendance_rate") is None else float(raw["attendance_rate"]),
            voice_balance=None if raw.get("voice_balance") is None else float(raw["voice_balance"]),
            goals=None if goals is None else {str(k): int(v) for k, v in goals.items()},
            withheld=tuple(str(w) for w in raw.get("withheld") or () if w in WITHHELD),
            unread_sessions=int(raw.get("unread_sessions") or 0),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "circle": self.label,
            "sessions": self.sessions,
            "minutes_held": round(self.minutes_held, 1),
            "minutes_planned": round(self.minutes_planned, 1),
            "attendance_rate": None if self.attendance_rate is None else round(self.attendance_rate, 3),
            "voice_balance": None if self.voice_balance is None else round(self.voice_balance, 3),
            "goals": None if self.goals is None else dict(self.goals),
            "withheld": {name: WITHHELD[name] for name in self.withheld},
            "unread_sessions": self.unread_sessions,
        }


def circle_figures(
    label: str,
    session_records: Sequence[Mapping[str, Any]],
    goals: Iterable[Goal | Mapping[str, Any]],
    since: date | None = None,
    unread_sessions: int = 0,
) -> CircleFigures:
    """One circle's figures from its session records (oldest first) and its goals."""
    sessions = held_sessions(session_records, since)
    attendance = [attendance_counts(s.summary) for s in sessions]
    invited = sum(a.invited for a in attendance)
    present = sum(a.present for a in attendance)
    balances = [session_balance(s.summary) for s in sessions if len(s.summary.attended) >= MIN_PEOPLE]
    in_term = term_goals(read_goals(goals), since)
    withheld = []
    rate: float | None = present / invited if invited else None
    if sessions and invited < MIN_PEOPLE * len(sessions):
        rate = None
        withheld.append("attendance_rate")
    balance = mean(balances)
    if sessions and balance is None:
        withheld.append("voice_balance")
    states: dict[str, int] | None = goal_states(in_term)
    if len({g.member for g in in_term}) < MIN_PEOPLE:
        states = None
        withheld.append("goals")
    return CircleFigures(
        label=label,
        sessions=len(sessions),
        minutes_held=sum(p.actual_seconds for s in sessions for p in s.summary.phases) / 60,
        minutes_planned=sum(p.planned_seconds for s in sessions for p in s.summary.phases) / 60,
        attendance_rate=rate,
        voice_balance=balance,
        goals=states,
        withheld=tuple(withheld),
        unread_sessions=unread_sessions,
    )


@dataclass(frozen=True)
class ProgrammeView:
    since: date | None
    circles: tuple[CircleFigures, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "since": self.since.isoformat() if self.since else None,
            "circles": [c.to_dict() for c in self.circles],
        }


def programme(circles: Iterable[CircleFigures], since: date | None = None) -> ProgrammeView:
    """The view over the circles given, in the order given."""
    return ProgrammeView(since, tuple(circles))
