"""Airtime per member as horizontal bars, scaled to the widget's width."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from circle.domain.durations import duration_text


class AirtimeChart(Widget):
    """``show(rows)`` with (name, seconds) pairs; the longest bar fills the space left."""

    DEFAULT_CSS = """
    AirtimeChart { height: auto; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._rows: list[tuple[str, float]] = []

    def show(self, rows: list[tuple[str, float]]) -> None:
        self._rows = list(rows)
        self.refresh(layout=True)

    def get_content_height(self, container, viewport, width: int) -> int:
        return max(1, len(self._rows))

    def render(self) -> Text:
        if not self._rows:
            return Text("nobody spoke", style="dim")
        name_width = min(18, max(len(name) for name, _ in self._rows))
        time_width = max(len(duration_text(s)) for _, s in self._rows)
        room = max(4, self.size.width - name_width - time_width - 3)
        longest = max(s for _, s in self._rows) or 1.0
        text = Text()
        for i, (name, seconds) in enumerate(self._rows):
            if i:
                text.append("\n")
            shown = name if len(name) <= name_width else name[: name_width - 1] + "…"
            text.append(shown.ljust(name_width) + " ")
            cells = round(room * seconds / longest)
            text.append("█" * cells, style="bold")
            text.append(" " * (room - cells) + " " + duration_text(seconds).rjust(time_width))
        return text
