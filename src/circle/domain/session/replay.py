"""Time during a replay, and the time a session went on while its engine was down."""

from __future__ import annotations

from datetime import datetime, timezone

from circle.domain.clock import Clock


class ReplayClock:
    """A clock standing at the time of the event being replayed.

    After the last event a follower lets it run on (``run_on``): the engine's time is
    then that event's ``t`` plus the wall time since its ``at``, so every follower
    shows the room's seconds, whenever it started following.
    """

    def __init__(self) -> None:
        self.t = 0.0
        self.at = datetime(1970, 1, 1, tzinfo=timezone.utc)
        self._wall: Clock | None = None
        self._limit: float | None = None

    def set(self, t: float, at: str) -> None:
        self.t, self.at = t, datetime.fromisoformat(at)
        self._wall = None  # replaying: time stands at the event

    def run_on(self, wall: Clock, limit: float | None = None) -> None:
        """Go on from the last event by wall time, for at most ``limit`` seconds (None: no limit)."""
        self._wall, self._limit = wall, limit

    def monotonic(self) -> float:
        if self._wall is None:
            return self.t
        since = seconds_since(self.at.isoformat(), self._wall)
        return self.t + (since if self._limit is None else min(since, max(0.0, self._limit)))

    def now(self) -> datetime:
        return self._wall.now() if self._wall is not None else self.at


def seconds_since(at: str, clock: Clock) -> float:
    """Wall seconds from an event's time to now; 0 if the clock is behind it or not comparable.

    A monotonic clock does not survive a reboot, so the wall clock is all that
    tells how long the session went on without its engine.
    """
    try:
        return max(0.0, (clock.now() - datetime.fromisoformat(at)).total_seconds())
    except (TypeError, ValueError):  # naive against aware times, or a bad stamp
        return 0.0


def seconds_between(start: str, end: str) -> float:
    """Wall seconds from one ISO time to a later one; 0 if not comparable or not later."""
    try:
        return max(0.0, (datetime.fromisoformat(end) - datetime.fromisoformat(start)).total_seconds())
    except (TypeError, ValueError):
        return 0.0
