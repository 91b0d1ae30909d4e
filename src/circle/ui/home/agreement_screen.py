"""A circle's agreement: read it, edit it, sign it off, and be reminded to revisit it each term."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Input, Static, TextArea

from circle.domain.circles.agreement import TEXT_FIELDS, Agreement, AgreementError, parse_minutes
from circle.ui.dialogs import Confirm, PickMember
from circle.ui.home.form_fields import FormArea
from circle.ui.home.forms import Form, labelled
from circle.ui.home.guard import attempt
from circle.ui.widgets.footer import KeyFooter
from circle.ui.widgets.keys_in_order import TypedInput


def reminder(agreement: Agreement, today: date) -> str:
    """One line about the agreement's state; empty when nothing needs doing."""
    if agreement.last_reviewed is None:
        return "The agreement is not signed off yet."
    if agreement.needs_revisit(today):
        return f"Agreement last looked at {agreement.last_reviewed.isoformat()}: time to revisit it."
    return ""


def agreement_table(agreement: Agreement) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column(ratio=1)
    length = f"{agreement.minutes} minutes" if agreement.minutes else ""
    rows: list[tuple[str, str]] = [(label, getattr(agreement, name)) for name, label in TEXT_FIELDS]
    rows.insert(3, ("Length", length))
    for label, value in rows:
        table.add_row(label, Text(value) if value else Text("not agreed yet", style="dim italic"))
    signed = ", ".join(f"{s.who} on {s.on.isoformat()}" for s in agreement.signed)
    table.add_row("Signed off", Text(signed) if signed else Text("not yet", style="dim italic"))
    revisited = agreement.revisited.isoformat() if agreement.revisited else "not yet"
    table.add_row("Last revisited", Text(revisited))
    return table


class AgreementForm(Form[Agreement]):
    """Every field of the agreement; the long ones are multi-line."""

    LONG = {"contact", "roles", "confidentiality"}

    def __init__(self, save, agreement: Agreement) -> None:
        super().__init__(save, "Edit the agreement")
        self._agreement = agreement

    def fields(self) -> ComposeResult:
        for name, label in TEXT_FIELDS:
            value = getattr(self._agreement, name)
            widget = FormArea(value, id=f"ag-{name}", classes="form-area") if name in self.LONG else TypedInput(value=value, id=f"ag-{name}")
            yield from labelled(label, widget)
            if name == "place":
                minutes = str(self._agreement.minutes or "")
                yield from labelled("Length (minutes)", TypedInput(value=minutes, id="ag-minutes", type="integer"))
        yield Static(Text("enter moves to the next field; ctrl+j starts a new line in a long one"),
                     classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#ag-day", Input).focus()

    def values(self) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for name, _ in TEXT_FIELDS:
            widget = self.query_one(f"#ag-{name}")
            values[name] = widget.text if isinstance(widget, TextArea) else widget.value
        values["minutes"] = self.query_one("#ag-minutes", Input).value
        return values


class AgreementScreen(Screen[None]):
    HELP_TITLE = "Agreement"
    DEFAULT_CLASSES = "home"  # styles/home.tcss applies only to these screens
    BINDINGS = [
        Binding("escape", "back", "Back", id="agreement.back"),
        Binding("e", "edit", "Edit", id="agreement.edit"),
        Binding("s", "sign", "Sign off", id="agreement.sign"),
        Binding("v", "revisited", "Revisited today", id="agreement.revisited"),
    ]

    def __init__(self, slug: str) -> None:
        super().__init__()
        self.slug = slug
        self.agreement = Agreement()

    def compose(self) -> ComposeResult:
        yield Static("", id="agreement-title", classes="screen-title")
        yield Static("", id="agreement-reminder")
        with VerticalScroll(id="agreement-body"):
            yield Static("", id="agreement-table")
        yield KeyFooter(compact=True)

    @property
    def today(self) -> date:
        return self.app.clock.now().date()

    def on_mount(self) -> None:
        circle = self.app.repo.get_circle(self.slug)
        self.query_one("#agreement-title", Static).update(
            Text.assemble(("Agreement", "bold"), "  ·  ", circle["name"])
        )
        self.query_one("#agreement-body").focus()
        try:
            self.show(Agreement.from_dict(self.app.repo.get_agreement(self.slug)))
        except AgreementError as error:
            # Shown, not overwritten: only an explicit edit saves over it.
            self.query_one("#agreement-reminder", Static).update(Text(f"The saved agreement cannot be read: {error}"))

    def show(self, agreement: Agreement) -> None:
        self.agreement = agreement
        self.query_one("#agreement-table", Static).update(agreement_table(agreement))
        note = reminder(agreement, self.today)
        due = agreement.revisit_due()
        if note and due:
            note += " v marks it revisited."
        elif due:
            note = f"Next revisit due by {due.isoformat()}."
        self.query_one("#agreement-reminder", Static).update(Text(note))
        self.query_one("#agreement-reminder").set_class(agreement.needs_revisit(self.today), "due")

    def _store(self, agreement: Agreement) -> Agreement:
        self.app.repo.set_agreement(self.slug, agreement.to_dict())
        return agreement

    def action_back(self) -> None:
        self.dismiss()

    def action_edit(self) -> None:
        def save(values: dict[str, Any]) -> Agreement:
            minutes = parse_minutes(values.pop("minutes"))
            return self._store(replace(self.agreement, **values, minutes=minutes))

        self.app.push_screen(AgreementForm(save, self.agreement), lambda a: a and self.show(a))

    def action_sign(self) -> None:
        missing = self.agreement.not_agreed()
        if not missing:
            self._sign()
            return
        question = (f"Not agreed yet: {', '.join(missing)}. Sign off anyway? "
                    "(e edits the agreement first)")
        self.app.push_screen(Confirm(question, yes="Sign off", no="Not yet"),
                             lambda sure: self._sign() if sure else None)

    def _sign(self) -> None:
        members = attempt(self, "Cannot read the members", lambda: self.app.repo.list_members(self.slug)) or []
        signed = {s.who for s in self.agreement.signed}
        choices = [(m.name, m.name + ("  (signed)" if m.name in signed else "")) for m in members]
        if not choices:
            self.notify("Add members first: they sign the agreement.", severity="warning")
            return

        def picked(name: str | None) -> None:
            signed = self.agreement.sign(name, self.today) if name else None
            if signed and attempt(self, "Not signed", lambda: self._store(signed)):
                self.show(signed)
                self.notify(f"Signed off by {name} on {self.today.isoformat()}.", markup=False)

        self.app.push_screen(PickMember("Who is signing the agreement?", choices), picked)

    def action_revisited(self) -> None:
        revisited = self.agreement.mark_revisited(self.today)
        if attempt(self, "Not saved", lambda: self._store(revisited)):
            self.show(revisited)
            self.notify(f"Marked as revisited on {self.today.isoformat()}.")
