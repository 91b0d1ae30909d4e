"""Another holder of a file's lock, in a thread of its own, until told to let go."""

from __future__ import annotations

import threading
from pathlib import Path

from circle.store.locked_db import locked

HANG_GUARD = 120.0  # seconds: a guard against a hang, never a pace


class Holder:
    def __init__(self, path: Path) -> None:
        self.release, self.holding = threading.Event(), threading.Event()
        self.thread = threading.Thread(target=self._hold, args=(path,))
        self.thread.start()
        assert self.holding.wait(HANG_GUARD)

    def _hold(self, path: Path) -> None:
        with locked(path):
            self.holding.set()
            self.release.wait(HANG_GUARD)

    def stop(self) -> None:
        self.release.set()
        self.thread.join(HANG_GUARD)
