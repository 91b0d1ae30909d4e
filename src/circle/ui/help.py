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


class KeyTable(DataTable):
    """The keys as rows. Home and End go to the first and last key: Textual's table would
    scroll sideways, and the keys never need it (descriptions wrap instead)."""

    BINDINGS = [
        Binding("home", "scroll_top", "First key", show=False),
        Binding("end", "scroll_bottom", "Last key", show=False),
    ]


# Rows and columns the dialog spends around the table (its border and padding, the title and
# the hint with their margins), and what the table spends on cell padding and its scrollbar.
AROUND_TABLE_ROWS = 2 + 2 + 2 + 2
AROUND_TABLE_COLUMNS = 2 + 4
CELL_PADDING = 2 * 2
SCROLLBAR = 2
DIALOG_SHARE = 0.9  # of the screen, as `.dialog` in app.tcss


class KeyHelp(ModalScreen[None]):
    """Lists keys; any of escape, q, ? or F1 closes it.

    The table fits the screen: long descriptions wrap and the rows scroll with the keyboard
    (arrows, PageUp/PageDown, Home/End), so every key can be reached at 80x24 and at 50x20.
    """

    BINDINGS = [
        Binding("escape,q,question_mark,f1", "close", "Close", id="help.close"),
    ]

    def __init__(self, title: str, entries: list[KeyEntry]) -> None:
        super().__init__()
        self._title = title
        self.entries = entries
        self.filled_for: tuple[int, int] | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="key-help", classes="dialog"):
            yield Static(Text(f"Keys: {self._title}"), classes="dialog-title")
            yield KeyTable(id="key-table", cursor_type="row", zebra_stripes=True)
            yield Static(Text(f"{len(self.entries)} keys  ·  ↑↓ PgDn End  ·  esc closes"),
                         classes="dialog-hint")

    def on_mount(self) -> None:
        self.fill()

    def on_resize(self) -> None:
        self.fill()

    def fill(self) -> None:
        """Rows wrapped to the width the dialog has, the table as tall as the screen allows."""
        width, height = self.app.size
        if self.filled_for == (width, height):
            return
        self.filled_for = (width, height)
        table = self.query_one(KeyTable)
        row = table.cursor_row
        table.clear(columns=True)
        key_width = max((len(entry.key) for entry in self.entries), default=3)
        dialog = min(76, int(width * DIALOG_SHARE))
        does_width = max(10, dialog - AROUND_TABLE_COLUMNS - key_width - CELL_PADDING - SCROLLBAR)
        table.add_column("Key", width=key_width)
        table.add_column("Does", width=does_width)
        for entry in self.entries:
            style = "" if entry.enabled else "dim"
            table.add_row(Text(entry.key, style="bold " + style), Text(entry.description, style=style), height=None)
        table.styles.max_height = max(3, int(height * DIALOG_SHARE) - AROUND_TABLE_ROWS)
        table.move_cursor(row=min(row, len(self.entries) - 1))

    def action_close(self) -> None:
        self.dismiss(None)
