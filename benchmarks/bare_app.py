"""The reference for the start-up benchmark: a bare Textual app (Header, Static, Footer).

Run as a script, the same way the benchmark starts ``circle run``: a Python process
that draws its first frame in the terminal it is given.
"""

from __future__ import annotations

import sys

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static

MARKER = "bare-app-ready"


class BareApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(sys.argv[1] if len(sys.argv) > 1 else MARKER)
        yield Footer()


if __name__ == "__main__":
    BareApp().run()
