"""Reports: a circle's year for its members, and one circle's counts for the programme's view.

``circle_figures`` is what an admin may ask of any circle: it reads the circle's goals and
session records inside the store and hands out numbers only (circle.domain.reports.programme),
so nothing said or set in the circle leaves through it.

A circle's figures are kept in the home's figures index (numbers only, like the figures
themselves), under the signatures of its circle file and of its sessions folder (a session
saved, added or removed replaces a file in it, which changes the folder's modification time),
so the programme's view of fifty circles reads fifty small entries, not every session. A
folder changed within the last seconds is not trusted to its modification time: a change in
the same clock tick would not show in it, so such figures are worked out and not kept.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from circle.domain.circles.members import Member
from circle.domain.server.access import Action
from circle.store.base import CIRCLE_FILE, RECORD, SESSIONS_DIR, CircleRef, RepositoryBase
from circle.store.errors import StoreError
from circle.store.index import IndexReader, save_entry
from circle.store.inside import file_signature, real_folder
from circle.store.needs import needs

if TYPE_CHECKING:
    from circle.domain.reports.programme import CircleFigures
    from circle.domain.reports.year import CircleYear

# The reports' figures (circle.domain.reports) load when a report is asked for: every command
# opens the Repository, and the home screen's start would carry them (benchmarks/reads.py).

FIGURES_INDEX = "figures-index.json"  # in the home: each circle's programme figures
FIGURES_KIND = "figures-1"  # the figures' own format: a change of what they hold starts afresh
SETTLED_NS = 2_000_000_000  # files older than this are trusted to their modification times


def _kept(value: Any) -> CircleFigures | None:
    """Figures read back from the index; None when the entry is not figures."""
    from circle.domain.reports.programme import CircleFigures

    if not isinstance(value, Mapping):
        return None
    try:
        return CircleFigures.from_values(value)
    except (KeyError, TypeError, ValueError, AttributeError):
        return None


def _folder_signature(path: Path) -> list[int]:
    try:
        return list(file_signature(path, follow=False))
    except FileNotFoundError:
        return [0, 0, 0]


class ReportsMixin(RepositoryBase):
    @needs(Action.READ)
    def circle_year(self, circle: CircleRef, since: date | None = None) -> tuple[CircleYear, list[StoreError]]:
        """The circle's sessions since a day, its trends and each member's goals, from one read of
        its file and its session index; and the session files that could not be read."""
        from circle.domain.reports.year import circle_year

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
        folder = real_folder(self.circles_dir / slug)
        sessions = real_folder(folder / SESSIONS_DIR)
        sig = [*file_signature(folder / CIRCLE_FILE, follow=False), *_folder_signature(sessions)]
        key = f"{slug} {since.isoformat() if since else 'all'}"
        reader = self.__dict__.setdefault("_figures_index", IndexReader(self.home / FIGURES_INDEX, FIGURES_KIND))
        kept = _kept(reader.value(key, tuple(sig), lambda value: isinstance(value, Mapping)))  # type: ignore[arg-type]
        if kept is not None:
            return kept
        from circle.domain.reports.programme import circle_figures

        goals = self._read_circle_tables(slug).get("goals", {}).values()
        records, problems = self._session_records(slug)  # type: ignore[attr-defined]
        figures = circle_figures(slug, records, goals, since, unread_sessions=len(problems))
        if time.time_ns() - max(sig[2], sig[5]) > SETTLED_NS:
            # One dated entry a circle besides its "all": a --since of another day replaces it.
            save_entry(self.home / FIGURES_INDEX, FIGURES_KIND, key, sig, figures.values(),
                       replaces=lambda other: other.startswith(f"{slug} ") and not other.endswith(" all"))
        return figures
