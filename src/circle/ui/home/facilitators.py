"""Who facilitates a circle: the line the circle screen shows, and the form that names them.

A circle's facilitators are its mentors unless it names members of its own (by their
login names). The form ticks members; saving with none ticked gives it back to its mentors.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from circle.domain.circles.members import Member
from circle.ui.home.forms import Form


def who_facilitates(named: Sequence[str], members: Sequence[Member]) -> Text:
    """The named facilitators by name, or "its mentors" and who they are (members: the active ones)."""
    if named:
        by_login = {m.username: m.name for m in members if m.username}
        # A named login that is no longer an active member facilitates nothing: say so.
        names = [by_login.get(login) or f"{login} (not a member now)" for login in named]
        return Text(", ".join(names))
    mentors = ", ".join(m.name for m in members if m.role == "mentor")
    return Text(f"its mentors ({mentors})" if mentors else "its mentors (none yet)")


def facilitators_line(named: Sequence[str], members: Sequence[Member], may_change: bool) -> Text:
    line = Text.assemble(("Facilitators: ", "bold"), who_facilitates(named, members))
    if may_change:
        line.append("  (f)", style="dim")
    return line


def tick_label(member: Member, ticked: bool) -> Text:
    """A member as a line to tick: the mark is a character, so it shows without colour too."""
    text = Text("[✓] " if ticked else "[ ] ", style="bold" if ticked else "dim")
    text.append(member.name)
    text.append(f"  {member.role}" if member.username else f"  {member.role}, no login name", style="dim")
    return text


class FacilitatorsForm(Form[list[str]]):
    """The circle's active members to tick; only a member with a login name can facilitate."""

    BINDINGS = [
        Binding("space", "toggle", "Tick", id="facilitators.toggle", tooltip="Tick or untick the highlighted member"),
        Binding("m", "mentors", "Its mentors", id="facilitators.mentors",
                tooltip="Untick everyone: the circle's mentors facilitate"),
    ]  # fmt: skip

    def __init__(
        self, save: Callable[[dict[str, Any]], list[str]], members: Sequence[Member], named: Sequence[str]
    ) -> None:
        super().__init__(save, "Who facilitates this circle?")
        self._members = list(members)
        logins = {m.username for m in self._members if m.username}
        self._ticked = {login for login in named if login in logins}

    def fields(self) -> ComposeResult:
        yield OptionList(
            *(Option(tick_label(m, m.username in self._ticked), id=m.id, disabled=not m.username)
              for m in self._members),
            id="facilitator-list",
        )  # fmt: skip
        yield Static("", id="facilitators-after")
        yield Static(Text("space or enter ticks a member  m none: its mentors"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#facilitator-list").focus()
        self._show()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_toggle()

    def action_toggle(self) -> None:
        listing = self.query_one("#facilitator-list", OptionList)
        index = listing.highlighted
        login = self._members[index].username if index is not None else None
        if login:
            self._ticked ^= {login}
            self._show()

    def action_mentors(self) -> None:
        self._ticked.clear()
        self._show()

    def _chosen(self) -> list[str]:
        return [m.username for m in self._members if m.username and m.username in self._ticked]  # roster order

    def _show(self) -> None:
        listing = self.query_one("#facilitator-list", OptionList)
        for member in self._members:
            listing.replace_option_prompt(member.id, tick_label(member, member.username in self._ticked))
        # A count, not names: the ticks show who, and one line keeps the buttons in view at 80x24.
        count = len(self._chosen())
        after = f"{count} ticked: they facilitate, not its mentors." if count else "None ticked: its mentors facilitate."
        self.query_one("#facilitators-after", Static).update(Text(after))

    def values(self) -> dict[str, Any]:
        return {"usernames": self._chosen()}
