"""Time during a replay, and the time a session went on while its engine was down."""

from __future__ import annotations

from datetime import datetime, timezone

from circle.domain.clock import Clock


class ReplayClock:
    """A clock standing at the time of the event being replayed."""

    def __init__(self) -> None:
        self.t = 0.0
        self.at = datetime(1970, 1, 1, tzinfo=timezone.utc)

    def set(self, t: float, at: str) -> None:
        self.t, self.at = t, datetime.fromisoformat(at)

    def monotonic(self) -> float:
        return self.t

    def now(self) -> datetime:
        return self.at


def seconds_since(at: str, clock: Clock) -> float:
    """Wall seconds from an event's time to now; 0 if the clock is behind it or not comparable.

    A monotonic clock does not survive a reboot, so the wall clock is all that
    tells how long the session went on without its engine.
    """
    try:
        return max(0.0, (clock.now() - datetime.fromisoformat(at)).total_seconds())
    except (TypeError, ValueError):  # naive against aware times, or a bad stamp
        return 0.0
