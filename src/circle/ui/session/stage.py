"""The stage of a running session: what the driver's screen and a follower's screen both show.

Phase strip, timers, speaker, turn queue, prompt card, goals and airtime, drawn from a
session engine. The screens around it differ in their keys and in how the engine moves
on: the driver's runs the session layer's actions and its clock, a follower's polls.
"""

from __future__ import annotations

from functools import cached_property
from typing import Protocol

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widget import Widget

from circle.domain.session import events as ev
from circle.domain.session.engine import SessionEngine
from circle.domain.session.keys import KeyNames
from circle.domain.session.events import Event
from circle.live.setup import SessionSetup
from circle.ui.session import view
from circle.ui.goals.session_goals import SessionGoals
from circle.ui.session.goals_area import GoalsArea
from circle.ui.session.stage_column import StageColumn
from circle.ui.widgets.airtime_chart import SIGNS, SPEAKING, UNHEARD, AirtimeChart
from circle.ui.widgets.backdrop import Backdrop, BackdropHorizontal, BackdropVertical
from circle.ui.widgets.big_timer import BigTimer
from circle.ui.widgets.block_letters import BigName
from circle.ui.widgets.phase_strip import PhaseStrip
from circle.ui.widgets.prompt_card import PromptCard
from circle.ui.widgets.shown_static import ShownStatic
from circle.ui.widgets.text_line import TextLine
from circle.ui.widgets.turn_queue import TurnQueue


class StageSource(Protocol):
    """What the stage reads: the driver's live session or a follower."""

    @property
    def engine(self) -> SessionEngine: ...

    @property
    def setup(self) -> SessionSetup: ...


class StageScreen(Backdrop, Screen):
    """A screen showing a stage: the size classes its styles (styles/session.tcss) go by.
    Nothing else: each screen has its own keys, mounting and clock."""

    AUTO_FOCUS = ""  # nothing focused: keys go to the screen; the goal list takes focus only with g
    # Classes for the CSS: a projector-sized terminal gets more room around the big parts.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (40, "-tall"), (56, "-huge")]  # -huge is taller still


class SessionStage(Backdrop, Widget):
    """``show_all`` after the session changed; ``show_clock`` as its clocks turn.

    keys: the names of the keys its lines name (``name_keys``); None on a follower's screen,
    which has none of them."""

    DEFAULT_CSS = "SessionStage { height: 1fr; }"

    def __init__(self, source: StageSource, *, keys: KeyNames | None, id: str | None = None) -> None:
        super().__init__(id=id)
        self.source = source
        self.keys = keys
        self.other_shown = ""
        self.clock_seen: tuple[object, ...] = ()
        self.running_cell: tuple[int, str, bool] | None = None  # what the phase strip last showed of it
        self.airtime_beat = -1  # the phase clock's second the airtime was last read at
        self.card_seen: tuple[str | None, str] | None = None  # the prompt and phase the card last showed

    @property
    def engine(self) -> SessionEngine:
        return self.source.engine

    def compose(self) -> ComposeResult:
        with BackdropHorizontal(id="session-top"):
            yield ShownStatic(id="session-status")
            yield ShownStatic(id="session-hint")
        yield PhaseStrip(len(self.engine.plan.phases), id="phase-strip")
        yield ShownStatic(id="guidance")
        with BackdropHorizontal(id="session-body"):
            with StageColumn(id="stage"):
                yield TextLine(id="stage-more")  # says more is below or above, where it scrolls
                yield BigName(id="speaker-big")  # a projector-sized terminal only (styles)
                yield BigTimer(id="big-timer")
                yield TextLine(id="other-timer")
                card = PromptCard(id="prompt-card")
                card.keys = self.keys
                yield card
                yield GoalsArea(self.source, id="goals-area")  # type: ignore[arg-type]  # a follower's is read-only
                with BackdropVertical(id="airtime-room"):  # the stage's room left: the chart's most
                    with Vertical(id="airtime-frame") as frame:  # the frame holds the border and titles
                        frame.border_title = "Airtime this session"
                        frame.border_subtitle = f"{SIGNS[SPEAKING]} speaking now  {SIGNS[UNHEARD]} not heard from yet"
                        # Shown only where the stage has room (styles/session.tcss), to see who has
                        # had little airtime; bars scaled to whole minutes.
                        yield AirtimeChart(marked=True, scale_step=60.0, id="session-airtime")
            with BackdropVertical(id="queue-side"):
                queue = TurnQueue(id="turn-queue")
                queue.keys = self.keys
                yield queue

    def name_keys(self, keys: KeyNames) -> None:
        """The keys as the screen has them (a user's keymap applied), for every line naming one."""
        self.keys = self.query_one(PromptCard).keys = self.query_one(TurnQueue).keys = keys
        self.query_one(SessionGoals).name_keys(keys)
        self.column.scroll_keys = (keys["session.scroll_down"], keys["session.scroll_up"])

    def show_hint(self, text: str) -> None:
        """The right end of the top line: the help keys, or a follower's status."""
        self.query_one("#session-hint", ShownStatic).show(Text(text))

    def show_all(self, names: dict[str, str], circle_name: str) -> None:
        engine = self.engine
        phase = engine.phase
        screen = self.screen
        status = self.query_one("#session-status", ShownStatic)
        status.show(Text(view.top_line(circle_name, engine, keys=self.keys)), layout=False)  # one fixed line
        # On the status line, not the screen: a class change on the screen restyles every widget.
        status.set_class(engine.status == "paused", "-paused")
        screen.set_class(phase.kind == "goals", "-goals-phase")
        self.query_one("#guidance", ShownStatic).show(Text(view.guidance_text(engine, names)))
        self.query_one(TurnQueue).show(view.turns_of(engine, names))
        self.query_one(BigName).show(*view.big_name(engine, names))
        self.query_one("#queue-side").display = phase.turns != "none"
        card = self.query_one(PromptCard)
        card.display = bool(phase.deck) or phase.kind in ("questions", "case")
        shown = view.card_of(engine, {name: deck.kind for name, deck in self.source.setup.decks.items()})
        if (shown.text, phase.title) != self.card_seen:
            self.card_seen = (shown.text, phase.title)
            self.column.keep_in_view(None)  # another prompt or phase: seen from its top
        card.show(shown.text, shown.detail, shown.number, shown.label, shown.earlier)
        self.query_one(GoalsArea).show_for()
        if phase.kind != "goals" and screen.focused is not None:
            screen.set_focus(None)  # the goal list is hidden: keys go back to the session
        self.airtime_beat = -1  # the clock's redraw reads the airtime too
        self.show_clock(names)

    def show_clock(self, names: dict[str, str], *, always: bool = True) -> None:
        engine = self.engine
        choice = view.choose_timer(engine, names)
        if not always and choice.seen == self.clock_seen:
            return  # a tick that finds both timers showing what they showed (paused, say)
        self.clock_seen = choice.seen
        self.big_timer.show(choice.big, choice.caption)
        other = self.other_timer
        if choice.other != self.other_shown:
            self.other_shown = choice.other
            other.update(choice.other)
        for state in ("warning", "overtime"):  # as visible as the big timer's colours
            other.set_class(choice.other_state == state, f"-{state}")
        # A tick changes only the running phase's cell: its time used, once a second.
        running_cell = view.running_cell(engine)
        if always or running_cell != self.running_cell:
            self.running_cell = running_cell
            self.phase_strip.show(view.phase_cells(engine), engine.phase_index)
        # Airtime is read once a second, as the phase clock's second turns: its redraw lands in
        # the frame the timer line redraws anyway, not again when the speaker's second turns.
        beat = int(engine.phase_seconds(engine.phase_index))
        if beat != self.airtime_beat:
            self.airtime_beat = beat
            self.airtime.show(view.airtime_rows(engine, names))  # redraws on change only

    def ideas_toggled(self) -> None:
        """The case story's ideas unfolded: scrolled into view (at 80x24 they open below the
        fold), as far up as the column goes; folded again: the column from its top."""
        card = self.query_one(PromptCard)
        self.column.keep_in_view(card.query_one("#prompt-detail") if card.ideas_shown else None)

    def alarm(self, event: Event, names: dict[str, str]) -> None:
        """A timer reached zero: the bell, the timer's flash and a note of whose time is up."""
        self.big_timer.alarm()
        if event.type == ev.SPEAKER_ZERO:
            who = names.get(event.member or "", "The speaker")
            self.notify(f"{who}'s time is up", timeout=4, markup=False)
        else:
            self.notify(f"Time is up for {self.engine.phase.title}", timeout=4, markup=False)

    # The parts the clock redraws every second, found once.
    @cached_property
    def big_timer(self) -> BigTimer:
        return self.query_one(BigTimer)

    @cached_property
    def other_timer(self) -> TextLine:
        return self.query_one("#other-timer", TextLine)

    @cached_property
    def column(self) -> StageColumn:
        return self.query_one(StageColumn)

    @cached_property
    def phase_strip(self) -> PhaseStrip:
        return self.query_one(PhaseStrip)

    @cached_property
    def airtime(self) -> AirtimeChart:
        return self.query_one(AirtimeChart)
