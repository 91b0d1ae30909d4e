"""Small modal forms: a circle's name and description, and one member.

Each form is given a ``save`` function. Saving calls it with the values; if it
raises a CircleError, the message is shown in the form, which stays open so
nothing typed is lost. Otherwise the form closes with what save returned.
"""

from __future__ import annotations

from typing import Any, Callable, Generic, TypeVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from circle.domain.circles.members import EXPERIENCE, ROLES, Member
from circle.errors import CircleError
from circle.ui.home.form_fields import FormSelect, MoveOn
from circle.ui.widgets.keys_in_order import TypedInput

T = TypeVar("T")


class Form(ModalScreen[T | None], Generic[T]):
    """A titled modal form; ctrl+s saves, escape cancels."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="form.save"),
        Binding("escape", "cancel", "Cancel", id="form.cancel"),
    ]
    TITLE_TEXT = ""

    def __init__(self, save: Callable[[dict[str, Any]], T], title: str = "") -> None:
        super().__init__()
        self._save = save
        self._title = title or self.TITLE_TEXT

    def fields(self) -> ComposeResult:
        raise NotImplementedError

    def values(self) -> dict[str, Any]:
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog home-form"):
            yield Static(Text(self._title), classes="dialog-title")
            yield from self.fields()
            yield Static("", id="form-error", classes="form-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save (ctrl+s)", id="form-save", variant="primary")
                yield Button("Cancel (esc)", id="form-cancel")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "form-save":
            self.action_save()
        else:
            self.action_cancel()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        # enter moves on to the next field, and saves from the last one.
        event.stop()
        self._move_on(event.input)

    def on_move_on(self, event: MoveOn) -> None:
        event.stop()
        self._move_on(event.field)

    def _move_on(self, field: Any) -> None:
        fields = list(self.query(".form-row > Input, .form-row > Select, .form-row > TextArea"))
        after = fields[fields.index(field) + 1 :] if field in fields else []
        if after:
            self.set_focus(after[0])  # at once, so keys typed next reach the next field
        else:
            self.action_save()

    def action_save(self) -> None:
        try:
            result = self._save(self.values())
        except CircleError as error:
            self.query_one("#form-error", Static).update(Text(str(error)))
            return
        self.dismiss(result)

    def action_cancel(self) -> None:
        self.dismiss(None)


def labelled(label: str, widget: Any) -> ComposeResult:
    """A label and a borderless field on one row, so a whole form fits an 80x24 screen."""
    widget.compact = True
    yield Horizontal(Label(label, classes="form-label"), widget, classes="form-row")


class CircleForm(Form[dict]):
    """A circle's name and description."""

    TITLE_TEXT = "New circle"

    def __init__(self, save: Callable[[dict[str, Any]], dict], circle: dict | None = None) -> None:
        super().__init__(save, "Edit circle" if circle else "New circle")
        self._circle = circle or {}

    def fields(self) -> ComposeResult:
        yield from labelled(
            "Name", TypedInput(self._circle.get("name", ""), placeholder="e.g. Year 7 team", id="circle-name")
        )
        yield from labelled(
            "Description",
            TypedInput(self._circle.get("description", ""), placeholder="optional", id="circle-description"),
        )

    def on_mount(self) -> None:
        self.query_one("#circle-name", Input).focus()

    def values(self) -> dict[str, Any]:
        return {
            "name": self.query_one("#circle-name", Input).value,
            "description": self.query_one("#circle-description", Input).value,
        }


class MemberForm(Form[Member]):
    """One member: name, role, experience and their login name."""

    def __init__(self, save: Callable[[dict[str, Any]], Member], member: Member | None = None) -> None:
        super().__init__(save, "Edit member" if member else "Add a member")
        self._member = member

    def fields(self) -> ComposeResult:
        member = self._member
        yield from labelled("Name", TypedInput(member.name if member else "", id="member-name"))
        yield from labelled(
            "Role",
            FormSelect([(r, r) for r in ROLES], value=member.role if member else "peer", allow_blank=False, id="member-role"),
        )
        yield from labelled(
            "Experience",
            FormSelect(
                [(e, e) for e in EXPERIENCE],
                value=member.experience if member else "veteran",
                allow_blank=False,
                id="member-experience",
            ),
        )
        yield from labelled(
            "Login name",
            TypedInput((member.username or "") if member else "", placeholder="optional: their user name here", id="member-username"),
        )

    def on_mount(self) -> None:
        self.query_one("#member-name", Input).focus()

    def values(self) -> dict[str, Any]:
        username = self.query_one("#member-username", Input).value.strip()
        return {
            "name": self.query_one("#member-name", Input).value,
            "role": self.query_one("#member-role", Select).value,
            "experience": self.query_one("#member-experience", Select).value,
            "username": username or None,
        }
