"""Small forms: a progress update (percentage and note), and a note or reason on one line."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Static

from circle.domain.goals.goal import GoalError, clean_text
from circle.ui.goals.form_base import FormInput, FormScreen, field_row


@dataclass(frozen=True)
class ProgressDraft:
    percent: int | None
    note: str


class ProgressForm(FormScreen[ProgressDraft | None]):
    """A percentage (optional) and a note; at least one of them."""

    def __init__(self, heading: str, *, percent: int | None = None) -> None:
        super().__init__()
        self._heading = heading
        self._percent = percent

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog goal-form"):
            yield Static(Text(self._heading), classes="dialog-title")
            start = "" if self._percent is None else str(self._percent)
            yield field_row("Percent", FormInput(start, placeholder="0 to 100 (optional)", id="progress-percent",
                                             restrict=r"\d{0,3}", compact=True))  # fmt: skip
            yield field_row("Note", FormInput(placeholder="what happened since last time?", id="progress-note", compact=True))
            yield self.error_line()
            yield self.hint()

    def save(self) -> None:
        percent_field = self.query_one("#progress-percent", Input)
        percent = int(percent_field.value) if percent_field.value else None
        if percent is not None and percent > 100:
            self.show_error("progress is a percentage from 0 to 100", percent_field)
            return
        note_field = self.query_one("#progress-note", Input)
        try:
            note = clean_text(note_field.value, "progress note")
        except GoalError as error:
            self.show_error(str(error), note_field)
            return
        if percent is None and not note:
            self.show_error("write a note or a percentage", note_field)
            return
        self.dismiss(ProgressDraft(percent, note))


class NoteForm(FormScreen[str | None]):
    """One line of text: an achievement note (optional) or a reason for dropping (required)."""

    def __init__(self, heading: str, label: str, *, placeholder: str = "", required: bool = False) -> None:
        super().__init__()
        self._heading = heading
        self._label = label
        self._placeholder = placeholder
        self._required = required

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog goal-form"):
            yield Static(Text(self._heading), classes="dialog-title")
            yield field_row(self._label, FormInput(placeholder=self._placeholder, id="note-text", compact=True))
            yield self.error_line()
            yield self.hint()

    def save(self) -> None:
        field = self.query_one("#note-text", Input)
        try:
            text = clean_text(field.value, self._label.lower())
        except GoalError as error:
            self.show_error(str(error), field)
            return
        if self._required and not text:
            self.show_error(f"{self._label} is needed", field)
            return
        self.dismiss(text)
