"""Update a Static only when what it shows changed, and lay the screen out only when its size did.

Static.update lays the whole screen out again even when the new content equals the old,
and a session screen updates a dozen of them after every key; most show the same as before,
and most of the rest (a new speaker's name, the next names in the round) take the same
number of lines as before.
"""

from __future__ import annotations

from rich.console import RenderableType
from textual.widgets import Static

_SHOWN = "_quiet_update_shown"


def quiet_update(widget: Static, content: RenderableType, *, layout: bool = True) -> bool:
    """Show content unless it is already shown; whether the widget was updated.

    layout=False: the caller knows the size cannot change. Otherwise the screen is laid out
    again only when the new content needs another height (or the widget's width follows
    its content).
    """
    if getattr(widget, _SHOWN, None) == content:
        return False
    setattr(widget, _SHOWN, content)
    widget.update(content, layout=False)
    if layout and not _keeps_its_size(widget):
        widget.refresh(layout=True)
    return True


def _keeps_its_size(widget: Static) -> bool:
    """Whether the content just set fits the widget's present size exactly."""
    size = widget.content_size
    width, height = widget.styles.width, widget.styles.height
    if not widget.is_mounted or not size.width or (width is not None and width.is_auto):
        return False  # not laid out yet, hidden, or as wide as its content
    if height is not None and not height.is_auto:
        return True  # a fixed height: the content is cut or padded to it
    return widget.get_content_height(size, size, size.width) == size.height
