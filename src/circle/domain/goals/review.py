"""Whose goals to review, and the rows of that review: one member's goals across circles.

Works on anything with the repository's circle, member and goal methods, so the command
line and the review screen find members and order goals the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Callable, Iterable, Protocol, Sequence

from circle import hints
from circle.domain.goals.goal import Goal, GoalError, is_overdue, is_stale, last_update, review_order
from circle.domain.circles.members import Member, answers_to
from circle.domain.goals.smart import flags, goal_checklist


class ReviewRepository(Protocol):
    def readable_circles(self) -> tuple[list[dict], list[Exception]]: ...

    def circle_rosters(self) -> tuple[list[Any], dict[str, Exception]]: ...

    def list_members(self, circle: str, include_inactive: bool = False) -> list[Member]: ...

    def list_goals(self, circle: str, member_id: str | None = None) -> list[dict]: ...


@dataclass(frozen=True)
class MemberRef:
    """A member in one circle: the same person in two circles has two refs."""

    circle: str  # slug
    circle_name: str
    member: Member

    @property
    def label(self) -> str:
        return f"{self.member.name} in {self.circle_name}"


@dataclass(frozen=True)
class GoalRow:
    ref: MemberRef
    goal: Goal

    def to_dict(self, today: date) -> dict[str, Any]:
        """The goal as saved, with where it lives and what the review shows about it."""
        updated = last_update(self.goal)
        return self.goal.to_dict() | {
            "circle": self.ref.circle,
            "circle_name": self.ref.circle_name,
            "member_name": self.ref.member.name,
            "overdue": is_overdue(self.goal, today),
            "stale": is_stale(self.goal, today),
            "last_update": updated.isoformat() if updated else None,
            "smart": [
                {"letter": c.letter, "name": c.name, "ok": c.ok, "advice": c.advice}
                for c in goal_checklist(self.goal, today)
            ],
        }


def _key(text: str | None) -> str:
    return " ".join((text or "").split()).casefold()


def _named(
    items: list[Any], damaged: list[Exception], circle: str | None,
    slug_and_name: Callable[[Any], tuple[str, str]],
) -> list[Any]:
    """The items of the circle named by slug or name; all of them when none is named.

    A damaged circle is left out, so the others still work, unless nothing else is there
    or it may be the one named: then it is reported as damaged, not as missing.
    """
    if circle is None:
        if damaged and not items:
            raise damaged[0]
        return items
    wanted = _key(circle)
    chosen = [item for item in items if wanted in map(_key, slug_and_name(item))]
    if not chosen and damaged:
        raise damaged[0]
    if not chosen:
        known = ", ".join(slug_and_name(item)[1] for item in items) or "none yet"
        raise GoalError(f"there is no circle named {circle!r} (circles: {known})")
    return chosen


def _circles(repo: ReviewRepository, circle: str | None) -> list[dict]:
    circles, damaged = repo.readable_circles()
    return _named(circles, list(damaged), circle, lambda c: (c.get("slug"), c.get("name")))


def _rosters(repo: ReviewRepository, circle: str | None) -> list[Any]:
    """Every circle's roster (slug, circle, active members), or the one named."""
    rosters, problems = repo.circle_rosters()
    return _named(rosters, list(problems.values()), circle, lambda r: (r.slug, r.circle.get("name")))


def _matches(member: Member, wanted: str, *, loose: bool) -> bool:
    return wanted == _key(member.id) or answers_to(member, wanted, first_name=loose)


def find_members(repo: ReviewRepository, *, member: str | None, circle: str | None, actor: str) -> list[MemberRef]:
    """The member named (by name, first name, username or id), else the actor (by the same, but id),
    in each circle."""
    wanted = _key(member if member is not None else actor)
    if not wanted:
        raise GoalError("no member given: use --member NAME")
    rosters = _rosters(repo, circle)
    # A full name, username or id first; a first name only if none matched.
    for loose in (False, True):
        refs = []
        # Most circles of a big home do not hold the name at all: skip those at once.
        for roster in (r for r in rosters if wanted in r.search_text):
            name = roster.circle["name"]
            found = [m for m in roster.active if _matches(m, wanted, loose=loose)]
            if len(found) > 1:
                names = ", ".join(f"{m.name} ({m.id})" for m in found)
                raise GoalError(f"{wanted!r} matches {len(found)} members of {name}: {names}; give the full name or id")
            refs.extend(MemberRef(roster.slug, name, m) for m in found)
        if refs:
            return refs
    where = f"circle {rosters[0].circle['name']}" if circle is not None else "any circle"
    listing = hints.command("circles", "--plain")
    if member is None:
        raise GoalError(f"you act as {actor!r}, and no member of {where} is called that: give --actor NAME "
                        f"(a login name or a member's name) or --member NAME; `{listing}` lists each "
                        "circle's members and their login names")
    raise GoalError(f"no member of {where} is named {member!r}; `{listing}` lists each circle's members "
                    "and their login names")


def collect(
    repo: ReviewRepository, refs: Sequence[MemberRef], today: date, *, include_closed: bool = False
) -> list[GoalRow]:
    """The members' goals in review order: overdue first, then by due date; closed ones last."""
    rows: list[GoalRow] = []
    for ref in refs:
        for raw in repo.list_goals(ref.circle, ref.member.id):
            goal = Goal.from_dict(raw)
            if goal.member == ref.member.id and (include_closed or goal.active):
                rows.append(GoalRow(ref, goal))
    return order_rows(rows, today)


def order_rows(rows: Iterable[GoalRow], today: date) -> list[GoalRow]:
    by_goal = {id(row.goal): row for row in rows}
    return [by_goal[id(goal)] for goal in review_order((row.goal for row in by_goal.values()), today)]


def find_goal(repo: ReviewRepository, goal_id: str, *, circle: str | None = None) -> tuple[dict, Goal]:
    """The goal with this id and the circle record it lives in; clear errors when none or many."""
    found = []
    for record in _circles(repo, circle):
        for raw in repo.list_goals(record["slug"]):
            if str(raw.get("id")) == goal_id:
                found.append((record, Goal.from_dict(raw)))
    if not found:
        where = f"circle {circle}" if circle else "any circle"
        raise GoalError(f"there is no goal with id {goal_id!r} in {where} ({hints.command('goals', '--all', '--plain')} lists ids)")
    if len(found) > 1:
        raise GoalError(f"goal id {goal_id!r} is in several circles: add --circle NAME")
    return found[0]


def member_of(repo: ReviewRepository, circle: dict, member_id: str) -> Member:
    for member in repo.list_members(circle["slug"], include_inactive=True):
        if member.id == member_id:
            return member
    return Member(id=member_id, name=member_id)


def flag_advice(goal: Goal, today: date) -> list[str]:
    """What the SMART checklist flags on a saved goal, e.g. 'M: no measure: how will you know?'."""
    return [f"{c.letter} {c.name}: {c.advice}" for c in flags(goal_checklist(goal, today))]
