"""The goal form, for a new goal or a rework, with the SMART checklist live as you type."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Static

from circle.domain.goals.due_dates import DueDateError, parse_optional_due
from circle.domain.goals.changes import Wording
from circle.domain.goals.goal import TEXT_MAX, TITLE_MAX, GoalError, clean_text
from circle.domain.goals.smart import checklist
from circle.ui.goals.form_base import FormInput, FormScreen, field_row
from circle.ui.goals.render import checklist_content

FIELDS = (  # (id, label, placeholder, what the domain calls it)
    ("title", "Goal", "the specific what: with whom, where", "title"),
    ("measure", "Measure", "how will you know? a count or evidence", "measure"),
    ("action", "First step", "what will you do first?", "first action"),
    ("realistic", "Realistic", "what could get in the way? what support?", "realistic check"),
    ("due", "Due", "2026-03-15, 3w, 10d, friday, next friday", "due date"),
)


@dataclass(frozen=True)
class GoalDraft:
    wording: Wording
    note: str = ""  # why it was reworked


class GoalForm(FormScreen[GoalDraft | None]):
    """Gives a GoalDraft on save, None on escape. The checklist advises; it never blocks."""

    def __init__(self, heading: str, today: date, *, initial: Wording | None = None, ask_note: bool = False) -> None:
        super().__init__(classes="goal-form-screen")
        self._heading = heading
        self._today = today
        self._initial = initial or Wording()
        self._ask_note = ask_note

    def initial_field_value(self, name: str) -> str:
        value = getattr(self._initial, name)
        if isinstance(value, date):
            return value.isoformat()
        return value or ""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog goal-form"):
            yield Static(Text(self._heading), classes="dialog-title")
            for name, label, placeholder, _ in FIELDS:
                limit = TITLE_MAX if name == "title" else TEXT_MAX
                field = FormInput(self.initial_field_value(name), placeholder=placeholder, id=f"goal-{name}",
                                  compact=True, max_length=limit)  # fmt: skip
                yield field_row(label, field)
            yield Static("", id="due-preview", classes="goal-due-preview")
            if self._ask_note:
                yield field_row("Why", FormInput(placeholder="what changed (optional)", id="goal-note", compact=True))
            yield Static("", id="smart-checklist", classes="goal-checklist")
            yield self.error_line()
            yield self.hint()

    def on_mount(self) -> None:
        super().on_mount()
        self._refresh_checks()

    def on_input_changed(self, event: Input.Changed) -> None:
        self._refresh_checks()

    def field_value(self, name: str) -> str:
        return self.query_one(f"#goal-{name}", Input).value

    def _due(self) -> tuple[date | None, str | None]:
        try:
            return parse_optional_due(self.field_value("due"), self._today), None
        except DueDateError as error:
            return None, str(error)

    def _refresh_checks(self) -> None:
        due, error = self._due()
        if due:
            preview = f"→ {due.strftime('%A')} {due.isoformat()}"
        else:
            preview = "not a date yet: try 2026-03-15, 3w, 10d, tomorrow, friday" if error else "no due date"
        self.query_one("#due-preview", Static).update(Text(preview))
        checks = checklist(
            self._today, title=self.field_value("title"), measure=self.field_value("measure"), action=self.field_value("action"),
            realistic=self.field_value("realistic"), due=due, due_error="the due date does not read as a date" if error else None,
        )  # fmt: skip
        self.query_one("#smart-checklist", Static).update(checklist_content(checks))

    def save(self) -> None:
        parts: dict[str, str] = {}
        for name, _, _, what in FIELDS[:4]:
            try:
                parts[name] = clean_text(self.field_value(name), what, required=name == "title",
                                         limit=TITLE_MAX if name == "title" else TEXT_MAX)  # fmt: skip
            except GoalError as error:
                self.show_error(str(error), self.query_one(f"#goal-{name}", Input))
                return
        due, error = self._due()
        if error:
            self.show_error(error, self.query_one("#goal-due", Input))
            return
        note = self.field_value("note").strip() if self._ask_note else ""
        self.dismiss(GoalDraft(Wording(due=due, **parts), note))
