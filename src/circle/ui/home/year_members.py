"""Each member's own goals over the year: how often they came, how far their active goals
are, and where all their goals of the term stand.

Narrow, where the goals stand is a sign and a count per state (the legend says which is
which); from WORDS_FROM columns on, in words, with the term's changes beside them.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from rich.console import Console, ConsoleOptions, RenderResult
from rich.table import Table
from rich.text import Text

from circle.domain.reports.year import GOAL_STATES, TRANSITIONS, MemberGoals
from circle.ui.home.airtime_history import bar

SIGNS = {"achieved": "✓", "active": "○", "reworked": "↻", "dropped": "✗"}
STATE_STYLES = {"achieved": "bold green", "active": "", "reworked": "yellow", "dropped": "dim"}
WORDS_FROM = 120
PROGRESS_WIDTH = 10


def legend() -> Text:
    return Text("  ".join(f"{SIGNS[state]} {state}" for state in GOAL_STATES), style="dim")


def progress_cell(member: MemberGoals, width: int) -> Text:
    mean = member.mean_progress
    if mean is None:
        return Text("no progress logged" if member.progress else "no active goal", style="dim")
    return Text(f"{bar(mean / 100, width)} {round(mean):>3}%")


def states_cell(member: MemberGoals, words: bool) -> Text:
    shown = [(state, member.states.get(state, 0)) for state in GOAL_STATES if member.states.get(state, 0)]
    if not shown:
        return Text("no goals", style="dim")
    cell = Text()
    for index, (state, count) in enumerate(shown):
        if index:
            cell.append(" · " if words else " ")
        cell.append(f"{count} {state}" if words else f"{SIGNS[state]}{count}", style=STATE_STYLES[state])
    return cell


def changes_cell(member: MemberGoals) -> Text:
    moved = [f"{member.changes.get(kind, 0)} {kind}" for kind in TRANSITIONS if member.changes.get(kind, 0)]
    return Text(", ".join(moved)) if moved else Text("none", style="dim")


class MemberGoalsTable:
    """One line a member: name, sessions came to of ``sessions`` (when there were any),
    progress, goals. The viewer's own line (member ids in ``own``) says so."""

    def __init__(self, members: Sequence[MemberGoals], sessions: int, own: Collection[str] = ()) -> None:
        self.members = members
        self.sessions = sessions
        self.own = own

    def table(self, width: int) -> Table:
        words = width >= WORDS_FROM
        table = Table(box=None, padding=(0, 1), pad_edge=False, show_edge=False, expand=False)
        table.add_column("Member", no_wrap=True, max_width=30 if words else 20, overflow="ellipsis")
        if self.sessions:
            table.add_column("Came", no_wrap=True, justify="right")
        table.add_column("Active goals", no_wrap=True)
        table.add_column("Goals now" if words else "Goals", no_wrap=True)
        if words:
            table.add_column("Changed this term", no_wrap=True)
        for member in self.members:
            name = Text(member.name, style="bold" if member.member in self.own else "")
            if member.member in self.own:
                name.append(" (you)")
            if not member.active:
                name.append(" (former)", style="dim")
            came = [f"{member.attended} of {self.sessions}"] if self.sessions else []
            cells = [name, *came, progress_cell(member, PROGRESS_WIDTH), states_cell(member, words)]
            table.add_row(*cells, *([changes_cell(member)] if words else []))
        return table

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.table(options.max_width)
        if options.max_width < WORDS_FROM:
            yield legend()
