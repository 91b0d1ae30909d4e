"""Goal changes as reports count them, from each goal's own history.

A goal *set* (created; the new wording of a reworked goal is not a new goal), *achieved*,
*reworked* or *dropped*: each with its day and, when it was made in a session, that
session's id. Used by the circle's year (circle.domain.reports.year) and the programme's
figures (circle.domain.reports.programme).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from circle.domain.goals.goal import Goal, GoalError

TRANSITIONS = ("set", "achieved", "reworked", "dropped")
GOAL_STATES = ("active", "achieved", "reworked", "dropped")
_ENTRY_KIND = {"created": "set", "achieved": "achieved", "reworked": "reworked", "dropped": "dropped"}


def day_of(stamp: Any) -> date | None:
    """The day of an ISO 8601 wall time (or date); None when it does not read."""
    if not stamp:
        return None
    try:
        return datetime.fromisoformat(str(stamp)).date()
    except ValueError:
        try:
            return date.fromisoformat(str(stamp)[:10])
        except ValueError:
            return None


@dataclass(frozen=True)
class GoalChange:
    """One transition of one goal, from its history."""

    goal: str  # the goal's id
    member: str  # its owner's member id
    kind: str  # one of TRANSITIONS
    day: date | None
    session: str | None  # the session it was made in, when its history names one


def goal_changes(goals: Iterable[Goal]) -> list[GoalChange]:
    """Every set/achieved/reworked/dropped in the goals' histories, in history order."""
    changes = []
    for goal in goals:
        rewording = goal.reworked_from is not None or any(e.get("type") == "reworked_from" for e in goal.history)
        for entry in goal.history:
            kind = _ENTRY_KIND.get(str(entry.get("type")))
            if kind is None or (kind == "set" and rewording):
                continue
            session = entry.get("session")
            changes.append(GoalChange(goal.id, goal.member, kind, day_of(entry.get("at")),
                                      str(session) if session else None))
    return changes


def read_goals(goals: Iterable[Goal | Mapping[str, Any]]) -> list[Goal]:
    """Goals as Goal values; a stored goal that does not read is left out of the figures."""
    read = []
    for goal in goals:
        if isinstance(goal, Goal):
            read.append(goal)
            continue
        try:
            read.append(Goal.from_dict(dict(goal)))
        except (GoalError, KeyError, TypeError, ValueError):
            continue
    return read


def counted_changes(changes: Iterable[GoalChange], since: date | None) -> list[GoalChange]:
    return [c for c in changes if since is None or (c.day is not None and c.day >= since)]


def transition_counts(changes: Iterable[GoalChange]) -> dict[str, int]:
    counts = dict.fromkeys(TRANSITIONS, 0)
    for change in changes:
        counts[change.kind] += 1
    return counts


def goal_states(goals: Iterable[Goal]) -> dict[str, int]:
    counts = dict.fromkeys(GOAL_STATES, 0)
    for goal in goals:
        counts[goal.status] = counts.get(goal.status, 0) + 1
    return counts


def term_goals(goals: Iterable[Goal], since: date | None) -> list[Goal]:
    """The goals that were open at some time in the term: still active, or set or closed since."""
    if since is None:
        return list(goals)
    kept = []
    for goal in goals:
        last = max((d for d in (day_of(e.get("at")) for e in goal.history) if d is not None), default=None)
        if goal.active or (last is not None and last >= since) or (day_of(goal.created) or date.min) >= since:
            kept.append(goal)
    return kept
