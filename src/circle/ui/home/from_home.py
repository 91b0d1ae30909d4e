"""Other parts' screens as opened from home: the same screens, with escape to come back."""

from __future__ import annotations

from textual.binding import Binding

from circle.ui.goals.review import GoalsReview
from circle.ui.session.checkin import CheckInScreen


class CircleGoals(GoalsReview):
    BINDINGS = [Binding("escape", "back", "Back", id="goals.back")]

    def action_back(self) -> None:
        self.dismiss()


class HomeCheckIn(CheckInScreen):
    """Check-in opened from home: escape goes back before the session starts."""

    BINDINGS = [Binding("escape", "back", "Back", id="checkin.back")]

    def action_back(self) -> None:
        self.dismiss()
