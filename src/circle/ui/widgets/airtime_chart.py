"""Airtime per member as horizontal bars, scaled to the widget's width.

The summary shows plain (name, seconds) rows. The live session marks rows too:
who is speaking now and who has not been heard from yet, each with a sign in a
column of its own so the meaning survives without colour.
"""

from __future__ import annotations

from typing import Iterable, NamedTuple

from rich.text import Text
from textual.widget import Widget

from circle.domain.durations import duration_text

SPEAKING = "speaking"
UNHEARD = "unheard"
SIGNS = {SPEAKING: "▶", UNHEARD: "○"}
UNHEARD_NOTE = "not heard from yet"


class AirtimeRow(NamedTuple):
    """One bar: a name as shown, seconds, and a state: SPEAKING, UNHEARD or ""."""

    name: str
    seconds: float
    state: str = ""


class AirtimeChart(Widget):
    """``show(rows)`` with (name, seconds) pairs or AirtimeRows; the longest bar fills the space left.

    With ``marked`` a sign column comes first. ``show`` redraws only when the rows differ
    from the ones shown, so a caller may call it on every clock tick.
    """

    COMPONENT_CLASSES = {"airtime-chart--speaking", "airtime-chart--unheard"}
    DEFAULT_CSS = """
    AirtimeChart { height: auto; }
    AirtimeChart > .airtime-chart--speaking { text-style: bold; color: $accent; }
    AirtimeChart > .airtime-chart--unheard { color: $warning; }
    """

    def __init__(self, *, marked: bool = False, id: str | None = None) -> None:
        super().__init__(id=id)
        self._marked = marked
        self._rows: list[AirtimeRow] = []

    @property
    def rows(self) -> list[AirtimeRow]:
        return list(self._rows)

    def show(self, rows: Iterable[tuple[str, float] | AirtimeRow]) -> None:
        new = [AirtimeRow(*row) for row in rows]
        if new == self._rows:
            return
        resized = len(new) != len(self._rows)
        self._rows = new
        self.refresh(layout=resized)  # the height follows the number of rows only

    def get_content_height(self, container, viewport, width: int) -> int:
        return max(1, len(self._rows))

    def render(self) -> Text:
        if not self._rows:
            return Text("nobody spoke", style="dim")
        sign_width = 2 if self._marked else 0
        name_width = min(18, max(len(row.name) for row in self._rows))
        time_width = max(len(duration_text(row.seconds)) for row in self._rows)
        room = max(4, self.size.width - sign_width - name_width - time_width - 3)
        longest = max(row.seconds for row in self._rows) or 1.0
        text = Text()
        for i, row in enumerate(self._rows):
            if i:
                text.append("\n")
            style = self.get_component_rich_style(f"airtime-chart--{row.state}") if row.state in SIGNS else ""
            if self._marked:
                text.append(SIGNS.get(row.state, " ") + " ", style=style)
            name = row.name if len(row.name) <= name_width else row.name[: name_width - 1] + "…"
            text.append(name.ljust(name_width), style=style)
            text.append(" ")
            cells = round(room * row.seconds / longest)
            text.append("█" * cells, style=style or "bold")
            gap = room - cells
            if row.state == UNHEARD and cells == 0:
                note = UNHEARD_NOTE[:gap]
                text.append(note, style=style)
                gap -= len(note)
            text.append(" " * gap + " " + duration_text(row.seconds).rjust(time_width))
        return text
