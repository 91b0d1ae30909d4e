"""Who may do what on a school server, decided from plain facts about the teacher and the circle.

On a laptop (no teachers registered) nothing here applies: the operating-system
user owns the data home. On a server the actor is a registered teacher, and:

- a circle's members see it and read its norms, agreement, history and goals, and
  change their own goals;
- its facilitators (its mentors, unless the circle names its own) also run sessions,
  change members' goals while a session runs, and edit members, norms and agreement;
- admins create circles, manage members, import rosters and check the data files,
  but read nothing said or set in a circle they are not a member of.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any

from circle.errors import CircleError


class AccessDenied(CircleError):
    """An action the acting teacher may not take; nothing was read or written."""

    exit_code = 3


class NoSuchCircle(AccessDenied):
    """A circle the teacher cannot open, named exactly as one that is not there: a refusal
    must not tell that a circle exists, nor its name."""

    def __init__(self, asked: str) -> None:
        super().__init__(f"there is no circle named {asked!r} that you can open")


class Action(Enum):
    SEE_CIRCLE = "see"  # name, description and roster
    READ = "read the norms, agreement, history and goals of"
    CHANGE_OWN_GOALS = "change their own goals in"
    CHANGE_GOALS = "change another member's goals in"
    RUN_SESSION = "run a session of"
    EDIT_CIRCLE = "edit the norms, agreement and facilitators of"
    MANAGE_MEMBERS = "add, change or remove members of"
    RENAME = "rename or describe"
    CREATE_CIRCLE = "create a circle"
    CHECK = "check the data files"


@dataclass(frozen=True)
class Actor:
    name: str
    teacher: bool  # registered on this server
    admin: bool = False


@dataclass(frozen=True)
class CircleFacts:
    """What the actor is in one circle."""

    name: str
    member: bool = False
    facilitator: bool = False
    own_member_ids: frozenset[str] = frozenset()  # the actor's member records (to tell their own goals)


def circle_facts(actor: str, circle: Mapping[str, Any], members: Iterable[Mapping[str, Any]]) -> CircleFacts:
    """The actor's standing in a circle, from its record and its member rows (a member is
    the actor when its username is the teacher's name; removed members count for nothing)."""
    active = [m for m in members if m.get("active", True) is not False]
    mine = [m for m in active if m.get("username") == actor]
    named = circle.get("facilitators")
    if isinstance(named, list) and named:
        facilitator = actor in named
    else:
        facilitator = any(m.get("role") == "mentor" for m in mine)
    return CircleFacts(
        name=str(circle.get("name", "")),
        member=bool(mine),
        facilitator=bool(mine) and facilitator,
        own_member_ids=frozenset(str(m.get("id")) for m in mine),
    )


ADMIN_ACTIONS = {Action.SEE_CIRCLE, Action.MANAGE_MEMBERS, Action.RENAME, Action.CREATE_CIRCLE, Action.CHECK}
MEMBER_ACTIONS = {Action.SEE_CIRCLE, Action.READ, Action.CHANGE_OWN_GOALS}
FACILITATOR_ACTIONS = MEMBER_ACTIONS | {Action.RUN_SESSION, Action.EDIT_CIRCLE, Action.MANAGE_MEMBERS,
                                        Action.RENAME, Action.CHANGE_GOALS}  # fmt: skip
WHO_MAY = {
    Action.SEE_CIRCLE: "its members and admins",
    Action.READ: "its members",
    Action.CHANGE_OWN_GOALS: "its members",
    Action.CHANGE_GOALS: "its facilitators during a session",
    Action.RUN_SESSION: "its facilitators (its mentors, unless it names its own)",
    Action.EDIT_CIRCLE: "its facilitators (its mentors, unless it names its own)",
    Action.MANAGE_MEMBERS: "its facilitators and admins",
    Action.RENAME: "its facilitators and admins",
    Action.CREATE_CIRCLE: "admins",
    Action.CHECK: "admins",
}


def allowed(action: Action, actor: Actor, facts: CircleFacts | None = None, *, session_running: bool = False) -> bool:
    if not actor.teacher:
        return False
    if actor.admin and action in ADMIN_ACTIONS:
        return True
    if facts is None:
        return False
    if action is Action.CHANGE_GOALS and not session_running:
        return False
    granted = FACILITATOR_ACTIONS if facts.facilitator else MEMBER_ACTIONS if facts.member else set()
    return action in granted


def require(action: Action, actor: Actor, facts: CircleFacts | None = None, *, session_running: bool = False) -> None:
    """AccessDenied, in one line saying what was refused and who may do it, unless allowed."""
    if allowed(action, actor, facts, session_running=session_running):
        return
    if not actor.teacher:
        raise AccessDenied(f"refused: {actor.name} is not a teacher on this server (`circle teachers list`)")
    what = action.value if facts is None else f"{action.value} {facts.name!r}"
    raise AccessDenied(f"refused: {actor.name} may not {what}: only {WHO_MAY[action]} may")


def check_own_membership(actor: Actor, facts: CircleFacts, usernames: Iterable[str | None]) -> None:
    """Making oneself a member, or changing one's own member record (its role, its return from
    removal), is for the circle's facilitators: an admin cannot join a circle on their own to read
    it, nor make themselves its facilitator."""
    if actor.teacher and not facts.facilitator and actor.name in set(usernames):
        raise AccessDenied(
            f"refused: {actor.name} may not add themselves to {facts.name!r} or change their own "
            "member record: ask one of its facilitators"
        )
