"""Airtime per member as horizontal bars, scaled to the widget's width.

The summary shows plain (name, seconds) rows. The live session marks rows too:
who is speaking now and who has not been heard from yet, each with a sign in a
column of its own so the meaning survives without colour.
"""

from __future__ import annotations

import math
from typing import Iterable, NamedTuple

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget

from circle.domain.durations import duration_text
from circle.ui.widgets.displayed import displayed
from circle.ui.widgets.own_lines import OwnLines

SPEAKING = "speaking"
UNHEARD = "unheard"
SIGNS = {SPEAKING: "▶", UNHEARD: "○"}
UNHEARD_NOTE = "not heard from yet"
DIM, BOLD = Style(dim=True), Style(bold=True)


class AirtimeRow(NamedTuple):
    """One bar: a name as shown, seconds, a state: SPEAKING, UNHEARD or "", and the share
    of the session's airtime as written after the time (e.g. "21%"; "" for none)."""

    name: str
    seconds: float
    state: str = ""
    share: str = ""

    @property
    def figure(self) -> str:
        """The time, and the share when there is one, as shown at the end of the bar."""
        return f"{duration_text(self.seconds)} {self.share.rjust(4)}" if self.share else duration_text(self.seconds)


class AirtimeChart(OwnLines, Widget):
    """``show(rows)`` with (name, seconds) pairs or AirtimeRows, one line each.

    The longest bar fills the space left, or with ``scale_step`` the longest rounded up to
    a whole step, so bars hold still while one of them grows. With ``marked`` a sign
    column comes first. ``show`` redraws only the lines whose row changed (all of them
    when the columns or the scale move), so a caller may call it on every clock tick.
    """

    COMPONENT_CLASSES = {"airtime-chart--speaking", "airtime-chart--unheard"}
    DEFAULT_CSS = """
    AirtimeChart { height: auto; }
    AirtimeChart > .airtime-chart--speaking { text-style: bold; color: $accent; }
    AirtimeChart > .airtime-chart--unheard { color: $warning; }
    """

    def __init__(self, *, marked: bool = False, scale_step: float = 0.0, id: str | None = None) -> None:
        super().__init__(id=id)
        self._marked = marked
        self._scale_step = scale_step
        self._rows: list[AirtimeRow] = []
        self._lines: dict[int, Strip] = {}  # rendered lines, kept until their row, size or style changes
        self._lines_size = (0, 0)
        self._state_styles: dict[str, Style] = {}
        self.redraw_waiting = False
        self._columns_of: tuple[list[AirtimeRow] | None, tuple[int, int, float]] = (None, (0, 0, 1.0))

    @property
    def rows(self) -> list[AirtimeRow]:
        return list(self._rows)

    def show(self, rows: Iterable[tuple[str, float] | AirtimeRow]) -> None:
        new = [AirtimeRow(*row) for row in rows]
        old = self._rows
        if new == old:
            return
        self._rows = new
        if len(new) != len(old) or self._columns(new) != self._columns(old):
            self._lines.clear()
        if not displayed(self):
            self._lines.clear()
            self.redraw_waiting = True  # see circle.ui.widgets.displayed
            return
        if not self._lines:
            self.refresh(layout=len(new) != len(old))  # the height follows the number of rows only
            return
        for y, (was, now) in enumerate(zip(old, new)):
            if was != now and y < self._shown():
                self._lines.pop(y, None)
                self.refresh(Region(0, y, self.size.width, 1))

    def on_show(self) -> None:
        if self.redraw_waiting:
            self.redraw_waiting = False
            self.refresh(layout=True)

    def _columns(self, rows: list[AirtimeRow]) -> tuple[int, int, float]:
        """Name width, time width and the seconds a full bar stands for."""
        if not rows:
            return 0, 0, 1.0
        longest = max(row.seconds for row in rows)
        if self._scale_step > 0:
            longest = math.ceil(longest / self._scale_step) * self._scale_step
        return (min(18, max(len(row.name) for row in rows)),
                max(len(row.figure) for row in rows), longest or 1.0)

    def get_content_height(self, container, viewport, width: int) -> int:
        return max(1, len(self._rows))

    def notify_style_update(self) -> None:
        self._lines.clear()  # a theme or class change recolours every line
        self._state_styles.clear()
        super().notify_style_update()

    def _shown(self) -> int:
        return self._shown_in(self.size.height)

    def _shown_in(self, height: int) -> int:
        """How many rows have a line: all of them, or when the height given is less, all but
        the last line, which says how many more there are."""
        count = len(self._rows)
        return count if count <= height or height < 1 else height - 1

    def render_line(self, y: int) -> Strip:
        width, height = self.size
        if (width, height) != self._lines_size:
            self._lines.clear()
            self._lines_size = (width, height)
        line = self._lines.get(y)
        if line is None:
            line = self._lines[y] = self.draw_line(y, width, self._shown_in(height))
        return line

    def draw_line(self, y: int, width: int, shown: int) -> Strip:
        # Segments made here, not a Rich Text rendered through the console: a bar's line is
        # drawn again every second its speaker talks.
        segments: list[Segment] = []
        if y < shown:
            segments = self._row_segments(self._rows[y], width)
        elif y == 0 and not self._rows:
            segments = [Segment("nobody spoke", DIM)]
        elif y == shown and shown < len(self._rows):
            segments = [Segment(f"… and {len(self._rows) - shown} more", DIM)]
        # The widget's own colour goes under each part; the space left is the background's.
        return Strip(segments).apply_style(self.rich_style)

    def _row_segments(self, row: AirtimeRow, width: int) -> list[Segment]:
        if self._columns_of[0] is not self._rows:
            self._columns_of = (self._rows, self._columns(self._rows))
        name_width, time_width, full = self._columns_of[1]
        sign_width = 2 if self._marked else 0
        room = max(4, width - sign_width - name_width - time_width - 3)
        style = self._state_style(row.state)
        name = row.name if len(row.name) <= name_width else row.name[: name_width - 1] + "…"
        segments = [Segment(SIGNS.get(row.state, " ") + " ", style)] if self._marked else []
        cells = min(room, round(room * row.seconds / full))
        segments += [Segment(name.ljust(name_width), style), Segment(" "), Segment("█" * cells, style or BOLD)]
        gap = room - cells
        if row.state == UNHEARD and cells == 0:
            note = UNHEARD_NOTE[:gap]
            segments.append(Segment(note, style))
            gap -= len(note)
        segments.append(Segment(" " * gap + " " + row.figure.rjust(time_width)))
        return segments

    def _state_style(self, state: str) -> Style | None:
        """The style a row in this state is drawn in (None: the widget's own), looked up once
        until the styles change: it is worked out from every container around the chart."""
        if state not in SIGNS:
            return None
        if state not in self._state_styles:
            self._state_styles[state] = self.get_component_rich_style(f"airtime-chart--{state}")
        return self._state_styles[state]
