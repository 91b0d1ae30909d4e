"""What `back` keeps stays bounded in a long open floor, and copies of the floor share it."""

from __future__ import annotations

import copy

import pytest

from circle.domain.session.floor import UNDO_DEPTH, Floor


def long_open_floor(moves: int) -> Floor:
    floor = Floor("open")
    for n in range(moves):
        floor.raise_hand(f"m{n % 20}")
        floor.take_next()
    return floor


def test_back_undoes_at_most_the_last_moves_of_a_long_open_floor() -> None:
    floor = long_open_floor(1_000)
    speakers = []
    for _ in range(UNDO_DEPTH):
        floor.back()
        speakers.append(floor.speaker)
    assert speakers[:3] == ["m18", "m17", "m16"]  # the moves before 999, 998, 997 in order
    assert not floor.can_go_back()
    with pytest.raises(ValueError):
        floor.back()


def test_a_copy_of_the_floor_shares_what_back_keeps() -> None:
    floor = long_open_floor(300)
    twin = copy.deepcopy(floor)
    assert all(a is b for a, b in zip(twin._history, floor._history, strict=True))  # shared, not copied
    assert twin.speaker == floor.speaker and twin.hands == floor.hands
    twin.back()
    assert twin.speaker != floor.speaker  # the copy moves on its own
    floor.back()
    assert floor.speaker == twin.speaker  # from the same shared history
