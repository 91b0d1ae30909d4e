"""Pausable timers for phases and speakers, driven by times the caller passes in.

A timer never reads a clock: every method takes ``now``, seconds on one
monotonic time line (the engine's own). That keeps a timer exact under replay,
where the same sequence of ``now`` values rebuilds the same elapsed time.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

TIMER_STATES = ("normal", "warning", "overtime")

# The warning starts in the last 20% of the time or the last 30 seconds,
# whichever is shorter: a 2-minute turn warns at 24 s, a 20-minute phase at 30 s.
WARNING_SHARE = 0.2
WARNING_SECONDS = 30.0


def warning_threshold(total: float) -> float:
    """Seconds before zero at which the warning colour starts."""
    return min(total * WARNING_SHARE, WARNING_SECONDS)


def timer_state(total: float | None, remaining: float | None) -> str:
    """normal, warning, or overtime once zero is reached (a count-up timer is always normal)."""
    if total is None or remaining is None:
        return "normal"
    if remaining <= 0:
        return "overtime"
    if remaining <= warning_threshold(total):
        return "warning"
    return "normal"


@dataclass(frozen=True)
class TimerView:
    """What a timer shows at one moment.

    total: seconds including added or removed minutes; None for a timer that
    counts up with no limit. remaining: None when total is None; negative in
    overtime. state: normal, warning or overtime (zero reached counts as overtime).
    """

    total: float | None
    elapsed: float
    remaining: float | None
    state: str
    running: bool

    def seconds_to_change(self) -> float | None:
        """Seconds until a clock of whole seconds showing this view shows something else
        (its time or its state); None while the timer is stopped.

        A countdown shows its remaining time rounded up, then the time over rounded down;
        a count-up timer shows its elapsed time rounded down.
        """
        if not self.running:
            return None
        if self.remaining is None:
            return 1.0 - self.elapsed % 1.0
        if self.remaining <= 0:
            return 1.0 - (-self.remaining) % 1.0
        until = self.remaining - (math.ceil(self.remaining) - 1)
        warning_at = warning_threshold(self.total) if self.total is not None else 0.0
        if self.remaining > warning_at:
            until = min(until, self.remaining - warning_at)
        return until


class Timer:
    """A countdown (or count-up when total is None) that can stop and go on.

    A new timer is stopped with nothing elapsed; ``resume`` starts it.
    """

    def __init__(self, total: float | None) -> None:
        if total is not None and total <= 0:
            raise ValueError("a countdown needs a positive total")
        self._total = None if total is None else float(total)
        self._elapsed = 0.0
        self._since: float | None = None  # when it last started, while running

    @property
    def total(self) -> float | None:
        return self._total

    @property
    def running(self) -> bool:
        return self._since is not None

    def elapsed(self, now: float) -> float:
        if self._since is None:
            return self._elapsed
        return self._elapsed + max(0.0, now - self._since)

    def remaining(self, now: float) -> float | None:
        if self._total is None:
            return None
        return self._total - self.elapsed(now)

    def reached_zero(self, now: float) -> bool:
        remaining = self.remaining(now)
        return remaining is not None and remaining <= 0

    def resume(self, now: float) -> None:
        if self._since is None:
            self._since = now

    def pause(self, now: float) -> None:
        if self._since is not None:
            self._elapsed += max(0.0, now - self._since)
            self._since = None

    def set_running(self, running: bool, now: float) -> None:
        if running:
            self.resume(now)
        else:
            self.pause(now)

    def adjust(self, seconds: float) -> None:
        """Add (or, negative, remove) seconds from a countdown's total."""
        if self._total is None:
            raise ValueError("a timer that counts up has no total to change")
        if self._total + seconds <= 0:
            raise ValueError("a countdown needs a positive total")
        self._total += seconds

    def view(self, now: float) -> TimerView:
        remaining = self.remaining(now)
        return TimerView(
            total=self._total,
            elapsed=self.elapsed(now),
            remaining=remaining,
            state=timer_state(self._total, remaining),
            running=self.running,
        )
