"""The last guard between stored text and the terminal.

Every line a widget draws passes through the app's line filters. This one replaces
each character a terminal would act on (escape sequences, other controls, bidi
overrides, line separators) with a visible symbol, whatever widget drew it, so text
edited by hand or written by an older version can never retitle, recolour or blank
the screen. The line keeps its width: such characters take no cell of their own.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.color import Color
from textual.filter import LineFilter

from circle.domain.text import pictured


class ShowControls(LineFilter):
    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        shown, changed = [], False
        for segment in segments:
            text = segment.text if segment.control else pictured(segment.text)
            if text != segment.text:
                segment, changed = Segment(text, segment.style), True
            shown.append(segment)
        if not changed:
            return segments
        return list(Segment.adjust_line_length(shown, Segment.get_line_length(segments)))
