"""The Repository: every read and write of circle data, for the UI and the CLI.

    repo = Repository(home, actor)            # actor: who is acting, stamped on changes
    repo.create_circle("Maths mentors")
    repo.add_member("maths-mentors", "Ada", role="mentor")

A circle argument is a circle's slug (fastest) or its name. The parts live in
their own modules: circles, members, goals, sessions, and the rosters of every circle
(read through the home's circle index); reports; who may do what: access.
"""

from __future__ import annotations

from circle.store.access import AccessMixin
from circle.store.circles import CirclesMixin
from circle.store.goals import GoalsMixin
from circle.store.members import MembersMixin
from circle.store.reports import ReportsMixin
from circle.store.rosters import RostersMixin
from circle.store.sessions import SessionsMixin


class Repository(AccessMixin, CirclesMixin, MembersMixin, GoalsMixin, SessionsMixin, RostersMixin, ReportsMixin):
    """Circles, members, norms, agreement, goals and sessions in one data home; on a server
    (teachers registered) each method first checks the acting teacher may (circle.domain.server.access)."""

    def __repr__(self) -> str:
        return f"Repository(home={str(self.home)!r}, actor={self.actor!r})"


__all__ = ["Repository"]
