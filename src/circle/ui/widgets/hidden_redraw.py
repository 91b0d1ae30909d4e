"""Widgets that do not redraw while hidden, and redraw once when shown again.

Textual keeps a map of where every displayed widget sits. A refresh of a widget that is
not in that map (it, or a container around it, has ``display: none``) makes Textual
rebuild the whole map in the next frame. The session screen hides some widgets at some
sizes (the block-letter timer at 80x24, the airtime chart in a short terminal) while its
clock changes them every second: each of those seconds cost a layout of the whole screen.
"""

from __future__ import annotations

from typing import Any

from textual.screen import Screen
from textual.widget import Widget


def displayed(widget: Widget) -> bool:
    """Whether the widget and every container around it are displayed."""
    node: Any = widget
    while node is not None and not isinstance(node, Screen):
        if not node.display:
            return False
        node = node.parent
    return True


class RedrawnWhenShown(Widget):
    """A widget whose refreshes wait while it is hidden, and come all at once when shown.

    A refresh asked for while hidden is remembered; Textual sends ``Show`` when the widget
    is displayed again, and then it is drawn afresh (its size may have changed meanwhile).
    """

    _redraw_waiting = False

    def refresh(self, *regions: Any, repaint: bool = True, layout: bool = False, recompose: bool = False) -> Any:
        if self.is_mounted and not displayed(self):
            self._redraw_waiting = True
            return self
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    def on_show(self) -> None:
        if self._redraw_waiting:
            self._redraw_waiting = False
            self.refresh(layout=True)
