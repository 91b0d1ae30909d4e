"""A running session: the engine and its log on disk, kept in step.

Every operation goes engine first, then the store; the screen redraws only after
both. If the write fails (StoreError) the engine goes back to a copy taken just
before the operation, so the screen never shows an action that is not on disk.
The copy shares the clock (and nothing else) with the live engine.

Timer events from ``tick`` (a zero reached) are facts of time, not actions: when
one cannot be written it waits in ``unsaved`` and goes out, in order, ahead of the
next write.
"""

from __future__ import annotations

import copy
from typing import Any, Callable

from circle.domain.clock import Clock
from circle.domain.engine import SessionEngine
from circle.domain.events import Event
from circle.domain.plans import Plan
from circle.store.errors import StoreError
from circle.ui.session.setup import SessionSetup

GOAL_EVENT = "goal_changed"


class LiveSession:
    def __init__(self, setup: SessionSetup, engine: SessionEngine, clock: Clock, session_id: str | None = None):
        self.setup = setup
        self.engine = engine
        self.clock = clock
        self.session_id = session_id
        self.unsaved: list[Event] = []

    @property
    def repo(self) -> Any:
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

    def begin(self, attendance: dict[str, bool]) -> None:
        """Check everyone in or out, start, and create the session with its first events.

        On a failed write nothing is kept: the engine is back at check-in, and the
        caller stays on the check-in screen.
        """
        engine = self.engine
        try:
            for member_id, present in attendance.items():
                if present:
                    engine.check_in(member_id, True)
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

    def act(self, operation: Callable[[SessionEngine], Event]) -> Event:
        """Apply one engine operation and write its event; EngineError or StoreError leave no trace."""
        before = self._copy_engine()
        event = operation(self.engine)
        try:
            self._write([event])
        except StoreError:
            self.engine = before
            self.unsaved = [e for e in self.unsaved if e is not event]
            raise
        return event

    def tick(self) -> list[Event]:
        """Timer zeros reached since the last tick; raises StoreError (after the fact) if unsaved."""
        rung = self.engine.tick()
        if rung or self.unsaved:
            self._write(rung)
        return rung

    def record_goal_change(self, member: str, **data: Any) -> Event:
        """A goal changed in the session: logged in the same ordered log as every action."""
        return self.act(lambda engine: engine.record(GOAL_EVENT, member, **data))

    def finish(self) -> dict[str, Any]:
        """End the session, save its summary with it, and return that summary."""
        if self.engine.status != "ended":
            self.act(lambda engine: engine.end())
        summary = self.engine.summary().to_dict()
        self.repo.update_session(
            self.setup.slug, self.session_id, ended=self.clock.now().isoformat(), summary=summary
        )
        return summary

    def _write(self, events: list[Event]) -> None:
        self.unsaved.extend(events)
        while self.unsaved:
            self.repo.append_event(self.setup.slug, self.session_id, self.unsaved[0].to_dict())
            self.unsaved.pop(0)
