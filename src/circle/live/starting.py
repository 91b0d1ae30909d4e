"""One session per circle: what a start, a resume or a take-over finds, under the circle's live lock.

A circle's live session is its current one (the latest that began, or is being started:
circle.store) until it ends. A start, a resume and a take-over each hold the circle's
live lock (Repository.live_lock) from looking here until they drive or give up, so
however many run at once one session results and one process drives it. A start that
finds a live session makes none: SessionRunning says which, and the front end offers
to follow it or take it over (or resume it, when nobody drives it).
"""

from __future__ import annotations

from typing import Any

from circle.errors import CircleError
from circle.live.driving import SessionDriven, driven_message, status_of
from circle.store.driver_lock import DriverStatus
from circle.store.repository import Repository


class SessionRunning(SessionDriven):
    """The circle has a live session: it is followed or taken over (resumed, when nobody drives it)."""

    def __init__(self, record: dict[str, Any], status: DriverStatus) -> None:
        super().__init__(running_message(record, status), status)
        self.record = record


class NoLongerLive(CircleError):
    """The session asked for has ended since it was offered: there is nothing to resume."""


def running_message(record: dict[str, Any], status: DriverStatus) -> str:
    if status.held:
        return driven_message(status)
    started = str(record.get("started", ""))[:16].replace("T", " ")
    return f"the session started {started} did not end and nobody runs it: resume it, or follow it"


def live_session(repo: Repository, slug: str) -> tuple[dict[str, Any], DriverStatus] | None:
    """The circle's live session (its record, with its id) and who drives it; None when it has none."""
    session_id = repo.current_session_id(slug)
    if session_id is None:
        return None
    record = repo.get_session(slug, session_id)
    if record.get("ended"):
        return None
    return dict(record, id=session_id), status_of(repo, slug, session_id)


def check_none_running(repo: Repository, slug: str, replacing: str | None = None) -> None:
    """SessionRunning when the circle has a live session. replacing: the unfinished session the
    facilitator chose not to resume; a new one starts beside it while nobody drives it."""
    found = live_session(repo, slug)
    if found is None:
        return
    record, status = found
    if record["id"] == replacing and not status.held:
        return
    raise SessionRunning(record, status)


def check_live(repo: Repository, slug: str, session_id: str) -> DriverStatus:
    """Who drives session_id, which must be the circle's live session: SessionRunning names the
    one that is (started since), NoLongerLive says it ended."""
    found = live_session(repo, slug)
    if found is None:
        raise NoLongerLive(f"session {session_id} has ended since: start a new one")
    record, status = found
    if record["id"] != session_id:
        raise SessionRunning(record, status)
    return status
