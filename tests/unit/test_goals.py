from __future__ import annotations

import copy
from datetime import date, datetime, timedelta, timezone
from typing import Callable

import pytest

from circle.domain.goals import goal as g
from circle.domain.goals.changes import GoalChange, Wording, apply_change
from circle.domain.goals.goal import Goal, GoalError

AT = datetime(2026, 3, 4, 16, 30, tzinfo=timezone.utc)
TODAY = AT.date()


def make(**kw) -> Goal:
    base = dict(member="m1", title="Use exit tickets in Year 8", at=AT, by="ana", due=date(2026, 4, 1))
    base.update(kw)
    title = base.pop("title")
    member = base.pop("member")
    return g.new_goal(member, title, **base)


def test_new_goal_is_active_with_a_created_entry() -> None:
    goal = make(measure=" 4 of 5 lessons ")
    assert goal.status == "active" and goal.measure == "4 of 5 lessons"
    assert goal.history == ({"at": "2026-03-04T16:30:00+00:00", "by": "ana", "type": "created"},)
    assert goal.created == "2026-03-04T16:30:00+00:00"


@pytest.mark.parametrize("title", ["", "   "])
def test_a_goal_needs_a_title(title: str) -> None:
    with pytest.raises(GoalError, match="title is empty"):
        make(title=title)


def test_long_text_and_control_characters_are_refused() -> None:
    with pytest.raises(GoalError, match="at most 200"):
        make(title="x" * 201)
    with pytest.raises(GoalError, match="control character"):
        make(measure="a\x1b[2Jb")


def test_markup_is_kept_as_text() -> None:
    goal = make(title="[bold]Read[/bold] with $pupils & {names}")
    assert Goal.from_dict(goal.to_dict()).title == "[bold]Read[/bold] with $pupils & {names}"


def test_dict_round_trip_keeps_every_field_and_unknown_keys() -> None:
    goal = g.log_progress(make(), "half the lessons", 50, at=AT, by="ana", session="s1")
    raw = goal.to_dict() | {"id": "7", "circle_note": "kept"}
    again = Goal.from_dict(copy.deepcopy(raw))
    assert again.id == "7" and again.progress == 50 and again.due == date(2026, 4, 1)
    assert again.to_dict() == raw


def test_from_dict_names_the_goal_on_bad_data() -> None:
    with pytest.raises(GoalError, match="goal 9 has an unknown status 'done'"):
        Goal.from_dict({"id": 9, "member": "m1", "title": "t", "status": "done"})
    with pytest.raises(GoalError, match="goal 9 has a due date"):
        Goal.from_dict({"id": 9, "member": "m1", "title": "t", "due": "next week"})


def test_progress_is_dated_with_who_and_the_percentage() -> None:
    later = AT + timedelta(days=3)
    goal = g.log_progress(make(), "tried it twice", 40, at=later, by="sam")
    assert goal.progress == 40
    assert goal.history[-1] == {
        "at": later.isoformat(timespec="seconds"), "by": "sam", "type": "progress",
        "note": "tried it twice", "percent": 40,
    }  # fmt: skip
    assert g.log_progress(goal, "note only", at=later, by="sam").progress == 40


@pytest.mark.parametrize("percent", [-1, 101])
def test_progress_percentage_is_bounded(percent: int) -> None:
    with pytest.raises(GoalError, match="0 to 100"):
        g.log_progress(make(), "n", percent, at=AT, by="ana")


def test_progress_needs_something() -> None:
    with pytest.raises(GoalError, match="needs a note or a percentage"):
        g.log_progress(make(), "  ", at=AT, by="ana")


def test_achieve_and_drop_close_the_goal() -> None:
    done = g.achieve(make(), "all five lessons", at=AT, by="ana", session="s9")
    assert done.status == "achieved"
    assert done.history[-1] == {"at": AT.isoformat(timespec="seconds"), "by": "ana", "type": "achieved",
                                "session": "s9", "note": "all five lessons"}  # fmt: skip
    dropped = g.drop(make(), "moved to Year 9", at=AT, by="ana")
    assert dropped.status == "dropped" and dropped.history[-1]["reason"] == "moved to Year 9"


def test_drop_needs_a_reason() -> None:
    with pytest.raises(GoalError, match="needs a reason"):
        g.drop(make(), "", at=AT, by="ana")


@pytest.mark.parametrize(
    "change",
    [
        lambda goal: g.log_progress(goal, "n", at=AT, by="a"),
        lambda goal: g.achieve(goal, at=AT, by="a"),
        lambda goal: g.drop(goal, "r", at=AT, by="a"),
        lambda goal: g.rework(goal, title="new words here", at=AT, by="a"),
    ],
)
def test_closed_goals_take_no_more_changes(change: Callable[[Goal], Goal]) -> None:
    closed = g.achieve(make(), at=AT, by="ana")
    with pytest.raises(GoalError, match="is achieved: only an active goal"):
        change(closed)


def test_changes_return_new_values_and_leave_the_old_alone() -> None:
    goal = make()
    g.achieve(goal, at=AT, by="ana")
    assert goal.status == "active" and len(goal.history) == 1


def test_rework_keeps_the_old_wording_in_history_and_links_both_ways() -> None:
    old = replace_id(make(measure="4 of 5"), "3")
    new = g.rework(old, title="Use exit tickets in two Year 8 classes", due=None, note="too big", at=AT, by="ana")
    assert new.status == "active" and new.reworked_from == "3"
    assert new.measure == "4 of 5" and new.due is None
    entry = new.history[-1]
    assert entry["type"] == "reworked_from" and entry["goal"] == "3" and entry["note"] == "too big"
    assert entry["previous"]["title"] == "Use exit tickets in Year 8"
    assert entry["previous"]["due"] == "2026-04-01"
    retired = g.retire(old, "8", at=AT, by="ana", note="too big")
    assert retired.status == "reworked" and retired.reworked_into == "8"
    assert retired.title == old.title  # the old goal keeps its wording


def replace_id(goal: Goal, goal_id: str) -> Goal:
    return Goal.from_dict(goal.to_dict() | {"id": goal_id})


def test_overdue_and_stale() -> None:
    goal = make(due=date(2026, 3, 10))
    assert not g.is_overdue(goal, date(2026, 3, 10))
    assert g.is_overdue(goal, date(2026, 3, 11))
    assert not g.is_stale(goal, TODAY + timedelta(days=27))
    assert g.is_stale(goal, TODAY + timedelta(days=28))
    updated = g.log_progress(goal, "n", at=AT + timedelta(days=20), by="ana")
    assert not g.is_stale(updated, TODAY + timedelta(days=28))
    closed = g.achieve(goal, at=AT, by="ana")
    assert not g.is_overdue(closed, date(2027, 1, 1)) and not g.is_stale(closed, date(2027, 1, 1))


def test_review_order_puts_overdue_first_then_due_date_then_closed() -> None:
    late = make(title="late goal here", due=date(2026, 3, 1))
    later = make(title="later goal here", due=date(2026, 5, 1))
    soon = make(title="soon goal here", due=date(2026, 3, 20))
    undated = make(title="undated goal here", due=None)
    done = g.achieve(make(title="done goal here", due=date(2026, 1, 1)), at=AT, by="a")
    order = g.review_order([done, undated, later, soon, late], TODAY)
    assert [goal.title for goal in order] == [
        "late goal here", "soon goal here", "later goal here", "undated goal here", "done goal here",
    ]  # fmt: skip


def test_last_sessions_commitments_lead_and_achievements_are_found() -> None:
    soon = make(title="soon goal here", due=date(2026, 3, 20))
    committed = g.log_progress(make(title="committed goal", due=None), "n", at=AT, by="a", session="s1")
    assert g.review_order([soon, committed], TODAY, first_session="s1")[0] is committed
    achieved_now = g.achieve(soon, at=AT, by="a", session="s2")
    achieved_before = g.achieve(committed, at=AT, by="a", session="s1")
    assert g.achieved_in([achieved_now, achieved_before, make()], "s2") == [achieved_now]


class MemoryGoals:
    """The goal methods of the repository, in memory."""

    def __init__(self) -> None:
        self.goals: dict[str, list[dict]] = {}
        self.next_id = 1

    def list_goals(self, circle: str, member_id: str | None = None) -> list[dict]:
        return [copy.deepcopy(x) for x in self.goals.get(circle, []) if member_id in (None, x["member"])]

    def add_goal(self, circle: str, goal: dict) -> dict:
        saved = copy.deepcopy(goal) | {"id": str(self.next_id)}
        self.next_id += 1
        self.goals.setdefault(circle, []).append(saved)
        return copy.deepcopy(saved)

    def update_goal(self, circle: str, goal_id: str, change: Callable[[dict], dict]) -> dict:
        for index, raw in enumerate(self.goals[circle]):
            if raw["id"] == goal_id:
                self.goals[circle][index] = change(copy.deepcopy(raw))
                return copy.deepcopy(self.goals[circle][index])
        raise KeyError(goal_id)

    def rework_goal(self, circle: str, goal_id: str, successor: dict, close: Callable[[dict, str], dict]) -> tuple[dict, dict]:
        before, next_id = copy.deepcopy(self.goals), self.next_id
        try:
            saved = self.add_goal(circle, successor)
            return self.update_goal(circle, goal_id, lambda raw: close(raw, saved["id"])), saved
        except Exception:  # both or neither, as the store does in one write
            self.goals, self.next_id = before, next_id
            raise


def test_apply_change_adds_updates_and_reworks_through_the_repository() -> None:
    repo = MemoryGoals()
    added = apply_change(repo, GoalChange("added", "c", "m1", wording=Wording(title="Read aloud daily", due=date(2026, 4, 1))), at=AT, by="ana")
    assert added.goal["id"] == "1" and added.goal["title"] == "Read aloud daily"
    apply_change(repo, GoalChange("progress", "c", "m1", goal_id="1", note="3 days", percent=60), at=AT, by="ana", session="s1")
    result = apply_change(repo, GoalChange("reworked", "c", "m1", goal_id="1", note="smaller", wording=Wording(title="Read aloud on Mondays")), at=AT, by="sam")
    old, new = repo.list_goals("c")
    assert old["status"] == "reworked" and old["reworked_into"] == "2" and old["progress"] == 60
    assert [e["type"] for e in old["history"]] == ["created", "progress", "reworked"]
    assert new["reworked_from"] == "1" and new["history"][-1]["previous"]["title"] == "Read aloud daily"
    assert result.event_data() == {"goal": "1", "change": "reworked", "title": "Read aloud daily", "successor": "2",
                                   "new_title": "Read aloud on Mondays", "reworded": ["title", "due"],
                                   "due": None, "was_due": "2026-04-01"}  # the new wording starts afresh
    achieved = apply_change(repo, GoalChange("achieved", "c", "m1", goal_id="2"), at=AT, by="sam")
    assert achieved.event_data()["percent"] == 100  # done, whatever was logged last


def test_a_change_that_cannot_apply_saves_nothing() -> None:
    repo = MemoryGoals()
    apply_change(repo, GoalChange("added", "c", "m1", wording=Wording(title="Read aloud daily")), at=AT, by="ana")
    apply_change(repo, GoalChange("dropped", "c", "m1", goal_id="1", reason="not now"), at=AT, by="ana")
    before = repo.list_goals("c")
    for change in (
        GoalChange("reworked", "c", "m1", goal_id="1", wording=Wording(title="x y z")),
        GoalChange("achieved", "c", "m1", goal_id="1"),
    ):
        with pytest.raises(GoalError):
            apply_change(repo, change, at=AT, by="ana")
    assert repo.list_goals("c") == before
    with pytest.raises(GoalError, match="no goal with id 5"):
        apply_change(repo, GoalChange("reworked", "c", "m1", goal_id="5", wording=Wording(title="t")), at=AT, by="a")


def test_a_change_needs_a_known_kind_and_a_goal_id() -> None:
    with pytest.raises(GoalError, match="unknown goal change"):
        GoalChange("finished", "c", "m1", goal_id="1")
    with pytest.raises(GoalError, match="needs the goal's id"):
        GoalChange("progress", "c", "m1")
