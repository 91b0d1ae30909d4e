"""Widgets that hand Textual what they drew last, until something says it changed.

In each frame Textual asks every widget in a container that overlaps the changed cells for
all of its lines, changed or not, and works each one out again: through its styling pass
(borders, padding, the background of every container around it) or, for the widgets of
``plain_lines``, from the lines they keep. On the session screen a second changes a few
cells of the clock, and nearly everything asked for is as it was. A widget here keeps what
it drew until Textual marks it for a repaint (a refresh, a new size or reset styles: each
goes through ``_set_dirty``, as Textual's own line cache relies on), its styles change
(``notify_style_update``: Textual calls it for every widget under a container whose
styles changed, and on a theme change), or the app's line filters change.
"""

from __future__ import annotations

from typing import Any

from textual.containers import Vertical
from textual.filter import LineFilter
from textual.geometry import Region
from textual.strip import Strip


class KeptDrawing:
    """Mixed into a widget, before its Textual class. ``draw_lines`` draws afresh (Textual's
    own ``render_lines`` unless a mixin after this one draws otherwise)."""

    _drawn: tuple[Region, tuple[LineFilter, ...], list[Strip]] | None = None

    def render_lines(self, crop: Region) -> list[Strip]:
        widget: Any = self  # mixed into widgets only
        filters = tuple(widget.get_line_filters())
        drawn = self._drawn
        if drawn is not None and drawn[0] == crop and drawn[1] == filters:
            return drawn[2]
        lines = self.draw_lines(crop)
        self._drawn = (crop, filters, lines)
        return lines

    def draw_lines(self, crop: Region) -> list[Strip]:
        return super().render_lines(crop)  # type: ignore[misc, no-any-return]

    def _set_dirty(self, *regions: Region) -> None:
        self._drawn = None
        super()._set_dirty(*regions)  # type: ignore[misc]

    def notify_style_update(self) -> None:
        self._drawn = None
        super().notify_style_update()  # type: ignore[misc]


class KeptVertical(KeptDrawing, Vertical):
    pass
