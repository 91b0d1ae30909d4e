"""Whatever the wall clock does, a pickup counts what the log and the last driver's word prove
and the real seconds since, measured on one boot's monotonic count."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from circle.live.driving import Now, pickup
from circle.store.driver_lock import DRIVING, HANDED, LEFT, DriverInfo

WALL = datetime(2026, 3, 2, 15, 30, tzinfo=timezone.utc)
LAST_T, MONO = 300.0, 5000.0  # the last event's session time, and the boot clock then


def stamp(seconds: float) -> str:
    return (WALL + timedelta(seconds=seconds)).isoformat()


@given(word=st.floats(-5, 5), real=st.floats(0, 3600), set_then=st.floats(-600, 600),
       set_now=st.floats(-600, 600), state=st.sampled_from([DRIVING, LEFT, HANDED]))
def test_no_wall_clock_setting_moves_what_a_pickup_counts(word: float, real: float, set_then: float,
                                                          set_now: float, state: str) -> None:
    """word: seconds from the last event to the driver's last word (negative: before it);
    real: seconds from the later of the two to the pickup; set_*: the wall clock set off by."""
    last = {"t": LAST_T, "at": stamp(0)}
    info = DriverInfo("ana", 1, stamp(-60), stamp(word + set_then), state, "ana" if state == HANDED else None,
                      t=LAST_T + word, mono=MONO + word, boot="b")
    since = max(0.0, word) + real
    how = pickup(info, last, "ana", Now(stamp(since + set_now), MONO + since, "b"))
    assert how.measured
    if state == HANDED:  # the room carried on: all of it is session time, nothing a gap
        assert how.counted == pytest.approx(max(0.0, word) + real, abs=1e-6) and how.gap == 0.0
    else:
        assert how.counted == pytest.approx(max(0.0, word), abs=1e-6)
        assert how.gap == pytest.approx(real, abs=1e-6)
