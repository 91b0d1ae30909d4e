"""One circle: its name and description, who facilitates it, members, and the way to its norms,
agreement and history."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Static

from circle import hints
from circle.domain.server.access import AccessDenied, Action
from circle.domain.circles.agreement import Agreement, AgreementError
from circle.domain.circles.members import Member
from circle.ui.dialogs import Confirm
from circle.ui.home import navigation
from circle.ui.home.agreement_screen import AgreementScreen, reminder
from circle.ui.home.facilitators import FacilitatorsForm, facilitators_line
from circle.ui.home.forms import CircleForm, MemberForm
from circle.ui.home.guard import attempt
from circle.ui.home.history_screen import HistoryScreen
from circle.ui.home.norms_screen import NormsScreen
from circle.ui.widgets.footer import KeyFooter


class CircleScreen(Screen[None]):
    HELP_TITLE = "Circle"
    DEFAULT_CLASSES = "home"  # styles/home.tcss applies only to these screens
    BINDINGS = [
        Binding("escape", "back", "Home", id="circle.back", show=False),
        Binding("a", "add_member", "Add", id="circle.add_member", tooltip="Add a member"),
        Binding("e", "edit_member", "Edit", id="circle.edit_member", tooltip="Edit the highlighted member"),
        Binding("x", "remove_member", "Remove", id="circle.remove_member", tooltip="Remove the highlighted member"),
        Binding("o", "norms", "Norms", id="circle.norms"),
        Binding("t", "agreement", "Agreement", id="circle.agreement"),
        Binding("h", "history", "History", id="circle.history"),
        Binding("s", "start_session", "Session", id="circle.start", tooltip="Start a session"),
        Binding("c", "edit_circle", "Rename or describe the circle", id="circle.edit", show=False),
        Binding("g", "goals", "Goals of the highlighted member", id="circle.goals", show=False),
        Binding("f", "facilitators", "Facilitators", id="circle.facilitators", show=False,
                tooltip="Name who facilitates the circle, or give it back to its mentors"),
    ]

    def __init__(self, slug: str) -> None:
        super().__init__()
        self.slug = slug
        self.circle: dict[str, Any] = {}
        self.members: list[Member] = []
        self.facilitators: list[str] = []  # named logins; empty: its mentors

    def compose(self) -> ComposeResult:
        yield Static("", id="circle-title", classes="screen-title")
        yield Static("", id="circle-description")
        yield Static("", id="circle-reminder")
        yield Static("", id="circle-facilitators")
        table: DataTable = DataTable(id="member-table", cursor_type="row", zebra_stripes=True)
        table.add_columns("Name", "Role", "Experience", "Login")
        yield table
        yield Static("", id="circle-former", classes="hint")
        yield Static("enter edits a member  g their goals  c renames the circle  esc home  ? keys", classes="hint")
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        self.reload()

    def on_screen_resume(self) -> None:
        self.reload()

    def reload(self, select: str | None = None) -> None:
        repo = self.app.repo
        loaded = attempt(
            self, "Cannot read the circle",
            lambda: (
                repo.get_circle(self.slug),
                repo.list_members(self.slug, include_inactive=True),
                repo.get_facilitators(self.slug),
                repo.may(Action.EDIT_CIRCLE, self.slug),
            ),
        )
        if loaded is None:
            return
        self.circle, everyone, self.facilitators, may_edit = loaded
        self.members = [m for m in everyone if m.active]
        self.query_one("#circle-facilitators", Static).update(
            facilitators_line(self.facilitators, self.members, may_change=may_edit)
        )
        former = len(everyone) - len(self.members)
        self.query_one("#circle-title", Static).update(Text(self.circle["name"], style="bold"))
        description = self.circle.get("description", "")
        self.query_one("#circle-description", Static).update(Text(description))
        self.query_one("#circle-description").display = bool(description)
        try:
            agreement = Agreement.from_dict(repo.get_agreement(self.slug))
            note = reminder(agreement, self.app.clock.now().date())
            note = f"{note} (t)" if note else ""
        except AgreementError as error:
            note = str(error)
        except AccessDenied:
            note = ""  # an admin outside the circle manages its roster; the agreement is its members'
        self.query_one("#circle-reminder", Static).update(Text(note))
        self.query_one("#circle-reminder").display = bool(note)
        self.query_one("#circle-former", Static).update(
            Text(
                f"{former} former member{'s' if former != 1 else ''}: their history is kept."
                if former
                else (f"No members yet: a adds one, or {hints.command('import', 'ROSTER.csv', '--circle', self.slug)}"
                      if not self.members else "")
            )
        )
        table = self.query_one("#member-table", DataTable)
        keep = select or self.selected_id()
        table.clear()
        for member in self.members:
            table.add_row(
                Text(member.name), member.role, member.experience, Text(member.username or ""), key=member.id
            )
        ids = [m.id for m in self.members]
        if keep in ids:
            table.move_cursor(row=ids.index(keep))
        table.focus()

    def selected_id(self) -> str | None:
        table = self.query_one("#member-table", DataTable)
        if not self.members or table.cursor_row is None or table.cursor_row >= len(self.members):
            return None
        return self.members[table.cursor_row].id

    def selected_member(self) -> Member | None:
        wanted = self.selected_id()
        return next((m for m in self.members if m.id == wanted), None)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit_member()

    def action_back(self) -> None:
        self.dismiss()

    def action_add_member(self) -> None:
        def save(values: dict) -> Member:
            return self.app.repo.add_member(self.slug, **values)

        self.app.push_screen(MemberForm(save), lambda m: m and self.reload(select=m.id))

    def action_edit_member(self) -> None:
        member = self.selected_member()
        if member is None:
            self.notify("No member to edit: a adds one.", severity="warning")
            return

        def save(values: dict) -> Member:
            return self.app.repo.update_member(self.slug, member.id, **values)

        self.app.push_screen(MemberForm(save, member), lambda m: m and self.reload(select=m.id))

    def action_remove_member(self) -> None:
        member = self.selected_member()
        if member is None:
            return

        def confirmed(yes: bool | None) -> None:
            if yes and attempt(self, "Not removed", lambda: self.app.repo.remove_member(self.slug, member.id) or True):
                self.reload()
                self.notify(f"{member.name} removed; their history is kept.", markup=False)

        question = f"Remove {member.name} from {self.circle['name']}? They leave new sessions; past sessions and goals keep their name."
        self.app.push_screen(Confirm(question, yes="Remove", no="Keep"), confirmed)

    def action_edit_circle(self) -> None:
        def save(values: dict) -> dict:
            return self.app.repo.update_circle(self.slug, **values)

        def saved(circle: dict | None) -> None:
            if circle:
                self.slug = circle["slug"]
                self.reload()

        self.app.push_screen(CircleForm(save, self.circle), saved)

    def action_facilitators(self) -> None:
        repo = self.app.repo
        # Refused before the form opens: nobody ticks members only to be told no.
        if not self.allowed(Action.EDIT_CIRCLE, "Cannot change the facilitators"):
            return

        def save(values: dict) -> list[str]:
            repo.set_facilitators(self.slug, values["usernames"])
            return values["usernames"]

        form = FacilitatorsForm(save, self.members, self.facilitators)
        self.app.push_screen(form, lambda named: named is None or self.reload())

    def allowed(self, action: Action, refusal: str) -> bool:
        """Whether the actor may take action on the circle; if not, a notice (refusal: why) says so."""
        return bool(attempt(self, refusal, lambda: self.app.repo.require(action, self.slug) or True))

    def may_read(self, what: str) -> bool:
        """Whether the actor may read the circle's content; if not, a notice says why."""
        return self.allowed(Action.READ, f"Cannot open the {what}")

    def action_norms(self) -> None:
        if self.may_read("norms"):
            self.app.push_screen(NormsScreen(self.slug))

    def action_agreement(self) -> None:
        if self.may_read("agreement"):
            self.app.push_screen(AgreementScreen(self.slug))

    def action_history(self) -> None:
        if self.may_read("history"):
            self.app.push_screen(HistoryScreen(self.slug))

    def action_start_session(self) -> None:
        navigation.start_session(self.app, self.slug)

    def action_goals(self) -> None:
        navigation.open_goals(self.app, self.slug, self.selected_id())
