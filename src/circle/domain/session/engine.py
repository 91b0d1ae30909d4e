"""The session engine: phases, turns, timers and prompts, as an ordered event log.

Every operation checks that it can apply (else EngineError, nothing changed),
changes the state and returns the one Event it appended. Time is the engine's
own line (see session_state), so replaying the log with each event's ``t``
rebuilds the very same state.

Choices the contract leaves open:
- Nobody is present until checked in; the round order is fixed at start (the
  present member after ``last_starter`` in roster order starts, the first
  present one if ``last_starter`` is None or not in the roster; or a shuffle
  with ``rng``) and is written in the start event, whose member is the starter.
  A late arrival joins the order at its end and the current round before those
  who passed.
- Operations other than pause/resume work while paused; the session stays paused.
- Leaving a phase keeps its floor as it was (the speaker keeps a stopped timer);
  coming back resumes it. A phase timer keeps its elapsed time across visits.
- ``back`` undoes the last next or pass of the phase (the speaker it brings
  back goes on with their timer where it stopped); there is nothing to undo at
  a phase's first speaker, nor across a change of attendance.
- A speaker marked absent has had their turn (their airtime counts); the floor
  moves on. Passing twice in a round takes a member out of it, absent or not.
- Timers stop at "ended"; ``record`` works in any status.
- add/remove minute change the current phase's timer; add/remove speaker minute
  change the current speaker's turn (a turn with no set length has none to change,
  and no turn goes below SHORTEST_TURN). Adding a minute that takes a timer back
  above zero lets its zero ring again.
- An event's ``phase`` is the phase index once the event applied (None before start).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, Sequence

from circle.domain.session import events as ev
from circle.domain.clock import Clock
from circle.domain.plans.decks import DeckExhausted, Prompt, choose_prompt
from circle.domain.session.events import ENGINE_EVENT_TYPES, Event
from circle.domain.circles.members import Member
from circle.domain.plans.plan import Plan
from circle.domain.session.replay import ReplayClock, seconds_since
from circle.domain.session.refusals import SHORTEST_TURN, not_started
from circle.domain.session.state import STARTED, EngineError, SessionState

if TYPE_CHECKING:
    from circle.domain.session.summary import SessionSummary

__all__ = ["EngineError", "SHORTEST_TURN", "SessionEngine"]

_SIMPLE = (ev.NEXT_SPEAKER, ev.BACK, ev.NEXT_PHASE, ev.PREVIOUS_PHASE, ev.PAUSE, ev.RESUME,
           ev.ADD_MINUTE, ev.REMOVE_MINUTE, ev.ADD_SPEAKER_MINUTE, ev.REMOVE_SPEAKER_MINUTE,
           ev.PREVIOUS_PROMPT, ev.END)  # replayed by calling them as they are


class SessionEngine(SessionState):
    """A session's operations; see SessionState for what can be read."""

    def summary(self) -> "SessionSummary":
        from circle.domain.session.summary import summarize  # summary reads the engine

        return summarize(self)

    # -- operations --------------------------------------------------------

    def check_in(self, member_id: str, present: bool = True) -> Event:
        """Mark a member present or absent, before or during the session."""
        member = self._member(member_id)
        if present and not member.active:
            raise EngineError(f"{member.name} is no longer a member of this circle")
        return self._check_in(member_id, present)

    def _check_in(self, member_id: str, present: bool) -> Event:
        # Replay comes in here: a member removed from the circle since still attended.
        member = self._member(member_id)
        if self._status == "ended":
            raise EngineError("the session has ended: attendance is closed")
        if (member_id in self._present) == present:
            raise EngineError(f"{member.name} is already marked {'present' if present else 'absent'}")
        now = self._begin()
        floor = self._floor
        if present:
            self._present.add(member_id)
            if self._status != "checkin":
                self._airtime.include(member_id)
                if member_id not in self._order:
                    self._order.append(member_id)
            if floor:
                floor.admit(member_id)
        else:
            self._present.discard(member_id)
            if self._status == "checkin" and member_id == self._leader:
                self._leader = None  # not here after all: the facilitator picks again
            if floor:
                floor.remove(member_id)
        return self._commit(now, ev.CHECK_IN, member_id, present=present)

    def choose_leader(self, member_id: str) -> Event:
        """Who leads the plan's led phases: chosen at check-in, from those present."""
        member = self._member(member_id)
        if not member.active:
            raise EngineError(f"{member.name} is no longer a member of this circle")
        return self._choose_leader(member_id)

    def _choose_leader(self, member_id: str) -> Event:
        member = self._member(member_id)
        if not self._plan.has_led_phases:
            raise EngineError(f"plan {self._plan.name!r} has no led phases: nobody leads")
        if self._status != "checkin":
            raise EngineError("the leader is chosen at check-in, before the session starts")
        if member_id not in self._present:
            raise EngineError(f"{member.name} is not checked in: only someone present can lead")
        now = self._begin()
        self._leader = member_id
        return self._commit(now, ev.CHOOSE_LEADER, member_id)

    def start(self, shuffle: bool = False) -> Event:
        order = list(self.present)
        if shuffle:
            self._rng.shuffle(order)
        elif order and self._last_starter in self._by_id:
            roster = [m.id for m in self._members]
            after = roster.index(self._last_starter) + 1
            starter = next(m for m in roster[after:] + roster[:after] if m in self._present)
            order = order[order.index(starter):] + order[: order.index(starter)]
        return self._start(order, shuffle)

    def next_speaker(self) -> Event:
        floor = self._turn_floor("next")
        now = self._begin()
        previous = floor.speaker
        floor.take_next()
        return self._commit(now, ev.NEXT_SPEAKER, floor.speaker, previous=previous)

    def pass_turn(self) -> Event:
        floor = self._turn_floor("pass")
        now = self._begin()
        member = floor.speaker
        count = floor.pass_turn()
        return self._commit(now, ev.PASS, member, passes=count, out=count >= 2, next=floor.speaker)

    def back(self) -> Event:
        floor = self._turn_floor("back")
        now = self._begin()
        undone = floor.speaker
        floor.back()
        return self._commit(now, ev.BACK, floor.speaker, undone=undone)

    def raise_hand(self, member_id: str) -> Event:
        floor = self._open_floor(member_id)
        if member_id in floor.hands:
            name = self._by_id[member_id].name
            raise EngineError(lambda keys: f"{name} already has a hand raised: {keys['session.hand']} again lowers it")
        now = self._begin()
        floor.raise_hand(member_id)
        return self._commit(now, ev.RAISE_HAND, member_id)

    def lower_hand(self, member_id: str) -> Event:
        floor = self._open_floor(member_id)
        if member_id not in floor.hands:
            name = self._by_id[member_id].name
            raise EngineError(lambda keys: f"{name} has no hand raised: {keys['session.hand']} raises it")
        now = self._begin()
        floor.lower_hand(member_id)
        return self._commit(now, ev.LOWER_HAND, member_id)

    def next_phase(self) -> Event:
        self._refuse("next_phase")
        return self._move_to(self._index + 1, ev.NEXT_PHASE)

    def previous_phase(self) -> Event:
        self._refuse("previous_phase")
        return self._move_to(self._index - 1, ev.PREVIOUS_PHASE)

    def pause(self) -> Event:
        if self._status != "running":
            raise EngineError(not_started(self) or (lambda keys: f"the session is paused already: {keys['session.pause']} resumes it"))
        return self._set_status("paused", ev.PAUSE)

    def resume(self) -> Event:
        if self._status != "paused":
            raise EngineError(not_started(self) or (lambda keys: f"the session is running already: {keys['session.pause']} pauses it"))
        return self._set_status("running", ev.RESUME)

    def add_minute(self) -> Event:
        return self._adjust(60.0, ev.ADD_MINUTE, "add_minute")

    def remove_minute(self) -> Event:
        return self._adjust(-60.0, ev.REMOVE_MINUTE, "remove_minute")

    def add_speaker_minute(self) -> Event:
        return self._adjust_turn(60.0, ev.ADD_SPEAKER_MINUTE, "add_turn_minute")

    def remove_speaker_minute(self) -> Event:
        return self._adjust_turn(-60.0, ev.REMOVE_SPEAKER_MINUTE, "remove_turn_minute")

    def draw_prompt(self) -> Event:
        self._refuse("draw")
        phase = self.phase
        deck = self._decks.get(phase.deck)
        if deck is None:
            raise EngineError(f"{self._where()}: no prompt deck named {phase.deck!r}")
        try:
            prompt = choose_prompt(deck, self.prompts_drawn, self._recent, self._rng)
        except DeckExhausted as exc:
            used_up = str(exc)  # the lambda outlives exc
            raise EngineError(lambda keys: f"{used_up}: {keys['session.previous_prompt']} brings back an earlier one") from exc
        return self._show_prompt(deck.name, prompt)

    def previous_prompt(self) -> Event:
        """Bring back the prompt drawn before the one showing in this phase (it stays drawn)."""
        self._refuse("previous_prompt")
        drawn = self._phase_prompts[self._index]
        showing = self._prompts.get(self._index)
        position = next((i for i, p in enumerate(drawn) if p is showing), len(drawn))
        now = self._begin()
        prompt = drawn[position - 1]
        self._prompts[self._index] = prompt
        return self._commit(now, ev.PREVIOUS_PROMPT, prompt=prompt.id, text=prompt.text)

    def end(self) -> Event:
        self._refuse("end")
        return self._set_status("ended", ev.END)

    def tick(self) -> list[Event]:
        """Ring each timer's zero once: returns phase_zero/speaker_zero events, if any."""
        if self._status not in STARTED:
            return []
        now, rung = self._t(), []
        if self._index not in self._phase_zero and self._phase_timers[self._index].reached_zero(now):
            rung.append(self._ring(ev.PHASE_ZERO))
        floor = self._floor
        if floor and floor.speaker and floor.timer and not floor.zero_fired and floor.timer.reached_zero(now):
            rung.append(self._ring(ev.SPEAKER_ZERO))
        return rung

    def record(self, type: str, member: str | None = None, **data: object) -> Event:
        """Log an event the engine does not interpret, in the same ordered log."""
        if type in ENGINE_EVENT_TYPES:
            raise EngineError(f"{type!r} is an engine event: use its operation instead")
        return self._commit(self._begin(), type, member, **data)

    # -- replay ------------------------------------------------------------

    @classmethod
    def replay(cls, plan: Plan, members: Sequence[Member], events: Iterable[Event | dict],
               clock: Clock, *, since_last: float | None = None, **keywords) -> "SessionEngine":
        """Rebuild an engine from its log (Events or their dicts), then go on with ``clock``.

        The state is exactly the one after the last event. From then on the engine's
        time goes on from that event's ``t`` plus ``since_last`` seconds: the time
        since the last event that counts as session time. A driver picking a session
        up passes what the log and the last driver's word prove (circle.live.driving),
        so time with nobody driving is nobody's airtime. None counts the wall time
        since (clock.now() against its ``at``): only for a log read with no driver's
        word beside it, such as an export's. A paused session stays paused.
        """
        replay_clock = ReplayClock()
        engine = cls(plan, members, replay_clock, **keywords)
        engine.replay_more(events, replay_clock)
        last = engine._events[-1] if engine._events else None
        engine._clock = clock
        engine._origin = clock.monotonic()
        if last is not None:  # the session went on after its last event
            engine._origin -= last.t + (seconds_since(last.at, clock) if since_last is None
                                        else max(0.0, since_last))
        return engine

    def replay_more(self, events: Iterable[Event | dict], replay_clock: ReplayClock) -> None:
        """Apply logged events after the ones this engine holds, at their own times.

        The engine must run on ``replay_clock`` (made with it, origin 0): a follower
        keeps one engine and feeds it each new part of the log as it appears.
        """
        for position, raw in enumerate(events, len(self._events) + 1):
            try:
                event = raw if isinstance(raw, Event) else Event.from_dict(raw)
                replay_clock.set(event.t, event.at)
                redone = self._redo(event)
            except (EngineError, KeyError, TypeError, ValueError) as exc:
                kind = raw.type if isinstance(raw, Event) else dict(raw).get("type")
                raise EngineError(f"event {position} ({kind}) cannot be replayed: {exc}") from exc
            if (redone.type, redone.member) != (event.type, event.member):
                raise EngineError(f"event {position} ({event.type}) does not replay as logged")
            self._events[-1] = event

    def _redo(self, event: Event) -> Event:
        kind, data = event.type, event.data
        if kind == ev.CHECK_IN:
            return self._check_in(str(event.member), bool(data.get("present", True)))
        if kind == ev.CHOOSE_LEADER:
            return self._choose_leader(str(event.member))
        if kind == ev.START:
            return self._start([str(m) for m in data["order"]], bool(data.get("shuffled", False)))
        if kind in (ev.RAISE_HAND, ev.LOWER_HAND):
            return getattr(self, kind)(str(event.member))
        if kind == ev.PASS:
            return self.pass_turn()
        if kind == ev.DRAW_PROMPT:
            deck = self._decks.get(str(data.get("deck")))
            found = {p.id: p for p in deck.prompts} if deck else {}
            prompt_id = str(data["prompt"])
            return self._show_prompt(str(data.get("deck")),
                                     found.get(prompt_id) or Prompt(prompt_id, str(data.get("text", ""))))
        if kind in (ev.PHASE_ZERO, ev.SPEAKER_ZERO):
            return self._ring(kind)
        if kind in _SIMPLE:
            return getattr(self, kind)()
        return self.record(kind, event.member, **data)

    # -- inside ------------------------------------------------------------

    def _start(self, order: list[str], shuffled: bool) -> Event:
        if self._status != "checkin":
            raise EngineError(f"the session has already started (it is {self._status})")
        if not order:
            raise EngineError("nobody is checked in: mark who is present first")
        if sorted(order) != sorted(self._present):
            raise EngineError("the round order must hold each present member once")
        if self._leader is not None and self._leader not in self._present:
            raise EngineError(f"{self._by_id[self._leader].name} leads but is not checked in")
        now = self._begin()
        self._order, self._status = list(order), "running"
        for member in order:
            self._airtime.include(member)
        self._enter(0)
        return self._commit(now, ev.START, order[0], order=list(order), shuffled=shuffled,
                            plan=self._plan.name)

    def _move_to(self, index: int, kind: str) -> Event:
        now = self._begin()
        previous = self._index
        self._enter(index)
        return self._commit(now, kind, previous=previous)

    def _set_status(self, status: str, kind: str) -> Event:
        now = self._begin()
        self._status = status
        return self._commit(now, kind)

    def _adjust(self, seconds: float, kind: str, action: str) -> Event:
        self._refuse(action)
        timer = self._phase_timers[self._index]
        now = self._begin()
        timer.adjust(seconds)
        if not timer.reached_zero(now):
            self._phase_zero.discard(self._index)
        return self._commit(now, kind, total=timer.total)

    def _adjust_turn(self, seconds: float, kind: str, action: str) -> Event:
        floor = self._turn_floor(action)
        timer = floor.timer
        assert timer is not None and timer.total is not None  # refused otherwise
        now = self._begin()
        timer.adjust(seconds)
        if not timer.reached_zero(now):
            floor.zero_fired = False  # back above zero: the turn's end rings again
        return self._commit(now, kind, floor.speaker, total=timer.total)

    def _show_prompt(self, deck_name: str, prompt: Prompt) -> Event:
        self._require_started()
        now = self._begin()
        self._drawn.append(prompt)
        self._phase_prompts.setdefault(self._index, []).append(prompt)
        self._prompts[self._index] = prompt
        return self._commit(now, ev.DRAW_PROMPT, deck=deck_name, prompt=prompt.id, text=prompt.text)

    def _ring(self, kind: str) -> Event:
        self._require_started()
        floor = self._floor
        if kind == ev.SPEAKER_ZERO and (floor is None or floor.speaker is None):
            raise EngineError("nobody is speaking: no speaker timer to ring")
        now = self._begin()
        if kind == ev.PHASE_ZERO:
            self._phase_zero.add(self._index)
            return self._commit(now, kind)
        floor.zero_fired = True
        return self._commit(now, kind, floor.speaker)
