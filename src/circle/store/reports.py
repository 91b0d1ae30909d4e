"""Reports: a circle's year for its members, and one circle's counts for the programme's view.

``circle_figures`` is what an admin may ask of any circle: it reads the circle's goals and
session records inside the store and hands out numbers only (circle.domain.reports.programme),
so nothing said or set in the circle leaves through it.
"""

from __future__ import annotations

from datetime import date

from circle.domain.circles.members import Member
from circle.domain.reports.programme import CircleFigures, circle_figures
from circle.domain.reports.year import CircleYear, circle_year
from circle.domain.server.access import Action
from circle.store.base import RECORD, CircleRef, RepositoryBase
from circle.store.errors import StoreError
from circle.store.needs import needs


class ReportsMixin(RepositoryBase):
    @needs(Action.READ)
    def circle_year(self, circle: CircleRef, since: date | None = None) -> tuple[CircleYear, list[StoreError]]:
        """The circle's sessions since a day, its trends and each member's goals, from one read of
        its file and its session index; and the session files that could not be read."""
        slug = self._slug(circle)
        tables = self._read_circle_tables(slug)
        members = [Member.from_dict(row) for row in tables.get("members", {}).values()]
        records, problems = self._session_records(slug)  # type: ignore[attr-defined]
        year = circle_year(tables["circle"][str(RECORD)], members, records,
                           tables.get("goals", {}).values(), since)
        return year, problems

    @needs(Action.SEE_CIRCLE)
    def circle_figures(self, circle: CircleRef, since: date | None = None) -> CircleFigures:
        """The circle's counts and rates for the programme's view, labelled by its slug: no name
        of a member, no goal, no note (circle.domain.reports.programme)."""
        slug = self._slug(circle)
        goals = self._read_circle_tables(slug).get("goals", {}).values()
        records, problems = self._session_records(slug)  # type: ignore[attr-defined]
        return circle_figures(slug, records, goals, since, unread_sessions=len(problems))
