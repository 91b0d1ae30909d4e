"""The live session screen: phases, timers, turns, prompts and goals, one key per action.

Every key runs one engine operation through LiveSession (engine, then disk), then
redraws. The clock wakes when a timer on screen turns a second and redraws only what changed.
"""

from __future__ import annotations

from functools import cached_property
from typing import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Static

from circle import hints
from circle.domain.session import events as ev
from circle.domain.session.engine import EngineError, SessionEngine
from circle.domain.session.events import Event
from circle.store.errors import StoreError
from circle.ui.dialogs import Confirm, PickMember
from circle.ui.session import view
from circle.ui.session.goals_area import GoalsArea
from circle.ui.session.room_actions import RoomActions
from circle.live.driver import LiveSession
from circle.ui.session.summary import SummaryScreen
from circle.ui.widgets.airtime_chart import SIGNS, SPEAKING, UNHEARD, AirtimeChart
from circle.ui.widgets.big_timer import BigTimer
from circle.ui.widgets.text_line import TextLine
from circle.ui.widgets.block_letters import BigName
from circle.ui.widgets.footer import KeyFooter
from circle.ui.widgets.phase_strip import PhaseStrip
from circle.ui.widgets.prompt_card import PromptCard
from circle.ui.widgets.turn_queue import TurnQueue

IDLE_TICK_SECONDS = 1.0  # both timers stopped: only the driver's own checks (take-over, heartbeat)
TICK_AFTER = 0.005  # land just past the moment a clock turns, never just before it


def _key(key: str, action: str, short: str, long: str, name: str, display: str | None = None,
         show: bool = True) -> Binding:
    return Binding(key, action, short, id=f"session.{name}", tooltip=long, key_display=display, show=show)


class SessionScreen(RoomActions, Screen):
    HELP_TITLE = "Session"
    KEYS = True  # lines name the keys that work here (a follower's screen has none of them)
    AUTO_FOCUS = ""  # nothing focused: keys go to the screen; the goal list takes focus only with g
    # Classes for the CSS: a projector-sized terminal gets more room around the big parts.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (40, "-tall"), (56, "-huge")]  # -huge is taller still
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
        _key("left_square_bracket", "previous_phase", "◀Phase", "Previous phase", "previous_phase", "["),
        _key("e", "end", "End", "End the session (asks to confirm)", "end"),
        _key("g", "goals", "Goals", "Edit the speaker's goals", "goals"),
        # After the keys used every minute: on a narrow footer these are the ones cut off.
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
        # The app's help key, kept out of this footer (it has no room): the status line shows it.
        Binding("question_mark,f1", "app.help", "Keys", show=False, id="session.help", tooltip="Show every key"),
    ]

    def __init__(self, live: LiveSession) -> None:
        super().__init__()
        self.live = live
        self._names = view.names(live.engine)
        self._other_shown = ""
        self._clock_seen: tuple[object, ...] = ()
        self._running_cell: tuple[int, int, bool] | None = None  # what the phase strip last showed of it
        self._next_tick: Timer | None = None
        self._airtime_beat = -1  # the phase clock's second the airtime was last read at
        self._tick_failed = False

    @property
    def engine(self) -> SessionEngine:
        return self.live.engine

    # The parts the clock redraws every second, found once.
    @cached_property
    def _big_timer(self) -> BigTimer:
        return self.query_one(BigTimer)

    @cached_property
    def _other_timer(self) -> TextLine:
        return self.query_one("#other-timer", TextLine)

    @cached_property
    def _phase_strip(self) -> PhaseStrip:
        return self.query_one(PhaseStrip)

    @cached_property
    def _airtime(self) -> AirtimeChart:
        return self.query_one(AirtimeChart)

    # -- layout ------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="session-top"):
            yield Static(id="session-status")
            yield Static(id="session-hint")
        yield PhaseStrip(len(self.engine.plan.phases), id="phase-strip")
        yield Static(id="guidance")
        with Horizontal(id="session-body"):
            with Vertical(id="stage"):
                yield BigName(id="speaker-big")  # a projector-sized terminal only (styles)
                yield BigTimer(id="big-timer")
                yield TextLine(id="other-timer")
                yield PromptCard(id="prompt-card")
                yield GoalsArea(self.live, id="goals-area")
                with Vertical(id="airtime-room"):  # the stage's room left: the chart's most
                    # The frame holds the border and titles.
                    with Vertical(id="airtime-frame") as frame:
                        frame.border_title = "Airtime this session"
                        frame.border_subtitle = f"{SIGNS[SPEAKING]} speaking now  {SIGNS[UNHEARD]} not heard from yet"
                        yield self._airtime_chart()
            with Vertical(id="queue-side"):
                yield TurnQueue(id="turn-queue")
        # Every session key fits in 80 columns only without the palette hint (ctrl+p still works).
        yield KeyFooter(compact=True, show_command_palette=False)

    @staticmethod
    def _airtime_chart() -> AirtimeChart:
        # Shown only where the stage has room (styles/session.tcss), to see who has had little airtime.
        return AirtimeChart(marked=True, scale_step=60.0, id="session-airtime")  # bars scaled to whole minutes

    def on_unmount(self) -> None:
        self.live.leave()  # quit or closed: the lock goes, and a resume counts the time since as a gap

    def quit_question(self) -> str | None:
        """What ctrl+q asks first while the session runs: leaving it is not ending it."""
        if self.engine.status not in ("running", "paused") or not self.live.driving:
            return None
        return (f"Leave the session without ending it? It stays open: `{hints.command('run', self.live.setup.slug)}` resumes it, "
                "and the time until then counts for nobody.")

    def action_hand_off(self) -> None:
        from circle.ui.follow.handover import offer_hand_off

        offer_hand_off(self)

    def _stop_driving(self) -> None:
        """Someone took over (or the session was handed off): this screen follows from now on."""
        from circle.ui.follow.handover import become_follower

        become_follower(self)

    def on_mount(self) -> None:
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
        hint = "  ".join(f"{keys[what]} {what}" for what in ("keys", "actions") if what in keys)
        self.query_one("#session-hint", Static).update(Text(hint))

    # -- drawing -----------------------------------------------------------

    def _refresh_all(self) -> None:
        engine = self.engine
        phase = engine.phase
        status = self.query_one("#session-status", Static)
        top = view.top_line(self._circle_name(), engine, keys=self.KEYS)
        status.update(Text(top), layout=False)  # one fixed line
        # On the status line, not the screen: a class change on the screen restyles every widget.
        status.set_class(engine.status == "paused", "-paused")
        self.set_class(phase.kind == "goals", "-goals-phase")
        self.query_one("#guidance", Static).update(Text(view.guidance_text(engine, self._names)))
        self.query_one(TurnQueue).show(view.turns_of(engine, self._names))
        self.query_one(BigName).show(*view.big_name(engine, self._names))
        self.query_one("#queue-side").display = phase.turns != "none"
        card = self.query_one(PromptCard)
        card.display = bool(phase.deck) or phase.kind in ("questions", "case")
        shown = view.card_of(engine, {name: deck.kind for name, deck in self.live.setup.decks.items()})
        card.show(shown.text, shown.detail, shown.number, shown.label, shown.earlier)
        self.query_one(GoalsArea).show_for()
        if phase.kind != "goals" and self.focused is not None:
            self.set_focus(None)  # the goal list is hidden: keys go back to the session
        self._airtime_beat = -1  # the clock's redraw reads the airtime too
        self._refresh_clock()
        self.refresh_bindings()

    def _refresh_clock(self, *, always: bool = True) -> None:
        choice = view.choose_timer(self.engine, self._names)
        if not always and choice.seen == self._clock_seen:
            return  # a tick that finds both timers showing what they showed (paused, say)
        self._clock_seen = choice.seen
        self._big_timer.show(choice.big, choice.caption)
        if choice.other != self._other_shown:
            self._other_shown = choice.other
            self._other_timer.update(choice.other)
        for state in ("warning", "overtime"):  # as visible as the big timer's colours
            self._other_timer.set_class(choice.other_state == state, f"-{state}")
        # A tick changes only the running phase's cell, and that once a minute.
        running_cell = view.running_cell(self.engine)
        if always or running_cell != self._running_cell:
            self._running_cell = running_cell
            self._phase_strip.show(view.phase_cells(self.engine), self.engine.phase_index)
        # Airtime is read once a second, as the phase clock's second turns: its redraw lands in
        # the frame the timer line redraws anyway, not again when the speaker's second turns.
        beat = int(self.engine.phase_seconds(self.engine.phase_index))
        if beat != self._airtime_beat:
            self._airtime_beat = beat
            self._refresh_airtime()

    def _refresh_airtime(self) -> None:
        self._airtime.show(view.airtime_rows(self.engine, self._names))  # redraws on change only

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
        self._big_timer.alarm()
        if event.type == ev.SPEAKER_ZERO:
            who = self._names.get(event.member or "", "The speaker")
            self.notify(f"{who}'s time is up", timeout=4, markup=False)
        else:
            self.notify(f"Time is up for {self.engine.phase.title}", timeout=4, markup=False)

    # -- actions -----------------------------------------------------------

    def _do(self, action: Callable[[], Event]) -> Event | None:
        """One of the session layer's actions; it writes the event before this redraws."""
        try:
            event = action()
        except EngineError as error:
            self.notify(str(error), severity="warning", markup=False)
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
            self.notify(str(error), severity="warning", markup=False)
            return
        except StoreError as error:
            self._refresh_all()
            self.notify(f"Not saved, so not ended: {error}", severity="error", timeout=10, markup=False)
            return
        self.app.switch_screen(SummaryScreen(self.live, summary))
