"""Time during a replay, and the time a session went on while its engine was down."""

from __future__ import annotations

from datetime import datetime, timezone

from circle.domain.clock import Clock


READ_LAG = 1.0  # seconds: how far behind the driver a follower may read its latest figure


class ReplayClock:
    """A clock standing at the time of the event being replayed.

    After the last event a follower lets it run on (``run_on``) from the driver's latest
    figure (the session time the driver logged last, with an event or as it said it was
    alive) by the seconds the follower's own monotonic clock counts since that figure
    held. No wall clock enters: a wall clock set forward or back, on either side, moves
    nothing shown. When nobody drives it stands (``stand``).
    """

    def __init__(self) -> None:
        self.t = 0.0
        self.at = datetime(1970, 1, 1, tzinfo=timezone.utc)
        self._running = False
        self._clock: Clock | None = None  # the follower's clock, once it runs on
        self._figure: tuple[float, float] | None = None  # the driver's figure it runs on from
        self._from = 0.0  # the session time it ran on from, at ...
        self._since = 0.0  # ... this reading of the follower's monotonic clock

    def set(self, t: float, at: str) -> None:
        self.t, self.at = t, datetime.fromisoformat(at)
        self._running = False  # replaying: time stands at the event

    def stand(self, t: float) -> None:
        """Stand at session time t: where the driver was when it was last seen."""
        self.t, self._running, self._clock, self._figure = t, False, None, None

    def run_on(self, clock: Clock, figure: float, at: float) -> None:
        """Run on by clock's monotonic seconds from the driver's latest figure, a session time
        that held when that clock read ``at``.

        A new figure restarts the count from it; one behind the time already shown by no
        more than a read's lag leaves the count as it is, so what is shown never steps back.
        """
        self._running = True
        if clock is self._clock and (figure, at) == self._figure:
            return
        now = clock.monotonic()
        start = figure + max(0.0, now - at)
        if clock is self._clock:
            shown = self._from + max(0.0, now - self._since)
            if 0.0 <= shown - start <= READ_LAG:
                start = shown
        self._clock, self._figure, self._from, self._since = clock, (figure, at), start, now

    def monotonic(self) -> float:
        if not self._running or self._clock is None:
            return self.t
        return self._from + max(0.0, self._clock.monotonic() - self._since)

    def now(self) -> datetime:
        return self._clock.now() if self._running and self._clock is not None else self.at


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
