"""The highlighted goal in full: measure, first step, realistic check, SMART flags, latest changes."""

from __future__ import annotations

from datetime import date

from textual.widgets import Static

from circle.domain.goals.goal import Goal
from circle.domain.goals.smart import goal_checklist
from circle.ui.goals.render import detail_content


class GoalDetail(Static):
    def show(self, goal: Goal | None, today: date, *, history: int = 3) -> None:
        if goal is None:
            self.update("")
            return
        self.update(detail_content(goal, today, goal_checklist(goal, today), history=history))
