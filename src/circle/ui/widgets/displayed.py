"""Whether a widget is on screen: it and every container around it displayed.

A refresh of a widget that is not (it, or a container around it, has ``display: none``)
makes Textual lay the whole screen out again in its next frame. The session screen hides
the block timer and the airtime chart at 80x24 while its clock changes them every second,
so those wait until shown (Textual sends ``Show`` then) to be redrawn.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widget import Widget


def displayed(widget: Widget) -> bool:
    node = widget
    while not isinstance(node, Screen):
        if not node.display:
            return False
        parent = node.parent
        if not isinstance(parent, Widget):
            return True
        node = parent
    return True
