"""Widgets that keep their lines whole, drawn without Textual's styling pass when it adds nothing.

Textual passes every line a widget draws afresh through its styles (border, padding,
outline, tint, opacity), makes a new line of it, and runs the app's line filters over
that new line. The session's timers are drawn afresh every second, and on a projector
the block timer is some 25 lines: that pass was most of a quiet second's cost. A widget
whose styles add nothing to a line is drawn here from the lines it keeps; the filters'
results are kept on those lines by Textual, so an unchanged line costs next to nothing.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from rich.style import Style as RichStyle
from textual.color import Color
from textual.geometry import Region, Size
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Static

from circle.ui.widgets.kept_drawing import KeptDrawing


class Look(NamedTuple):
    """What a widget's styles make of its lines, worked out from every container around it."""

    undecorated: bool  # no border, outline, keyline, hatch or tint, and fully opaque
    plain: bool  # undecorated, and no padding or text opacity either
    background: Color  # over everything beneath it: what Textual's line filters are given
    style: RichStyle  # the widget's own colours and text style
    rest: RichStyle  # the background alone: what fills a line that ends short


def look_of(widget: Widget) -> Look:
    styles = widget.styles
    undecorated = not (styles.border or styles.outline or styles.hatch or styles.keyline[0] != "none"
                       or styles.tint.a or styles.opacity != 1)
    plain = undecorated and not any(styles.padding) and styles.text_opacity == 1
    style = widget.rich_style
    return Look(undecorated, plain, widget.background_colors[1], style,
                RichStyle.from_color(bgcolor=widget.visual_style.rich_style.bgcolor))


class KeptLook:
    """Mixed into a widget: its Look, kept as Textual keeps the widget's own visual style: until
    Textual says its styles changed (it does so for every widget under a container whose
    styles changed) or its own styles are set in code. Each frame would otherwise walk every
    container around the widget, several times."""

    _kept_look: tuple[int, Look] | None = None

    @property
    def look(self) -> Look:
        widget: Any = self  # mixed into widgets only
        key = widget.styles._cache_key  # what Textual's visual_style is kept by
        if self._kept_look is None or self._kept_look[0] != key:
            self._kept_look = (key, look_of(widget))
        return self._kept_look[1]

    def notify_style_update(self) -> None:
        self._kept_look = None
        super().notify_style_update()  # type: ignore[misc]


def titled(widget: Widget) -> bool:
    return bool(widget.border_title or widget.border_subtitle)  # set on the widget, not by its styles


def styled_plainly(widget: Any) -> bool:
    """Whether Textual's styling pass would leave each of the widget's lines as it drew it."""
    return bool(widget.look.plain and not titled(widget)
                and not widget.hover_style._link_id)  # a link under the mouse is restyled by that pass


class PlainLines(KeptDrawing, KeptLook):
    """Mixed into a widget, before its Textual class, whose ``render_line`` returns lines it
    keeps (Textual's Static does, until its content changes), best as wide as the widget."""

    def draw_lines(self, crop: Region) -> list[Strip]:
        widget: Any = self  # mixed into widgets only
        if not styled_plainly(widget):
            return super().draw_lines(crop)
        look = widget.look
        size = widget.outer_size  # its size: plain, it has no padding or border (and is quicker to ask)
        width = size.width
        filters = widget.get_line_filters()
        filtered: dict[int, Strip] = {}  # by the line drawn: a line a widget repeats is filtered once
        lines = []
        for line in self.lines_in(crop.line_range, size):
            done = filtered.get(id(line))
            if done is None:
                done = line if line.cell_length == width else self._filled(line, width)
                for line_filter in filters:
                    done = done.apply_filter(line_filter, look.background)  # kept on the line by Textual
                filtered[id(line)] = done
            lines.append(done)
        x1, x2 = crop.column_span
        if (x1, x2) != (0, width):
            lines = [line.crop(x1, x2) for line in lines]
        return lines

    def lines_in(self, ys: range, size: Size) -> list[Strip]:
        """The widget's lines at ys, as ``render_line`` draws them; a widget may draw them at
        once from the size given (asking a widget its size each line is not free)."""
        render_line = self.render_line  # type: ignore[attr-defined]  # mixed into widgets only
        return [render_line(y) for y in ys]

    def _filled(self, line: Strip, width: int) -> Strip:
        """The line filled with the background, or cut, to the width, as Textual's pass does;
        kept for as long as the widget keeps the line, so Textual's own keeping works too."""
        widget: Any = self
        rest = widget.look.rest
        kept: dict[int, tuple[Strip, int, RichStyle, Strip]] = widget.__dict__.setdefault("_plain_filled", {})
        made = kept.get(id(line))
        if made is None or made[0] is not line or made[1:3] != (width, rest):
            if len(kept) > 4 * max(1, widget.size.height):
                kept.clear()  # lines the widget no longer keeps
            made = kept[id(line)] = (line, width, rest, line.adjust_cell_length(width, rest))
        return made[3]


class PlainStatic(PlainLines, Static):
    """A Static drawn from its kept lines when its styles add nothing to them."""
