"""A circle's history: what past sessions looked like, and who got the airtime.

Reads the session records the store keeps, each with its saved summary (the session's
one record, circle.domain.session.summary), and sets each member's share of the
speaking time in each of the last sessions against an even share among those who
attended, so a facilitator can see who is always short or always long.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from circle.domain.session.attendance import Attendee
from circle.domain.session.summary import SessionSummary

# Average share against an even split beyond which a member stands out.
SHORT_BELOW = 0.6
LONG_ABOVE = 1.6


@dataclass(frozen=True)
class SessionOverview:
    """One line of a circle's history."""

    id: str
    started: datetime | None
    plan: str
    present: tuple[str, ...]
    invited: int
    seconds: float | None  # how long it ran; None when unknown
    ended: bool


@dataclass(frozen=True)
class SessionAirtime:
    id: str
    started: datetime | None
    present: tuple[str, ...]  # everyone who attended any part
    seconds: Mapping[str, float]  # member id -> seconds spoken
    shares: Mapping[str, float]  # member id -> fraction of the session's airtime, as its record holds it

    @property
    def total(self) -> float:
        return sum(self.seconds.values())

    def share(self, member_id: str) -> float | None:
        """Fraction of the session's speaking time, or None when absent or nobody spoke."""
        if member_id not in self.present or self.total <= 0:
            return None
        return self.shares.get(member_id, 0.0)

    def fairness(self, member_id: str) -> float | None:
        """Share against an even split among those present: 1.0 is exactly even."""
        share = self.share(member_id)
        return None if share is None else share * len(self.present)


@dataclass(frozen=True)
class AirtimeHistory:
    sessions: tuple[SessionAirtime, ...]  # oldest first

    def shares(self, member_id: str) -> list[float | None]:
        return [session.share(member_id) for session in self.sessions]

    def average_fairness(self, member_id: str) -> float | None:
        values = [v for v in (s.fairness(member_id) for s in self.sessions) if v is not None]
        return sum(values) / len(values) if values else None

    def tendency(self, member_id: str) -> str:
        """'short', 'long' or 'even' over these sessions ('' when never present)."""
        average = self.average_fairness(member_id)
        if average is None:
            return ""
        if average < SHORT_BELOW:
            return "short"
        if average > LONG_ABOVE:
            return "long"
        return "even"


def _when(value: Any) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(str(value))
    except ValueError:
        return None


def _summary(record: Mapping[str, Any]) -> Mapping[str, Any]:
    summary = record.get("summary")
    return summary if isinstance(summary, Mapping) else {}


def session_seconds(record: Mapping[str, Any]) -> dict[str, float]:
    """Seconds spoken per member id, from the summary's airtime (or its turns)."""
    summary = _summary(record)
    airtime = summary.get("airtime")
    result: dict[str, float] = {}
    if isinstance(airtime, Mapping):
        items: Iterable[tuple[Any, Any]] = airtime.items()
    elif isinstance(airtime, list):
        items = ((row.get("member"), row.get("seconds")) for row in airtime if isinstance(row, Mapping))
    else:
        items = ((t.get("member"), t.get("seconds")) for t in summary.get("turns") or () if isinstance(t, Mapping))
    for member, seconds in items:
        if member is None or not isinstance(seconds, (int, float)) or isinstance(seconds, bool):
            continue
        result[str(member)] = result.get(str(member), 0.0) + max(0.0, float(seconds))
    return result


def present_members(record: Mapping[str, Any]) -> tuple[str, ...]:
    """Who attended any part: from the summary's attendance, else (a summary saved before
    attendance was) from the record's, whoever spoke or was listed as not speaking."""
    summary = session_summary(record)
    if summary is not None:
        return summary.attended
    return tuple(a.member for a in _older_attendance(record) if a.attended)


def _older_attendance(record: Mapping[str, Any]) -> tuple[Attendee, ...]:
    """Attendance of a record whose summary does not hold its own (times not known)."""
    listed: dict[str, bool] = {}  # the check-in's attendance, when the record kept it
    attendance = record.get("attendance")
    if isinstance(attendance, list):
        listed = {str(r["member"]): bool(r.get("present")) for r in attendance
                  if isinstance(r, Mapping) and r.get("member") is not None}
    elif isinstance(attendance, Mapping):
        listed = {str(m): bool(here) for m, here in attendance.items()}
    came = dict.fromkeys(m for m, here in listed.items() if here)
    came.update(dict.fromkeys(str(m) for m in _summary(record).get("present") or () if m is not None))
    came.update(dict.fromkeys(session_seconds(record)))  # whoever spoke was there
    came.update(dict.fromkeys(str(m) for m in _summary(record).get("not_spoken") or () if m is not None))
    order = list(listed) + [m for m in came if m not in listed]
    return tuple(Attendee(m, from_start=m in came) for m in order)


def session_summary(record: Mapping[str, Any]) -> SessionSummary | None:
    """The record's saved summary as the session's one record; None when it has none."""
    raw = _summary(record)
    if not raw:
        return None
    if "shares" not in raw:  # saved before shares were: airtime may be a list, or only turns
        raw = {**raw, "airtime": session_seconds(record)}
    return SessionSummary.from_dict(raw, () if "attendance" in raw else _older_attendance(record))


def _length(record: Mapping[str, Any]) -> float | None:
    phases = _summary(record).get("phases")
    if isinstance(phases, list) and phases:
        total = sum(
            float(p.get("actual_seconds") or 0) for p in phases if isinstance(p, Mapping)
        )
        return total
    started, ended = _when(record.get("started")), _when(record.get("ended"))
    if started and ended:
        return max(0.0, (ended - started).total_seconds())
    return None


def overview(record: Mapping[str, Any]) -> SessionOverview:
    summary = session_summary(record)
    attendance = summary.attendance if summary is not None else _older_attendance(record)
    return SessionOverview(
        id=str(record.get("id", "")),
        started=_when(record.get("started")),
        plan=str(record.get("plan") or ""),
        present=tuple(a.member for a in attendance if a.attended),
        invited=len(attendance),
        seconds=_length(record),
        ended=bool(record.get("ended")),
    )


def airtime_history(records: Sequence[Mapping[str, Any]], last: int = 8) -> AirtimeHistory:
    """Airtime of the last sessions that have a summary (records oldest first)."""
    chosen = [r for r in records if _summary(r)][-last:] if last > 0 else []
    with_summary = [(r, s) for r in chosen if (s := session_summary(r)) is not None]
    return AirtimeHistory(tuple(
        SessionAirtime(id=str(r.get("id", "")), started=_when(r.get("started")),
                       present=s.attended, seconds=s.airtime, shares=s.shares)
        for r, s in with_summary
    ))
