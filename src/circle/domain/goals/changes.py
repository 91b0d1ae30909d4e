"""One change to a member's goals, as a value: made by a form or a command, saved in one place.

The change carries the operation, not the resulting goal, so it is applied to the goal as it
is on disk inside the store's locked read-modify-write: two people updating the same goal
never overwrite each other's entries. The repository is anything with the three goal
methods of circle.store.repository.Repository.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Callable, Protocol

from circle.domain.goals import goal as lifecycle
from circle.domain.goals.goal import Goal, GoalError
from circle.domain.goals.history import PART_WORDS

KINDS = ("added", "progress", "achieved", "reworked", "dropped")
WORDING_PARTS = ("title", *PART_WORDS)  # what a rework may change


class GoalRepository(Protocol):
    def list_goals(self, circle: str, member_id: str | None = None) -> list[dict]: ...

    def add_goal(self, circle: str, goal: dict) -> dict: ...

    def update_goal(self, circle: str, goal_id: str, change: Callable[[dict], dict]) -> dict: ...

    def rework_goal(
        self, circle: str, goal_id: str, successor: dict, close: Callable[[dict, str], dict]
    ) -> tuple[dict, dict]: ...


@dataclass(frozen=True)
class Wording:
    """The SMART parts of a goal as written in a form or on the command line."""

    title: str = ""
    measure: str = ""
    action: str = ""
    realistic: str = ""
    due: date | None = None


@dataclass(frozen=True)
class GoalChange:
    kind: str  # one of KINDS
    circle: str  # the circle's slug (or name) the goal lives in
    member: str  # member id the goal belongs to
    goal_id: str | None = None  # None when adding
    note: str = ""  # progress note, achievement note, or why a goal was reworked
    percent: int | None = None
    reason: str = ""  # why a goal was dropped
    wording: Wording = field(default_factory=Wording)  # new goal or the reworked wording

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise GoalError(f"unknown goal change {self.kind!r}: expected one of {', '.join(KINDS)}")
        if self.kind != "added" and not self.goal_id:
            raise GoalError(f"a {self.kind} change needs the goal's id")

    def apply(self, goal: Goal, *, at: datetime, by: str, session: str | None = None) -> Goal:
        """The goal after a progress, achieved or dropped change (pure)."""
        if self.kind == "progress":
            return lifecycle.log_progress(goal, self.note, self.percent, at=at, by=by, session=session)
        if self.kind == "achieved":
            return lifecycle.achieve(goal, self.note, at=at, by=by, session=session)
        if self.kind == "dropped":
            return lifecycle.drop(goal, self.reason, at=at, by=by, session=session)
        raise GoalError(f"a {self.kind} change is not applied to one goal alone")


@dataclass(frozen=True)
class ChangeResult:
    change: GoalChange
    goal: dict[str, Any]  # the goal changed (or added), as saved
    successor: dict[str, Any] | None = None  # the new goal a rework created

    def event_data(self) -> dict[str, Any]:
        """Fields for the session log: engine.record("goal_changed", member=..., **event_data())."""
        data: dict[str, Any] = {"goal": self.goal.get("id"), "change": self.change.kind,
                                "title": self.goal.get("title", "")}  # fmt: skip
        latest = self.goal
        if self.successor is not None:
            data["successor"] = self.successor.get("id")
            data["new_title"] = self.successor.get("title", "")
            data["reworded"] = [part for part in WORDING_PARTS if self.goal.get(part) != self.successor.get(part)]
            if "due" in data["reworded"]:
                data["due"], data["was_due"] = self.successor.get("due"), self.goal.get("due")
            latest = self.successor
        percent = lifecycle.shown_percent(str(latest.get("status") or "active"), latest.get("progress"))
        if percent is not None:  # where the goal stands after the change, as the summary shows it
            data["percent"] = percent
        return data


def _new_goal(change: GoalChange, at: datetime, by: str, session: str | None) -> Goal:
    w = change.wording
    return lifecycle.new_goal(
        change.member, w.title, measure=w.measure, action=w.action, realistic=w.realistic,
        due=w.due, at=at, by=by, session=session,
    )  # fmt: skip


def find_goal(repo: GoalRepository, circle: str, goal_id: str) -> Goal:
    for raw in repo.list_goals(circle):
        if str(raw.get("id")) == str(goal_id):
            return Goal.from_dict(raw)
    raise GoalError(f"no goal with id {goal_id} in circle {circle}")


def apply_change(
    repo: GoalRepository, change: GoalChange, *, at: datetime, by: str, session: str | None = None
) -> ChangeResult:
    """Save a change; raises GoalError (nothing saved) when it cannot apply."""
    if change.kind == "added":
        added = repo.add_goal(change.circle, _new_goal(change, at, by, session).to_dict())
        return ChangeResult(change, added)
    goal_id = str(change.goal_id)
    if change.kind != "reworked":

        def edit(raw: dict) -> dict:
            return change.apply(Goal.from_dict(raw), at=at, by=by, session=session).to_dict()

        return ChangeResult(change, repo.update_goal(change.circle, goal_id, edit))
    old = find_goal(repo, change.circle, goal_id)
    w = change.wording
    # Built (and checked) before anything is saved, so a bad rework leaves both goals untouched.
    successor = lifecycle.rework(
        old, at=at, by=by, title=w.title, measure=w.measure, action=w.action,
        realistic=w.realistic, due=w.due, note=change.note, session=session,
    )  # fmt: skip

    def close(raw: dict, successor_id: str) -> dict:
        current = Goal.from_dict(raw)
        return lifecycle.retire(current, successor_id, at=at, by=by, note=change.note, session=session).to_dict()

    # One write: the successor and the closed goal are saved together or not at all.
    closed, saved = repo.rework_goal(change.circle, goal_id, successor.to_dict(), close)
    return ChangeResult(change, closed, successor=saved)
