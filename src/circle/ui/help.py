"""The key help screen: every key of the screen it was opened from, with what it does."""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.dom import DOMNode
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Static


@dataclass(frozen=True)
class KeyEntry:
    key: str  # as shown to the user, e.g. "space" or "?"
    description: str
    action: str
    binding_id: str | None
    enabled: bool
    node: DOMNode | None = field(default=None, compare=False)  # where the action runs


def screen_keys(screen: Screen) -> list[KeyEntry]:
    """The described bindings active on a screen (its widgets', its own and the app's), keymap applied."""
    app = screen.app
    entries: list[KeyEntry] = []
    seen: set[tuple[str, str]] = set()
    for active in screen.active_bindings.values():
        binding = active.binding
        if not binding.description:
            continue
        key = app.get_key_display(binding)
        if (key, binding.action) in seen:
            continue
        seen.add((key, binding.action))
        entries.append(
            KeyEntry(key, binding.description, binding.action, binding.id, active.enabled, active.node)
        )
    return entries


class KeyHelp(ModalScreen[None]):
    """Lists keys; any of escape, q, ? or F1 closes it."""

    BINDINGS = [
        Binding("escape,q,question_mark,f1", "close", "Close", id="help.close"),
    ]

    def __init__(self, title: str, entries: list[KeyEntry]) -> None:
        super().__init__()
        self._title = title
        self._entries = entries

    def compose(self) -> ComposeResult:
        with Vertical(id="key-help", classes="dialog"):
            yield Static(Text(f"Keys: {self._title}"), classes="dialog-title")
            table: DataTable = DataTable(id="key-table", cursor_type="row", zebra_stripes=True)
            table.add_columns("Key", "Does")
            for entry in self._entries:
                style = "" if entry.enabled else "dim"
                table.add_row(Text(entry.key, style="bold " + style), Text(entry.description, style=style))
            yield table
            yield Static(Text("escape closes"), classes="dialog-hint")

    def action_close(self) -> None:
        self.dismiss(None)
