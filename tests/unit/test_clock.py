"""The system clock counts on the machine's monotonic clock and, on Linux, says which boot, so
two processes of one boot can compare their readings."""

from __future__ import annotations

import sys
import time

import pytest

from circle.domain.clock import ManualClock, SystemClock, boot_of


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux's system-wide CLOCK_MONOTONIC")
def test_the_system_clock_counts_the_machines_monotonic_time_and_names_its_boot() -> None:
    clock = SystemClock()
    before = time.clock_gettime(time.CLOCK_MONOTONIC)
    reading = clock.monotonic()
    assert before <= reading <= time.clock_gettime(time.CLOCK_MONOTONIC)
    with open("/proc/sys/kernel/random/boot_id", encoding="ascii") as file:
        assert boot_of(clock) == file.read().strip()


def test_a_manual_clock_moves_its_wall_time_alone_and_says_its_boot() -> None:
    clock = ManualClock(monotonic=5.0)
    start = clock.now()
    clock.set_wall(-600)
    assert clock.monotonic() == 5.0 and (start - clock.now()).total_seconds() == 600
    assert boot_of(clock) == "manual"
    assert boot_of(ManualClock(boot=None)) is None
    assert boot_of(object()) is None  # a clock that does not say: nothing compares with it
