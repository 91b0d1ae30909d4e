"""Keys typed ahead of an enter that moved the focus on (a quick typist, an SSH link that
batches input) may still arrive at the field enter left: they belong to the field now focused."""

from __future__ import annotations

from textual import events
from textual.widget import Widget


def pass_on_if_moved(field: Widget, event: events.Key, kind: type[Widget] = Widget) -> bool:
    """Send the key on to the focused field (of ``kind``) if the focus moved on; True if sent."""
    focused = field.screen.focused
    if focused is None or focused is field or not isinstance(focused, kind):
        return False
    event.stop()
    event.prevent_default()
    focused.post_message(events.Key(event.key, event.character))
    return True
