"""Goals as plain text: for screen readers and scripts, with nothing but words and spacing."""

from __future__ import annotations

from datetime import date
from typing import Iterable

from circle import hints
from circle.domain.goals.due_dates import describe_due
from circle.domain.goals.history import describe_entry
from circle.domain.goals.review import GoalRow, MemberRef, flag_advice
from circle.domain.goals.goal import Goal, closed_due, is_overdue, is_stale, last_update


def safe(text: str) -> str:
    """User text with any control character shown escaped, so it cannot drive the terminal."""
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)


def status_words(goal: Goal, today: date) -> str:
    """e.g. 'active, 3 days overdue (2026-03-01), 40% done, last update 2026-02-01, stale'."""
    parts = [goal.status]
    if goal.active:
        due = describe_due(goal.due, today)
        if goal.due and goal.due.isoformat() not in due:
            due += f" ({goal.due.isoformat()})"
        parts.append(due)
    elif goal.due:
        parts.append(closed_due(goal))
    if goal.progress is not None:
        parts.append(f"{goal.progress}% done")
    updated = last_update(goal)
    if updated:
        parts.append(f"last update {updated.isoformat()}")
    if is_stale(goal, today):
        parts.append("stale: no update in 4 weeks")
    return ", ".join(parts)


def goal_lines(goal: Goal, today: date, *, indent: str = "  ") -> list[str]:
    mark = "OVERDUE: " if is_overdue(goal, today) else ""
    lines = [f"{indent}{mark}{safe(goal.title)}", f"{indent}  id {goal.id}; {status_words(goal, today)}"]
    for label, text in (("measure", goal.measure), ("first action", goal.action), ("realistic", goal.realistic)):
        if text:
            lines.append(f"{indent}  {label}: {safe(text)}")
    if goal.reworked_from:
        lines.append(f"{indent}  reworked from goal {goal.reworked_from}")
    if goal.reworked_into:
        lines.append(f"{indent}  reworked into goal {goal.reworked_into}")
    if len(goal.history) > 1:
        lines.append(f"{indent}  latest: {safe(describe_entry(goal.history[-1], goal.wording()))}")
    if goal.active:
        lines.extend(f"{indent}  check {advice}" for advice in flag_advice(goal, today))
    return lines


def review_text(refs: Iterable[MemberRef], rows: list[GoalRow], today: date, *, include_closed: bool) -> str:
    kind = "" if include_closed else "active "
    out: list[str] = []
    for ref in refs:
        mine = [row for row in rows if row.ref == ref]
        count = f"{len(mine)} {kind}goal{'s' if len(mine) != 1 else ''}" if mine else f"no {kind}goals"
        out.append(f"{safe(ref.label)}: {count} (today {today.isoformat()})")
        for row in mine:
            out.extend(goal_lines(row.goal, today))
        if not mine:
            add = hints.command("goals", "add", "--circle", ref.circle, "--member", safe(ref.member.name), "--title", "TEXT")
            out.append(f"  Add one with: {add}")
        out.append("")
    return "\n".join(out).rstrip("\n")
