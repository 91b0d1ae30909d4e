"""Whose turn it is, large, and the round around it: next up, spoken, passed, raised hands."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical

from circle.domain.session.keys import DEFAULTS, KeyNames
from circle.ui.widgets.shown_static import ShownStatic


@dataclass(frozen=True)
class Turns:
    """Names (not ids) as they are to be shown; mode is the phase's turn mode."""

    mode: str
    speaker: str | None = None
    next_up: tuple[str, ...] = ()
    spoken: tuple[str, ...] = ()
    passed: tuple[str, ...] = ()
    hands: tuple[str, ...] = ()


def names_line(label: str, names: tuple[str, ...], empty: str = "nobody") -> Text:
    text = Text(f"{label}  ", style="bold")
    if not names:
        text.append(empty, style="dim")
    for i, name in enumerate(names):
        if i:
            text.append(", ")
        text.append(name)
    return text


def names_block(label: str, names: tuple[str, ...], empty: str) -> Text:
    """A heading and one numbered name per line: the order matters here."""
    text = Text(label, style="bold")
    if not names:
        text.append(f"\n  {empty}", style="dim")
    for number, name in enumerate(names, 1):
        text.append(f"\n  {number}. ")
        text.append(name)
    return text


def speaker_caption(turns: Turns) -> str:
    if turns.mode == "open":
        return "Has the floor"
    if turns.mode == "round":
        return "Speaking now"
    return "Whole group"


def speaker_text(turns: Turns, keys: KeyNames | None = DEFAULTS) -> Text:
    """The speaker, or what comes next; keys None (a follower) names no key to press."""
    if turns.speaker:
        return Text(turns.speaker, style="bold")
    if turns.mode == "round":
        start = f"press {keys['session.next']} for the first speaker" if keys is not None else "waiting for the first speaker"
        return Text(start if not turns.spoken else "round complete", style="dim")
    if turns.mode == "open" and turns.hands:
        first = turns.hands[0]
        return Text(f"{keys['session.next']} gives the floor to {first}" if keys is not None else f"next: {first}",
                    style="dim")
    if turns.mode == "open":
        return Text(f"open floor: {keys['session.hand']} raises a hand" if keys is not None else "open floor",
                    style="dim")
    return Text("everyone", style="dim")


class TurnQueue(Vertical):
    """Configured with ``show(Turns)``; redraws only when the turns change."""

    DEFAULT_CSS = """
    TurnQueue { height: auto; }
    TurnQueue > Static { height: auto; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: Turns | None = None
        self._next_rows = 0  # the "Next" block's height in this round: its longest list
        self.keys: KeyNames | None = DEFAULTS  # None where nobody can press them (a follower): no key is suggested

    def compose(self) -> ComposeResult:
        yield ShownStatic(id="speaker-caption", classes="turn-caption")
        yield ShownStatic(id="speaker-name")
        yield ShownStatic(id="next-up", classes="turn-line")
        yield ShownStatic(id="hands", classes="turn-line")
        yield ShownStatic(id="spoken", classes="turn-line")
        yield ShownStatic(id="passed", classes="turn-line")

    def show(self, turns: Turns) -> None:
        if turns == self._shown:
            return
        self._shown = turns
        self.query_one("#speaker-caption", ShownStatic).show(Text(speaker_caption(turns)))
        self.query_one("#speaker-name", ShownStatic).show(speaker_text(turns, self.keys))
        self.query_one("#speaker-name").set_class(turns.speaker is None, "-nobody")
        rounds = turns.mode == "round"
        next_up = self.query_one("#next-up", ShownStatic)
        # The block keeps the height of its longest list all round, so the lines under it stay
        # put as names leave it (and the screen need not be laid out again after each turn).
        rows = max(self._next_rows, 1 + max(1, len(turns.next_up))) if rounds else 0
        if rows != self._next_rows:
            self._next_rows = rows
            next_up.styles.height = rows or "auto"
        next_up.show(names_block("Next", turns.next_up, "end of the round"))
        self.query_one("#hands", ShownStatic).show(names_block("Hands", turns.hands, "none raised"))
        self.query_one("#spoken", ShownStatic).show(names_line("Spoken", turns.spoken))
        self.query_one("#passed", ShownStatic).show(names_line("Passed", turns.passed))
        self.query_one("#next-up").display = rounds
        self.query_one("#passed").display = rounds
        self.query_one("#hands").display = turns.mode == "open" or bool(turns.hands)
        self.query_one("#spoken").display = turns.mode != "none"
