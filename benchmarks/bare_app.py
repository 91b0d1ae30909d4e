"""The reference for the benchmarks: a bare Textual app (Header, Static, Footer).

Run as a script, the same way the benchmarks start ``circle``: a Python process
that draws its first frame in the terminal it is given.

    python benchmarks/bare_app.py [TEXT]      # start-up reference: draws TEXT and idles
    python benchmarks/bare_app.py --tick      # idle reference: a countdown redrawn as its second turns
    python benchmarks/bare_app.py --keys      # per-key reference: each key updates the Static

``--tick`` keeps a countdown the way the session screen keeps its timers: it wakes just
after the moment the shown second turns (not on a fixed beat) and redraws the countdown.
``--keys`` writes, for each key, a line naming the key and a running count into the
Static: the least an app can do to show that a key was taken.
"""

from __future__ import annotations

import sys
import time

from textual import events
from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static

MARKER = "bare-app-ready"
TICK_AFTER = 0.005  # as the session screen: just past the moment the second turns
COUNTDOWN = 20 * 60


class BareApp(App[None]):
    def __init__(self, text: str = MARKER, *, tick: bool = False, keys: bool = False) -> None:
        super().__init__()
        self.text = text
        self.tick_clock = tick
        self.count_keys = keys
        self.keys_seen = 0
        self.shown = ""
        self.started = time.monotonic()

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(self.text, id="text")
        yield Footer()

    def on_mount(self) -> None:
        if self.tick_clock:
            self.tick()

    def tick(self) -> None:
        running = time.monotonic() - self.started
        self.set_timer(1.0 - running % 1.0 + TICK_AFTER, self.tick)
        left = max(0, COUNTDOWN - int(running))
        text = f"{self.text} {left // 60}:{left % 60:02d}"
        if text != self.shown:
            self.shown = text
            self.query_one("#text", Static).update(text)

    def on_key(self, event: events.Key) -> None:
        if self.count_keys:
            self.keys_seen += 1
            self.query_one("#text", Static).update(f"key {event.key} #{self.keys_seen}")


if __name__ == "__main__":
    flags = {arg for arg in sys.argv[1:] if arg.startswith("--")}
    words = [arg for arg in sys.argv[1:] if not arg.startswith("--")]
    BareApp(words[0] if words else MARKER, tick="--tick" in flags, keys="--keys" in flags).run()
