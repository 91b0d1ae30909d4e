"""Airtime: the seconds each member held the floor, per phase; the fairness record.

A member holds the floor while they are the speaker and the speaker timer runs,
so pauses do not count. The engine opens and closes the one live stretch; this
module adds the stretches up.
"""

from __future__ import annotations

from typing import Callable


class Airtime:
    """Seconds per member and phase, read at the time ``now()`` gives."""

    def __init__(self, now: Callable[[], float]) -> None:
        self._now = now
        self._closed: dict[tuple[str, int], float] = {}
        self._members: list[str] = []  # everyone who attended, in the order they came
        self._live: tuple[str, int, float] | None = None  # member, phase, since

    def include(self, member_id: str) -> None:
        """Count a member in by_member() even before they speak."""
        if member_id not in self._members:
            self._members.append(member_id)

    def hold(self, member_id: str | None, phase_index: int, now: float) -> None:
        """Who holds the floor from now on (None: nobody, or the timer is stopped)."""
        if self._live is not None:
            if member_id is not None and self._live[:2] == (member_id, phase_index):
                return
            live_member, live_phase, since = self._live
            key = (live_member, live_phase)
            self._closed[key] = self._closed.get(key, 0.0) + max(0.0, now - since)
            self._live = None
        if member_id is not None:
            self.include(member_id)
            self._live = (member_id, phase_index, now)

    def seconds(self, member_id: str, phase_index: int | None = None) -> float:
        """Seconds the member held the floor in one phase, or in the whole session."""
        total = sum(
            secs
            for (member, phase), secs in self._closed.items()
            if member == member_id and (phase_index is None or phase == phase_index)
        )
        if self._live is not None:
            member, phase, since = self._live
            if member == member_id and (phase_index is None or phase == phase_index):
                total += max(0.0, self._now() - since)
        return total

    def by_member(self) -> dict[str, float]:
        """Session seconds per member who attended (0.0 for those who never spoke)."""
        return {member: self.seconds(member) for member in self._members}

    def by_phase(self, phase_index: int) -> dict[str, float]:
        """Seconds per member in one phase, for members who held the floor in it."""
        members = {m for (m, p) in self._closed if p == phase_index}
        if self._live is not None and self._live[1] == phase_index:
            members.add(self._live[0])
        return {m: self.seconds(m, phase_index) for m in self._members if m in members}

    def total(self) -> float:
        return sum(self.by_member().values())
