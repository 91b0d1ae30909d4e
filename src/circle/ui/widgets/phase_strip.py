"""Every phase of the plan in a row: the current one marked, minutes planned and used.

Whole minutes: the running phase's time to the second is on the timer line below, and a
cell that changed every second made Textual redraw everything between the strip and the
timers once a second.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static

from textual.containers import Horizontal


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


def cell_text(number: int, cell: PhaseCell, current: bool, width: int = 0) -> Text:
    """Two lines: number and title, then whole minutes used of planned; fitted to width when given."""
    mark = "▶ " if current else ""
    head = f"{mark}{number}. "
    first = (cell.title.split() or [""])[0]
    fits_whole = len(head) + len(cell.title) <= width
    if width and not fits_whole and len(head) + len(first) + 1 > width:
        head = mark  # a narrow cell: the title's first word whole matters more than its number
    text = Text(head, style="bold" if current else "")
    text.append(fit_words(cell.title, width - len(head)) if width else cell.title, style="bold" if current else "")
    text.append("\n")
    used, planned = whole_minutes(cell.used_seconds), whole_minutes(cell.planned_seconds)
    text.append(f"{used} / {planned} min", style="bold" if cell.over else "")  # the numbers come first
    return text


class PhaseStrip(Horizontal):
    """One cell per phase; cells before the current one are -done, after it -upcoming."""

    DEFAULT_CSS = """
    PhaseStrip { height: auto; }
    PhaseStrip > .phase-cell { width: 1fr; height: 2; text-wrap: nowrap; text-overflow: ellipsis; }
    """

    def __init__(self, count: int, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: list[tuple[int, bool, bool, int, str, float] | None] = [None] * count
        self._cells = [Static(classes="phase-cell") for _ in range(count)]
        self._last: tuple[list[PhaseCell], int] | None = None  # what show was last given

    def compose(self) -> ComposeResult:
        yield from self._cells

    def on_resize(self) -> None:
        self._shown = [None] * len(self._shown)  # the cells' widths changed: fit the text again
        if self._last is not None:  # now, not at the next minute's turn
            self.call_after_refresh(self.show, *self._last)

    def show(self, cells: list[PhaseCell], current: int) -> None:
        """Update the cells whose text or colour changed (at most once a minute while a phase runs)."""
        self._last = (cells, current)
        widgets = self._cells
        # A cell's key: the minutes it shows, whether it is past its length, whether it is
        # current, its width (a resize), its title and length (a plan change).
        keys = [
            (whole_minutes(cell.used_seconds), cell.over, index == current,
             widget.content_size.width, cell.title, cell.planned_seconds)
            for index, (cell, widget) in enumerate(zip(cells, widgets))
        ]
        if keys == self._shown[: len(keys)]:
            return  # the clock ticks every second; the cells change once a minute
        for index, (cell, widget, key) in enumerate(zip(cells, widgets, keys)):
            if self._shown[index] == key:
                continue
            self._shown[index] = key
            widget.update(cell_text(index + 1, cell, index == current, key[3]), layout=False)  # fixed size
            widget.set_class(index == current, "-current")
            widget.set_class(index < current, "-done")
            widget.set_class(index > current, "-upcoming")
            widget.set_class(cell.over, "-overtime")  # in the overtime colour
