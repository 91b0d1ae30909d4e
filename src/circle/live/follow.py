"""Following a circle's live session from another terminal: read-only, by polling its files.

A follower keeps its own engine and feeds it each new part of the session's log, at the
times the log holds, one event after another (``listeners`` hear each, in order).
Between events its clock runs on from the driver's latest figure (the session time of
its last event or of its last sign of life, both from the driver's monotonic clock) by
the follower's own monotonic seconds: every follower shows the driver's seconds, and no
wall clock moves them. It looks at the files a few times a second (their size and
modification time; no inotify: on a server every follower runs as one account, with a
small per-user limit of watches), re-reads only what changed, and never opens a data
file for writing: it takes no lock, creates nothing.

Which session: the circle's latest. When the driver goes, the clock stops where the
driver was last seen alive ("waiting for the facilitator"); a resumed, taken-over or
new session is picked up by the next poll.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Callable

from circle.domain.clock import Clock
from circle.domain.session.engine import SessionEngine
from circle.domain.session.events import Event
from circle.domain.session.replay import ReplayClock, seconds_between
from circle.domain.session.state import EngineError
from circle.errors import CircleError
from circle.live.driving import NotAllowed, may_follow
from circle.live.setup import SessionSetup, prepare
from circle.store.driver_lock import HANDED, RELEASED, DriverStatus, info_file, is_held, read_info
from circle.store.errors import StoreError
from circle.store.inside import file_signature
from circle.store.locked_db import read_tables
from circle.store.repository import Repository
from circle.store.journal import journal_path
from circle.store.sessions import session_events, session_record

POLL_SECONDS = 0.2  # how often a follower looks at the files: at most this far behind the driver
# A live driver's monotonic reading at most this far before the follower's is taken to be on
# the follower's own clock (one machine): its word then holds from when it was written.
SAME_CLOCK_SECONDS = 600.0
NO_DRIVER = DriverStatus(False, None)
Listener = Callable[[SessionEngine, Event], None]  # an event just replayed, and the engine after it


def _sans_alive(status: DriverStatus) -> tuple:
    return (status.held, replace(status.info, alive="", t=None, mono=None) if status.info else None)


def _mark(path: Path) -> tuple[int, int, int] | None:
    """What tells a file changed: inode (files are replaced whole), size, modification time."""
    try:
        return file_signature(path)
    except OSError:
        return None


@dataclass(frozen=True)
class Stage:
    """Who drives and how the follower sees it: the words a front end shows."""

    driving: bool  # a driver holds the session now
    waiting: bool  # nobody drives it and nobody is about to: the clock stands still
    text: str


class Follower:
    """One circle's live session, as a follower sees it. ``poll()`` a few times a second.

    Read-only counterpart of LiveSession: ``engine``, ``setup``, ``repo`` and
    ``session_id`` are what the session screen's widgets read.
    ``clock``: its monotonic seconds run the shown time on between the driver's figures.
    """

    def __init__(self, repo: Repository, circle: str, clock: Clock) -> None:
        if not may_follow(repo, circle, repo.actor):
            raise NotAllowed(f"{repo.actor} may not follow the sessions of {circle}")
        record, _roster = repo.circle_with_roster(circle)
        self.repo, self.clock = repo, clock
        self.slug = str(record["slug"])
        self.circle_name = str(record.get("name", self.slug))
        self.folder = repo.sessions_dir(self.slug)
        self.session_id: str | None = None
        self.record: dict[str, Any] = {}
        self.setup: SessionSetup | None = None
        self.engine: SessionEngine | None = None
        self.status: DriverStatus = NO_DRIVER
        self.problem: str | None = None  # why the session cannot be shown, if it cannot
        self.version = 0  # goes up with every change a poll finds
        self.listeners: list[Listener] = []  # told of each new event of the session, in order
        self._told = 0  # the seq of the last event the listeners were told of
        self._clock = ReplayClock()
        self._read_at = {"event": 0.0, "info": 0.0}  # when the last event and the driver's word were read
        self._marks: dict[str, Any] = {}

    # -- polling -------------------------------------------------------------

    def poll(self) -> bool:
        """Look at the files and take in what changed; True when something did (and on the first look)."""
        changed = self.version == 0
        folder_mark = _mark(self.folder)
        if folder_mark != self._marks.get("folder"):
            self._marks["folder"] = folder_mark
            latest = self._latest()
            if latest != self.session_id:
                self._open(latest)
                changed = True
        if self.session_id is not None:
            changed = self._read_log() or changed
            changed = self._read_driver() or changed
            self._run_clock()
        if changed:
            self.version += 1
        return changed

    def _latest(self) -> str | None:
        return self.repo.current_session_id(self.slug)  # a record whose start failed is passed over

    def _open(self, session_id: str | None) -> None:
        self.session_id, self.engine, self.setup, self.record, self.problem = session_id, None, None, {}, None
        self.status, self._told = NO_DRIVER, 0
        for key in ("log", "info"):
            self._marks.pop(key, None)

    def _log_path(self) -> Path:
        return self.folder / f"{self.session_id}.json"

    def _read_log(self) -> bool:
        path = self._log_path()
        mark = (_mark(path), _mark(journal_path(path)))  # the record, and the journal events go to
        if mark == self._marks.get("log"):
            return False
        self._marks["log"] = mark
        try:
            tables = read_tables(path)
            if tables is None:
                return False
            self.record = session_record(tables, path)
            rows = session_events(tables, path)
            self._take_in(rows)
            self.problem = None
        except (CircleError, OSError) as error:
            self.problem = f"cannot show session {self.session_id}: {error}"
            self.engine = None
        return True

    def _take_in(self, rows: list[dict[str, Any]]) -> None:
        """Feed the engine the events it has not seen, one at a time, telling the listeners of each
        they were not told of yet; rebuild it if the log is not what it had."""
        engine = self.engine
        if engine is not None:
            held = engine.events
            if len(rows) < len(held) or any(rows[i].get("seq") != e.seq for i, e in enumerate(held)):
                engine = None  # not an extension of what was read before: start again
        if engine is None:
            engine = self._fresh_engine()
            held = ()
        if rows[len(held):]:
            self._read_at["event"] = self.clock.monotonic()
        try:
            for row in rows[len(held):]:
                engine.replay_more([row], self._clock)
                event = engine.events[-1]
                if event.seq > self._told:
                    self._told = event.seq
                    for listener in list(self.listeners):
                        listener(engine, event)
        except EngineError:
            self.engine = None
            raise
        self.engine = engine

    def _fresh_engine(self) -> SessionEngine:
        if self.setup is None:
            plan_name = str(self.record.get("plan") or "")
            setup = prepare(self.repo, self.slug, plan_name)  # the record's plan and its decks
            # The setup describes the session starting after the latest: for the latest itself,
            # the session before it is the one whose commitments come first.
            before = [sid for sid in self.repo.session_ids(self.slug) if sid < str(self.session_id)]
            self.setup = replace(setup, previous_session=before[-1] if before else None)
        self._clock = ReplayClock()
        return SessionEngine(self.setup.plan, self.setup.roster, self._clock, decks=self.setup.decks)

    def _read_driver(self) -> bool:
        """Whether a driver holds the lock (a read-only test) and, when its file changed, what it says."""
        sid = str(self.session_id)
        mark = _mark(info_file(self.folder, sid))
        info = self.status.info
        if mark != self._marks.get("info"):
            self._marks["info"] = mark
            info = read_info(self.folder, sid)
            self._read_at["info"] = self.clock.monotonic()
        old, self.status = self.status, DriverStatus(is_held(self.folder, sid), info)
        return _sans_alive(old) != _sans_alive(self.status)  # a heartbeat alone changes nothing shown

    def _run_clock(self) -> None:
        engine = self.engine
        if engine is None or not engine.events:
            return
        last = engine.events[-1]
        info = self.status.info
        said = info.t if info is not None else None  # the session's time at the driver's last word
        if self.status.held or (info is not None and info.state in (HANDED, RELEASED)):
            self._clock.run_on(self.clock, *self._latest_figure(last))  # the room carries on
        elif info is not None and said is None:
            # A driver that wrote no session time: the time between its own two stamps.
            self._clock.stand(last.t + seconds_between(last.at, info.alive))
        else:
            self._clock.stand(last.t if said is None else max(last.t, said))  # where the driver was last seen

    def _latest_figure(self, last: Event) -> tuple[float, float]:
        """The driver's latest session time, and the reading of this follower's monotonic clock
        when it held: the last event's from when it was read; the driver's last word's from when
        it was written if a live driver's clock is this one, else from when it was read."""
        figure = (last.t, self._read_at["event"])
        info = self.status.info
        if info is None or info.t is None:
            return figure
        at = self._read_at["info"]
        if self.status.held and info.mono is not None and 0.0 <= at - info.mono <= SAME_CLOCK_SECONDS:
            at = info.mono
        now = self.clock.monotonic()
        return max(figure, (info.t, at), key=lambda held: held[0] + now - held[1])

    # -- what to show ----------------------------------------------------------

    @property
    def ended(self) -> bool:
        return self.engine is not None and self.engine.status == "ended"

    def stage(self) -> Stage:
        """Who drives the session, in words for the follower's status line."""
        if self.session_id is None:
            return Stage(False, True, f"No session of {self.circle_name} yet: waiting for one to start")
        if self.ended:
            return Stage(False, False, "The session has ended")
        info = self.status.info
        if self.status.held:
            return Stage(True, False, f"{info.name if info else 'A facilitator'} is running the session")
        if info is not None and info.state == HANDED:
            return Stage(False, False, f"Handed to {info.to}: waiting for them")
        if info is not None and info.state == RELEASED:
            return Stage(False, False, f"{info.to} is taking over")
        return Stage(False, True, "Waiting for the facilitator")


def open_follower(repo: Repository, circle: str, clock: Clock) -> Follower:
    """A follower that has read the session once (StoreError or NotFound for a bad circle)."""
    follower = Follower(repo, circle, clock)
    follower.poll()
    return follower


__all__ = ["Follower", "NotAllowed", "POLL_SECONDS", "Stage", "StoreError", "open_follower"]
