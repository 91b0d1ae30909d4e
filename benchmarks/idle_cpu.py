"""CPU used while a session sits with its timer ticking: target at most 2% of one core.

``circle run "Demo Circle"`` starts in a pseudo-terminal on a seeded demo home; the
check-in is confirmed so the session runs with the speaker and phase timers counting
down, then nobody touches it. Its CPU time (user + system, from /proc) over the
measured stretch, divided by the wall time, is the share of one core. A bare Textual
app (Header, Static, Footer) idles beside it over the same stretch, as the floor any
Textual app stands on.

    python benchmarks/idle_cpu.py [--seconds 30] [--size 100x30]
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

TARGET = 0.02  # of one core
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=30.0, help="length of the measured stretch")
    parser.add_argument("--size", default="100x30", metavar="WxH", help="terminal size (default 100x30)")
    args = parser.parse_args()
    width, height = (int(n) for n in args.size.lower().split("x"))

    with tempfile.TemporaryDirectory(prefix="circle-bench-") as tmp:
        home = Path(tmp) / "home"
        first_name = seed(home)
        circle = PseudoTerminalProcess(
            [sys.executable, "-m", "circle", "run", CIRCLE_NAME], terminal_env({"CIRCLE_HOME": str(home)}),
            width, height,
        )
        bare = PseudoTerminalProcess([sys.executable, str(HERE / "bare_app.py")], terminal_env(), width, height)
        try:
            circle.wait_for(first_name)
            circle.send("\r")  # confirm the check-in: the session starts and its timers run
            circle.wait_for(RUNNING_MARKER)
            bare.wait_for("bare-app-ready")
            time.sleep(SETTLE_SECONDS)
            start = time.monotonic()
            circle_before, bare_before = circle.cpu_seconds(), bare.cpu_seconds()
            time.sleep(args.seconds)
            wall = time.monotonic() - start
            circle_used, bare_used = circle.cpu_seconds() - circle_before, bare.cpu_seconds() - bare_before
        finally:
            circle.stop()
            bare.stop()

    circle_share, bare_share = circle_used / wall, bare_used / wall
    print(f"over {wall:.1f} s of a running session left alone, at {width}x{height}:")
    print(f"  circle run, timers ticking   {circle_used:6.2f} s CPU = {circle_share:6.2%} of one core")
    print(f"  bare Textual app, idle       {bare_used:6.2f} s CPU = {bare_share:6.2%} of one core")
    ok = circle_share <= TARGET
    print(f"target <= {TARGET:.0%} of one core: {'ok' if ok else 'OVER TARGET'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
