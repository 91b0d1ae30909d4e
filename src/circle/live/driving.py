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
from circle.domain.clock import Clock, boot_of
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
    """The id of the circle's current session when a driver runs it now; else None."""
    slug = repo.slug_of(circle)
    latest = repo.current_session_id(slug)
    if latest is None or not status_of(repo, slug, latest).held:
        return None
    return latest


def driven_message(status: DriverStatus) -> str:
    who = status.info.name if status.info else "another process"
    return f"this session is being run by {who} right now: follow it, or take it over"


@dataclass(frozen=True)
class Pickup:
    """How a new driver picks a session up from the one before (read under the lock).

    counted: seconds after the log's last event that were session time: the new driver's
    session time goes on from the last event's ``t`` plus these. gap: seconds nobody drove
    (0 when the room carried on); gap_from: the time of day the last driver was last seen,
    when there is a gap. previous: the last driver's name; how: resume, hand_off (picked
    up) or take_over. measured: whether the seconds since the last driver's word were
    counted on one monotonic clock (False: estimated from wall times, which can jump).
    handed_here: it was handed to this driver (by any name that means them).
    """

    counted: float
    gap: float
    gap_from: str | None
    previous: str | None
    how: str
    measured: bool = True
    handed_here: bool = False


@dataclass(frozen=True)
class Now:
    """The new driver's clock when it picks up: time of day, monotonic reading, and its boot."""

    at: str
    mono: float
    boot: str | None


def now_of(clock: Clock) -> Now:
    return Now(clock.now().isoformat(), clock.monotonic(), boot_of(clock))


def since_word(info: DriverInfo, now: Now) -> tuple[float, bool]:
    """Seconds since the driver wrote info, and whether they were measured.

    Measured on the monotonic count when the info's reading and now's are on one boot of
    one machine (shared by its processes on Linux, untouched by the wall clock, standing
    still while the machine sleeps); otherwise (another boot, another machine, an info file without the reading) estimated
    from the two wall times. Never below 0.
    """
    if info.mono is not None and info.boot is not None and info.boot == now.boot and now.mono >= info.mono:
        return now.mono - info.mono, True
    return seconds_between(info.alive, now.at), False


def pickup(info: DriverInfo | None, last: dict | None, actor: str, now: Now,
           members: Sequence[Member] = ()) -> Pickup:
    """What the time since the log's last event was, given how the last driver let go.

    The session's time is only ever what the log and the last driver's word prove: the
    last event's ``t``, or the session time the driver wrote with its last sign of life
    (a heartbeat, or how it let go), whichever is later. A hand-off or a take-over leaves
    the room running: the seconds since that word count too. A quit, a crash or a dropped
    connection leaves a gap from that word until now, which counts for nobody. No wall
    clock moves a duration, except for the estimate of a gap (see ``since_word``) and an
    info file written without the session's time. A session handed to a member is theirs by
    any name that means them (members: the circle's).
    """
    previous = info.name if info else None
    if last is None:
        return Pickup(0.0, 0.0, None, previous, "resume")
    last_t, last_at = float(last.get("t") or 0.0), str(last.get("at") or "")
    if info is None:  # nothing but the log: its last event is all it proves
        return Pickup(0.0, seconds_between(last_at, now.at), last_at, previous, "resume", measured=False)
    elapsed, measured = since_word(info, now)
    if info.t is not None:
        beyond = max(0.0, info.t - last_t)  # session time proven after the last event
        before = max(0.0, last_t - info.t)  # the word came before the last event: that much of elapsed
    else:  # a driver that wrote no session time: its two wall stamps
        beyond, before = seconds_between(last_at, info.alive), seconds_between(info.alive, last_at)
    after_proof = max(0.0, elapsed - before)
    if info.state in (HANDED, RELEASED):
        how = "take_over" if info.state == RELEASED else "hand_off"
        # Picking up a session handed to someone else takes it from them, not from its last driver.
        handed_here = info.state == HANDED and info.to is not None and same_person(info.to, actor, members)
        handed_elsewhere = info.state == HANDED and info.to is not None and not handed_here
        return Pickup(beyond + after_proof, 0.0, None, info.to if handed_elsewhere else previous, how,
                      measured, handed_here)
    gap_from = info.alive if beyond > 0 else last_at
    return Pickup(beyond, after_proof, gap_from, previous, "resume", measured=measured)
