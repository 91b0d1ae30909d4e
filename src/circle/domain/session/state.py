"""The state of a running session and the clocks it runs, shared by the engine's operations.

Time is the engine's own line: ``t`` = clock.monotonic() minus the monotonic
time when the engine was made. Every change happens at one ``t``: ``_begin``
stops every clock at it, the change is made, ``_commit`` starts the clocks the
new state runs and logs the event. Timers and airtime only ever see those
``t`` values, so replaying the log at each event's ``t`` rebuilds the very
same state.
"""

from __future__ import annotations

import copy
import random
from typing import Callable, Iterable, Mapping, Sequence

from circle.domain.session.airtime import Airtime
from circle.domain.clock import Clock
from circle.domain.plans.decks import Deck, Prompt
from circle.domain.session.events import Event
from circle.domain.circles.members import Member
from circle.domain.plans.plan import Phase, Plan
from circle.domain.session.floor import Floor
from circle.domain.session.keys import DEFAULTS, KeyNames
from circle.domain.session.refusals import late_arrival, not_started, why_not
from circle.domain.session.timer import Timer, TimerView
from circle.errors import CircleError

STARTED = ("running", "paused")


class EngineError(CircleError):
    """An operation that cannot apply now; the message says what and why.

    A message that names a key is given as words of the key names: str() has the default
    keys, ``told(keys)`` the keys a front end shows (read as soon as it is raised, before
    the session changes)."""

    def __init__(self, message: str | Callable[[KeyNames], str]) -> None:
        self.words = message if callable(message) else None
        super().__init__(message(DEFAULTS) if callable(message) else message)

    def told(self, keys: KeyNames) -> str:
        return self.words(keys) if self.words is not None else str(self)


class SessionState:
    """Read-only views of a session, and the bookkeeping every operation shares."""

    def __init__(self, plan: Plan, members: Sequence[Member], clock: Clock, *,
                 decks: Mapping[str, Deck] = {}, recent_prompts: Iterable[str] = (),
                 last_starter: str | None = None, rng: random.Random | None = None) -> None:
        if not plan.phases:
            raise EngineError(f"plan {plan.name!r} has no phases")
        for number, phase in enumerate(plan.phases, 1):
            if phase.seconds <= 0 or (phase.speaker_seconds is not None and phase.speaker_seconds <= 0):
                raise EngineError(
                    f"plan {plan.name!r}, phase {number} ({phase.title}): its length must be positive"
                )
        self._plan, self._members = plan, tuple(members)
        self._by_id = {m.id: m for m in self._members}
        self._clock, self._origin = clock, clock.monotonic()
        self._decks, self._recent = dict(decks), tuple(recent_prompts)
        self._last_starter, self._rng = last_starter, rng or random.Random()
        self._status = "checkin"
        self._leader: str | None = None  # who leads the plan's led phases, if anyone
        self._present: set[str] = set()
        self._order: list[str] = []
        self._index = 0
        self._phase_timers: dict[int, Timer] = {}
        self._floors: dict[int, Floor] = {}
        self._prompts: dict[int, Prompt] = {}  # the prompt showing, per phase
        self._phase_prompts: dict[int, list[Prompt]] = {}  # drawn in each phase, in order
        self._drawn: list[Prompt] = []
        self._phase_zero: set[int] = set()  # phases whose zero has rung
        self._events: list[Event] = []
        self._airtime = Airtime(self._t)

    def snapshot(self) -> "SessionState":
        """A copy to fall back on if the operation about to run cannot be saved.

        What never changes in a session (the clock, the plan, the roster, the decks) and
        the logged events (frozen) are shared, not copied: the cost of a snapshot does not
        grow with the session. The copy's log is a list of its own holding the same events.
        """
        events = self._events
        shared = (self._clock, self._plan, self._members, self._by_id, self._decks, self._recent)
        memo: dict[int, object] = {id(value): value for value in shared}
        # The generator's own copy: through deepcopy its 625-number state took half the time.
        memo[id(self._rng)] = copy.copy(self._rng)
        self._events = []
        try:
            twin = copy.deepcopy(self, memo)
        finally:
            self._events = events
        twin._events = list(events)
        return twin

    # -- reading -----------------------------------------------------------

    @property
    def status(self) -> str:
        """checkin, running, paused or ended."""
        return self._status

    @property
    def plan(self) -> Plan:
        return self._plan

    @property
    def members(self) -> tuple[Member, ...]:
        """Every member given, in roster order."""
        return self._members

    @property
    def present(self) -> tuple[str, ...]:
        return tuple(m.id for m in self._members if m.id in self._present)

    @property
    def order(self) -> tuple[str, ...]:
        """The session's round order, fixed at start; late arrivals at its end."""
        return tuple(self._order)

    @property
    def leader(self) -> str | None:
        """Who leads the plan's led phases (chosen at check-in), or None."""
        return self._leader

    @property
    def phase_index(self) -> int:
        return self._index

    @property
    def session_time(self) -> float:
        """The session's time now, on the engine's own line: the ``t`` an event logged now gets."""
        return self._t()

    @property
    def phase(self) -> Phase:
        return self._plan.phases[self._index]

    @property
    def events(self) -> tuple[Event, ...]:
        return tuple(self._events)

    @property
    def airtime(self) -> Airtime:
        return self._airtime

    @property
    def _floor(self) -> Floor | None:
        return self._floors.get(self._index) if self._status != "checkin" else None

    @property
    def speaker(self) -> str | None:
        return self._floor.speaker if self._floor else None

    @property
    def queue(self) -> tuple[str, ...]:
        """Who comes next in this round, in order (those who passed at the end)."""
        return tuple(self._floor.queue) if self._floor else ()

    @property
    def spoken(self) -> tuple[str, ...]:
        """Who has had their turn in this phase, in the order the turns ended."""
        return tuple(self._floor.spoken) if self._floor else ()

    @property
    def passed(self) -> tuple[str, ...]:
        """Who passed in this phase and has not spoken since (incl. those out of the round)."""
        return self._floor.passed if self._floor else ()

    @property
    def can_advance(self) -> bool:
        """Whether this phase's floor has someone to hand on to (or a turn to end)."""
        return bool(self._floor and self._floor.can_advance())

    @property
    def can_go_back(self) -> bool:
        """Whether this phase's floor has a move to undo."""
        return bool(self._floor and self._floor.can_go_back())

    @property
    def hands(self) -> tuple[str, ...]:
        return tuple(self._floor.hands) if self._floor else ()

    @property
    def prompt(self) -> Prompt | None:
        """The prompt drawn last in this phase."""
        return self._prompts.get(self._index)

    @property
    def phase_prompts(self) -> tuple[Prompt, ...]:
        """The prompts drawn in this phase, in the order drawn."""
        return tuple(self._phase_prompts.get(self._index, ()))

    @property
    def prompts_drawn(self) -> tuple[str, ...]:
        return tuple(p.id for p in self._drawn)

    @property
    def prompts(self) -> tuple[Prompt, ...]:
        """Every prompt drawn this session, in order."""
        return tuple(self._drawn)

    @property
    def not_spoken(self) -> tuple[str, ...]:
        """Present members who have not had the floor in this phase yet."""
        floor = self._floor
        if floor is None:
            return ()
        return tuple(m for m in self.present if m not in floor.spoken and m != floor.speaker)

    @property
    def phase_timer(self) -> TimerView:
        timer = self._phase_timers.get(self._index) or Timer(self.phase.seconds)
        return timer.view(self._t())

    @property
    def speaker_timer(self) -> TimerView | None:
        floor = self._floor
        if floor is None or floor.speaker is None or floor.timer is None:
            return None
        return floor.timer.view(self._t())

    def phase_seconds(self, index: int) -> float:
        timer = self._phase_timers.get(index)
        return timer.elapsed(self._t()) if timer else 0.0

    def passes_in(self, index: int) -> dict[str, int]:
        """How many times each member passed in a phase (as it stands after any back)."""
        floor = self._floors.get(index)
        return dict(floor.passes) if floor else {}

    def planned_seconds(self, index: int) -> float:
        """A phase's length, including minutes added or removed."""
        timer = self._phase_timers.get(index)
        total = timer.total if timer else None
        return total if total is not None else float(self._plan.phases[index].seconds)

    # -- inside ------------------------------------------------------------

    def _t(self) -> float:
        return self._clock.monotonic() - self._origin

    def _begin(self) -> float:
        """Stop every clock at now, before the state changes under them."""
        now = self._t()
        timer = self._phase_timers.get(self._index)
        if timer:
            timer.pause(now)
        floor = self._floor
        if floor and floor.timer:
            floor.timer.pause(now)
        self._airtime.hold(None, self._index, now)
        return now

    def _commit(self, now: float, type: str, member: str | None = None, /, **data: object) -> Event:
        """Start the clocks the new state runs, and log the event."""
        if self._status in STARTED:
            running = self._status == "running"
            if self._index not in self._phase_timers:
                self._phase_timers[self._index] = Timer(self.phase.seconds)
            self._phase_timers[self._index].set_running(running, now)
            floor = self._floor
            if floor and floor.speaker:
                if floor.timer is None:
                    floor.timer = Timer(self.phase.speaker_seconds)
                floor.timer.set_running(running, now)
                self._airtime.hold(floor.speaker if running else None, self._index, now)
        seq = self._events[-1].seq + 1 if self._events else 1
        event = Event(seq=seq, type=type, at=self._clock.now().isoformat(), t=now,
                      phase=None if self._status == "checkin" else self._index,
                      member=member, data=dict(data))
        self._events.append(event)
        return event

    def _enter(self, index: int) -> None:
        self._index = index
        turns = self.phase.turns
        if turns not in ("round", "open"):
            return
        floor = self._floors.get(index)
        if floor is None:
            leader = self._leader if self.phase.led and self._leader in self._present else None
            floor = self._floors[index] = Floor(turns, [m for m in self._order if m in self._present], leader)
        else:  # attendance may have changed while this phase waited
            for member in self._order:
                # Also one who already spoke here: a back must not hand them the floor again.
                if member not in self._present and floor.mentions(member):
                    floor.remove(member)
            for member in self._order:
                if member in self._present:
                    floor.admit(member)
        floor.start_round()

    def _where(self) -> str:
        """The current phase, as messages name it."""
        return f"phase {self._index + 1} ({self.phase.title})"

    def _member(self, member_id: str) -> Member:
        member = self._by_id.get(member_id)
        if member is None:
            raise EngineError(f"no member with id {member_id!r} in this circle")
        return member

    def _require_started(self) -> None:
        reason = not_started(self)
        if reason:
            raise EngineError(reason)

    def _refuse(self, action: str) -> None:
        """EngineError saying why, if the session action cannot act now (see refusals)."""
        if why_not(self, action):
            raise EngineError(lambda keys: why_not(self, action, keys) or "")

    def _turn_floor(self, action: str) -> Floor:
        self._refuse(action)
        floor = self._floor
        assert floor is not None  # a phase with turns has its floor once started
        return floor

    def _open_floor(self, member_id: str) -> Floor:
        floor = self._turn_floor("hand")
        if member_id not in self._present:
            name = self._member(member_id).name
            raise EngineError(lambda keys: f"{name} is not checked in: {late_arrival(keys)}")
        return floor
