"""The floor of a phase: round order, passes, back, late arrivals, hands."""

from __future__ import annotations

import pytest

from circle.domain.session.floor import Floor
from circle.domain.session.timer import Timer


def started(order: str = "abc") -> Floor:
    floor = Floor("round", list(order))
    floor.start_round()
    return floor


def test_a_round_starts_with_the_first_in_order() -> None:
    floor = started()
    assert floor.speaker == "a"
    assert floor.queue == ["b", "c"]
    assert not floor.can_go_back()


def test_each_takes_one_turn_then_the_round_is_complete() -> None:
    floor = started()
    assert [floor.take_next(), floor.take_next(), floor.take_next()] == ["b", "c", None]
    assert floor.spoken == ["a", "b", "c"]
    assert floor.complete
    assert not floor.can_advance()


def test_a_pass_sends_the_speaker_to_the_end_of_the_round() -> None:
    floor = started()
    assert floor.pass_turn() == 1
    assert floor.speaker == "b"
    assert floor.queue == ["c", "a"]
    assert floor.passed == ("a",)


def test_a_second_pass_takes_the_member_out_of_the_round() -> None:
    floor = started("ab")
    floor.pass_turn()  # a to the end
    floor.take_next()  # b spoke, a again
    assert floor.speaker == "a"
    assert floor.pass_turn() == 2
    assert floor.out == ["a"]
    assert floor.speaker is None
    assert floor.complete
    assert floor.passed == ("a",)


def test_a_member_who_passed_then_spoke_is_no_longer_passed() -> None:
    floor = started("ab")
    floor.pass_turn()
    floor.take_next()
    floor.take_next()
    assert floor.spoken == ["b", "a"]
    assert floor.passed == ()
    assert floor.passes == {"a": 1}


def test_everyone_passes_twice_and_nobody_speaks() -> None:
    floor = started()
    for _ in range(6):
        floor.pass_turn()
    assert floor.complete
    assert floor.spoken == []
    assert sorted(floor.out) == ["a", "b", "c"]


def test_back_undoes_the_last_next_with_the_speakers_timer() -> None:
    floor = started()
    timer = Timer(60)
    floor.timer = timer
    floor.zero_fired = True
    floor.take_next()
    assert floor.timer is None and not floor.zero_fired
    floor.back()
    assert floor.speaker == "a"
    assert floor.queue == ["b", "c"]
    assert floor.spoken == []
    assert floor.timer is timer and floor.zero_fired


def test_back_undoes_a_pass() -> None:
    floor = started()
    floor.pass_turn()
    floor.back()
    assert floor.speaker == "a" and floor.passes == {} and floor.queue == ["b", "c"]


def test_back_at_the_first_speaker_fails() -> None:
    floor = started()
    with pytest.raises(ValueError):
        floor.back()


def test_a_late_arrival_joins_before_those_who_passed() -> None:
    floor = started()
    floor.pass_turn()  # queue: c, a
    floor.admit("d")
    assert floor.queue == ["c", "d", "a"]
    floor.admit("d")
    floor.admit("b")  # speaking now: no second place
    assert floor.queue == ["c", "d", "a"]
    assert not floor.can_go_back()  # an undo would drop the arrival


def test_a_member_who_spoke_or_is_out_is_not_admitted_again() -> None:
    floor = started()
    floor.take_next()  # a spoke
    floor.pass_turn()  # b to the end
    floor.take_next()  # c spoke, b again
    floor.pass_turn()  # b out
    assert floor.complete
    floor.remove("a")
    floor.remove("b")
    floor.admit("a")
    floor.admit("b")
    assert floor.queue == []


def test_removing_the_speaker_moves_the_floor_on_and_counts_the_turn() -> None:
    floor = started()
    assert floor.remove("a") is True
    assert floor.speaker == "b"
    assert floor.spoken == ["a"]
    assert floor.remove("c") is False
    assert floor.queue == []


def test_open_floor_serves_hands_first_come_first_served() -> None:
    floor = Floor("open", ["a", "b"])
    floor.start_round()
    assert floor.speaker is None and floor.queue == []
    floor.raise_hand("b")
    floor.raise_hand("a")
    with pytest.raises(ValueError):
        floor.raise_hand("a")
    assert floor.take_next() == "b"
    assert floor.hands == ["a"]
    assert floor.take_next() == "a"
    assert floor.take_next() is None
    assert not floor.can_advance()
    assert floor.spoken == ["b", "a"]


def test_open_floor_lists_a_repeat_speaker_once() -> None:
    floor = Floor("open")
    for _ in range(2):
        floor.raise_hand("a")
        floor.take_next()
    floor.take_next()
    assert floor.spoken == ["a"]


def test_passing_is_only_for_the_speaker_of_a_round() -> None:
    with pytest.raises(ValueError):
        Floor("open").pass_turn()
    floor = started("a")
    floor.take_next()
    with pytest.raises(ValueError):
        floor.pass_turn()


def test_a_floor_needs_turns() -> None:
    with pytest.raises(ValueError):
        Floor("none")
