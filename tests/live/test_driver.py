"""The session layer without any screen: a key's whole path (engine, then disk) and
every way it can fail, including a goal change, which touches two files."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from circle.domain.clock import ManualClock
from circle.domain.goals.changes import GoalChange, Wording
from circle.domain.session import events as ev
from circle.domain.session.state import EngineError
from circle.errors import CircleError
from circle.live.driver import LiveSession
from circle.live.setup import prepare
from circle.store.errors import StoreError
from circle.store.repository import Repository


@pytest.fixture
def live(repo: Repository, circle: dict, clock: ManualClock) -> LiveSession:
    session = LiveSession.fresh(prepare(repo, circle["slug"], "community-60"), clock)
    session.begin({member: True for member in circle["member_ids"]})
    return session


def logged(live: LiveSession) -> list[dict[str, Any]]:
    return live.repo.get_events(live.setup.slug, str(live.session_id))


def failing_appends(monkeypatch: pytest.MonkeyPatch, repo: Repository, failures: int) -> list[dict]:
    """The next `failures` appends raise StoreError (nothing written); later ones go through."""
    real = repo.append_event
    attempts: list[dict] = []

    def append(circle: str, session_id: str, event: dict) -> None:
        attempts.append(event)
        if len(attempts) <= failures:
            raise StoreError("the disk is full (test)")
        real(circle, session_id, event)

    monkeypatch.setattr(repo, "append_event", append)
    return attempts


def test_an_action_is_on_disk_when_it_returns(live: LiveSession) -> None:
    before = len(logged(live))
    event = live.next_speaker()
    assert event.type == ev.NEXT_SPEAKER
    assert logged(live)[-1] == event.to_dict() and len(logged(live)) == before + 1  # before the screen redraws


def test_a_refused_action_changes_nothing(live: LiveSession) -> None:
    before = logged(live)
    with pytest.raises(EngineError):
        live.previous_phase()  # the first phase has none before it
    assert logged(live) == before and live.engine.phase_index == 0


def test_a_failed_write_rolls_the_engine_back(live: LiveSession, monkeypatch: pytest.MonkeyPatch) -> None:
    speaker = live.engine.speaker
    before = logged(live)
    failing_appends(monkeypatch, live.repo, failures=1)
    with pytest.raises(StoreError):
        live.next_speaker()
    assert live.engine.speaker == speaker and logged(live) == before
    live.next_speaker()  # the disk is back: the same key works
    assert logged(live)[-1]["type"] == ev.NEXT_SPEAKER and len(logged(live)) == len(before) + 1


def test_named_actions_are_the_engine_operations(live: LiveSession) -> None:
    live.toggle_pause()
    assert live.engine.status == "paused"
    live.toggle_pause()
    assert live.engine.status == "running"
    live.add_minute()
    live.remove_minute()
    live.next_phase()
    live.next_phase()  # open floor: hands
    member = live.engine.present[0]
    live.toggle_hand(member)
    assert member in live.engine.hands
    live.toggle_hand(member)
    assert member not in live.engine.hands
    types = [e["type"] for e in logged(live)][-8:]
    assert types == [ev.PAUSE, ev.RESUME, ev.ADD_MINUTE, ev.REMOVE_MINUTE, ev.NEXT_PHASE, ev.NEXT_PHASE,
                     ev.RAISE_HAND, ev.LOWER_HAND]


def goal_of(repo: Repository, circle: dict, title: str) -> dict:
    return next(g for g in repo.list_goals(circle["slug"]) if g["title"] == title)


def achieve(circle: dict, goal: dict) -> GoalChange:
    return GoalChange("achieved", circle["slug"], goal["member"], goal_id=goal["id"], note="every lesson")


def test_a_goal_change_is_saved_then_logged(live: LiveSession, circle: dict, clock: ManualClock) -> None:
    goal = goal_of(live.repo, circle, "Exit tickets in every lesson")
    outcome = live.change_goal(achieve(circle, goal), at=clock.now(), by="facilitator")
    assert outcome.logged and not outcome.log_pending
    saved = goal_of(live.repo, circle, "Exit tickets in every lesson")
    assert saved["status"] == "achieved" and saved["history"][-1]["session"] == live.session_id
    entry = logged(live)[-1]
    assert entry["type"] == ev.GOAL_CHANGED and entry["data"]["goal"] == goal["id"]


def test_a_goal_not_saved_is_not_logged(live: LiveSession, circle: dict, clock: ManualClock) -> None:
    before_goals, before_log = live.repo.list_goals(circle["slug"]), logged(live)
    change = GoalChange("achieved", circle["slug"], circle["member_ids"][0], goal_id="g-none", note="x")
    with pytest.raises(CircleError):
        live.change_goal(change, at=clock.now(), by="facilitator")
    assert live.repo.list_goals(circle["slug"]) == before_goals
    assert logged(live) == before_log and all(e.type != ev.GOAL_CHANGED for e in live.engine.events)


def test_a_saved_goal_whose_log_write_fails_is_logged_ahead_of_the_next_action(
    live: LiveSession, circle: dict, clock: ManualClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    goal = goal_of(live.repo, circle, "Exit tickets in every lesson")
    failing_appends(monkeypatch, live.repo, failures=1)
    outcome = live.change_goal(achieve(circle, goal), at=clock.now(), by="facilitator")
    # What the user is told is true: the goal is saved, its log entry is not yet.
    assert not outcome.logged and outcome.log_pending and isinstance(outcome.log_error, StoreError)
    assert goal_of(live.repo, circle, "Exit tickets in every lesson")["status"] == "achieved"
    assert logged(live)[-1]["type"] != ev.GOAL_CHANGED
    live.next_speaker()
    assert [e["type"] for e in logged(live)[-2:]] == [ev.GOAL_CHANGED, ev.NEXT_SPEAKER]


def test_a_rework_saves_both_goals_or_neither(live: LiveSession, circle: dict, clock: ManualClock,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    repo = live.repo
    goal = goal_of(repo, circle, "Exit tickets in every lesson")
    change = GoalChange("reworked", circle["slug"], goal["member"], goal_id=goal["id"], note="smaller",
                        wording=Wording(title="Exit tickets on Mondays"))
    real: Callable = repo.rework_goal

    def closing_fails(circle_ref, goal_id, successor, close):
        return real(circle_ref, goal_id, successor, lambda old, new_id: (_ for _ in ()).throw(StoreError("x")))

    before = repo.list_goals(circle["slug"])
    monkeypatch.setattr(repo, "rework_goal", closing_fails)
    with pytest.raises(StoreError):
        live.change_goal(change, at=clock.now(), by="facilitator")
    assert repo.list_goals(circle["slug"]) == before  # no successor left behind
    monkeypatch.setattr(repo, "rework_goal", real)
    outcome = live.change_goal(change, at=clock.now(), by="facilitator")
    titles = {g["title"]: g["status"] for g in repo.list_goals(circle["slug"])}
    assert titles["Exit tickets in every lesson"] == "reworked" and titles["Exit tickets on Mondays"] == "active"
    assert outcome.logged and logged(live)[-1]["data"]["successor"] == outcome.result.successor["id"]


def test_the_fallback_copy_shares_the_log_and_is_independent_of_it(live: LiveSession) -> None:
    live.next_speaker()
    live.add_minute()
    engine = live.engine
    twin = engine.snapshot()
    assert all(a is b for a, b in zip(twin.events, engine.events)) and len(twin.events) == len(engine.events)
    assert twin.plan is engine.plan and twin.members is engine.members
    before = (twin.speaker, len(twin.events))
    engine.next_speaker()
    assert (twin.speaker, len(twin.events)) == before  # the copy did not move with the engine
    assert len(engine.events) == before[1] + 1


def test_the_fallback_copy_draws_as_the_engine_would_have(live: LiveSession) -> None:
    engine = live.engine
    twin = engine.snapshot()
    assert twin._rng is not engine._rng
    assert [twin._rng.random() for _ in range(3)] == [engine._rng.random() for _ in range(3)]


def test_speaker_time_attendance_and_notes_are_on_disk_when_each_returns(live: LiveSession) -> None:
    counts: list[int] = []  # the log's length as each action returns
    speaker = live.engine.speaker
    live.add_speaker_minute()
    counts.append(len(logged(live)))
    live.remove_speaker_minute()
    counts.append(len(logged(live)))
    leaver = live.engine.queue[0]
    live.member_leaves(leaver)
    counts.append(len(logged(live)))
    assert leaver not in live.engine.present and leaver not in live.engine.queue
    live.member_joins(leaver)
    counts.append(len(logged(live)))
    assert leaver in live.engine.queue
    live.note("  Ben tries a seating plan  ", "commitment")
    counts.append(len(logged(live)))
    entries = logged(live)[-5:]
    assert [e["type"] for e in entries] == [ev.ADD_SPEAKER_MINUTE, ev.REMOVE_SPEAKER_MINUTE, ev.CHECK_IN,
                                            ev.CHECK_IN, ev.NOTE]
    assert [e["member"] for e in entries] == [speaker, speaker, leaver, leaver, speaker]
    assert [e["data"].get("present") for e in entries[2:4]] == [False, True]
    assert entries[-1]["data"] == {"note": "Ben tries a seating plan", "kind": "commitment"}
    total = len(logged(live))
    assert counts == list(range(total - 4, total + 1))


@pytest.mark.parametrize("text, kind", [("", "point"), ("x" * 281, "point"), ("bell\x07", "point"),
                                        ("fine", "gossip")])
def test_a_note_that_cannot_be_kept_is_refused_and_nothing_is_logged(live: LiveSession, text: str,
                                                                     kind: str) -> None:
    before = logged(live)
    with pytest.raises(CircleError) as caught:
        live.note(text, kind)
    assert str(caught.value) and logged(live) == before
