"""A running session: the engine and its log on disk, kept in step.

Every operation goes engine first, then the store; a front end redraws once it returns.
If the write fails (StoreError) the engine goes back to a copy taken just before the
operation, so the screen never shows an action that is not on disk. The copy shares the
clock (and nothing else) with the live engine.

One process drives a session: it holds the session's driver lock (circle.live.driving)
from ``begin`` or ``resume`` until it leaves, hands the session off, or lets go to a
facilitator taking over (seen by ``tick``); after that its actions raise NotDriving.
A start, a resume and a take-over each decide and act under the circle's live lock
(circle.live.starting): a circle has one live session, and one process drives it.

Timer events from ``tick`` (a zero reached) are facts of time, not actions: when
one cannot be written it waits in ``unsaved`` and goes out, in order, ahead of the
next write. So does the log entry of a goal change whose goal was saved: the goal is
the record of truth, and the user is told it is saved but not yet logged.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Callable

from circle.domain.session import events as ev
from circle.domain.circles.members import same_person
from circle.domain.clock import Clock, boot_of
from circle.domain.session.engine import SessionEngine
from circle.domain.session.notes import note_data
from circle.domain.session.events import Event
from circle.domain.goals.changes import ChangeResult, GoalChange, apply_change
from circle.domain.plans.plan import Plan
from circle.domain.session.state import EngineError
from circle.errors import CircleError
from circle.live.driving import (HEARTBEAT_SECONDS, TAKEOVER_WAIT, Pickup, SessionDriven, check_may_drive,
                                 driven_message, new_lock, status_of)
from circle.live.resume_offer import picked_up
from circle.live.setup import SessionSetup
from circle.live.starting import check_live, check_none_running
from circle.store.driver_lock import (DRIVING, HANDED, LEFT, RELEASED, DriverInfo, DriverLock, DriverStatus,
                                      ask_to_take_over, read_request, withdraw_request)
from circle.store.errors import StoreError
from circle.store.repository import Repository

Operation = Callable[[SessionEngine], Event]



def _holder(info: DriverInfo | None) -> tuple | None:
    return (info.name, info.pid, info.started) if info else None


class NotDriving(StoreError):
    """An action on a session this process no longer drives (handed off or taken over)."""


@dataclass(frozen=True)
class GoalOutcome:
    """A goal change saved in a session, and whether its log entry is on disk yet."""

    result: ChangeResult
    log_error: CircleError | None = None  # the goal is saved; its log entry is not (yet)
    log_pending: bool = False  # the entry waits and is written ahead of the next write

    @property
    def logged(self) -> bool:
        return self.log_error is None


class LiveSession:
    def __init__(self, setup: SessionSetup, engine: SessionEngine, clock: Clock, session_id: str | None = None):
        self.setup = setup
        self.engine = engine
        self.clock = clock
        self.session_id = session_id
        self.unsaved: list[Event] = []
        self.lock: DriverLock | None = None  # this process's hold on the session's driver lock
        self.let_go_to: str | None = None  # set once a hand-off or a take-over ended this driving
        self.let_go_how: str | None = None  # "hand_off" or "take_over"
        self._alive_said = clock.monotonic()

    @property
    def repo(self) -> Repository:
        return self.setup.repo

    @classmethod
    def fresh(cls, setup: SessionSetup, clock: Clock) -> "LiveSession":
        return cls(setup, setup.engine(clock), clock)

    @classmethod
    def resume(cls, setup: SessionSetup, record: dict[str, Any], plan: Plan, clock: Clock, *,
               wait: float = 0.5, give_up: Callable[[], bool] | None = None) -> "LiveSession":
        """The unfinished session rebuilt from its stored log, driven from here on.

        Raises SessionDriven when another process drives it (a live session is
        followed or taken over, never resumed). The session's time goes on from what the
        log and the last driver's word prove (the room's time after a hand-off or a
        take-over too); the rest is a gap, logged as such, nobody's airtime
        (circle.live.driving.pickup).
        """
        check_may_drive(setup.repo, setup.slug, setup.repo.actor)
        with setup.repo.live_lock(setup.slug):
            check_live(setup.repo, setup.slug, str(record["id"]))
            return cls._pick_up(setup, record, plan, clock, wait=wait, give_up=give_up)

    @classmethod
    def _pick_up(cls, setup: SessionSetup, record: dict[str, Any], plan: Plan, clock: Clock, *,
                 wait: float, give_up: Callable[[], bool] | None) -> "LiveSession":
        """Take the session's driver lock and rebuild the session from its log (under the live lock)."""
        session_id = str(record["id"])
        lock = new_lock(setup.repo, setup.slug, session_id)
        if not lock.acquire(wait, give_up):
            status = status_of(setup.repo, setup.slug, session_id)
            raise SessionDriven(driven_message(status), status)
        try:
            # Read under the lock: only a holder writes the info, so this is how the last one let go.
            engine, how = picked_up(setup, session_id, plan, clock)
            live = cls(setup, engine, clock, session_id)
            live._hold(lock)
            live._record_pickup(how)
            lock.write()  # after the gap is logged: a failed resume leaves the last driver's word
        except BaseException:
            lock.release(state=None)
            raise
        withdraw_request(lock.folder, session_id)
        return live

    @classmethod
    def take_over(cls, setup: SessionSetup, record: dict[str, Any], plan: Plan, clock: Clock, *,
                  wait: float = TAKEOVER_WAIT, seen: DriverStatus | None = None) -> "LiveSession":
        """Ask the session's live driver to let go, then drive it (the room carries on).

        seen: who drove it when the facilitator chose to take it over (default: now). Decided
        under the circle's live lock: of any number taking over at once, one drives; the
        others find someone else driving it and get SessionDriven.
        """
        repo, session_id = setup.repo, str(record["id"])
        check_may_drive(repo, setup.slug, repo.actor)
        seen = seen or status_of(repo, setup.slug, session_id)
        with repo.live_lock(setup.slug):
            now = check_live(repo, setup.slug, session_id)
            if now.held and not (seen.held and _holder(now.info) == _holder(seen.info)):
                raise SessionDriven(driven_message(now), now)
            before = now.info
            folder = repo.sessions_dir(setup.slug)
            ask_to_take_over(folder, session_id, repo.actor, clock.now().isoformat())

            def someone_else_drives() -> bool:
                now = status_of(repo, setup.slug, session_id)
                return (now.held and now.info is not None and now.info.state == DRIVING
                        and _holder(now.info) != _holder(before))

            try:
                return cls._pick_up(setup, record, plan, clock, wait=wait, give_up=someone_else_drives)
            except SessionDriven:
                if read_request(folder, session_id) == repo.actor:
                    withdraw_request(folder, session_id)
                raise

    def _record_pickup(self, how: Pickup) -> None:
        actor = self.repo.actor
        if how.gap > 0 and how.gap_from is not None:
            until = self.clock.now().isoformat()
            self.act(lambda e: e.record(ev.GAP, **{"from": how.gap_from, "to": until, "seconds": how.gap}))
        if how.how == "hand_off" and how.handed_here:
            return  # the hand-off event already names this driver
        kind = "resume" if how.how == "resume" else "take_over"
        self.act(lambda e: e.record(ev.DRIVER_CHANGED, **{"from": how.previous, "to": actor, "by": actor,
                                                           "how": kind}))

    # -- who drives ----------------------------------------------------------

    def _hold(self, lock: DriverLock) -> None:
        """Drive through lock: what it writes carries the session's time, the figure followers show."""
        self.lock = lock
        lock.session_time = lambda: (self.engine.session_time, self.clock.monotonic())
        lock.boot = boot_of(self.clock)

    @property
    def driving(self) -> bool:
        """Whether this process still drives the session (a hand-off or a take-over ends that)."""
        return self.let_go_to is None

    def keep_driving(self) -> str | None:
        """Say this driver is alive every few seconds; let go when a facilitator asks to take over.

        Returns who took over when this driver let go just now (its screen then follows).
        """
        lock = self.lock
        if lock is None or not lock.held:
            return None
        asked = lock.takeover_asked()
        if asked is not None:
            self.let_go_to, self.let_go_how = asked, "take_over"
            lock.release(RELEASED, asked)
            return asked
        now = self.clock.monotonic()
        if now - self._alive_said >= HEARTBEAT_SECONDS:
            self._alive_said = now
            try:
                lock.write(sync=False)  # a heartbeat: no fsync on the screen's thread
            except StoreError:
                pass  # only advice for a later resume; the next beat tries again
        return None

    def hand_off(self, to: str) -> Event:
        """Hand the session to another facilitator; this process stops driving (it may follow)."""
        actor = self.repo.actor
        if same_person(to, actor, self.setup.members):
            raise EngineError("you are driving this session already: pick someone else")
        check_may_drive(self.repo, self.setup.slug, to)
        event = self.act(lambda e: e.record(ev.DRIVER_CHANGED, **{"from": actor, "to": to, "by": actor,
                                                                   "how": "hand_off"}))
        self.let_go_to, self.let_go_how = to, "hand_off"
        if self.lock is not None:
            self.lock.release(HANDED, to)
        return event

    def leave(self) -> None:
        """Stop driving (quit): the session waits for a resume; the time until then is a gap."""
        if self.lock is not None and self.driving:
            self.lock.release(LEFT)

    def begin(self, attendance: dict[str, bool], leader: str | None = None, *,
              replacing: str | None = None) -> None:
        """Check everyone in or out, confirm the leader (plans with led phases), start, and
        create the session with its first events: one step under the circle's live lock.

        A circle with a live session gets no second one: SessionRunning names it, to follow
        or take over. replacing: the unfinished session the facilitator chose not to resume.
        On a failed write nothing is kept: the half-made record is removed, the engine is
        back at check-in, and the caller stays on the check-in screen.
        """
        check_may_drive(self.repo, self.setup.slug, self.repo.actor)
        with self.repo.live_lock(self.setup.slug):
            check_none_running(self.repo, self.setup.slug, replacing)
            self._create(attendance, leader)

    def _create(self, attendance: dict[str, bool], leader: str | None) -> None:
        engine = self.engine
        try:
            for member_id, present in attendance.items():
                if present:
                    engine.check_in(member_id, True)
            if leader is not None:
                engine.choose_leader(leader)
            engine.start()
            record = {
                "plan": self.setup.plan.name,
                "plan_title": self.setup.plan.title,
                "started": self.clock.now().isoformat(),
                "attendance": [{"member": m, "present": p} for m, p in attendance.items()],
            }
            self.session_id = self.repo.create_session(self.setup.slug, record)
            lock = new_lock(self.repo, self.setup.slug, self.session_id)
            self._hold(lock)
            if not lock.acquire(wait=1.0):  # a follower's test may hold it for a moment
                raise StoreError(f"session {self.session_id} is already being run by another process")
            lock.write()
            for event in engine.events:
                self.repo.append_event(self.setup.slug, self.session_id, event.to_dict())
        except Exception:
            self.engine = self.setup.engine(self.clock)
            if self.lock is not None:
                self.lock.release(state=None)
                self.lock = None
            if self.session_id is not None:
                with contextlib.suppress(CircleError):  # left behind, it is still passed over: it never began
                    self.repo.discard_session(self.setup.slug, self.session_id)
                self.session_id = None
            raise

    def _copy_engine(self) -> SessionEngine:
        """A copy to fall back on, at a cost that does not grow with the session."""
        return self.engine.snapshot()  # type: ignore[return-value]  # a SessionEngine's snapshot is one

    def act(self, operation: Operation) -> Event:
        """Apply one engine operation and write its event; EngineError or StoreError leave no trace."""
        if not self.driving:
            raise NotDriving(f"{self.let_go_to} runs this session now: this screen only follows it")
        before = self._copy_engine()
        event = operation(self.engine)
        try:
            self._write([event])
        except StoreError:
            self.engine = before
            self.unsaved = [e for e in self.unsaved if e is not event]
            raise
        return event

    # The facilitator's actions, by name: what a key does in any front end.

    def next_speaker(self) -> Event:
        return self.act(lambda e: e.next_speaker())

    def pass_turn(self) -> Event:
        return self.act(lambda e: e.pass_turn())

    def back(self) -> Event:
        return self.act(lambda e: e.back())

    def toggle_pause(self) -> Event:
        return self.act(lambda e: e.resume() if e.status == "paused" else e.pause())

    def add_minute(self) -> Event:
        return self.act(lambda e: e.add_minute())

    def remove_minute(self) -> Event:
        return self.act(lambda e: e.remove_minute())

    def add_speaker_minute(self) -> Event:
        return self.act(lambda e: e.add_speaker_minute())

    def remove_speaker_minute(self) -> Event:
        return self.act(lambda e: e.remove_speaker_minute())

    def member_joins(self, member_id: str) -> Event:
        """A late arrival joins: present from now on, in the round before those who passed."""
        return self.act(lambda e: e.check_in(member_id, True))

    def member_leaves(self, member_id: str) -> Event:
        """An early leaver goes: their turn counts as had; if speaking, the floor moves on."""
        return self.act(lambda e: e.check_in(member_id, False))

    def note(self, text: str, kind: str = "point") -> Event:
        """Note a point or commitment, tied to the speaker and phase (NoteError if unfit)."""
        data = note_data(text, kind)
        return self.act(lambda e: e.record(ev.NOTE, e.speaker, **data))

    def draw_prompt(self) -> Event:
        return self.act(lambda e: e.draw_prompt())

    def previous_prompt(self) -> Event:
        return self.act(lambda e: e.previous_prompt())

    def next_phase(self) -> Event:
        return self.act(lambda e: e.next_phase())

    def previous_phase(self) -> Event:
        return self.act(lambda e: e.previous_phase())

    def toggle_hand(self, member_id: str) -> Event:
        """Raise the member's hand, or lower it when it is up."""
        if member_id in self.engine.hands:
            return self.act(lambda e: e.lower_hand(member_id))
        return self.act(lambda e: e.raise_hand(member_id))

    def tick(self) -> list[Event]:
        """Timer zeros reached since the last tick; raises StoreError (after the fact) if unsaved."""
        if not self.driving or self.keep_driving() is not None:
            return []
        rung = self.engine.tick()
        if rung or self.unsaved:
            self._write(rung)
        return rung

    def change_goal(self, change: GoalChange, *, at: datetime, by: str) -> GoalOutcome:
        """Save a goal change (its history names this session), then log it.

        Raises CircleError when the goal itself was not saved: then nothing changed.
        When the goal was saved but its log entry could not be written, the outcome
        says so; the entry waits and goes out, in order, ahead of the next write.
        """
        result = apply_change(self.repo, change, at=at, by=by, session=self.session_id)
        try:
            event = self.engine.record(ev.GOAL_CHANGED, change.member, **result.event_data())
        except EngineError as error:
            return GoalOutcome(result, log_error=error, log_pending=False)
        try:
            self._write([event])
        except StoreError as error:
            return GoalOutcome(result, log_error=error, log_pending=True)
        return GoalOutcome(result)

    def finish(self) -> dict[str, Any]:
        """End the session, save its summary with it, and return that summary."""
        if self.engine.status != "ended":
            self.act(lambda engine: engine.end())
        summary = self.engine.summary().to_dict()
        self.repo.update_session(
            self.setup.slug, self.session_id, ended=self.clock.now().isoformat(), summary=summary
        )
        self.leave()
        return summary

    def _write(self, events: list[Event]) -> None:
        self.unsaved.extend(events)
        while self.unsaved:
            self.repo.append_event(self.setup.slug, self.session_id, self.unsaved[0].to_dict())
            self.unsaved.pop(0)
