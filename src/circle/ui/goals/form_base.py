"""What the goal forms share: labelled one-line fields, enter to move on, an error line.

Keys can arrive faster than the screen handles messages (a quick typist, an SSH link
that batches input): a key typed after enter may already be queued for the field enter
left. The field handles enter itself, in order, and passes such keys on.
"""

from __future__ import annotations

from typing import Generic, TypeVar

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from circle.ui.size_notice import NARROW
from circle.ui.widgets.keys_in_order import TypedInput
from circle.ui.widgets.typed_ahead import pass_on_if_moved

Result = TypeVar("Result")


class FormInput(TypedInput):
    """An input whose enter is handled in turn with the keys typed before and after it.

    Focused, its text is selected (Input's select_on_focus), so typing replaces a prefilled
    value; unfocused, it shows the beginning of its text, not the end where the cursor was.
    """

    def on_blur(self, event: events.Blur) -> None:
        self.cursor_position = 0

    async def on_key(self, event: events.Key) -> None:
        # Called before Input's own key handling, which runs unless the default is prevented.
        screen = self.screen
        if not isinstance(screen, FormScreen):
            return
        if pass_on_if_moved(self, event, FormInput):  # typed after an enter that already moved on
            return
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            following = screen.field_after(self)
            if following is None:
                screen.save()  # every key typed before the enter is in the value by now
            else:
                screen.set_focus(following)


def field_row(label: str, field: Input) -> Horizontal:
    """A label and a borderless input on one line, so a whole goal fits an 80x24 screen."""
    return Horizontal(Label(label, classes="goal-field-label"), field, classes="goal-field")


class FormScreen(ModalScreen[Result], Generic[Result]):
    """A small modal form: enter moves to the next field and saves on the last; escape cancels."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="goals.form.cancel"),
        Binding("ctrl+s", "save", "Save", id="goals.form.save"),
    ]
    MIN_SIZE = NARROW  # a form fits a phone's width: the SMART checklist scrolls there (styles/goals.tcss)
    HORIZONTAL_BREAKPOINTS = [(0, "-phone"), (80, "-roomy")]

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

    def field_after(self, field: Input) -> Input | None:
        fields = self.inputs()
        index = fields.index(field)
        return fields[index + 1] if index + 1 < len(fields) else None

    def on_mount(self) -> None:
        self.inputs()[0].focus()

    def action_save(self) -> None:
        # ctrl+s reaches the screen through the focused field, after the keys typed into it.
        self.save()

    def save(self) -> None:  # pragma: no cover - every form defines it
        raise NotImplementedError

    def action_cancel(self) -> None:
        self.dismiss(None)
