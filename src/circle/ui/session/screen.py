"""The live session screen: phases, timers, turns, prompts and goals, one key per action.

Every key runs one engine operation through LiveSession (engine, then disk), then
redraws. The clock wakes when a timer on screen turns a second and redraws only what changed.
"""

from __future__ import annotations

from functools import cached_property
from typing import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.timer import Timer

from circle import hints
from circle.domain.session.engine import EngineError, SessionEngine
from circle.domain.session.events import Event
from circle.domain.session.keys import DEFAULTS, KeyNames
from circle.live.driver import LiveSession
from circle.store.errors import StoreError
from circle.ui.dialogs import Confirm, PickMember
from circle.ui.follow.handover import become_follower, offer_hand_off
from circle.ui.goals.goal_list import GoalList
from circle.ui.key_names import key_names
from circle.ui.session import view
from circle.ui.session.goals_area import GoalsArea
from circle.ui.session.room_actions import REFUSALS, RoomActions
from circle.ui.session.stage import SessionStage, StageScreen
from circle.ui.session.summary import SummaryScreen
from circle.ui.widgets.footer import KeyFooter

IDLE_TICK_SECONDS = 1.0  # both timers stopped: only the driver's own checks (take-over, heartbeat)
TICK_AFTER = 0.005  # land just past the moment a clock turns, never just before it


def _key(key: str, action: str, short: str, long: str, name: str, display: str | None = None,
         show: bool = True) -> Binding:
    return Binding(key, action, short, id=f"session.{name}", tooltip=long, key_display=display, show=show)


class SessionScreen(RoomActions, StageScreen):
    """The driver's screen: the stage, the session keys and the clock that ticks the session."""

    HELP_TITLE = "Session"
    BINDINGS = [
        # While the goal list has focus its keys (p, a, r, d, n) apply; escape gives them back.
        _key("escape", "leave_goals", "Session keys", "Back to the session keys", "leave_goals", "esc"),
        _key("n", "next", "Next", "Next speaker", "next"),
        _key("p", "pass", "Pass", "Pass: speak at the end of the round", "pass"),
        _key("b", "back", "Back", "Back to the previous speaker", "back"),
        _key("h", "hand", "Hand", "Raise or lower a hand", "hand"),
        _key("space", "pause", "Pause", "Pause or resume", "pause"),
        _key("plus", "add_minute", "+1m", "Add a minute to the phase", "add_minute", "+"),
        _key("minus", "remove_minute", "-1m", "Remove a minute from the phase", "remove_minute", "-"),
        _key("d", "draw", "Draw", "Draw a prompt", "draw"),
        _key("right_square_bracket", "next_phase", "Phase▶", "Next phase", "next_phase", "]"),
        _key("e", "end", "End", "End the session (asks to confirm)", "end"),
        _key("g", "goals", "Goals", "Edit the speaker's goals", "goals"),
        # After the keys used every minute and the phase's own (d, g): on a narrow footer these
        # are the ones cut off, and "? more" leads to them.
        _key("left_square_bracket", "previous_phase", "◀Phase", "Previous phase", "previous_phase", "["),
        _key("greater_than_sign", "add_turn_minute", "+1m turn", "Give the speaker a minute more",
             "add_turn_minute", ">"),
        _key("less_than_sign", "remove_turn_minute", "-1m turn", "Take a minute from the speaker's turn",
             "remove_turn_minute", "<"),
        _key("t", "note", "Note", "Note a point or a commitment (private to the circle)", "note"),
        _key("i", "ideas", "Ideas", "Show or hide the case story's ideas from mentors", "ideas"),
        _key("D", "previous_prompt", "◀Prompt", "Bring back the prompt (or case story) drawn before", "previous_prompt",
             "D"),
        _key("j", "arrive", "Join", "A late arrival joins", "arrive", show=False),
        _key("l", "leave", "Leave", "Someone leaves early", "leave", show=False),
        Binding("o", "hand_off", "Hand off", show=False, id="session.hand_off",
                tooltip="Hand the session to another facilitator (you then follow it)"),
        # Where the stage holds more than fits (a case story's ideas at 80x24): its foot says so.
        _key("pagedown", "scroll_stage(1)", "Scroll", "Scroll the stage down, where more is below", "scroll_down",
             "PgDn", show=False),
        _key("pageup", "scroll_stage(-1)", "Scroll up", "Scroll the stage up, where more is above", "scroll_up",
             "PgUp", show=False),
        # The app's help key: the footer shows it last, as "more", and the status line names it.
        Binding("question_mark,f1", "app.help", "Keys", show=False, id="session.help", tooltip="Show every key"),
        *REFUSALS,
    ]

    def __init__(self, live: LiveSession) -> None:
        super().__init__()
        self.live = live
        self._names = view.names(live.engine)
        self._next_tick: Timer | None = None
        self._tick_failed = False

    @property
    def engine(self) -> SessionEngine:
        return self.live.engine

    @cached_property
    def stage(self) -> SessionStage:
        return self.query_one(SessionStage)

    # -- layout ------------------------------------------------------------

    @cached_property
    def keys(self) -> KeyNames:
        """The session keys as this screen's messages name them: the user's keymap applied."""
        return KeyNames(key_names(self, GoalList))

    def compose(self) -> ComposeResult:
        yield SessionStage(self.live, keys=DEFAULTS)
        # Every session key fits in 80 columns only without the palette hint (ctrl+p still works).
        yield KeyFooter(compact=True, show_command_palette=False)

    def on_unmount(self) -> None:
        self.live.leave()  # quit or closed: the lock goes, and a resume counts the time since as a gap

    def quit_question(self) -> str | None:
        """What ctrl+q asks first while the session runs: leaving it is not ending it."""
        if self.engine.status not in ("running", "paused") or not self.live.driving:
            return None
        return (f"Leave the session without ending it? It stays open: `{hints.command('run', self.live.setup.slug)}` resumes it, "
                "and the time until then counts for nobody.")

    def action_hand_off(self) -> None:
        offer_hand_off(self, self.live, SessionScreen)

    def _stop_driving(self) -> None:
        """Someone took over (or the session was handed off): this screen follows from now on."""
        become_follower(self, self.live, SessionScreen)

    def on_mount(self) -> None:
        self.stage.name_keys(self.keys)
        self._show_key_hint()
        self._refresh_all()
        self._schedule_tick()

    def _schedule_tick(self) -> None:
        """Tick when a timer on screen next turns a second, not on a fixed beat: the screen
        changes once a second, and a fixed 4 Hz beat woke it four times for that."""
        if self._next_tick is not None:
            self._next_tick.stop()
        until = view.seconds_to_next_change(self.engine)
        delay = IDLE_TICK_SECONDS if until is None else until + TICK_AFTER
        self._next_tick = self.set_timer(delay, self._clock_tick)

    def _clock_tick(self) -> None:
        self._next_tick = None  # this one has fired: nothing to stop
        try:
            self.tick()
        finally:
            if self.is_attached and self.live.driving:
                self._schedule_tick()

    def _circle_name(self) -> str:
        return str(self.live.setup.circle.get("name", ""))

    def _show_key_hint(self) -> None:
        """The keys for help and the palette, as a user's keymap has them (the footer has no room)."""
        keys: dict[str, str] = {}  # what -> the first key for it
        for _node, binding, _enabled, _tooltip in self.active_bindings.values():
            if binding.id == "session.help":
                keys.setdefault("keys", self.app.get_key_display(binding))
            elif binding.action in ("command_palette", "app.command_palette"):
                keys.setdefault("actions", self.app.get_key_display(binding))
        self.stage.show_hint("  ".join(f"{keys[what]} {what}" for what in ("keys", "actions") if what in keys))

    # -- drawing -----------------------------------------------------------

    def _refresh_all(self) -> None:
        self.stage.show_all(self._names, self._circle_name())
        self.refresh_bindings()

    def _refresh_clock(self, *, always: bool = True) -> None:
        self.stage.show_clock(self._names, always=always)

    # -- the clock ---------------------------------------------------------

    def tick(self) -> None:
        """One clock tick: ring any zero reached, redraw the timers if their text changed."""
        if self.engine.status not in ("running", "paused"):
            return
        try:
            rung = self.live.tick()
            if not self.live.driving:
                self._stop_driving()
                return
            self._tick_failed = False
        except StoreError as error:
            rung = []
            if not self._tick_failed:  # once, not every second
                self.notify(f"Timer event not saved yet: {error}", severity="error", timeout=10, markup=False)
            self._tick_failed = True
        for event in rung:
            self._alarm(event)
        self._refresh_clock(always=bool(rung))

    def _alarm(self, event: Event) -> None:
        self.stage.alarm(event, self._names)

    # -- actions -----------------------------------------------------------

    def _do(self, action: Callable[[], Event]) -> Event | None:
        """One of the session layer's actions; it writes the event before this redraws."""
        try:
            event = action()
        except EngineError as error:
            self.notify(error.told(self.keys), severity="warning", markup=False)
            return None
        except StoreError as error:
            self.notify(f"Not saved, so not done: {error}", severity="error", timeout=10, markup=False)
            return None
        self._refresh_all()
        self._schedule_tick()  # the timers may have started, stopped or restarted
        return event

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        phase = self.engine.phase
        if action == "pass":
            return phase.turns == "round"
        if action == "hand":
            return phase.turns == "open"
        if action in ("next", "back"):
            return phase.turns != "none"
        if action == "draw":
            return bool(phase.deck)
        if action == "goals":
            return phase.kind == "goals" and self.engine.speaker is not None and not self._in_goals()
        if action == "leave_goals":
            return self._in_goals()
        return self._check_room_action(action)

    def _in_goals(self) -> bool:
        focused = self.focused
        return focused is not None and self.query_one(GoalsArea) in focused.ancestors_with_self

    def action_scroll_stage(self, pages: int) -> None:
        self.stage.column.scroll_pages(pages)

    def action_goals(self) -> None:
        self.query_one(GoalsArea).goal_list.focus()
        self.refresh_bindings()

    def action_leave_goals(self) -> None:
        self.set_focus(None)
        self.refresh_bindings()

    def action_next(self) -> None:
        self._do(self.live.next_speaker)

    def action_pass(self) -> None:
        self._do(self.live.pass_turn)

    def action_back(self) -> None:
        self._do(self.live.back)

    def action_pause(self) -> None:
        self._do(self.live.toggle_pause)

    def action_add_minute(self) -> None:
        self._do(self.live.add_minute)

    def action_remove_minute(self) -> None:
        self._do(self.live.remove_minute)

    def action_draw(self) -> None:
        self._do(self.live.draw_prompt)

    def action_next_phase(self) -> None:
        self._do(self.live.next_phase)

    def action_previous_phase(self) -> None:
        self._do(self.live.previous_phase)

    def action_hand(self) -> None:
        hands = set(self.engine.hands)
        choices = [
            (m, f"✋ {self._names[m]} (hand up: pick to lower)" if m in hands else self._names[m])
            for m in self.engine.present
        ]
        self.app.push_screen(PickMember("Raise or lower whose hand?", choices), self._toggle_hand)

    def _toggle_hand(self, member_id: str | None) -> None:
        if member_id is None:
            return
        self._do(lambda: self.live.toggle_hand(member_id))

    def action_end(self) -> None:
        self.app.push_screen(Confirm("End the session now? The summary is saved with it.", yes="End"),
                             self._end_answer)

    def _end_answer(self, end: bool | None) -> None:
        if not end:
            return
        try:
            summary = self.live.finish()
        except EngineError as error:
            self.notify(error.told(self.keys), severity="warning", markup=False)
            return
        except StoreError as error:
            self._refresh_all()
            self.notify(f"Not saved, so not ended: {error}", severity="error", timeout=10, markup=False)
            return
        self.app.switch_screen(SummaryScreen(self.live, summary))
