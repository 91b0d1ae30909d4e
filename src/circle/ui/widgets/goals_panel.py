"""Goals shown read-only: title, status, due date, latest progress.

The session screen shows the speaker's goals here in the goals phase and the goals
achieved this session at the close. Goal editing widgets replace this panel's role in
the goals phase by subclassing it or taking its place in the screen's #goals-area.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Mapping, Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from circle.domain.goals.goal import shown_percent
from circle.ui.widgets.progress_bar import progress_bar

STATUS_MARK = {"active": "•", "achieved": "★", "reworked": "↻", "dropped": "×"}


def _due(goal: Mapping[str, Any]) -> date | None:
    try:
        return date.fromisoformat(str(goal["due"])) if goal.get("due") else None
    except ValueError:
        return None


def goal_line(goal: Mapping[str, Any], today: date, owner: str | None = None) -> Text:
    status = str(goal.get("status") or "active")
    line = Text(f"{STATUS_MARK.get(status, '•')} ")
    if owner:
        line.append(f"{owner}: ", style="bold")
    line.append(str(goal.get("title") or "(untitled)"))
    due = _due(goal)
    details = [status] if status != "active" else []
    if due:
        overdue = status == "active" and due < today
        details.append(("OVERDUE " if overdue else "due ") + due.isoformat())
    if details:
        line.append("  (" + ", ".join(details) + ")", style="dim")
    progress = goal.get("progress")
    percent = shown_percent(status, progress if isinstance(progress, int) else None)
    if percent is not None:  # an achieved goal is done: 100%, whatever was logged last
        line.append("  ")
        line.append_text(progress_bar(percent))
    if status == "active" and due and due < today:
        line.stylize("bold")
    return line


class GoalsPanel(Vertical):
    """``show(heading, goals, today, owners)``: owners maps member id to name to prefix each line."""

    DEFAULT_CSS = """
    GoalsPanel { height: auto; }
    GoalsPanel > Static { height: auto; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: tuple | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="goals-panel-heading", classes="goals-heading")
        yield Static(id="goals-panel-list")

    def show(
        self,
        heading: str,
        goals: Sequence[Mapping[str, Any]],
        today: date,
        owners: Mapping[str, str] | None = None,
        empty: str = "no goals yet",
    ) -> None:
        shown = (heading, repr(list(goals)), today, repr(owners), empty)
        if shown == self._shown:
            return
        self._shown = shown
        self.query_one("#goals-panel-heading", Static).update(Text(heading))
        body = Text()
        for i, goal in enumerate(goals):
            if i:
                body.append("\n")
            owner = owners.get(str(goal.get("member")), "") if owners else None
            body.append_text(goal_line(goal, today, owner))
        if not goals:
            body = Text(empty, style="dim")
        self.query_one("#goals-panel-list", Static).update(body)
