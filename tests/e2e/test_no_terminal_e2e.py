"""Every full-screen command started without a terminal (standard input /dev/null, a file or a
pipe at its end) says so in one line and exits, instead of reading the end of input for ever."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest

from conftest import CIRCLE, run_circle

pytestmark = pytest.mark.e2e

# A bound for a busy machine; the refusal itself comes as soon as the command would open the screen.
REFUSED_WITHIN = 5.0
HUNG = 30.0  # a command still running after this is killed: it would have run for ever

FULL_SCREEN = [[], ["home"], ["goals"], ["run", "Maths"], ["watch", "Maths"], ["demo"]]


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("no-terminal") / "home"
    assert run_circle(home, "circles", "add", "Maths").returncode == 0
    added = subprocess.run([str(CIRCLE), "--home", str(home), "--actor", "me", "import", "-", "--circle", "Maths"],
                           input="name,role,username\nMe,mentor,me\n", capture_output=True, text=True, timeout=120)
    assert added.returncode == 0, added.stderr
    return home


@pytest.mark.parametrize("command", FULL_SCREEN, ids=lambda argv: " ".join(argv) or "circle")
@pytest.mark.parametrize("stdin", ["/dev/null", "a file"])
def test_a_full_screen_command_without_a_terminal_says_so_and_exits(home: Path, tmp_path: Path,
                                                                   command: list[str], stdin: str) -> None:
    source = Path(os.devnull) if stdin == "/dev/null" else tmp_path / "keys.txt"
    if stdin == "a file":
        source.write_text("q\n")
    env = {**os.environ, "CIRCLE_HOME": str(home), "TERM": "xterm-256color"}
    started = time.monotonic()
    with open(source, "rb") as keys:
        try:
            result = subprocess.run([str(CIRCLE), "--actor", "me", *command], stdin=keys, capture_output=True,
                                    text=True, env=env, timeout=HUNG)  # fmt: skip
        except subprocess.TimeoutExpired:
            pytest.fail(f"circle {' '.join(command)} was still running after {HUNG:.0f} s without a terminal")
    took = time.monotonic() - started
    assert result.returncode == 2, result.stderr
    assert result.stderr.count("\n") == 1 and "needs a terminal" in result.stderr, result.stderr
    assert took < REFUSED_WITHIN, f"took {took:.1f} s"
