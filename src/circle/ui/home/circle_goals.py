"""The goals review opened from home or a circle: the same screen, with escape to go back."""

from __future__ import annotations

from textual.binding import Binding

from circle.ui.goals.review import GoalsReview


class CircleGoals(GoalsReview):
    BINDINGS = [Binding("escape", "back", "Back", id="goals.back")]

    def action_back(self) -> None:
        self.dismiss()
