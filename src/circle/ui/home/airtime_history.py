"""Airtime over time as a chart: one line per member, their share in each of the last sessions.

Each session is one column of the line, a block as tall as the member's share
against an even split (half height is exactly even), a dot when absent, a low line when present but
silent; the average share follows
as a bar, with a word when someone is always short or always long.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table
from rich.text import Text

from circle.domain.reports.circle_history import AirtimeHistory
from circle.domain.circles.members import Member
from circle.domain.session.summary import share_text

BLOCKS = " ▁▂▃▄▅▆▇█"
ABSENT = "·"  # not at that session
SILENT = "_"  # there, but did not speak
BAR_WIDTH = 20
TENDENCY_STYLE = {"short": "bold yellow", "long": "bold magenta", "even": "green"}


def column(fairness: float | None) -> str:
    """A block for one session: None is absent; 1.0 (an even share) is half height, 2.0 or more full."""
    if fairness is None:
        return ABSENT
    if fairness <= 0:
        return SILENT
    level = round(min(fairness, 2.0) / 2.0 * (len(BLOCKS) - 1))
    return BLOCKS[max(level, 1)]


def bar(share: float, width: int = BAR_WIDTH) -> str:
    filled = round(max(0.0, min(share, 1.0)) * width)
    return "█" * filled + "░" * (width - filled)


def airtime_chart(history: AirtimeHistory, members: Sequence[Member], *, bar_width: int = BAR_WIDTH) -> Table:
    sessions = history.sessions
    table = Table(box=None, padding=(0, 1), show_edge=False, expand=False)
    table.add_column("Member", no_wrap=True, max_width=30, overflow="ellipsis")
    table.add_column(f"Last {len(sessions)}", no_wrap=True)
    table.add_column("Average share", no_wrap=True)
    table.add_column("", no_wrap=True)
    for member in members:
        fairness = [s.fairness(member.id) for s in sessions]
        shares = [v for v in history.shares(member.id) if v is not None]
        if not shares and not member.active:
            continue
        average = sum(shares) / len(shares) if shares else 0.0
        tendency = history.tendency(member.id)
        table.add_row(
            Text(member.name),
            Text("".join(column(f) for f in fairness)),
            Text(f"{bar(average, bar_width)} {share_text(average):>4}") if shares else Text("not present", style="dim"),
            Text(tendency, style=TENDENCY_STYLE.get(tendency, "")),
        )
    return table
