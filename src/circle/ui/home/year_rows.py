"""A circle's year (circle.domain.reports.year) as the rows of its chart, each with its note.

Each figure is a row over the sessions; its note at the right gives the term's trend, the
mean of the first half of the sessions against that of the second, or the term's total.
Only the scaling to a bar's height is worked out here; every figure is the year's own.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.text import Text

from circle.domain.reports.year import TRANSITIONS, CircleYear, SessionRow, Trend, phases_over_term
from circle.ui.home.year_chart import BarRow, CountRow, Row

# A session that ran exactly to plan fills half its bar; half as long again fills it, and
# half its plan or less shows the least bar: an overrun of a tenth is a step you can see.
PLAN_HEIGHT = 0.5
PLAN_SWING = 0.5
STYLES = {"attendance": "green", "balance": "cyan", "time": "yellow", "goals": "magenta"}


def time_against_plan(planned: float, actual: float) -> float | None:
    """A time as a fraction of its bar: the plan at PLAN_HEIGHT (None: nothing planned)."""
    if planned <= 0:
        return None
    over = (actual - planned) / planned
    return max(0.0, min(1.0, PLAN_HEIGHT + over / PLAN_SWING * (1 - PLAN_HEIGHT)))


def phase_rows(sessions: Sequence[SessionRow]) -> list[Row]:
    """Time against plan of each kind of phase (as the report groups them, under the title it
    first had), one line each; a dot for a session whose plan had no such phase."""
    rows: list[Row] = []
    for phase in phases_over_term(sessions):
        times = [[p for p in s.phases if p.kind == phase.kind] for s in sessions]
        planned = [sum(p.planned_seconds for p in held) for held in times]
        actual = [sum(p.actual_seconds for p in held) for held in times]
        over = Trend(phase.kind, tuple((a - p) / 60 if held else None for held, p, a in zip(times, planned, actual)))
        rows.append(BarRow(f"  {phase.title}",
                           [time_against_plan(p, a) if held else None for held, p, a in zip(times, planned, actual)],
                           trend_note(over, minutes_over), STYLES["time"], breakdown=True))
    return rows


def percent(value: float) -> str:
    return f"{round(value * 100)}%"


def balance(value: float) -> str:
    return f"{value:.2f}"


def minutes_over(value: float) -> str:
    """Minutes against plan as people say it: '+3 min', '-2 min', 'on plan'."""
    whole = round(value)
    return "on plan" if whole == 0 else f"{whole:+d} min"


def trend_note(trend: Trend, shown: Callable[[float], str]) -> Text:
    """'first half → second half' over the term; the one value when the term is too short to
    halve, or both halves read the same."""
    first, second = trend.first_half, trend.second_half
    if first is None or second is None:
        only = second if first is None else first
        return Text("" if only is None else shown(only))
    if shown(first) == shown(second):
        return Text(shown(first))
    return Text(f"{shown(first)} → {shown(second)}")


def total_note(count: int, what: str) -> Text:
    return Text(f"{count} {what}", style="" if count else "dim")


def year_rows(year: CircleYear) -> list[Row]:
    sessions = year.sessions
    attendance = [s.attendance for s in sessions]
    rows: list[Row] = [
        BarRow("Attendance", [a.rate for a in attendance],
               trend_note(year.trend("attendance_rate"), percent), STYLES["attendance"]),
        CountRow("  late", [a.late for a in attendance], total_note(sum(a.late for a in attendance), "late"),
                 STYLES["attendance"], breakdown=True),
        CountRow("  left early", [a.left_early for a in attendance],
                 total_note(sum(a.left_early for a in attendance), "left early"), STYLES["attendance"], breakdown=True),
        CountRow("  absent", [a.absent for a in attendance],
                 total_note(sum(a.absent for a in attendance), "absences"), STYLES["attendance"], breakdown=True),
        BarRow("Voice balance", [s.voice_balance for s in sessions],
               trend_note(year.trend("voice_balance"), balance), STYLES["balance"]),
        BarRow("Time vs plan", [time_against_plan(s.planned_seconds, s.actual_seconds) for s in sessions],
               trend_note(year.trend("minutes_over_plan"), minutes_over), STYLES["time"]),
        *phase_rows(sessions),
    ]
    labels = {"set": "Goals set", "achieved": "  achieved", "reworked": "  reworked", "dropped": "  dropped"}
    for kind in TRANSITIONS:
        total = year.goals.get(kind, 0)
        rows.append(CountRow(labels[kind], [s.goals.get(kind, 0) for s in sessions],
                             total_note(total, "in the term"), STYLES["goals"], breakdown=kind != "set"))
    return rows
