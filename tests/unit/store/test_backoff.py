"""A waiter's pauses double from the first to the cap, and start short again when the line moves."""

from __future__ import annotations

from circle.store.backoff import CAP, FIRST, Backoff


def test_pauses_double_up_to_the_cap_and_start_again_after_a_reset() -> None:
    slept: list[float] = []
    backoff = Backoff(slept.append)
    for _ in range(12):
        backoff.pause()
    assert slept[:3] == [FIRST, 2 * FIRST, 4 * FIRST]
    assert slept[-1] == CAP and max(slept) == CAP
    assert sum(slept) > 0.3  # a long wait soon looks only a few times a second
    backoff.reset()
    backoff.pause()
    assert slept[-1] == FIRST
