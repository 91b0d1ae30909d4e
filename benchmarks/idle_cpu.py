"""CPU used while a session sits with its timers ticking, against a bare Textual app ticking
the same clock: target at most 1.2 times the bare app, at 80x24 and at 200x60.

``circle run "Demo Circle"`` starts in a pseudo-terminal on a seeded demo home; the
check-in is confirmed so the session runs with the speaker and phase timers counting
down, then nobody touches it. Beside it, over the same stretch and at the same size,
runs a bare Textual app (Header, Static, Footer; ``bare_app.py --tick``) with a 4 Hz
clock that redraws a countdown when its text changes: the same clock the session
screen ticks, and the same once-a-second redraw of a timer, so the ratio is what
circle's screen costs beyond any Textual app keeping a clock. CPU time is user +
system, from /proc, over the measured stretch, divided by the wall time.

    python benchmarks/idle_cpu.py [--seconds 30] [--size 80x24,200x60]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from pseudo_terminal import PseudoTerminalProcess, terminal_env  # noqa: E402

TARGET = 1.2  # circle / the bare app ticking the same clock
SETTLE_SECONDS = 3.0  # start-up work finishing, before the measured stretch
CIRCLE_NAME = "Demo Circle"
RUNNING_MARKER = "Positive opener"  # the first phase's title, shown once the session runs


def seed(home: Path) -> str:
    from circle.domain.circles.members import Member
    from circle.store.demo_data import seed_demo
    from circle.store.repository import Repository

    repo = Repository(home, "bench")
    seed_demo(repo)
    members: list[Member] = repo.list_members(CIRCLE_NAME)
    return members[0].name


def measure(home: Path, first_name: str, width: int, height: int, seconds: float) -> tuple[float, float, float]:
    """CPU seconds of circle and of the bare app over the same stretch, and its wall time."""
    circle = PseudoTerminalProcess(
        [sys.executable, "-m", "circle", "run", CIRCLE_NAME], terminal_env({"CIRCLE_HOME": str(home)}),
        width, height,
    )
    bare = PseudoTerminalProcess([sys.executable, str(HERE / "bare_app.py"), "--tick"], terminal_env(), width, height)
    try:
        circle.wait_for(first_name)
        circle.send("\r")  # confirm the check-in: the session starts and its timers run
        circle.wait_for(RUNNING_MARKER)
        bare.wait_for("bare-app-ready")
        time.sleep(SETTLE_SECONDS)
        start = time.monotonic()
        circle_before, bare_before = circle.cpu_seconds(), bare.cpu_seconds()
        time.sleep(seconds)
        wall = time.monotonic() - start
        return circle.cpu_seconds() - circle_before, bare.cpu_seconds() - bare_before, wall
    finally:
        circle.stop()
        bare.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=30.0, help="length of each measured stretch")
    parser.add_argument("--size", default="80x24,200x60", metavar="WxH[,WxH]", help="terminal sizes (default 80x24,200x60)")
    args = parser.parse_args()
    ok = True
    for size in args.size.split(","):
        width, height = (int(n) for n in size.lower().split("x"))
        with tempfile.TemporaryDirectory(prefix="circle-bench-") as tmp:
            home = Path(tmp) / "home"
            circle_used, bare_used, wall = measure(home, seed(home), width, height, args.seconds)
        ratio = circle_used / bare_used if bare_used else float("inf")
        print(f"over {wall:.1f} s of a running session left alone, at {width}x{height}:")
        print(f"  circle run, timers ticking        {circle_used:6.2f} s CPU = {circle_used / wall:6.2%} of one core")
        print(f"  bare Textual app, 4 Hz clock      {bare_used:6.2f} s CPU = {bare_used / wall:6.2%} of one core")
        print(f"  ratio {ratio:.2f} (target <= {TARGET}): {'ok' if ratio <= TARGET else 'OVER TARGET'}")
        ok = ok and ratio <= TARGET
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
