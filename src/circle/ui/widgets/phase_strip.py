"""Every phase of the plan in a row, each numbered: the current one marked, time planned and used.

The current phase shows its time used to the second ("0:40 / 8 min"), the others in whole
minutes. So a running clock changes one line of one cell a second, in the frame that redraws
the timers; Textual draws that frame as one region from the strip down to the timers, so
every cell in it is asked for its lines. Each cell keeps its size and draws its lines itself,
kept until their text, width or colours change, without Textual's content pipeline (markup,
wrapping, alignment) or its border and padding pass; the strip around them is drawn as blank
lines (benchmarks/idle_cpu.py measures what a running session costs).
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget

from circle.domain.durations import clock_text
from circle.ui.widgets.backdrop import BackdropHorizontal
from circle.ui.widgets.line_style import background_style
from circle.ui.widgets.own_lines import OwnLines


@dataclass(frozen=True)
class PhaseCell:
    title: str
    planned_seconds: float
    used_seconds: float

    @property
    def over(self) -> bool:
        """Past its planned length (the cell's colour says so too)."""
        return self.used_seconds >= self.planned_seconds > 0


def whole_minutes(seconds: float) -> int:
    return int(seconds // 60)


def fit_words(text: str, width: int) -> str:
    """The text cut at a word boundary (with an ellipsis) to fit width; mid-word only when
    not even its first word fits."""
    if width <= 0 or len(text) <= width:
        return text
    kept = ""
    for word in text.split():
        candidate = f"{kept} {word}" if kept else word
        if len(candidate) + 1 > width:
            break
        kept = candidate
    return (kept or text[: max(0, width - 1)]) + "…"


def title_line(number: int, title: str, current: bool, width: int = 0) -> str:
    """The number (marked when current) and the title, fitted to width when given.

    The number always shows: a narrow cell first cuts the title after a word, then writes
    the number shorter ("3 " for "3. "), then cuts the title inside its first word."""
    mark = "▶ " if current else ""
    head = f"{mark}{number}. "
    first = (title.split() or [""])[0]
    if not width or len(head) + len(title) <= width:
        return head + title
    if len(head) + len(first) + 1 > width:  # not even the first word: a shorter head
        head = f"{mark.strip()}{number} "
    return head + fit_words(title, width - len(head))


def used_text(cell: PhaseCell, current: bool) -> str:
    """Time used: to the second in the current phase (its clock runs), whole minutes elsewhere."""
    return clock_text(cell.used_seconds) if current else str(whole_minutes(cell.used_seconds))


def time_line(cell: PhaseCell, current: bool, width: int = 0) -> str:
    """Time used of planned ("0:40 / 8 min"), shorter where the cell is narrow; the numbers come first."""
    used, planned = used_text(cell, current), whole_minutes(cell.planned_seconds)
    choices = [f"{used} / {planned} min", f"{used}/{planned} min", f"{used}/{planned}"]
    return next((line for line in choices if not width or len(line) <= width), choices[-1])


def cell_lines(number: int, cell: PhaseCell, current: bool, width: int = 0) -> tuple[str, str]:
    """Number and title, then time used of planned; fitted to width when given."""
    return title_line(number, cell.title, current, width), time_line(cell, current, width)


class StripCell(OwnLines, Widget):
    """One phase: its left edge, then two lines of plain text in the cell's colours, cut at its
    width. The edge and the space either side of the text are drawn here, not by Textual's
    border and padding, so the lines go to the screen as drawn: the cells a clock tick does
    not change cost next to nothing in its frame.

    ``update(title, time, bold)``: bold says which lines are bold (title, time)."""

    COMPONENT_CLASSES = {"strip-cell--edge"}
    DEFAULT_CSS = """
    StripCell { height: 2; }
    StripCell > .strip-cell--edge { color: $panel; }
    """
    EDGE = "▏ "  # the edge and the space before the text; one space after it
    AROUND = len(EDGE) + 1

    def __init__(self, *, classes: str | None = None) -> None:
        super().__init__(classes=classes)
        self._lines: tuple[str, str] = ("", "")
        self._bold: tuple[bool, bool] = (False, False)
        self._kept: tuple[object, list[Strip]] | None = None
        self._colours: tuple[Style, Style, Style] | None = None

    @property
    def text_width(self) -> int:
        """The columns the text has, between the edge and the space after it."""
        return max(0, self.size.width - self.AROUND)

    def update(self, title: str, time: str, bold: tuple[bool, bool]) -> None:
        if ((title, time), bold) != (self._lines, self._bold):
            changed = [y for y, (old, new) in enumerate(zip(self._lines, (title, time))) if old != new]
            self._lines, self._bold = (title, time), bold
            if changed == [1] and self.is_mounted:  # a clock's second: the time line alone
                self.refresh(Region(0, 1, self.size.width, 1))
            else:
                self.refresh()

    def render(self) -> Text:
        """What the cell shows, as text (its lines are drawn by ``render_line``)."""
        text = Text(self._lines[0], style="bold" if self._bold[0] else "")
        text.append("\n")
        text.append(self._lines[1], style="bold" if self._bold[1] else "")
        return text

    def notify_style_update(self) -> None:
        self._kept = self._colours = None  # a class or theme change recolours the lines
        super().notify_style_update()

    def colours(self) -> tuple[Style, Style, Style]:
        """The text's style, the background alone and the edge's: worked out again only when
        the styles change, not with each second's new text."""
        if self._colours is None:
            rest = background_style(self)
            edge = rest + Style(color=self.get_component_rich_style("strip-cell--edge").color)
            self._colours = (self.rich_style, rest, edge)
        return self._colours

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        seen = (self._lines, self._bold, width)
        style, rest, edge = self.colours()
        if self._kept is None or self._kept[0] != seen:
            self._kept = (seen, [
                Strip([Segment(self.EDGE[0], edge), Segment(self.EDGE[1:] + line, style + Style(bold=True) if bold else style)])
                .crop(0, max(0, width - 1)).adjust_cell_length(width, rest)
                for line, bold in zip(self._lines, self._bold)
            ])  # fmt: skip
        return self._kept[1][y] if 0 <= y < 2 else Strip.blank(width, rest)


class PhaseStrip(BackdropHorizontal):
    """One cell per phase; cells before the current one are -done, after it -upcoming."""

    DEFAULT_CSS = """
    PhaseStrip { height: auto; }
    PhaseStrip > .phase-cell { width: 1fr; height: 2; }
    """

    def __init__(self, count: int, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: list[tuple[str, bool, bool, int, str, float] | None] = [None] * count
        self._cells = [StripCell(classes="phase-cell") for _ in range(count)]
        self._last: tuple[list[PhaseCell], int] | None = None  # what show was last given

    def compose(self) -> ComposeResult:
        yield from self._cells

    def on_resize(self) -> None:
        self._shown = [None] * len(self._shown)  # the cells' widths changed: fit the text again
        if self._last is not None:  # now, not at the next minute's turn
            self.call_after_refresh(self.show, *self._last)

    def show(self, cells: list[PhaseCell], current: int) -> None:
        """Update the cells whose text or colour changed: while a phase runs, its own cell once a
        second, the others when a phase changes or is resized."""
        self._last = (cells, current)
        widgets = self._cells
        # A cell's key: the time it shows, whether it is past its length, whether it is
        # current, its width (a resize), its title and length (a plan change).
        keys = [
            (used_text(cell, index == current), cell.over, index == current,
             widget.text_width, cell.title, cell.planned_seconds)
            for index, (cell, widget) in enumerate(zip(cells, widgets))
        ]
        if keys == self._shown[: len(keys)]:
            return  # nothing shown changed (a paused clock, say)
        for index, (cell, widget, key) in enumerate(zip(cells, widgets, keys)):
            if self._shown[index] == key:
                continue
            self._shown[index] = key
            widget.update(*cell_lines(index + 1, cell, index == current, key[3]), (index == current, cell.over))
            widget.set_class(index == current, "-current")
            widget.set_class(index < current, "-done")
            widget.set_class(index > current, "-upcoming")
            widget.set_class(cell.over, "-overtime")  # in the overtime colour
