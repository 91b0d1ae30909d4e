"""Editing a circle's norms: add, edit, remove, reorder, or go back to the default set."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from circle.domain.circles.norms import MAX_NORM_LENGTH, clean_norms, default_norms
from circle.errors import CircleError
from circle.ui.dialogs import AskText, Confirm
from circle.ui.widgets.footer import KeyFooter


class NormsScreen(Screen[None]):
    HELP_TITLE = "Norms"
    DEFAULT_CLASSES = "home"  # styles/home.tcss applies only to these screens
    BINDINGS = [
        Binding("escape", "back", "Back", id="norms.back", show=False),
        Binding("a", "add", "Add", id="norms.add"),
        Binding("e", "edit", "Edit", id="norms.edit"),
        Binding("x", "remove", "Remove", id="norms.remove"),
        Binding("shift+up,K", "move(-1)", "Up", id="norms.up", key_display="⇧↑", tooltip="Move the norm up"),
        Binding("shift+down,J", "move(1)", "Down", id="norms.down", key_display="⇧↓", tooltip="Move the norm down"),
        Binding("r", "reset", "Default set", id="norms.reset"),
    ]

    def __init__(self, slug: str) -> None:
        super().__init__()
        self.slug = slug
        self.norms: list[str] = []

    def compose(self) -> ComposeResult:
        yield Static("", id="norms-title", classes="screen-title")
        yield Static(
            "How we work together; shown at every session's check-in. esc goes back.", classes="hint"
        )
        yield OptionList(id="norm-list")
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        circle = self.app.repo.get_circle(self.slug)
        self.query_one("#norms-title", Static).update(
            Text.assemble(("Norms", "bold"), "  ·  ", circle["name"])
        )
        self.norms = list(self.app.repo.get_norms(self.slug))
        self.show()

    def show(self, index: int | None = None) -> None:
        listing = self.query_one("#norm-list", OptionList)
        keep = listing.highlighted if index is None else index
        listing.clear_options()
        if not self.norms:
            listing.add_option(Option(Text("No norms yet: a adds one, r brings back the default set."), disabled=True))
        listing.add_options(
            Option(Text.assemble((f"{n:>2}. ", "dim"), norm)) for n, norm in enumerate(self.norms, start=1)
        )
        if self.norms:
            listing.highlighted = min(keep or 0, len(self.norms) - 1)
        listing.focus()

    def _current(self) -> int | None:
        index = self.query_one("#norm-list", OptionList).highlighted
        return index if self.norms and index is not None and index < len(self.norms) else None

    def _save(self, norms: list[str], index: int | None = None) -> bool:
        try:
            cleaned = clean_norms(norms)
            self.app.repo.set_norms(self.slug, cleaned)
        except CircleError as error:
            self.notify(str(error), severity="error", markup=False)
            return False
        self.norms = cleaned
        self.show(index)
        return True

    def _ask(self, question: str, initial: str, done) -> None:
        self.app.push_screen(AskText(question, initial=initial, max_length=MAX_NORM_LENGTH), done)

    def action_back(self) -> None:
        self.dismiss()

    def action_add(self) -> None:
        def added(text: str | None) -> None:
            if text:
                self._save(self.norms + [text], len(self.norms))

        self._ask("A new norm (We will ...)", "", added)

    def action_edit(self) -> None:
        index = self._current()
        if index is None:
            return

        def edited(text: str | None) -> None:
            if text:
                self._save(self.norms[:index] + [text] + self.norms[index + 1 :], index)

        self._ask(f"Norm {index + 1}", self.norms[index], edited)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_edit()

    def action_remove(self) -> None:
        index = self._current()
        if index is None:
            return

        def confirmed(yes: bool | None) -> None:
            if yes:
                self._save(self.norms[:index] + self.norms[index + 1 :], index)

        self.app.push_screen(Confirm(f"Remove this norm?\n\n{self.norms[index]}", yes="Remove", no="Keep"), confirmed)

    def action_move(self, step: int) -> None:
        index = self._current()
        if index is None or not 0 <= index + step < len(self.norms):
            return
        norms = list(self.norms)
        norms[index], norms[index + step] = norms[index + step], norms[index]
        self._save(norms, index + step)

    def action_reset(self) -> None:
        def confirmed(yes: bool | None) -> None:
            if yes:
                self._save(default_norms(), 0)

        self.app.push_screen(
            Confirm("Replace these norms with the default set?", yes="Replace", no="Keep"), confirmed
        )
