"""Attendance as the log tells it: who was there from the start, who joined late, who left early."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Mapping

from circle.domain.session import events as ev


@dataclass(frozen=True)
class Attendance:
    at_start: tuple[str, ...]  # checked in when the session started
    joined_late: tuple[str, ...]  # checked in after the start (in the order they came)
    left_early: tuple[str, ...]  # gone before the end, and not back since
    present_at_end: tuple[str, ...]

    def to_dict(self) -> dict[str, list[str]]:
        return {"at_start": list(self.at_start), "joined_late": list(self.joined_late),
                "left_early": list(self.left_early), "present_at_end": list(self.present_at_end)}


def _raw(event: Any) -> Mapping[str, Any]:
    return event if isinstance(event, Mapping) else event.to_dict()


def attendance_of(events: Iterable[Any]) -> Attendance:
    """Read from a session's log (Events or their dicts)."""
    present: dict[str, None] = {}  # insertion-ordered set
    at_start: tuple[str, ...] = ()
    joined: dict[str, None] = {}
    left: dict[str, None] = {}
    started = False
    for event in map(_raw, events):
        kind, member = event.get("type"), event.get("member")
        if kind == ev.START:
            started = True
            at_start = tuple(present)
        elif kind == ev.CHECK_IN and member is not None:
            member = str(member)
            if (event.get("data") or {}).get("present", True):
                present[member] = None
                if started:
                    left.pop(member, None)
                    if member not in at_start:
                        joined[member] = None
            else:
                present.pop(member, None)
                if started:
                    left[member] = None
    return Attendance(at_start, tuple(joined), tuple(left), tuple(present))
