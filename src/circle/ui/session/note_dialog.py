"""The note dialog: one line to remember, a point or a commitment, for the speaker and phase."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, RadioButton, RadioSet, Static

from circle.domain.session.notes import NOTE_MAX, note_label
from circle.ui.widgets.keys_in_order import TypedInput

NoteAnswer = tuple[str, str]  # (text as typed, kind)


class NoteDialog(ModalScreen[NoteAnswer | None]):
    """Asks for a note's text and kind; gives (text, kind), or None on escape."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="note.cancel"),
        # Switching the kind without leaving the text (the text field keeps ctrl+k for itself).
        Binding("ctrl+o", "toggle_kind", "Point/commitment", id="note.kind", priority=True),
    ]

    def __init__(self, about: str) -> None:
        """about: whom and where the note is tied to, e.g. "Ben Okafor, Challenge sharing"."""
        super().__init__()
        self._about = about

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="note-dialog"):
            yield Static(Text(f"Note for {self._about}"), classes="dialog-title")
            yield TypedInput(placeholder="what to remember", max_length=NOTE_MAX, id="note-text")
            with RadioSet(id="note-kind"):
                yield RadioButton("A point", value=True, id="note-point")
                yield RadioButton("A commitment (someone will do it)", id="note-commitment")
            # The radio buttons tell the chosen kind by colour only: this line says it in words.
            yield Static(self._kind_words("point"), id="note-kind-words")
            yield Static(Text("enter keeps it (private to the circle), ctrl+o point/commitment, escape cancels"),
                         classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @property
    def kind(self) -> str:
        return "commitment" if self.query_one("#note-commitment", RadioButton).value else "point"

    @staticmethod
    def _kind_words(kind: str) -> Text:
        return Text(f"Kept as: {note_label(kind)}", style="bold")

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        self.query_one("#note-kind-words", Static).update(self._kind_words(self.kind))

    def action_toggle_kind(self) -> None:
        target = "#note-point" if self.kind == "commitment" else "#note-commitment"
        self.query_one(target, RadioButton).value = True

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss((event.value, self.kind))

    def action_cancel(self) -> None:
        self.dismiss(None)
