"""GoalList: a member's goals with one key per change; it asks with a form and reports up.

Configured down with ``owners`` and ``show(goals)``; reports each change as a
``GoalList.Changed`` message carrying a GoalChange, which the screen saves (and, in a
session, logs). The list never touches the store itself.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Mapping, Sequence

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from circle.domain.goals.changes import GoalChange, Wording
from circle.domain.goals.review import MemberRef
from circle.domain.goals.goal import Goal, review_order
from circle.ui.dialogs import PickMember
from circle.ui.goals.goal_form import GoalDraft, GoalForm
from circle.ui.goals.history_view import GoalHistory
from circle.ui.goals.note_forms import NoteForm, ProgressDraft, ProgressForm
from circle.ui.goals.render import goal_entry

NEEDS_ACTIVE_GOAL = {"progress", "achieve", "rework", "drop"}
EMPTY_ID = "-none-"


class GoalList(OptionList):
    BINDINGS = [
        Binding("p", "progress", "Progress", id="goals.progress", tooltip="Log progress: a note and a percentage"),
        Binding("a", "achieve", "Achieved", id="goals.achieve", tooltip="Mark the goal achieved"),
        Binding("r", "rework", "Rework", id="goals.rework", tooltip="New wording; the old one stays in history"),
        Binding("d", "drop", "Drop", id="goals.drop", tooltip="Drop the goal, with a reason"),
        Binding("n", "add", "New", id="goals.add", tooltip="Set a new goal with the SMART checklist"),
        Binding("h", "history", "History", id="goals.history", tooltip="Every change to the goal", show=False),
    ]

    class Changed(Message):
        """The member asked for a change to their goals; the screen saves it."""

        def __init__(self, goal_list: "GoalList", change: GoalChange) -> None:
            super().__init__()
            self.goal_list = goal_list
            self.change = change

        @property
        def control(self) -> "GoalList":
            return self.goal_list

    def __init__(
        self,
        *,
        today: date,
        owners: Sequence[MemberRef] = (),
        show_circle: bool = False,
        show_owner: bool = False,
        first_session: str | None = None,
        empty_hint: str = "No goals yet: press n to set one.",
        focused_empty_hint: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.today = today
        self.owners = list(owners)  # whose goals these are; new goals go to one of them
        self.show_circle = show_circle  # name the circle on each goal (a review across circles)
        self.show_owner = show_owner  # name whose each goal is (several members' goals)
        self.first_session = first_session  # goals touched in it (last session's commitments) lead
        self.empty_hint = empty_hint  # where the list's keys need a key first, it says so
        self.focused_empty_hint = focused_empty_hint or empty_hint  # ...and once it has been pressed
        self._goals: list[tuple[Goal, str]] = []  # (goal, circle slug) in display order

    # -- configured down -------------------------------------------------------

    def show(self, goals: Sequence[Mapping[str, Any]], *, highlight: str | None = None) -> None:
        """Show these goal dicts (as the store gives them, optionally with a "circle" key)."""
        keep = highlight or (self.highlighted_goal.id if self.highlighted_goal else None)
        circles = {goal.id: self._circle_of(raw) for raw in goals for goal in [Goal.from_dict(raw)]}
        ordered = review_order((Goal.from_dict(raw) for raw in goals), self.today, self.first_session)
        self._goals = [(goal, circles[goal.id]) for goal in ordered]
        names = {ref.circle: ref.circle_name for ref in self.owners}
        whose = {(ref.circle, ref.member.id): ref.member.name for ref in self.owners}
        self.clear_options()
        if not self._goals:
            self.add_option(Option(self._empty_text(), id=EMPTY_ID))
        options: list[Option | None] = []
        for goal, circle in self._goals:
            owner = whose.get((circle, goal.member), "") if self.show_owner else ""
            where = " · ".join(part for part in (owner, names.get(circle, circle) if self.show_circle else "") if part)
            options += [Option(goal_entry(goal, self.today, where), id=goal.id), None]  # None: a divider
        self.add_options(options[:-1])
        ids = [goal.id for goal, _ in self._goals]
        self.highlighted = ids.index(keep) if keep in ids else 0
        self.refresh_bindings()

    def _empty_text(self) -> Content:
        return Content.styled(self.focused_empty_hint if self.has_focus else self.empty_hint, "$text-muted")

    def watch_has_focus(self, has_focus: bool) -> None:
        super().watch_has_focus(has_focus)
        if not self._goals and self.option_count:
            self.replace_option_prompt(EMPTY_ID, self._empty_text())

    def _circle_of(self, raw: Mapping[str, Any]) -> str:
        if raw.get("circle"):
            return str(raw["circle"])
        owner = next((ref for ref in self.owners if ref.member.id == raw.get("member")), None)
        return owner.circle if owner else (self.owners[0].circle if self.owners else "")

    @property
    def goals(self) -> list[Goal]:
        return [goal for goal, _ in self._goals]

    @property
    def highlighted_goal(self) -> Goal | None:
        index = self.highlighted
        if index is None or not 0 <= index < len(self._goals):
            return None
        return self._goals[index][0]

    # -- keys --------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in NEEDS_ACTIVE_GOAL:
            goal = self.highlighted_goal
            return True if goal is not None and goal.active else None
        if action == "history":
            return True if self.highlighted_goal is not None else None
        if action == "add":
            return True if self.owners else None
        return super().check_action(action, parameters)

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        self.refresh_bindings()

    def _change(self, kind: str, goal: Goal, **fields: Any) -> None:
        circle = dict((g.id, c) for g, c in self._goals)[goal.id]
        self.post_message(self.Changed(self, GoalChange(kind, circle, goal.member, goal_id=goal.id, **fields)))

    def action_progress(self) -> None:
        goal = self.highlighted_goal
        if goal is None:
            return

        def done(draft: ProgressDraft | None) -> None:
            if draft is not None:
                self._change("progress", goal, note=draft.note, percent=draft.percent)

        self.app.push_screen(ProgressForm(f"Progress on: {goal.title}", percent=goal.progress), done)

    def action_achieve(self) -> None:
        goal = self.highlighted_goal
        if goal is None:
            return

        def done(note: str | None) -> None:
            if note is not None:
                self._change("achieved", goal, note=note)

        form = NoteForm(f"Achieved: {goal.title}", "Note", placeholder="what made it work? (optional)")
        self.app.push_screen(form, done)

    def action_drop(self) -> None:
        goal = self.highlighted_goal
        if goal is None:
            return

        def done(reason: str | None) -> None:
            if reason is not None:
                self._change("dropped", goal, reason=reason)

        form = NoteForm(f"Drop: {goal.title}", "Reason", placeholder="why it no longer fits", required=True)
        self.app.push_screen(form, done)

    def action_rework(self) -> None:
        goal = self.highlighted_goal
        if goal is None:
            return

        def done(draft: GoalDraft | None) -> None:
            if draft is not None:
                self._change("reworked", goal, wording=draft.wording, note=draft.note)

        initial = Wording(goal.title, goal.measure, goal.action, goal.realistic, goal.due)
        form = GoalForm(f"Rework: {goal.title}", self.today, initial=initial, ask_note=True)
        self.app.push_screen(form, done)

    def action_add(self) -> None:
        if len(self.owners) == 1:
            self._add_for(self.owners[0])
        elif self.owners:
            choices = [(str(index), ref.label) for index, ref in enumerate(self.owners)]

            def picked(choice: str | None) -> None:
                if choice is not None:
                    self._add_for(self.owners[int(choice)])

            self.app.push_screen(PickMember("New goal in which circle?", choices), picked)

    def _add_for(self, owner: MemberRef) -> None:
        def done(draft: GoalDraft | None) -> None:
            if draft is not None:
                change = GoalChange("added", owner.circle, owner.member.id, wording=draft.wording)
                self.post_message(self.Changed(self, change))

        self.app.push_screen(GoalForm(f"New goal for {owner.label}", self.today), done)

    def action_history(self) -> None:
        goal = self.highlighted_goal
        if goal is not None:
            self.app.push_screen(GoalHistory(goal))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list is self:
            event.stop()
            self.action_history()
