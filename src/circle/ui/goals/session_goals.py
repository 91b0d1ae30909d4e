"""The pieces the session screen's goals phase and positive close use.

SessionGoals shows one member's goals (last session's commitments first) with the same
keys as the solo review (the session layer saves and logs each change);
Celebration lists the goals achieved during the session.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Mapping, Sequence

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static

from circle.domain.goals.review import MemberRef
from circle.domain.goals.goal import Goal
from circle.domain.session.keys import DEFAULTS, KeyNames
from circle.ui.goals.goal_detail import GoalDetail
from circle.ui.goals.goal_list import GoalList

class SessionGoals(Vertical):
    """A member's goals and the highlighted one's detail. GoalList.Changed bubbles up unchanged."""

    DEFAULT_CSS = """
    SessionGoals { height: 1fr; }
    SessionGoals GoalList { height: 1fr; }
    SessionGoals GoalDetail { height: auto; max-height: 8; }
    """

    def __init__(self, *, today: date, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._today = today
        self.keys: KeyNames = DEFAULTS

    NOBODY_HINT = "Nobody is speaking: the round is complete, so there are no goals to edit."

    @property
    def empty_hint(self) -> str:
        # In a session n is "next speaker" until g hands the keys to this list.
        keys = self.keys
        return f"No goals yet: press {keys['session.goals']}, then {keys['goals.add']} to set one."

    @property
    def focused_empty_hint(self) -> str:
        return f"No goals yet: press {self.keys['goals.add']} to set one."

    def name_keys(self, keys: KeyNames) -> None:
        """The keys as the screen has them (a user's keymap applied), for the hints naming them."""
        self.keys = keys
        goal_list = self.goal_list
        goal_list.empty_hint = self.empty_hint
        goal_list.focused_empty_hint = self.focused_empty_hint

    def compose(self) -> ComposeResult:
        yield GoalList(today=self._today, empty_hint=self.empty_hint, focused_empty_hint=self.focused_empty_hint,
                       id="session-goal-list")
        yield GoalDetail(id="session-goal-detail")

    @property
    def goal_list(self) -> GoalList:
        return self.query_one(GoalList)

    def show_member(
        self,
        owner: MemberRef,
        goals: Sequence[Mapping[str, Any]],
        *,
        today: date,
        first_session: str | None = None,
        highlight: str | None = None,
    ) -> None:
        """Configure for one member: their goal dicts, and the session whose commitments lead."""
        goal_list = self.goal_list
        goal_list.empty_hint = self.empty_hint
        goal_list.owners = [owner]
        goal_list.today = self._today = today
        goal_list.first_session = first_session
        goal_list.show(goals, highlight=highlight)
        self._show_detail()

    def show_nobody(self) -> None:
        """No speaker (the round is complete): g does nothing, so the hint names no key."""
        goal_list = self.goal_list
        goal_list.owners = []
        goal_list.empty_hint = self.NOBODY_HINT
        goal_list.show([])
        self._show_detail()

    def _show_detail(self) -> None:
        self.query_one(GoalDetail).show(self.goal_list.highlighted_goal, self._today)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show_detail()


class Celebration(Static):
    """Goals achieved this session, each with its owner's name, for the positive close."""

    def show(self, achieved: Sequence[tuple[str, Goal]]) -> None:
        """achieved: (member name, goal) pairs, e.g. from circle.domain.goals.goal.achieved_in."""
        if not achieved:
            self.update("")
            return
        lines = [Content.styled("Achieved this session", "bold $text-success")]
        lines += [Content.assemble(("✓ ", "$text-success"), (name, "bold"), ": ", goal.title) for name, goal in achieved]
        self.update(Content("\n").join(lines))
