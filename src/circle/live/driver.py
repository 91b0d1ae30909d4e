"""A running session: the engine and its log on disk, kept in step, and the front ends told.

Every operation goes engine first, then the store, then the listeners (a screen, a
follower's state file); a front end redraws only after both. If the write fails (StoreError) the engine goes back to a copy taken just
before the operation, so the screen never shows an action that is not on disk.
The copy shares the clock (and nothing else) with the live engine.

Timer events from ``tick`` (a zero reached) are facts of time, not actions: when
one cannot be written it waits in ``unsaved`` and goes out, in order, ahead of the
next write. So does the log entry of a goal change whose goal was saved: the goal is
the record of truth, and the user is told it is saved but not yet logged.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Callable, Sequence

from circle.domain.session import events as ev
from circle.domain.clock import Clock
from circle.domain.session.engine import SessionEngine
from circle.domain.session.notes import note_data
from circle.domain.session.events import Event
from circle.domain.goals.changes import ChangeResult, GoalChange, apply_change
from circle.domain.plans.plan import Plan
from circle.domain.session.state import EngineError
from circle.errors import CircleError
from circle.live.setup import SessionSetup
from circle.store.errors import StoreError
from circle.store.repository import Repository

Operation = Callable[[SessionEngine], Event]
Listener = Callable[[Sequence[Event]], None]  # told of events once they are on disk

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
        self.listeners: list[Listener] = []

    @property
    def repo(self) -> Repository:
        return self.setup.repo

    @classmethod
    def fresh(cls, setup: SessionSetup, clock: Clock) -> "LiveSession":
        return cls(setup, setup.engine(clock), clock)

    @classmethod
    def resume(cls, setup: SessionSetup, record: dict[str, Any], plan: Plan, clock: Clock) -> "LiveSession":
        """The unfinished session rebuilt from its stored log; time since its last event counts."""
        events = setup.repo.get_events(setup.slug, record["id"])
        engine = SessionEngine.replay(plan, setup.roster, events, clock, **setup.engine_keywords())
        return cls(setup, engine, clock, str(record["id"]))

    def begin(self, attendance: dict[str, bool], leader: str | None = None) -> None:
        """Check everyone in or out, confirm the leader (plans with led phases), start, and
        create the session with its first events.

        On a failed write nothing is kept: the engine is back at check-in, and the
        caller stays on the check-in screen.
        """
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
            for event in engine.events:
                self.repo.append_event(self.setup.slug, self.session_id, event.to_dict())
        except Exception:
            self.engine = self.setup.engine(self.clock)
            self.session_id = None
            raise

    def _copy_engine(self) -> SessionEngine:
        """A copy to fall back on. Logged events are frozen, so the copy shares them
        (and the clock) instead of copying a log that grows all session long."""
        memo: dict[int, Any] = {id(self.clock): self.clock}
        memo.update((id(event), event) for event in self.engine.events)
        return copy.deepcopy(self.engine, memo)

    def act(self, operation: Operation) -> Event:
        """Apply one engine operation and write its event; EngineError or StoreError leave no trace."""
        before = self._copy_engine()
        event = operation(self.engine)
        try:
            self._write([event])
        except StoreError:
            self.engine = before
            self.unsaved = [e for e in self.unsaved if e is not event]
            raise
        self._tell([event])
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

    def arrive(self, member_id: str) -> Event:
        """A late arrival joins: present from now on, in the round before those who passed."""
        return self.act(lambda e: e.check_in(member_id, True))

    def leave(self, member_id: str) -> Event:
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
        rung = self.engine.tick()
        if rung or self.unsaved:
            self._write(rung)
        if rung:
            self._tell(rung)
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
        self._tell([event])
        return GoalOutcome(result)

    def finish(self) -> dict[str, Any]:
        """End the session, save its summary with it, and return that summary."""
        if self.engine.status != "ended":
            self.act(lambda engine: engine.end())
        summary = self.engine.summary().to_dict()
        self.repo.update_session(
            self.setup.slug, self.session_id, ended=self.clock.now().isoformat(), summary=summary
        )
        return summary

    def _tell(self, events: Sequence[Event]) -> None:
        for listener in list(self.listeners):
            listener(events)

    def _write(self, events: list[Event]) -> None:
        self.unsaved.extend(events)
        while self.unsaved:
            self.repo.append_event(self.setup.slug, self.session_id, self.unsaved[0].to_dict())
            self.unsaved.pop(0)
