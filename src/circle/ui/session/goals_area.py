"""The goals part of the session screen: the speaker's goals to edit in the goals phase,
the goals achieved this session at the positive close.

Editing uses the goal widgets (SessionGoals, GoalList); a change is saved to the goal
and logged as a session event through LiveSession, so it is on disk before it shows.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from circle.domain.goals.review import MemberRef
from circle.errors import CircleError
from circle.ui.goals.goal_list import GoalList
from circle.ui.goals.session_goals import SessionGoals
from circle.ui.session.goals_view import achieved_this_session, speaker_goals
from circle.ui.session.view import close_credits
from circle.live.driver import LiveSession
from circle.ui.widgets.goals_panel import GoalsPanel
from circle.ui.widgets.shown_static import ShownStatic

DONE = {"added": "New goal saved", "progress": "Progress logged", "achieved": "Goal achieved ★",
        "reworked": "Goal reworked", "dropped": "Goal dropped"}


class GoalsArea(Vertical):
    """``show_for()`` after every action; it reads the store only when the phase or speaker changed."""

    def __init__(self, live: LiveSession, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.live = live
        self._key: tuple | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="goals-banner")
        yield SessionGoals(today=self.app.clock.now().date(), id="session-goals")
        yield ShownStatic(id="close-credits")
        yield GoalsPanel(id="goals-panel")

    # -- the editing mode: unmistakable, since n, p and d mean other things outside it --

    @property
    def editing(self) -> bool:
        focused = self.screen.focused
        return focused is not None and self in focused.ancestors_with_self

    def _show_mode(self) -> None:
        editing = self.editing
        self.set_class(editing, "-keys-here")
        banner = self.query_one("#goals-banner", Static)
        banner.display = editing
        if editing:
            who = self.live.engine.speaker
            name = next((m.name for m in self.live.engine.members if m.id == who), "")
            # One line at 80 columns: the footer lists the goal keys themselves.
            banner.update(Text.assemble((f" EDITING {name.upper()}'S GOALS ", "bold"), "· esc: session keys"))

    def on_descendant_focus(self) -> None:
        self._show_mode()

    def on_descendant_blur(self) -> None:
        self.call_after_refresh(self._show_mode)  # the focus may only be moving inside the area

    @property
    def goal_list(self) -> GoalList:
        return self.query_one(GoalList)

    def show_for(self, force: bool = False) -> None:
        engine = self.live.engine
        kind = engine.phase.kind
        key = (engine.phase_index, engine.speaker, len(engine.events) if kind == "close" else 0)
        if key == self._key and not force:
            return
        self._key = key
        self.display = kind in ("goals", "close")
        self.set_class(kind == "goals", "-editing")
        editing, panel = self.query_one(SessionGoals), self.query_one(GoalsPanel)
        editing.display = kind == "goals"
        panel.display = kind == "close"
        credits = close_credits(engine, {m.id: m.name for m in engine.members})
        line = self.query_one("#close-credits", ShownStatic)
        line.display = bool(credits)
        line.show(Text(credits))
        today = self.app.clock.now().date()
        try:
            if kind == "goals":
                self._show_speaker(editing, engine.speaker, today)
            elif kind == "close":
                names = {m.id: m.name for m in engine.members}
                panel.show("Achieved this session ★", achieved_this_session(self.live), today,
                           owners=names, empty="no goals marked achieved this session yet")
        except CircleError as error:
            panel.display = True
            panel.show("Goals", [], today, empty=f"cannot read goals: {error}")

    def _show_speaker(self, editing: SessionGoals, member_id: str | None, today, highlight: str | None = None) -> None:
        if member_id is None:
            editing.show_nobody()
            return
        member = next(m for m in self.live.engine.members if m.id == member_id)
        circle = self.live.setup.circle
        owner = MemberRef(str(circle["slug"]), str(circle.get("name", "")), member)
        goals = speaker_goals(self.live, member_id, today)
        editing.show_member(owner, goals, today=today, first_session=self.live.setup.previous_session,
                            highlight=highlight)

    def on_goal_list_changed(self, event: GoalList.Changed) -> None:
        event.stop()
        clock = self.app.clock
        try:
            outcome = self.live.change_goal(event.change, at=clock.now(), by=self.live.repo.actor)
        except CircleError as error:
            self.notify(str(error), title="Not saved", severity="error", markup=False)
            return
        result = outcome.result
        focus = result.successor or result.goal
        self._show_speaker(self.query_one(SessionGoals), self.live.engine.speaker, clock.now().date(),
                           highlight=str(focus.get("id")))
        done = DONE.get(result.change.kind, "Saved")
        if outcome.logged:
            self.notify(done, timeout=3, markup=False)
        else:
            later = " It is written with the next action." if outcome.log_pending else ""
            self.notify(f"{done}. Not yet in the session log: {outcome.log_error}.{later}",
                        title="Goal saved", severity="warning", timeout=10, markup=False)
