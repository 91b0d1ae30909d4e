"""Goals: stored as the goals domain builds them, with an id and who created and changed them."""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from typing import Any

from circle.domain.server.access import Action, Actor
from circle.store.base import CircleRef, RepositoryBase, find_doc_id
from circle.store.errors import NotFound, ValidationError
from circle.store.ids import short_id
from circle.store.needs import needs
from circle.store.validation import check_json

OWNER_KEYS = ("member", "member_id")  # the key naming the member who owns a goal
KEPT_ON_UPDATE = ("id", "created", "created_by")


def goal_owner(goal: Mapping[str, Any]) -> Any:
    for key in OWNER_KEYS:
        if key in goal:
            return goal[key]
    return None


def _stamp_history(old: Mapping[str, Any], new: dict[str, Any], actor: str, now: str) -> None:
    """New history entries without an author get the acting user and the time."""
    history = new.get("history")
    if not isinstance(history, list):
        return
    before = old.get("history")
    start = len(before) if isinstance(before, list) else 0
    for entry in history[start:]:
        if isinstance(entry, dict):
            entry.setdefault("by", actor)
            entry.setdefault("at", now)


def _checked_goal(goal: Any) -> dict[str, Any]:
    if not isinstance(goal, Mapping):
        raise ValidationError("a goal must be a mapping of fields to values")
    record = copy.deepcopy(dict(goal))
    check_json(record, "goal")
    return record


def _stored_goal(repo: Any, circle: CircleRef, goal_id: Any) -> list[Mapping[str, Any]]:
    """The goal as saved (none when there is no such goal: the method then says so)."""
    goals = repo._read_circle_tables(repo._slug(circle)).get("goals", {}).values()
    return [goal for goal in goals if goal.get("id") == goal_id]


def _goals_changed(repo: Any, actor: Actor, circle: CircleRef, arguments: Mapping[str, Any]) -> None:
    """After the member check the method declares: one's own goals are one's own to change;
    another member's need their facilitator in a session. The goals a call changes: the one it
    adds, and the one it closes or updates (the owner a change gives a goal is asked when the
    change is made)."""
    goals = [arguments[name] for name in ("goal", "successor") if name in arguments]
    owned = [goal if isinstance(goal, Mapping) else {} for goal in goals]
    if "goal_id" in arguments:
        owned += _stored_goal(repo, circle, arguments["goal_id"])
    repo._require_goal_change(actor, circle, *owned)


class GoalsMixin(RepositoryBase):
    @needs(Action.READ)
    def list_goals(self, circle: CircleRef, member_id: str | None = None) -> list[dict[str, Any]]:
        """Goals in the order they were set, all members' or one member's."""
        rows = self._read_circle_db(circle).table("goals").all()
        return [dict(row) for row in rows if member_id is None or goal_owner(row) == member_id]

    @needs(Action.CHANGE_OWN_GOALS, rule=_goals_changed)
    def add_goal(self, circle: CircleRef, goal: Mapping[str, Any]) -> dict[str, Any]:
        record = _checked_goal(goal)
        with self._write_circle_db(circle) as db:
            return self._insert_goal(db, record)

    @needs(Action.CHANGE_OWN_GOALS, rule=_goals_changed)
    def update_goal(
        self, circle: CircleRef, goal_id: str, change: Callable[[dict[str, Any]], Mapping[str, Any]]
    ) -> dict[str, Any]:
        """Read the goal, apply change to a copy and save the result, all under the circle's lock.

        If change raises, nothing is saved.
        """
        with self._write_circle_db(circle) as db:
            return self._update_goal(db, circle, goal_id, change)

    @needs(Action.CHANGE_OWN_GOALS, rule=_goals_changed)
    def rework_goal(
        self,
        circle: CircleRef,
        goal_id: str,
        successor: Mapping[str, Any],
        close: Callable[[dict[str, Any], str], Mapping[str, Any]],
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        """Add the successor and close the old goal (close(old, successor_id)) in one write:
        both are saved or neither is. Returns (closed goal, successor)."""
        record = _checked_goal(successor)
        with self._write_circle_db(circle) as db:
            saved = self._insert_goal(db, record)
            closed = self._update_goal(db, circle, goal_id, lambda old: close(old, str(saved["id"])))
        return closed, saved

    def _insert_goal(self, db: Any, record: dict[str, Any]) -> dict[str, Any]:
        self._refuse_unknown_owner(db.table("members").all(), record)
        table = db.table("goals")
        record["id"] = short_id("g", self.rng, {row.get("id") for row in table.all()})
        created = record.get("created")
        self._stamp_new(record)
        if created:  # the goals domain's own creation time wins
            record["created"] = created
        table.insert(record)
        return record

    def _update_goal(
        self, db: Any, circle: CircleRef, goal_id: str, change: Callable[[dict[str, Any]], Mapping[str, Any]]
    ) -> dict[str, Any]:
        table = db.table("goals")
        rows = {row.doc_id: dict(row) for row in table.all()}
        doc_id = find_doc_id(rows, "id", goal_id)
        if doc_id is None:
            raise NotFound(f"circle {self._slug(circle)!r} has no goal with id {goal_id!r}")
        old = rows[doc_id]
        self._require_owner(circle, old)  # again under the lock: the goal may have changed hands
        changed = change(copy.deepcopy(old))
        if not isinstance(changed, Mapping):
            raise ValidationError("a goal change must give back the goal as a mapping")
        new = copy.deepcopy(dict(changed))
        if new.get("id", goal_id) != goal_id:
            raise ValidationError(f"a goal's id cannot change (from {goal_id!r} to {new['id']!r})")
        new.update({key: old[key] for key in KEPT_ON_UPDATE if key in old})
        if goal_owner(new) != goal_owner(old):
            self._require_owner(circle, new)
        self._stamp_update(new)
        _stamp_history(old, new, self.actor, new["updated"])
        check_json(new, "goal")
        self._refuse_unknown_owner(db.table("members").all(), new)

        def replace(doc: dict[str, Any]) -> None:
            doc.clear()
            doc.update(new)

        table.update(replace, doc_ids=[doc_id])
        return new

    def _require_owner(self, circle: CircleRef, goal: Mapping[str, Any]) -> None:
        """AccessDenied unless the actor may change the goals of this goal's member: asked again
        under the circle's lock (the goal may have changed hands since the method's check), and
        for a goal handed to another member (known only once the change is made)."""
        actor = self.server_actor()  # type: ignore[attr-defined]
        if actor is not None:
            self._require_goal_change(actor, circle, goal)  # type: ignore[attr-defined]

    @staticmethod
    def _refuse_unknown_owner(members: list[Any], goal: Mapping[str, Any]) -> None:
        owner = goal_owner(goal)
        if owner is not None and owner not in {m.get("id") for m in members}:
            raise ValidationError(f"the goal's member {owner!r} is not a member of this circle")
