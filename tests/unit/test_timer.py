"""Timers: countdown, count-up, pause, warning, overtime, added minutes."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from circle.domain.session.timer import Timer, TimerView, timer_state, warning_threshold


def test_a_new_timer_is_stopped_and_full() -> None:
    timer = Timer(120)
    expected = TimerView(total=120.0, elapsed=0.0, remaining=120.0, state="normal", running=False)
    assert timer.view(50.0) == expected


def test_counts_down_while_running_and_stands_still_when_paused() -> None:
    timer = Timer(120)
    timer.resume(10.0)
    assert timer.elapsed(40.0) == 30.0
    timer.pause(40.0)
    assert timer.view(100.0).elapsed == 30.0
    assert timer.view(100.0).running is False
    timer.resume(100.0)
    assert timer.remaining(110.0) == 80.0


def test_resume_and_pause_twice_change_nothing() -> None:
    timer = Timer(60)
    timer.resume(0.0)
    timer.resume(5.0)  # must not restart the stretch
    assert timer.elapsed(10.0) == 10.0
    timer.pause(10.0)
    timer.pause(20.0)
    assert timer.elapsed(30.0) == 10.0


@pytest.mark.parametrize(
    ("total", "threshold"),
    [(120, 24.0), (150, 30.0), (1200, 30.0), (60, 12.0)],
)
def test_warning_is_the_last_fifth_or_thirty_seconds_whichever_is_shorter(
    total: int, threshold: float
) -> None:
    assert warning_threshold(total) == threshold
    timer = Timer(total)
    timer.resume(0.0)
    assert timer.view(total - threshold - 0.5).state == "normal"
    assert timer.view(total - threshold).state == "warning"
    assert timer.view(total - 0.5).state == "warning"


def test_overtime_from_zero_on_with_negative_remaining() -> None:
    timer = Timer(60)
    timer.resume(0.0)
    assert not timer.reached_zero(59.9)
    assert timer.reached_zero(60.0)
    assert timer.view(60.0).state == "overtime"
    view = timer.view(75.0)
    assert view.remaining == -15.0
    assert view.elapsed == 75.0
    assert view.state == "overtime"


def test_a_timer_without_total_counts_up_and_is_always_normal() -> None:
    timer = Timer(None)
    timer.resume(0.0)
    view = timer.view(5000.0)
    assert view == TimerView(total=None, elapsed=5000.0, remaining=None, state="normal", running=True)
    assert not timer.reached_zero(5000.0)
    with pytest.raises(ValueError):
        timer.adjust(60)


def test_adjust_adds_and_removes_time_and_can_leave_overtime() -> None:
    timer = Timer(60)
    timer.resume(0.0)
    assert timer.view(70.0).state == "overtime"
    timer.adjust(60)
    assert timer.view(70.0).remaining == 50.0
    assert timer.view(70.0).state == "normal"
    timer.adjust(-60)
    assert timer.total == 60.0


def test_a_countdown_needs_a_positive_total() -> None:
    with pytest.raises(ValueError):
        Timer(0)
    timer = Timer(60)
    with pytest.raises(ValueError):
        timer.adjust(-60)
    assert timer.total == 60.0


def test_timer_state_of_a_count_up_view() -> None:
    assert timer_state(None, None) == "normal"
    assert timer_state(100, 0.0) == "overtime"


def _shown(view: TimerView) -> tuple[object, str]:
    """What a clock of whole seconds shows: time left rounded up, time over or so far rounded down."""
    if view.remaining is None:
        return "up", (int(view.elapsed), view.state)
    if view.remaining > 0:
        return -int(-view.remaining // 1), view.state
    return "over", (int(-view.remaining), view.state)


@given(
    total=st.one_of(st.none(), st.integers(min_value=1, max_value=7200).map(float)),
    started=st.floats(min_value=0, max_value=1000),
    after=st.floats(min_value=0, max_value=9000),
)
def test_seconds_to_change_is_when_the_shown_clock_changes_next(total: float | None, started: float,
                                                                  after: float) -> None:
    timer = Timer(total)
    timer.resume(started)
    now = started + after
    until = timer.view(now).seconds_to_change()
    assert until is not None and 0 < until <= 1.0
    shown = _shown(timer.view(now))
    if until > 1e-9:  # nearer a second's turn than that, floats cannot tell before from after
        assert _shown(timer.view(now + until - min(until / 2, 1e-6))) == shown  # nothing changes before it
    assert _shown(timer.view(now + until + 1e-6)) != shown  # and something does right after


def test_a_stopped_timer_never_changes() -> None:
    timer = Timer(120)
    assert timer.view(5.0).seconds_to_change() is None
    timer.resume(0.0)
    timer.pause(10.5)
    assert timer.view(99.0).seconds_to_change() is None


def test_the_warning_colour_is_a_change_of_its_own() -> None:
    timer = Timer(75)  # warns in the last 15 s
    timer.resume(0.0)
    assert timer.view(59.5).seconds_to_change() == pytest.approx(0.5)
    timer = Timer(7)  # warns in the last 1.4 s: mid-second
    timer.resume(0.0)
    assert timer.view(5.0).seconds_to_change() == pytest.approx(0.6)
