"""The floor of one phase: who speaks now, who comes next, who has spoken or passed.

In a round every present member gets one turn, in the session's order. A pass
sends the speaker to the end of the round; a second pass in the same round
takes them out of it. In an open phase raised hands are served first come,
first served. ``back`` undoes the last move of the floor (a next or a pass).

A floor knows nothing about clocks: it carries the speaker's timer and whether
that timer's zero has fired only so that ``back`` can hand both back.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from circle.domain.session.timer import Timer

# How many moves `back` can undo. A round is shorter than this (a turn and a pass each per
# member); an open floor would otherwise keep every move of a long phase.
UNDO_DEPTH = 100


@dataclass(frozen=True)
class _Snapshot:
    """The floor before one move. Never changed once made (the timer in it is stopped and is
    only handed back by `back`, which drops the snapshot), so copies of a floor share it:
    the engine's copy before each action costs the same however long the phase has run."""

    speaker: str | None
    queue: tuple[str, ...]
    hands: tuple[str, ...]
    spoken: tuple[str, ...]
    passes: tuple[tuple[str, int], ...]
    out: tuple[str, ...]
    timer: Timer | None
    zero_fired: bool

    def __deepcopy__(self, memo: dict[int, object]) -> "_Snapshot":
        return self


class Floor:
    """Turn-taking state of one phase; mode is "round" or "open"."""

    def __init__(self, mode: str, order: Iterable[str] = (), holder: str | None = None) -> None:
        if mode not in ("round", "open"):
            raise ValueError(f"no floor for turn mode {mode!r}")
        self.mode = mode
        self.speaker: str | None = None
        self.queue: list[str] = list(order) if mode == "round" else []
        # A led phase's leader: opens a round; in open floor holds it whenever no hand is up.
        self.holder = holder
        if holder in self.queue:
            self.queue.remove(holder)
            self.queue.insert(0, holder)
        self.hands: list[str] = []
        self.spoken: list[str] = []  # in the order their turns ended
        self.passes: dict[str, int] = {}  # member -> passes in this phase
        self.out: list[str] = []  # passed twice: no turn left in this round
        self.timer: Timer | None = None  # the speaker's timer, set by the engine
        self.zero_fired = False  # the speaker's timer has rung its zero
        self._history: list[_Snapshot] = []

    # -- reading -----------------------------------------------------------

    @property
    def passed(self) -> tuple[str, ...]:
        """Members who passed in this phase and have not spoken since."""
        return tuple(m for m in self.passes if m not in self.spoken)

    @property
    def complete(self) -> bool:
        """A round with nobody speaking and nobody left to come."""
        return self.mode == "round" and self.speaker is None and not self.queue

    def can_advance(self) -> bool:
        waiting = self.queue if self.mode == "round" else self.hands
        if self.mode == "open" and self.holder is not None and not waiting:
            return self.speaker != self.holder  # the floor goes back to its holder
        return self.speaker is not None or bool(waiting)

    def can_go_back(self) -> bool:
        return bool(self._history)

    def mentions(self, member: str) -> bool:
        """Whether the member is anywhere on this floor, or in a move back could undo."""
        def on(state: _Snapshot | Floor) -> bool:
            return member == state.speaker or member in (*state.queue, *state.hands, *state.spoken, *state.out)

        return on(self) or any(on(snap) for snap in self._history)

    # -- moving the floor --------------------------------------------------

    def take_next(self) -> str | None:
        """End the current turn and give the floor to whoever comes next."""
        self._remember()
        if self.speaker is not None:
            self._mark_spoken(self.speaker)
        self._hand_on()
        return self.speaker

    def pass_turn(self) -> int:
        """The speaker passes; returns how many times they have passed this phase."""
        if self.mode != "round" or self.speaker is None:
            raise ValueError("only the speaker of a round can pass")
        self._remember()
        member = self.speaker
        count = self.passes.get(member, 0) + 1
        self.passes[member] = count
        if count >= 2:
            self.out.append(member)
        else:
            self.queue.append(member)
        self._hand_on()
        return count

    def back(self) -> None:
        """Undo the last next or pass."""
        if not self._history:
            raise ValueError("nothing to undo")
        snap = self._history.pop()
        self.speaker = snap.speaker
        self.queue = list(snap.queue)
        self.hands = list(snap.hands)
        self.spoken = list(snap.spoken)
        self.passes = dict(snap.passes)
        self.out = list(snap.out)
        self.timer = snap.timer
        self.zero_fired = snap.zero_fired

    def start_round(self) -> None:
        """On entering a round phase the first in the queue speaks at once (no undo); in a
        led open phase the holder has the floor."""
        if self.mode == "round" and self.speaker is None and self.queue:
            self._hand_on()
        elif self.mode == "open" and self.speaker is None and self.holder is not None:
            self._hand_on()

    # -- hands -------------------------------------------------------------

    def raise_hand(self, member: str) -> None:
        if member in self.hands:
            raise ValueError("hand already raised")
        self.hands.append(member)

    def lower_hand(self, member: str) -> None:
        self.hands.remove(member)

    # -- attendance --------------------------------------------------------

    def admit(self, member: str) -> None:
        """A member arriving late joins the round before those who passed."""
        if self.mode != "round" or member == self.speaker:
            return
        if member in self.queue or member in self.spoken or member in self.out:
            return
        first_passer = next(
            (i for i, m in enumerate(self.queue) if m in self.passes), len(self.queue)
        )
        self.queue.insert(first_passer, member)
        self._history.clear()  # an undo must not drop the arrival again

    def remove(self, member: str) -> bool:
        """A member leaves: out of the queue and hands; if speaking the floor moves on.

        Their turn counts as had. Returns whether they were speaking.
        """
        self._history.clear()  # an undo must not bring them back
        if member == self.holder:
            self.holder = None  # a leader who leaves holds the floor no more
        if member in self.queue:
            self.queue.remove(member)
        if member in self.hands:
            self.hands.remove(member)
        if self.speaker != member:
            return False
        self._mark_spoken(member)
        self._hand_on()
        return True

    # -- inside ------------------------------------------------------------

    def _mark_spoken(self, member: str) -> None:
        # In an open phase a member may hold the floor many times; list them once.
        if member not in self.spoken:
            self.spoken.append(member)

    def _hand_on(self) -> None:
        waiting = self.queue if self.mode == "round" else self.hands
        fallback = self.holder if self.mode == "open" else None
        self.speaker = waiting.pop(0) if waiting else fallback
        self.timer = None  # the engine gives a new speaker a fresh timer
        self.zero_fired = False

    def _remember(self) -> None:
        if len(self._history) >= UNDO_DEPTH:
            del self._history[0]
        self._history.append(
            _Snapshot(
                speaker=self.speaker,
                queue=tuple(self.queue),
                hands=tuple(self.hands),
                spoken=tuple(self.spoken),
                passes=tuple(self.passes.items()),
                out=tuple(self.out),
                timer=self.timer,
                zero_fired=self.zero_fired,
            )
        )
