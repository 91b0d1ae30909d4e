"""Update a Static only when what it shows changed.

Static.update lays the whole screen out again even when the new content equals the old,
and a session screen updates a dozen of them after every key; most show the same as before.
"""

from __future__ import annotations

from rich.console import RenderableType
from textual.widgets import Static

_SHOWN = "_quiet_update_shown"


def quiet_update(widget: Static, content: RenderableType, *, layout: bool = True) -> bool:
    """Show content unless it is already shown; whether the widget was updated."""
    if getattr(widget, _SHOWN, None) == content:
        return False
    setattr(widget, _SHOWN, content)
    widget.update(content, layout=layout)
    return True
