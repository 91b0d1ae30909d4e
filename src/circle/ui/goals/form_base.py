"""What the goal forms share: labelled one-line fields, enter to move on, an error line."""

from __future__ import annotations

from typing import Generic, TypeVar

from rich.text import Text
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

Result = TypeVar("Result")


def field_row(label: str, field: Input) -> Horizontal:
    """A label and a borderless input on one line, so a whole goal fits an 80x24 screen."""
    return Horizontal(Label(label, classes="goal-field-label"), field, classes="goal-field")


class FormScreen(ModalScreen[Result], Generic[Result]):
    """A small modal form: enter moves to the next field and saves on the last; escape cancels."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="goals.form.cancel"),
        Binding("ctrl+s", "save", "Save", id="goals.form.save"),
    ]

    def hint(self) -> Static:
        return Static(Text("enter: next field, then save · ctrl+s: save · escape: cancel"), classes="dialog-hint")

    def error_line(self) -> Static:
        return Static("", id="form-error", classes="goal-form-error")

    def show_error(self, message: str, field: Input | None = None) -> None:
        self.query_one("#form-error", Static).update(Text(message))
        if field is not None:
            field.focus()

    def inputs(self) -> list[Input]:
        return list(self.query(Input))

    def on_mount(self) -> None:
        self.inputs()[0].focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        fields = self.inputs()
        index = fields.index(event.input)
        if index + 1 < len(fields):
            fields[index + 1].focus()
        else:
            self.action_save()

    def action_save(self) -> None:  # pragma: no cover - every form defines it
        raise NotImplementedError

    def action_cancel(self) -> None:
        self.dismiss(None)
