"""Every phase of the plan in a row: the current one marked, minutes planned and used."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static


@dataclass(frozen=True)
class PhaseCell:
    title: str
    planned_seconds: float
    used_seconds: float


def minutes_text(seconds: float) -> str:
    return f"{int(seconds // 60)}:{int(seconds % 60):02d}"


def cell_text(number: int, cell: PhaseCell, current: bool) -> Text:
    mark = "▶ " if current else ""
    text = Text(f"{mark}{number}. ", style="bold" if current else "")
    text.append(cell.title, style="bold" if current else "")
    text.append("\n")
    over = cell.used_seconds >= cell.planned_seconds > 0  # the cell's colour says so too
    text.append(f"{minutes_text(cell.used_seconds)} / {int(cell.planned_seconds // 60)} min",
                style="bold" if over else "")
    return text


class PhaseStrip(Horizontal):
    """One cell per phase; cells before the current one are -done, after it -upcoming."""

    DEFAULT_CSS = """
    PhaseStrip { height: auto; }
    PhaseStrip > .phase-cell { width: 1fr; height: 2; text-wrap: nowrap; text-overflow: ellipsis; }
    """

    def __init__(self, count: int, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: list[tuple[PhaseCell, bool] | None] = [None] * count

    def compose(self) -> ComposeResult:
        for _ in self._shown:
            yield Static(classes="phase-cell")

    def show(self, cells: list[PhaseCell], current: int) -> None:
        """Update the cells whose text changed (at whole-second resolution)."""
        for index, (cell, widget) in enumerate(zip(cells, self.query(".phase-cell").results(Static))):
            key = (PhaseCell(cell.title, cell.planned_seconds, int(cell.used_seconds)), index == current)
            # (the key's whole seconds also catch the moment a phase goes past its length)
            if self._shown[index] == key:
                continue
            self._shown[index] = key
            widget.update(cell_text(index + 1, cell, index == current), layout=False)  # fixed size
            widget.set_class(index == current, "-current")
            widget.set_class(index < current, "-done")
            widget.set_class(index > current, "-upcoming")
            # Past its planned length: the strip says so in the overtime colour.
            widget.set_class(cell.used_seconds >= cell.planned_seconds > 0, "-overtime")
