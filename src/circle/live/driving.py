"""Who may drive or follow a session, and what a resume owes the time nobody drove it.

One driver per session: the store's driver lock (released by the operating system
when its holder dies). This module decides, from what the last driver left behind,
how much of the time since the log's last event was session time, and how much was a
gap that is nobody's airtime and no phase's time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from circle.domain.circles.members import Member, same_person
from circle.domain.server.access import AccessDenied, Action
from circle.domain.session.replay import seconds_between
from circle.errors import CircleError
from circle.store.driver_lock import HANDED, RELEASED, DriverInfo, DriverLock, DriverStatus, driver_status
from circle.store.repository import Repository

HEARTBEAT_SECONDS = 5.0  # how often a driver says it is alive: a crash's gap is this exact
TAKEOVER_WAIT = 10.0  # seconds a facilitator waits for a live driver to let go


class SessionDriven(CircleError):
    """The session is driven by another process: follow it, or (a facilitator) take it over."""

    exit_code = 3

    def __init__(self, message: str, status: DriverStatus) -> None:
        super().__init__(message)
        self.status = status


def may_drive(repo: Repository, circle: str, actor: str) -> bool:
    """Whether actor may drive (start, resume, take over, be handed) the circle's sessions.

    Always on a laptop, where the data home is the user's own; on a school server, the
    circle's facilitators only (the repository's access rules, asked for that teacher).
    """
    return _as(repo, actor).may(Action.RUN_SESSION, circle)


def _as(repo: Repository, actor: str) -> Repository:
    """The repository as actor sees it: its access rules, asked for that teacher."""
    return repo if actor == repo.actor else Repository(repo.home, actor, clock=repo.clock)


class NotAllowed(AccessDenied):
    """The actor may not do this with the circle's sessions (a school server's rules)."""


def check_may_drive(repo: Repository, circle: str, actor: str) -> None:
    if not may_drive(repo, circle, actor):
        raise NotAllowed(f"{actor} may not run the sessions of {circle}")


def may_follow(repo: Repository, circle: str, actor: str) -> bool:
    """Whether actor may follow the circle's live session: whoever may read its history."""
    return _as(repo, actor).may(Action.READ, circle)


def status_of(repo: Repository, slug: str, session_id: str) -> DriverStatus:
    return driver_status(repo.sessions_dir(slug), session_id)


def new_lock(repo: Repository, slug: str, session_id: str) -> DriverLock:
    clock = repo.clock
    return DriverLock(repo.sessions_dir(slug), session_id, repo.actor,
                      now=lambda: clock.now().isoformat())


def running_session(repo: Repository, circle: str) -> str | None:
    """The id of the circle's latest session when a driver runs it now; else None."""
    slug = repo.slug_of(circle)
    latest = repo.latest_session_id(slug)
    if latest is None or not status_of(repo, slug, latest).held:
        return None
    return latest


def driven_message(status: DriverStatus) -> str:
    who = status.info.name if status.info else "another process"
    return f"this session is being run by {who} right now: follow it, or take it over"


@dataclass(frozen=True)
class Pickup:
    """How a new driver picks a session up from the one before (read before taking the lock).

    counted: seconds after the log's last event that were session time (None: all of
    them, the room carried on). gap_from: when nobody drove any more, if nobody did.
    previous: the last driver's name; how: resume, hand_off (picked up) or take_over.
    handed_here: it was handed to this driver (by any name that means them).
    """

    counted: float | None
    gap_from: str | None
    previous: str | None
    how: str
    handed_here: bool = False


def pickup(info: DriverInfo | None, last_at: str | None, actor: str, members: Sequence[Member] = ()) -> Pickup:
    """What the time since the log's last event was, given how the last driver let go.

    A hand-off or a take-over leaves the room running: all of it counts. A quit, a
    crash or a dropped connection leaves a gap from the driver's last sign of life
    (or the last event, if later) until now. A session handed to a member is theirs by any
    name that means them (members: the circle's).
    """
    previous = info.name if info else None
    if info is not None and info.state in (HANDED, RELEASED):
        how = "take_over" if info.state == RELEASED else "hand_off"
        # Picking up a session handed to someone else takes it from them, not from its last driver.
        handed_here = info.state == HANDED and info.to is not None and same_person(info.to, actor, members)
        handed_elsewhere = info.state == HANDED and info.to is not None and not handed_here
        return Pickup(None, None, info.to if handed_elsewhere else previous, how, handed_here)
    if last_at is None:
        return Pickup(0.0, None, previous, "resume")
    alive = info.alive if info else last_at
    counted = seconds_between(last_at, alive)
    gap_from = alive if counted > 0 else last_at
    return Pickup(counted, gap_from, previous, "resume")
