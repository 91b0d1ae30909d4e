"""`circle report` as plain text: a circle's year, or the programme's view, for a terminal of 80
columns or more; trends as sparklines. The figures are the domain's (circle.domain.reports)."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping

from circle.domain.reports.programme import WITHHELD, CircleFigures, ProgrammeView
from circle.domain.reports.sparkline import sparkline
from circle.domain.reports.year import TREND_NAMES, CircleYear, MemberGoals, SessionRow, Trend, phases_over_term

NONE = "—"
SPARK_WIDTH = 36
NAME_WIDTH = 20
RATES = ("attendance_rate", "voice_balance")  # trends drawn on a fixed 0..1 scale


def _balance(value: float | None) -> str:
    return NONE if value is None else f"{value:.2f}"


def _percent(value: float | None) -> str:
    return NONE if value is None else f"{round(value * 100)}%"


def _signed(minutes: float) -> str:
    return f"{round(minutes):+d}"


def _since(since: object) -> str:
    return f"since {since}" if since else "all sessions"


def _goal_cells(counts: Mapping[str, int]) -> str:
    return f"{counts['set']:>3} {counts['achieved']:>3} {counts['reworked']:>3} {counts['dropped']:>4}"


def session_line(row: SessionRow) -> str:
    a = row.attendance
    day = row.day.isoformat() if row.day else "?"
    minutes = f"{round(row.actual_seconds / 60)}/{round(row.planned_seconds / 60)}"
    return (f"{day:<10}  {a.present:>4} {a.late:>4} {a.left_early:>4} {a.absent:>4}  {_balance(row.voice_balance):>7}"
            f"  {minutes:>9} {'(' + _signed(row.over_seconds / 60) + ')':>6}  {_goal_cells(row.goals)}")


SESSION_HEADER = "date        pres late left  abs  balance   held/plan min     set ach rew drop"
SESSION_KEY = ("pres: present for any part (late and left early among them); abs: absent; balance: voice "
               "balance, 0 (one voice) to 1 (even); min: minutes held against plan; set, ach, rew, drop: "
               "goals set, achieved, reworked, dropped")


def _trend_value(trend: Trend, value: float | None) -> str:
    if value is None:
        return NONE
    if trend.name in RATES:
        return _percent(value) if trend.name == "attendance_rate" else _balance(value)
    if trend.name == "minutes_over_plan":
        return _signed(value)
    return f"{value:.1f}"


def trend_line(trend: Trend) -> str:
    scale = (0.0, 1.0) if trend.name in RATES else (None, None)
    line = sparkline(trend.values, SPARK_WIDTH, *scale)
    halves = f"{_trend_value(trend, trend.first_half)} → {_trend_value(trend, trend.second_half)}"
    return f"  {TREND_NAMES[trend.name]:<18} {line:<{SPARK_WIDTH}} {halves}"


def _name(text: str) -> str:
    return text if len(text) <= NAME_WIDTH else text[: NAME_WIDTH - 1] + "…"


def member_line(member: MemberGoals) -> str:
    progress = NONE if member.mean_progress is None else f"{round(member.mean_progress)}%"
    gone = "" if member.active else " (removed)"
    return (f"  {_name(member.name):<{NAME_WIDTH}} {member.attended:>5}  {_goal_cells(member.changes)}"
            f"  {member.states.get('active', 0):>6}  {progress:>8}{gone}")


def circle_report(year: CircleYear, unread: int = 0) -> str:
    held = len(year.sessions)
    lines = [f"{year.circle}: {held} session{'' if held == 1 else 's'} held, {_since(year.since)}", ""]
    if unread:
        lines += [f"{unread} session file(s) could not be read and are not counted: `circle check` says why", ""]
    if held:
        lines += [SESSION_HEADER, *(session_line(r) for r in year.sessions), "",
                  *textwrap.wrap(SESSION_KEY, 79), ""]
        lines.append("Over the term, session by session (the first half's mean → the second half's):")
        lines += [trend_line(t) for t in year.trends]
        lines += ["", "Phases over the term: mean minutes held against plan"]
        lines += [f"  {_name(p.title):<{NAME_WIDTH}} {p.held_minutes:5.1f} / {p.planned_minutes:4.1f}"
                  f"  ({_signed(p.held_minutes - p.planned_minutes)}) in {p.sessions} session"
                  f"{'' if p.sessions == 1 else 's'}" for p in phases_over_term(year.sessions)]
        lines.append("")
    totals = year.goals
    lines.append(f"Goals: {totals['set']} set, {totals['achieved']} achieved, {totals['reworked']} reworked, "
                 f"{totals['dropped']} dropped" + (f" ({year.unattributed['set']} before the first session)"
                                                   if year.unattributed.get("set") else ""))
    if year.members:
        lines += ["", "Each member's goals: changes in the term; active goals now, their mean progress",
                  f"  {'member':<{NAME_WIDTH}} {'came':>5}  {'set':>3} {'ach':>3} {'rew':>3} {'drop':>4}  "
                  f"{'active':>6}  {'progress':>8}"]
        lines += [member_line(m) for m in year.members]
    return "\n".join(lines) + "\n"


def _goal_states(goals: Mapping[str, int] | None) -> str:
    if goals is None:
        return NONE
    return "/".join(str(goals.get(state, 0)) for state in ("active", "achieved", "reworked", "dropped"))


def figures_line(row: CircleFigures, label_width: int) -> str:
    minutes = f"{round(row.minutes_held)}/{round(row.minutes_planned)}"
    return (f"{row.label:<{label_width}}  {row.sessions:>8}  {minutes:>13}  {_percent(row.attendance_rate):>10}"
            f"  {_balance(row.voice_balance):>7}  {_goal_states(row.goals)}")


def programme_report(view: ProgrammeView, *, whose: str) -> str:
    """The programme's view; ``whose`` says which circles it covers (every circle, or the teacher's)."""
    width = max([len("circle"), *(len(c.label) for c in view.circles)])
    lines = [f"Programme, {_since(view.since)}: {len(view.circles)} circle{'' if len(view.circles) == 1 else 's'} "
             f"({whose})", ""]
    if not view.circles:
        return "\n".join(lines + ["No circles to report."]) + "\n"
    lines.append(f"{'circle':<{width}}  {'sessions':>8}  {'held/plan min':>13}  {'attendance':>10}  {'balance':>7}  "
                 "goals active/achieved/reworked/dropped")
    lines += [figures_line(c, width) for c in view.circles]
    withheld = sorted({name for c in view.circles for name in c.withheld})
    if withheld:
        lines += ["", f"{NONE}: not shown, a figure about fewer than three people:"]
        lines += [f"  {name.replace('_', ' ')}: {WITHHELD[name]}" for name in withheld]
    unread = sum(c.unread_sessions for c in view.circles)
    if unread:
        lines += ["", f"{unread} session file(s) could not be read and are not counted: `circle check` says why"]
    return "\n".join(lines) + "\n"
