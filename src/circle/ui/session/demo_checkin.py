"""The demo's check-in: from the first screen it says where the demo's data is, and the command
that follows its session from a second terminal."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static

from circle import hints
from circle.ui.session.checkin import CheckInScreen


def follow_command(home: Path, slug: str) -> str:
    return hints.command("--home", str(home), "watch", slug)


def banner_text(home: Path, slug: str) -> Text:
    """Two lines; the command has the second to itself, so a long data home wraps as a whole
    word and is never cut."""
    text = Text.assemble(("Demo data in ", "bold"), str(home), " · a second terminal follows it with:\n")
    text.append(follow_command(home, slug), style="bold")
    return text


class DemoBanner(Static):
    DEFAULT_CSS = """
    DemoBanner { height: auto; padding: 0 1; margin-bottom: 1; background: $boost; }
    """


class DemoCheckIn(CheckInScreen):
    def compose(self) -> ComposeResult:
        yield DemoBanner(banner_text(self.setup.repo.home, self.setup.slug), id="demo-banner")
        yield from super().compose()
