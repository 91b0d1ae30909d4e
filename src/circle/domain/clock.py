"""Clocks the domain is given: it never reads the time itself and never sleeps."""

from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone
from typing import Protocol


class Clock(Protocol):
    def monotonic(self) -> float:
        """Seconds on a clock that never goes back; used for timers."""

    def now(self) -> datetime:
        """The wall time, timezone-aware; used to stamp events."""


class SystemClock:
    def monotonic(self) -> float:
        return time.monotonic()

    def now(self) -> datetime:
        return datetime.now(timezone.utc).astimezone()


class ManualClock:
    """A clock that moves only when told to: for tests, demos and replays."""

    def __init__(self, start: datetime | None = None, monotonic: float = 1000.0) -> None:
        self._wall = start or datetime(2026, 1, 5, 15, 30, tzinfo=timezone.utc)
        self._mono = monotonic

    def monotonic(self) -> float:
        return self._mono

    def now(self) -> datetime:
        return self._wall

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("a clock does not go back")
        self._mono += seconds
        self._wall += timedelta(seconds=seconds)

    def set_wall(self, seconds: float) -> None:
        """Move the wall clock alone, either way (an administrator, NTP): the monotonic clock stays."""
        self._wall += timedelta(seconds=seconds)
