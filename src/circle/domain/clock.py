"""Clocks the domain is given: it never reads the time itself and never sleeps."""

from __future__ import annotations

import sys
import time
from datetime import datetime, timedelta, timezone
from typing import Protocol

# On Linux time.monotonic() is CLOCK_MONOTONIC: one count for every process of a boot, never
# moved by a change of the wall clock, and standing still while the machine sleeps (a closed
# laptop's sleep is no one's airtime). The boot's id says which count a reading is on.
_LINUX = sys.platform.startswith("linux")
_BOOT_ID = "/proc/sys/kernel/random/boot_id"


class Clock(Protocol):
    def monotonic(self) -> float:
        """Seconds on a clock that never goes back; used for timers."""

    def now(self) -> datetime:
        """The wall time, timezone-aware; used to stamp events."""


def boot_of(clock: Clock) -> str | None:
    """Which count a clock's ``monotonic`` is on, if it says (its ``boot``): readings of two
    clocks with the same boot (not None) compare, across processes too. None: no other
    process's reading compares with this clock's (a replay's clock, say)."""
    boot = getattr(clock, "boot", None)
    return boot if isinstance(boot, str) and boot else None


def _boot_id() -> str | None:
    if not _LINUX:  # elsewhere no promise that two processes count alike
        return None
    try:
        with open(_BOOT_ID, encoding="ascii") as file:
            return file.read(64).strip() or None
    except OSError:
        return None


class SystemClock:
    _boot: str | None = None
    _boot_read = False

    def monotonic(self) -> float:
        return time.monotonic()

    def now(self) -> datetime:
        return datetime.now(timezone.utc).astimezone()

    @property
    def boot(self) -> str | None:
        if not SystemClock._boot_read:  # one boot for the life of a process
            SystemClock._boot, SystemClock._boot_read = _boot_id(), True
        return SystemClock._boot


class ManualClock:
    """A clock that moves only when told to: for tests, demos and replays."""

    def __init__(self, start: datetime | None = None, monotonic: float = 1000.0, boot: str | None = "manual") -> None:
        self._wall = start or datetime(2026, 1, 5, 15, 30, tzinfo=timezone.utc)
        self._mono = monotonic
        self.boot = boot

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
