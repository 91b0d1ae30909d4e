"""`circle report --csv`: a header row and one row per circle (the programme) or per session (a
circle's year), RFC 4180: commas, double quotes doubled, CR LF line ends. A text cell a
spreadsheet would take for a formula (starting with = + - @, a tab or a carriage return)
gets a leading apostrophe; numbers are written as numbers. A withheld figure is an empty cell."""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterable, Sequence
from typing import Any

from circle.domain.reports.programme import ProgrammeView
from circle.domain.reports.year import CircleYear
from circle.domain.text import visible

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
GOAL_STATES = ("active", "achieved", "reworked", "dropped")
TRANSITIONS = ("set", "achieved", "reworked", "dropped")


def safe_cell(value: Any) -> Any:
    """A cell as written: None empty, numbers as they are, text made inert for a spreadsheet."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float)):
        return value
    text = visible(str(value))  # a control character is spelled out, never written
    return "'" + text if text.startswith(FORMULA_START) else text


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([safe_cell(cell) for cell in row] for row in rows)
    return out.getvalue()


def _rounded(value: float | None, places: int = 3) -> float | None:
    return None if value is None else round(value, places)


PROGRAMME_HEADER = (
    "circle", "since", "sessions", "minutes_held", "minutes_planned", "attendance_rate", "voice_balance",
    *(f"goals_{state}" for state in GOAL_STATES), "withheld", "unread_sessions",
)


def programme_csv(view: ProgrammeView) -> str:
    since = view.since.isoformat() if view.since else ""
    rows = [
        (c.label, since, c.sessions, round(c.minutes_held, 1), round(c.minutes_planned, 1),
         _rounded(c.attendance_rate), _rounded(c.voice_balance),
         *((None if c.goals is None else c.goals.get(state, 0)) for state in GOAL_STATES),
         " ".join(c.withheld), c.unread_sessions)
        for c in view.circles
    ]
    return csv_text(PROGRAMME_HEADER, rows)


YEAR_HEADER = (
    "date", "session", "plan", "present", "late", "left_early", "absent", "attendance_rate", "voice_balance",
    "minutes_held", "minutes_planned", *(f"goals_{kind}" for kind in TRANSITIONS),
)


def year_csv(year: CircleYear) -> str:
    rows = [
        (r.day.isoformat() if r.day else None, r.id, r.plan, r.attendance.present, r.attendance.late,
         r.attendance.left_early, r.attendance.absent, _rounded(r.attendance.rate), _rounded(r.voice_balance),
         round(r.actual_seconds / 60, 1), round(r.planned_seconds / 60, 1),
         *(r.goals[kind] for kind in TRANSITIONS))
        for r in year.sessions
    ]
    return csv_text(YEAR_HEADER, rows)


def write_csv(text: str) -> None:
    """The CSV as it is, CR LF included: written past the terminal guard's line-end folding (each
    cell was made visible already)."""
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(text)
        return
    buffer.write(text.encode("utf-8"))
    buffer.flush()
