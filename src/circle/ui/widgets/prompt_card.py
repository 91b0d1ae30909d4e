"""The prompt drawn from a deck, shown large in question phases; a case story with its ideas."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from circle.domain.session.keys import DEFAULTS, KeyNames
from circle.ui.widgets.block_letters import BigWords
from circle.ui.widgets.shown_static import ShownStatic


class PromptCard(Vertical):
    """``show(text, detail, number, label)``: text None means nothing drawn yet in this phase.

    A prompt's detail (a case story's ideas from mentors) stays folded until ``ideas_shown``
    is set, so the circle thinks first; the caption says which key unfolds it.
    """

    DEFAULT_CSS = """
    PromptCard { height: auto; }
    PromptCard > Static { height: auto; }
    PromptCard > BigWords { display: none; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: tuple | None = None
        self.keys: KeyNames | None = DEFAULTS  # None where nobody can draw (a follower): no key is suggested
        self.ideas_shown = False

    def compose(self) -> ComposeResult:
        yield ShownStatic(id="prompt-caption", classes="prompt-caption")
        yield ShownStatic(id="prompt-text")
        yield BigWords(id="prompt-big")  # instead of the text, where the styles have room for it
        yield ShownStatic(id="prompt-detail")

    @property
    def has_detail(self) -> bool:
        return bool(self._shown and self._shown[0] and self._shown[1])

    def show(self, text: str | None, detail: str = "", number: int = 0, label: str = "Prompt",
             earlier: bool = False) -> None:
        """number: which of this phase's draws is showing; earlier: an earlier one can come back."""
        shown = (text, detail, number, label, earlier, self.ideas_shown)
        if shown == self._shown:
            return
        if self._shown and self._shown[:2] != (text, detail):
            self.ideas_shown = False  # a new story: its ideas fold again
            shown = (text, detail, number, label, earlier, False)
        self._shown = shown
        caption = Text(f"{label} {number}" if text else label, style="bold")
        hints = []
        keys = self.keys
        if keys is not None and text and detail:
            ideas = keys["session.ideas"]
            hints.append(f"{ideas} hides the ideas" if self.ideas_shown else f"{ideas} shows ideas from mentors")
        if keys is not None and earlier:
            hints.append(f"{keys['session.previous_prompt']} brings back {label.lower()} {number - 1}")
        if hints:
            caption.append("  ·  " + "  ·  ".join(hints), style="dim")
        self.query_one("#prompt-caption", ShownStatic).show(caption)
        article = "an" if label[:1].lower() in "aeiou" else "a"
        empty = (f"press {keys['session.draw']} to draw {article} {label.lower()}" if keys is not None
                 else f"no {label.lower()} drawn yet")
        body = Text(text, style="bold") if text else Text(empty, style="dim")
        self.query_one("#prompt-text", ShownStatic).show(body)
        self.query_one(BigWords).show(text or "")
        ideas = Text("Ideas from mentors", style="bold")
        for idea in detail.splitlines():
            ideas.append(f"\n• {idea}")
        self.query_one("#prompt-detail", ShownStatic).show(ideas)
        self.query_one("#prompt-detail").display = bool(detail) and self.ideas_shown
        self.set_class(not text, "-empty")

    def toggle_ideas(self) -> None:
        if self._shown:
            self.ideas_shown = not self.ideas_shown
            self.show(*self._shown[:5])
