"""One line of plain text, drawn from a line kept until its text, width or style changes.

The session's phase timer is such a line, and it changes every second: as a Static it
went through Textual's content pipeline (markup, wrapping, alignment) each time, the
costliest widget of a quiet second after the big timer. It needs none of that.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.strip import Strip
from textual.widget import Widget

from circle.ui.widgets.line_style import background_style
from circle.ui.widgets.own_lines import OwnLines


class TextLine(OwnLines, Widget):
    """``update(text)``: the text in the widget's colours, cut at its width; the rest of the
    line is the background, as Textual fills a short line."""

    DEFAULT_CSS = "TextLine { height: 1; }"

    def __init__(self, text: str = "", *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._text = text
        self._kept: tuple[tuple[str, int], Strip, Strip] | None = None

    @property
    def text(self) -> str:
        return self._text

    def update(self, text: str) -> None:
        if text != self._text:
            self._text = text
            self.refresh()

    def notify_style_update(self) -> None:
        self._kept = None  # a class or theme change recolours the line
        super().notify_style_update()

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        if self._kept is None or self._kept[0] != (self._text, width):
            rest = background_style(self)
            words = Strip([Segment(self._text, self.rich_style)]) if self._text else Strip([])
            line = words.crop(0, width).adjust_cell_length(width, rest)
            self._kept = ((self._text, width), line, Strip.blank(width, rest))
        return self._kept[1] if y == 0 else self._kept[2]
