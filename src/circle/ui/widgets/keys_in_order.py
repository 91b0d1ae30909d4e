"""Text fields whose editing keys act in the order they were typed.

Textual's Input and TextArea insert a printed character as soon as its key reaches them,
but an editing key (backspace, delete, the arrows, home, end) only once it has bubbled up
to the app, which finds the field's binding and runs its action. Keys that arrive in one
burst (a lagging SSH link delivers them that way) are then applied out of order: "xy",
backspace, "zw" gave "xyz" instead of "xzw". docs/textual-key-order-issue.md has a
reproduction. These fields run their own editing bindings when the key reaches them.
"""

from __future__ import annotations

from functools import cache

from textual import events
from textual.binding import Binding
from textual.widget import Widget
from textual.widgets import Input, TextArea


@cache
def editing_actions(field: type[Widget]) -> dict[str, str]:
    """Key -> action for the bindings a field class declares (its own and its bases')."""
    actions: dict[str, str] = {}
    for cls in reversed(field.__mro__):
        for binding in cls.__dict__.get("BINDINGS", ()):
            if isinstance(binding, Binding):
                for key in binding.key.split(","):
                    actions[key.strip()] = binding.action
    return actions


class KeysInOrder:
    """Runs a key's binding of this field here, in turn with the characters typed around it.

    A mixin placed before the Textual field class, so its handler runs before the field's own.
    """

    async def on_key(self: Widget, event: events.Key) -> None:
        action = editing_actions(type(self)).get(event.key)
        if action is None:
            return
        event.stop()
        event.prevent_default()
        await self.run_action(action)


class TypedInput(KeysInOrder, Input):
    """A one-line field whose keys act in the order typed."""


class TypedArea(KeysInOrder, TextArea):
    """A multi-line field whose keys act in the order typed."""
