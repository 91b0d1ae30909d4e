"""The solo review: one member's goals across their circles, a key per change, in under a minute."""

from __future__ import annotations

from typing import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList, Static

from circle.domain.goals.changes import ChangeResult, apply_change
from circle.domain.goals.review import GoalRow, MemberRef, collect
from circle.domain.goals.goal import is_overdue
from circle.errors import CircleError
from circle.ui.goals.goal_detail import GoalDetail
from circle.ui.goals.goal_list import GoalList
from circle.ui.size_notice import NARROW
from circle.ui.widgets.footer import KeyFooter

DONE_WORDS = {
    "added": "New goal saved",
    "progress": "Progress logged",
    "achieved": "Achieved: well done!",
    "reworked": "Reworked: the old wording is kept in the history",
    "dropped": "Dropped, with the reason kept",
}


class GoalsReview(Screen):
    HELP_TITLE = "Goal review"
    MIN_SIZE = NARROW  # works whole at a phone's width
    BINDINGS = [
        Binding("c", "toggle_closed", "Closed", id="goals.closed",
                tooltip="Show or hide achieved, reworked and dropped goals", show=False),
        Binding("q", "app.quit", "Quit", id="goals.quit", show=False),
    ]  # fmt: skip

    # Side by side on a wide terminal; the detail under the list on a narrow one, and shorter on a phone.
    HORIZONTAL_BREAKPOINTS = [(0, "-phone"), (80, "-narrow"), (120, "-wide")]

    def __init__(self, owners: Sequence[MemberRef], *, include_closed: bool = False) -> None:
        super().__init__()
        self.owners = list(owners)
        self.include_closed = include_closed
        self.rows: list[GoalRow] = []

    @property
    def today(self):
        return self.app.clock.now().date()

    def compose(self) -> ComposeResult:
        yield Static(id="goals-heading")
        show_circle = len({ref.circle for ref in self.owners}) > 1
        show_owner = len({ref.member.name for ref in self.owners}) > 1  # a circle's goals, opened from home
        with Container(id="goals-body"):
            yield GoalList(today=self.today, owners=self.owners, show_circle=show_circle, show_owner=show_owner,
                           id="goal-list")
            yield GoalDetail(id="goal-detail")
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        self.reload()
        self.query_one(GoalList).focus()

    def reload(self, highlight: str | None = None) -> None:
        goal_list = self.query_one(GoalList)
        goal_list.today = self.today
        self.rows = collect(self.app.repo, self.owners, self.today, include_closed=self.include_closed)
        goal_list.show([row.goal.to_dict() | {"circle": row.ref.circle} for row in self.rows], highlight=highlight)
        self._show_heading()
        self._show_detail()

    def _show_heading(self) -> None:
        names = sorted({ref.member.name for ref in self.owners})
        active = [row for row in self.rows if row.goal.active]
        overdue = sum(is_overdue(row.goal, self.today) for row in active)
        circles = ", ".join(dict.fromkeys(ref.circle_name for ref in self.owners))
        counts = f"{len(active)} active" + (f", {overdue} overdue" if overdue else "")
        heading = Content.assemble(
            ("Goals of ", "bold"), (", ".join(names), "bold"), "  ",
            (f"{circles} · {counts} · {self.today.isoformat()}", "$text-muted"),
        )  # fmt: skip
        self.query_one("#goals-heading", Static).update(heading)

    def _show_detail(self) -> None:
        history = 12 if self.has_class("-wide") else 3
        self.query_one(GoalDetail).show(self.query_one(GoalList).highlighted_goal, self.today, history=history)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show_detail()

    def on_goal_list_changed(self, event: GoalList.Changed) -> None:
        event.stop()
        try:
            result = apply_change(self.app.repo, event.change, at=self.app.clock.now(), by=self.app.repo.actor)
        except CircleError as error:
            self.notify(str(error), title="Not saved", severity="error", markup=False)
            return
        self._after(result)

    def _after(self, result: ChangeResult) -> None:
        focus = result.successor or result.goal
        self.reload(highlight=str(focus.get("id")))
        self.notify(DONE_WORDS[result.change.kind], timeout=3, markup=False)

    def action_toggle_closed(self) -> None:
        self.include_closed = not self.include_closed
        self.reload()
