"""A circle's year drawn as columns: one column a session, oldest on the left; one row a figure.

Bars keep a fixed scale, never stretched between the data's own lowest and highest value
(as a sparkline is, where 0.92 against 0.95 would read as empty against full): the caller
gives each value as a fraction of the full height. Counts are digits in their session's
column, a dot for none, so a row of goal changes lines up under the bars above it.

The chart fits the width it is given: columns widen (up to MAX_CELL) when there is room,
and when there is not, it shows the latest sessions that fit and says how many it left out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.text import Text

BLOCKS = " ▁▂▃▄▅▆▇█"
NONE = "·"  # no figure for that session, or a count of none
MANY = "+"  # a count too large for its column
MAX_CELL = 5  # widest column a session gets: a bar four wide and a gap
GAP = 1  # columns between the labels, the sessions and the notes
LABEL_MAX = 22  # a longer label (a phase's title) is cut short
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class BarRow:
    """A bar per session; each value a fraction of the full height (None: no figure).
    A breakdown of the figure above takes one line, whatever the chart's bar height."""

    label: str
    values: Sequence[float | None]
    note: Text = field(default_factory=Text)
    style: str = ""
    breakdown: bool = False


@dataclass(frozen=True)
class CountRow:
    """A count per session, written as a digit under its column."""

    label: str
    counts: Sequence[int]
    note: Text = field(default_factory=Text)
    style: str = ""
    breakdown: bool = False


Row = BarRow | CountRow


def bar_column(value: float | None, height: int) -> list[str]:
    """One session's bar, top line first: eighths of a line of blocks, at least one eighth
    for any figure (so a low one still shows), a dot for none."""
    if value is None:
        return [" "] * (height - 1) + [NONE]
    eighths = round(max(0.0, min(value, 1.0)) * 8 * height)
    eighths = max(eighths, 1)
    return [BLOCKS[max(0, min(8, eighths - 8 * line))] for line in reversed(range(height))]


def count_text(count: int, width: int) -> str:
    """A count as it fits a column `width` wide: NONE for zero, MANY when too long."""
    if count <= 0:
        return NONE
    text = str(count)
    return text if len(text) <= width else MANY


@dataclass(frozen=True)
class Layout:
    """Where things go across the width: which sessions show and how wide each is."""

    label_width: int
    note_width: int  # 0: no notes, or no room for them
    first: int  # index of the first session shown
    cell: int  # columns a session takes, its gap included
    notes_left_out: bool = False

    @property
    def bar_width(self) -> int:
        return self.cell - 1 if self.cell > 1 else 1


def layout(labels: Sequence[str], notes: Sequence[Text], sessions: int, width: int) -> Layout:
    label_width = min(LABEL_MAX, max((cell_len(label) for label in labels), default=0)) + GAP
    note_width = max((note.cell_len for note in notes), default=0)
    whole = width - label_width
    room = whole - (note_width + GAP if note_width else 0)
    # The sessions come first: the notes go when every session would fit without them, or
    # when too few would fit beside them to show a trend.
    left_out = bool(note_width) and room < sessions and (whole >= sessions or room < 12)
    if left_out:
        note_width, room = 0, whole
    room = max(room, 1)
    shown = min(sessions, room)
    cell = max(1, min(MAX_CELL, room // shown)) if shown else 1
    return Layout(label_width, note_width, sessions - shown, cell, left_out)


def month_axis(days: Sequence[date | None], cell: int, width: int) -> str:
    """Month names under the first session of each month, where they do not run into each other."""
    axis = ""
    month = None
    for index, day in enumerate(days):
        if day is None or (day.year, day.month) == month:
            continue
        month = (day.year, day.month)
        name = MONTHS[day.month - 1] if day.month != 1 or index == 0 else f"{MONTHS[0]} {day.year % 100:02d}"
        at = index * cell
        if at >= len(axis) + (1 if axis else 0) and at + len(name) <= width:
            axis = axis.ljust(at) + name
    return axis


class YearChart:
    """The rows over the same sessions (``days``: each session's day, oldest first), with a
    month axis below. ``bar_height``: lines each bar row takes."""

    def __init__(self, rows: Sequence[Row], days: Sequence[date | None], *, bar_height: int = 1) -> None:
        self.rows = rows
        self.days = days
        self.bar_height = max(1, bar_height)

    def layout(self, width: int) -> Layout:
        return layout([r.label for r in self.rows], [r.note for r in self.rows], len(self.days), width)

    def lines(self, width: int) -> list[Text]:
        plan = self.layout(width)
        lines: list[Text] = []
        for row in self.rows:
            if isinstance(row, BarRow):
                lines += self._bar_lines(row, plan, 1 if row.breakdown else self.bar_height)
            else:
                lines.append(self._count_line(row, plan))
        axis = month_axis(self.days[plan.first:], plan.cell, width - plan.label_width)
        lines.append(Text(" " * plan.label_width + axis, style="dim"))
        if plan.first:
            many = plan.first != 1
            lines.append(Text(f"The first {plan.first} session{'s do' if many else ' does'} not fit this "
                              f"width: a wider terminal shows {'them' if many else 'it'}.", style="dim"))
        if plan.notes_left_out:
            lines.append(Text("A wider terminal shows each row's figures beside it.", style="dim"))
        return lines

    def _line(self, row: Row, label: str, cells: Text, note: Text, plan: Layout) -> Text:
        line = Text(label, style="" if row.breakdown else "bold")
        line.truncate(plan.label_width - GAP, overflow="ellipsis")
        line.pad_right(plan.label_width - line.cell_len)
        line.append_text(cells)
        if plan.note_width and note:
            line.append(" " * GAP)
            line.append_text(note)
        return line

    def _bar_lines(self, row: BarRow, plan: Layout, height: int) -> list[Text]:
        columns = [bar_column(v, height) for v in row.values[plan.first:]]
        middle = (height - 1) // 2
        lines = []
        for index in range(height):
            cells = Text()
            for column in columns:
                block = column[index]
                style = "dim" if block == NONE else row.style
                cells.append(block * plan.bar_width if block != NONE else block.ljust(plan.bar_width), style=style)
                cells.append(" " * (plan.cell - plan.bar_width))
            label = row.label if index == middle else ""
            lines.append(self._line(row, label, cells, row.note if index == middle else Text(), plan))
        return lines

    def _count_line(self, row: CountRow, plan: Layout) -> Text:
        cells = Text()
        for count in row.counts[plan.first:]:
            text = count_text(count, plan.bar_width)
            cells.append(text.center(plan.bar_width) if plan.bar_width > 2 else text.ljust(plan.bar_width),
                         style="dim" if count <= 0 else row.style)
            cells.append(" " * (plan.cell - plan.bar_width))
        return self._line(row, row.label, cells, row.note, plan)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for line in self.lines(options.max_width):
            line.no_wrap = True
            line.overflow = "ellipsis"
            yield line
