"""CPU used while a session sits with its timers ticking, against a bare Textual app ticking
the same clock: target at most 1.5 times the bare app, at 80x24 and at 200x60.

``circle run "Demo Circle"`` starts in a pseudo-terminal on a seeded demo home; the
check-in is confirmed so the session runs with the speaker and phase timers counting
down, then nobody touches it. Beside it, over the same stretch and at the same size,
runs a bare Textual app (Header, Static, Footer; ``bare_app.py --tick``) keeping a
countdown the way the session screen keeps its timers: it wakes just after the shown
second turns and redraws the countdown, once a second. So the ratio is what circle's
screen costs beyond any Textual app keeping a clock. CPU time is what each process
reports of itself (``cpu_probe.py``: every thread, to the microsecond; /proc's 10 ms
ticks are too coarse for a few milliseconds a second) over the measured stretch,
divided by the wall time.

    python benchmarks/idle_cpu.py [--seconds 30] [--rounds 3] [--size 80x24,200x60]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from cpu_probe import ask_cpu  # noqa: E402
from pseudo_terminal import PseudoTerminalProcess, terminal_env  # noqa: E402

TARGET = 1.5  # circle / the bare app ticking the same clock
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
    probe = [sys.executable, str(HERE / "cpu_probe.py")]
    reports = home.parent / "circle.cpu", home.parent / "bare.cpu"
    circle = PseudoTerminalProcess(
        [*probe, str(reports[0]), "-m", "circle", "run", CIRCLE_NAME], terminal_env({"CIRCLE_HOME": str(home)}),
        width, height,
    )
    bare = PseudoTerminalProcess([*probe, str(reports[1]), str(HERE / "bare_app.py"), "--tick"], terminal_env(),
                                 width, height)  # fmt: skip
    try:
        circle.wait_for(first_name)
        circle.send("\r")  # confirm the check-in: the session starts and its timers run
        circle.wait_for(RUNNING_MARKER)
        bare.wait_for("bare-app-ready")
        time.sleep(SETTLE_SECONDS)
        start = time.monotonic()
        circle_before = ask_cpu(circle.process.pid, reports[0], 0)
        bare_before = ask_cpu(bare.process.pid, reports[1], 0)
        time.sleep(seconds)
        wall = time.monotonic() - start
        circle_used = ask_cpu(circle.process.pid, reports[0], 1) - circle_before
        return circle_used, ask_cpu(bare.process.pid, reports[1], 1) - bare_before, wall
    finally:
        circle.stop()
        bare.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=30.0, help="length of each measured stretch")
    parser.add_argument("--rounds", type=int, default=3, help="stretches per size; the median ratio is judged")
    parser.add_argument("--size", default="80x24,200x60", metavar="WxH[,WxH]", help="terminal sizes (default 80x24,200x60)")
    args = parser.parse_args()
    ok = True
    for size in args.size.split(","):
        width, height = (int(n) for n in size.lower().split("x"))
        print(f"a running session left alone at {width}x{height}, {args.rounds} stretches of {args.seconds:.0f} s:")
        ratios = []
        for _ in range(args.rounds):
            with tempfile.TemporaryDirectory(prefix="circle-bench-") as tmp:
                home = Path(tmp) / "home"
                circle_used, bare_used, wall = measure(home, seed(home), width, height, args.seconds)
            ratios.append(circle_used / bare_used if bare_used else float("inf"))
            print(f"  circle run {circle_used / wall:6.2%} of one core, the bare app {bare_used / wall:6.2%}: "
                  f"ratio {ratios[-1]:.2f}")
        # Each process is slowed by whatever else runs at its moments: the median of a few
        # stretches says more than any one.
        ratio = statistics.median(ratios)
        print(f"  median ratio {ratio:.2f} (target <= {TARGET}): {'ok' if ratio <= TARGET else 'OVER TARGET'}")
        ok = ok and ratio <= TARGET
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
