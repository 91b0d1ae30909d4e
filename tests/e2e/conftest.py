"""A real terminal for end-to-end tests: the installed ``circle`` command inside tmux.

Each test gets its own tmux server (``tmux -L <unique name>``) so tests never share
state, and a scratch data home. The screen is read with ``capture-pane`` and polled
in a bounded loop: a real terminal redraws when it likes, so waiting for text is the
only honest synchronisation.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

# The command under test is the one installed beside this interpreter.
CIRCLE = Path(sys.executable).parent / "circle"
POLL_SECONDS = 0.05
# Bounds, not paces: a wait ends as soon as the screen is right; these only stop a hung
# test, and must hold on a machine busy with other work, where a redraw can take seconds.
WAIT_SECONDS = 120.0
TMUX_SECONDS = 60.0
COMMAND_SECONDS = 300.0


class Terminal:
    """One tmux server with one window running one command."""

    def __init__(self, workdir: Path) -> None:
        self.socket = f"circle-e2e-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.config = workdir / "tmux.conf"
        # Keep the pane after the command exits so its last words can be read;
        # no escape delay, so a key press arrives as it was sent.
        self.config.write_text(
            "set -g remain-on-exit on\nset -s escape-time 0\nset -g status off\n"
            "set -g history-limit 0\n",
            encoding="utf-8",
        )
        self.started = False

    def tmux(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["tmux", "-L", self.socket, "-f", str(self.config), *args],
            capture_output=True,
            text=True,
            check=check,
            timeout=TMUX_SECONDS,
        )

    def start(self, argv: list[str], env: dict[str, str], width: int = 100, height: int = 30) -> None:
        # A clean environment: the test runner's own (COLUMNS and LINES, say) must not
        # reach the app and override the terminal's real size.
        base = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": os.environ.get("HOME", "/")}
        assignments = [f"{name}={value}" for name, value in {**base, **env}.items()]
        command = shlex.join(["env", "-i", *assignments, *argv])
        self.tmux("new-session", "-d", "-s", "e2e", "-x", str(width), "-y", str(height), command)
        self.started = True

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "e2e").stdout

    def press(self, *keys: str) -> None:
        for key in keys:
            self.tmux("send-keys", "-t", "e2e", key)

    def resize(self, width: int, height: int) -> None:
        self.tmux("resize-window", "-t", "e2e", "-x", str(width), "-y", str(height))

    def size(self) -> tuple[int, int]:
        out = self.tmux("display-message", "-p", "-t", "e2e", "#{pane_width} #{pane_height}").stdout
        width, height = out.split()
        return int(width), int(height)

    def exited(self) -> bool:
        out = self.tmux("display-message", "-p", "-t", "e2e", "#{pane_dead}", check=False).stdout
        return out.strip() == "1"

    def wait_for(self, *texts: str, timeout: float = WAIT_SECONDS) -> str:
        """Wait until every text is on the screen at once; fail with the screen if not."""
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if all(text in screen for text in texts):
                return screen
            if self.exited():
                break
            time.sleep(POLL_SECONDS)
        missing = [text for text in texts if text not in screen]
        raise AssertionError(f"not on screen: {missing!r}\n--- screen ---\n{screen}")

    def wait_for_match(self, pattern: str, timeout: float = WAIT_SECONDS) -> re.Match[str]:
        """Wait until a regular expression (multiline) matches the screen; returns the match."""
        compiled = re.compile(pattern, re.MULTILINE)
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            found = compiled.search(screen)
            if found:
                return found
            if self.exited():
                break
            time.sleep(POLL_SECONDS)
        raise AssertionError(f"no match for {pattern!r}\n--- screen ---\n{screen}")

    def wait_until_gone(self, text: str, timeout: float = WAIT_SECONDS) -> str:
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if text not in screen:
                return screen
            time.sleep(POLL_SECONDS)
        raise AssertionError(f"still on screen: {text!r}\n--- screen ---\n{screen}")

    def wait_for_exit(self, timeout: float = WAIT_SECONDS) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.exited():
                return
            time.sleep(POLL_SECONDS)
        raise AssertionError(f"the command did not exit\n--- screen ---\n{self.screen()}")

    def close(self) -> None:
        if self.started:
            self.tmux("kill-server", check=False)


@pytest.fixture
def scratch_home(tmp_path: Path) -> Path:
    home = tmp_path / "home"
    home.mkdir(mode=0o700)
    return home


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    if shutil.which("tmux") is None:
        if os.environ.get("CI"):
            # CI installs tmux (.ci/run): an end-to-end run without it must not pass quietly.
            pytest.fail("tmux is not installed, and CI needs the end-to-end tests")
        pytest.skip("tmux is not installed")
    term = Terminal(tmp_path)
    try:
        yield term
    finally:
        term.close()


def circle_env(home: Path) -> dict[str, str]:
    """The environment the command runs with inside tmux: a scratch home, a known terminal."""
    return {"CIRCLE_HOME": str(home), "TERM": "xterm-256color", "COLORTERM": "truecolor", "LANG": "C.UTF-8"}


def run_circle(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run a non-interactive circle command against the scratch home."""
    env = {**os.environ, "CIRCLE_HOME": str(home)}
    return subprocess.run([str(CIRCLE), *args], capture_output=True, text=True, env=env, timeout=COMMAND_SECONDS)
