"""How a goal looks on screen: its list entry, its detail and the SMART checklist.

User text goes in as plain segments, never as markup; colours come from the theme.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Iterable

from textual.content import Content

from circle.domain.goals.due_dates import describe_due
from circle.domain.goals.history import describe_entry
from circle.domain.goals.goal import Goal, closed_due, is_overdue, is_stale, last_update
from circle.domain.goals.smart import Check
from circle.ui.widgets.progress_bar import progress_bar

STATUS_MARKS = {"achieved": ("✓ achieved", "$success"), "reworked": ("↻ reworked", "$text-muted"),
                "dropped": ("✗ dropped", "$text-muted")}  # fmt: skip


def _badges(goal: Goal, today: date) -> list[tuple[str, str]]:
    if not goal.active:
        return [STATUS_MARKS[goal.status]]
    badges = []
    if is_overdue(goal, today):
        badges.append(("! OVERDUE", "bold $text-error"))
    if is_stale(goal, today):
        badges.append(("~ stale", "$text-warning"))
    return badges


def summary_line(goal: Goal, today: date, circle_name: str = "") -> str:
    """e.g. 'Year 7 Team · 3 days overdue (2026-03-01) · 40% · updated 2026-02-01'."""
    parts = [circle_name] if circle_name else []
    due = describe_due(goal.due, today)
    if goal.due and goal.due.isoformat() not in due:
        due += f" ({goal.due.isoformat()})"
    parts.append(due if goal.active else closed_due(goal))
    if goal.percent is not None:  # a bar to look at; an achieved goal is full
        parts.append(progress_bar(goal.percent).plain)
    updated = last_update(goal)
    if updated:
        parts.append(f"updated {updated.isoformat()}")
    return " · ".join(parts)


def goal_entry(goal: Goal, today: date, circle_name: str = "") -> Content:
    """Two lines: badges and the title, then where, when due, progress and last update."""
    pieces: list[Any] = []
    for text, style in _badges(goal, today):
        pieces += [(text, style), " "]
    title_style = "bold" if goal.active else "$text-muted"
    pieces += [(goal.title, title_style), "\n", (summary_line(goal, today, circle_name), "$text-muted")]
    return Content.assemble(*pieces)


def checklist_content(checks: Iterable[Check]) -> Content:
    """One line per SMART letter: a tick when fine, an exclamation mark and the advice when not."""
    lines = []
    for check in checks:
        mark, style = ("✓", "$text-success") if check.ok else ("!", "bold $text-warning")
        lines.append(Content.assemble((f"{mark} {check.letter} ", style), (f"{check.name}: ", "bold"), check.advice))
    return Content("\n").join(lines)


def detail_content(goal: Goal, today: date, checks: Iterable[Check], *, history: int = 3) -> Content:
    """The highlighted goal: its parts, SMART flags and its latest history entries."""
    rows: list[Content] = []
    for label, text in (("Measure", goal.measure), ("First action", goal.action), ("Realistic", goal.realistic)):
        rows.append(Content.assemble((f"{label}: ", "bold"), text or ("not written yet", "$text-muted")))
    flagged = [c for c in checks if not c.ok]
    if goal.active and flagged:
        advice = "; ".join(f"{c.letter}: {c.advice}" for c in flagged)
        rows.append(Content.assemble(("SMART: ", "bold $text-warning"), advice))
    for entry in goal.history[-history:][::-1]:
        rows.append(Content.assemble(("· ", "$text-muted"), (describe_entry(entry, goal.wording()), "$text-muted")))
    if goal.id:
        rows.append(Content.assemble(("id ", "$text-muted"), (goal.id, "$text-muted")))
    return Content("\n").join(rows)
