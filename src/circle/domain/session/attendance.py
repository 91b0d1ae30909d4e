"""Attendance as the log tells it: who was there from the start, who joined late, who left early."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Mapping, Sequence

from circle.domain.session import events as ev


@dataclass(frozen=True)
class Attendance:
    at_start: tuple[str, ...]  # checked in when the session started
    joined_late: tuple[str, ...]  # checked in after the start (in the order they came)
    left_early: tuple[str, ...]  # gone before the end, and not back since
    present_at_end: tuple[str, ...]
    joined_at: Mapping[str, str]  # joined late -> wall time (ISO 8601) they first came
    left_at: Mapping[str, str]  # left early -> wall time (ISO 8601) they last left

    def to_dict(self) -> dict[str, list[str]]:
        return {"at_start": list(self.at_start), "joined_late": list(self.joined_late),
                "left_early": list(self.left_early), "present_at_end": list(self.present_at_end)}


@dataclass(frozen=True)
class Attendee:
    """One member's attendance at one session.

    - ``member``: the member's id.
    - ``from_start``: checked in when the session started.
    - ``joined_at``: wall time (ISO 8601) the member checked in after the start; None when
      they were there from the start, or never came.
    - ``left_at``: wall time (ISO 8601) the member was checked out after the start and did
      not come back; None when they stayed to the end, or never came.

    Someone who joined late and left early has both times; an absent member neither.
    """

    member: str
    from_start: bool = False
    joined_at: str | None = None
    left_at: str | None = None

    @property
    def attended(self) -> bool:
        """There for any part of the session."""
        return self.from_start or self.joined_at is not None

    @property
    def words(self) -> str:
        """'present', 'joined late', 'left early', 'joined late, left early' or 'absent'."""
        if not self.attended:
            return "absent"
        parts = (["joined late"] if self.joined_at else []) + (["left early"] if self.left_at else [])
        return ", ".join(parts) or "present"

    def to_dict(self) -> dict[str, Any]:
        return {"member": self.member, "from_start": self.from_start,
                "joined_at": self.joined_at, "left_at": self.left_at}

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> "Attendee":
        def when(key: str) -> str | None:
            value = raw.get(key)
            return str(value) if value else None

        return cls(str(raw.get("member")), bool(raw.get("from_start")), when("joined_at"), when("left_at"))


def _raw(event: Any) -> Mapping[str, Any]:
    return event if isinstance(event, Mapping) else event.to_dict()


def attendance_of(events: Iterable[Any]) -> Attendance:
    """Read from a session's log (Events or their dicts)."""
    present: dict[str, None] = {}  # insertion-ordered set
    at_start: tuple[str, ...] = ()
    joined: dict[str, str] = {}
    left: dict[str, str] = {}
    started = False
    for event in map(_raw, events):
        kind, member = event.get("type"), event.get("member")
        if kind == ev.START:
            started = True
            at_start = tuple(present)
        elif kind == ev.CHECK_IN and member is not None:
            member, at = str(member), str(event.get("at") or "")
            if (event.get("data") or {}).get("present", True):
                present[member] = None
                if started:
                    left.pop(member, None)
                    if member not in at_start:
                        joined.setdefault(member, at)
            else:
                present.pop(member, None)
                if started:
                    left[member] = at
    return Attendance(at_start, tuple(joined), tuple(left), tuple(present), joined, left)


def attendees(events: Iterable[Any], roster: Sequence[str], expected: Iterable[str] = ()) -> tuple[Attendee, ...]:
    """Everyone who came, and each ``expected`` member who did not, in ``roster`` order
    (anyone in the log but not on the roster last)."""
    seen = attendance_of(events)
    came = list(seen.at_start) + [m for m in seen.joined_late if m not in seen.at_start]
    listed = set(came) | set(expected)
    order = [m for m in roster if m in listed] + [m for m in came if m not in roster]
    return tuple(
        Attendee(member, member in seen.at_start, seen.joined_at.get(member), seen.left_at.get(member))
        if member in came else Attendee(member)
        for member in order
    )


def time_of_day(at: str | None) -> str:
    """HH:MM of an ISO 8601 time, as the session showed it."""
    return str(at or "")[11:16]


def attendance_rows(attendance: Sequence[Attendee], names: Mapping[str, str]) -> list[tuple[str, list[str]]]:
    """(label, names) for Present (from the start), Joined late (at a time), Left early (at a
    time) and Absent, leaving out empty groups but Present; every view lists attendance so."""
    def name(a: Attendee) -> str:
        return names.get(a.member, a.member)

    rows = [
        ("Present", [name(a) for a in attendance if a.from_start]),
        ("Joined late", [f"{name(a)} at {time_of_day(a.joined_at)}" for a in attendance if a.joined_at]),
        ("Left early", [f"{name(a)} at {time_of_day(a.left_at)}" for a in attendance if a.left_at]),
        ("Absent", [name(a) for a in attendance if not a.attended]),
    ]
    return [(label, people) for label, people in rows if people or label == "Present"]


def present_count(attendance: Sequence[Attendee]) -> str:
    """'4 of 5': those there for any part of the session, of all the attendance lists."""
    return f"{sum(1 for a in attendance if a.attended)} of {len(attendance)}"
