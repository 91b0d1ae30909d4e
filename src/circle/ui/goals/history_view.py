"""Every change to one goal, newest first, with who made it and when."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from circle.domain.goals.history import describe_entry
from circle.domain.goals.goal import Goal


class GoalHistory(ModalScreen[None]):
    BINDINGS = [Binding("escape,h,q,enter", "close", "Close", id="goals.history.close")]

    def __init__(self, goal: Goal) -> None:
        super().__init__()
        self._goal = goal

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog goal-history"):
            yield Static(Text(f"History: {self._goal.title}"), classes="dialog-title")
            with VerticalScroll(classes="goal-history-entries"):
                wording = self._goal.wording()
                for entry in reversed(self._goal.history):
                    yield Static(Text(describe_entry(entry, wording)), classes="goal-history-entry")
            yield Static(Text("escape closes"), classes="dialog-hint")

    def action_close(self) -> None:
        self.dismiss(None)
