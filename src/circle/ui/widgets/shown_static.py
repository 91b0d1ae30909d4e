"""A Static that is updated only when what it shows changed, and lays the screen out again
only when its size did.

Static.update lays the whole screen out, even for the content it already shows; the
session screen updates a dozen of them after every key, most showing what they showed
and most of the rest (a new speaker's name, the next names in the round) needing the same
height. That layout was most of a key's cost.
"""

from __future__ import annotations

from typing import Hashable

from rich.text import Text
from textual.visual import VisualType
from textual.widgets import Static


def shown_as(content: VisualType) -> Hashable:
    """What decides how content is drawn. Rich's Text compares equal on its characters and
    spans only (bold and dim text alike): its base style and layout settings count too."""
    if isinstance(content, Text):
        return ("text", content.plain, str(content.style), tuple(content.spans), content.justify,
                content.overflow, content.no_wrap, content.end, content.tab_size)
    if isinstance(content, str):
        return ("str", content)
    return ("object", id(content))  # any other renderable: a new one is always shown


class ShownStatic(Static):
    """``show(content)``: update unless the content is already shown."""

    shown: Hashable | None = None

    def show(self, content: VisualType, *, layout: bool = True) -> bool:
        """Show content unless already shown; whether it was updated.

        layout=False: the caller knows the size cannot change. Otherwise the screen is laid
        out again only when the new content needs another height (or the widget's width
        follows its content)."""
        key = shown_as(content)
        if key == self.shown:
            return False
        self.shown = key
        self.update(content, layout=False)
        if layout and not self.keeps_its_size():
            self.refresh(layout=True)
        return True

    def keeps_its_size(self) -> bool:
        """Whether the content just set fits the widget's present size exactly."""
        size = self.content_size
        width, height = self.styles.width, self.styles.height
        if not self.is_mounted or not size.width or (width is not None and width.is_auto):
            return False  # not laid out yet, hidden, or as wide as its content
        if height is not None and not height.is_auto:
            return True  # a fixed height: the content is cut or padded to it
        return self.get_content_height(size, size, size.width) == size.height
