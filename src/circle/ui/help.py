"""The key help screen: every key of the screen it was opened from, with what it does."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.dom import DOMNode
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Static

from circle.ui.textual_compat import binding_chain


@dataclass(frozen=True)
class KeyEntry:
    key: str  # as shown to the user, e.g. "space" or "?"
    description: str
    action: str
    binding_id: str | None
    enabled: bool
    node: DOMNode | None = field(default=None, compare=False)  # where the action runs


def _target(app: DOMNode, action: str, node: DOMNode) -> tuple[str, int]:
    """An action and the node it runs on: "app.help" bound on a screen is the app's "help"."""
    if action.startswith("app."):
        return action[4:], id(app)
    return action, id(node)


def screen_keys(screen: Screen) -> list[KeyEntry]:
    """Every described binding of a screen (its focused widgets', its own, the app's), keymap applied.

    Keys whose action does not apply right now (a screen's check_action says so) are
    listed with enabled=False, so the help shows them dimmed rather than leaving them out.
    """
    app = screen.app
    active = {_target(app, a.binding.action, a.node) for a in screen.active_bindings.values() if a.enabled}
    found: dict[tuple[str, int], KeyEntry] = {}
    # The same chain Textual walks for key presses, up to the first modal screen.
    for node, bindings in binding_chain(screen):
        for _key, binding in bindings:
            if not binding.description:
                continue
            where = _target(app, binding.action, node)
            key = app.get_key_display(binding)
            if where in found:  # one action on several keys: list them together
                earlier = found[where]
                if key not in earlier.key.split(", "):
                    found[where] = replace(earlier, key=f"{earlier.key}, {key}")
                continue
            found[where] = KeyEntry(
                key=key,
                description=binding.tooltip or binding.description,
                action=binding.action,
                binding_id=binding.id,
                enabled=where in active,
                node=node,
            )
    # circle's own keys (they all have ids) first; Textual's generic ones (focus, copy) after.
    entries = sorted(found.values(), key=lambda e: e.binding_id is None)
    return entries


class KeyHelp(ModalScreen[None]):
    """Lists keys; any of escape, q, ? or F1 closes it."""

    BINDINGS = [
        Binding("escape,q,question_mark,f1", "close", "Close", id="help.close"),
    ]

    def __init__(self, title: str, entries: list[KeyEntry]) -> None:
        super().__init__()
        self._title = title
        self.entries = entries

    def compose(self) -> ComposeResult:
        with Vertical(id="key-help", classes="dialog"):
            yield Static(Text(f"Keys: {self._title}"), classes="dialog-title")
            table: DataTable = DataTable(id="key-table", cursor_type="row", zebra_stripes=True)
            table.add_columns("Key", "Does")
            for entry in self.entries:
                style = "" if entry.enabled else "dim"
                table.add_row(Text(entry.key, style="bold " + style), Text(entry.description, style=style))
            yield table
            yield Static(Text("escape closes"), classes="dialog-hint")

    def action_close(self) -> None:
        self.dismiss(None)
