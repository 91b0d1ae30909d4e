"""Fields for the home forms where enter moves on: a drop-down and a multi-line area.

Enter in a form means "next field", so a drop-down does not open on enter (space or
the arrows do) and a multi-line field takes a line break on ctrl+j or shift+enter
instead. Keys typed after an enter that already moved on belong to the next field,
never to the multi-line one left behind.
"""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Select

from circle.ui.widgets.keys_in_order import TypedArea
from circle.ui.widgets.typed_ahead import pass_on_if_moved


class MoveOn(Message):
    """Enter in a field: the form moves the focus to the field after it (or saves)."""

    def __init__(self, field: Widget) -> None:
        super().__init__()
        self.field = field


class FormSelect(Select):
    """A drop-down whose enter moves on; space, up and down open it."""

    BINDINGS = [Binding("enter", "move_on", "Next field", show=False)]

    def action_move_on(self) -> None:
        self.post_message(MoveOn(self))


class FormArea(TypedArea):
    """A multi-line field: enter moves on, ctrl+j or shift+enter starts a new line."""

    async def on_key(self, event: events.Key) -> None:
        # Called before TextArea's own key handling, which runs unless the default is prevented.
        if pass_on_if_moved(self, event):  # typed after an enter that moved on
            return
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self.post_message(MoveOn(self))
            return
        if event.key in ("ctrl+j", "shift+enter"):
            event.stop()
            event.prevent_default()
            self.insert("\n")
