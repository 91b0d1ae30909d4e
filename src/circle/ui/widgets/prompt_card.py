"""The prompt drawn from a deck, shown large in question phases."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static


class PromptCard(Vertical):
    """``show(text, detail, drawn)``: text None means nothing drawn yet in this phase."""

    DEFAULT_CSS = """
    PromptCard { height: auto; }
    PromptCard > Static { height: auto; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: tuple | None = None
        self.keys = True  # False where nobody can draw (a follower): no key is suggested

    def compose(self) -> ComposeResult:
        yield Static(id="prompt-caption", classes="prompt-caption")
        yield Static(id="prompt-text")
        yield Static(id="prompt-detail")

    def show(self, text: str | None, detail: str = "", drawn: int = 0) -> None:
        shown = (text, detail, drawn)
        if shown == self._shown:
            return
        self._shown = shown
        caption = f"Prompt {drawn}" if text else "Prompt"
        self.query_one("#prompt-caption", Static).update(Text(caption))
        empty = "press d to draw a prompt" if self.keys else "no prompt drawn yet"
        body = Text(text, style="bold") if text else Text(empty, style="dim")
        self.query_one("#prompt-text", Static).update(body)
        self.query_one("#prompt-detail", Static).update(Text(detail))
        self.query_one("#prompt-detail").display = bool(detail)
        self.set_class(not text, "-empty")
