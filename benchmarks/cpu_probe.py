"""Run a Python program that tells its own CPU time when asked, to the microsecond.

/proc counts a process's CPU time in 10 ms ticks, charged to whoever runs when the tick
comes: for an app that works one or two milliseconds a second, a minute's reading is a
few dozen ticks and moves by a third from one run to the next. The process itself knows
better (``time.process_time``: every thread, from the kernel's own accounting).

    python benchmarks/cpu_probe.py REPORT -m circle run "Demo Circle"
    python benchmarks/cpu_probe.py REPORT path/to/script.py [args]

On SIGUSR1 the program writes "<count> <CPU seconds>" to REPORT (``ask_cpu`` does both).
Both apps a benchmark compares start through it, so each pays the same for being asked.
"""

from __future__ import annotations

import os
import runpy
import signal
import sys
import time
from pathlib import Path

ASK_TIMEOUT = 10.0


def _install(report: Path) -> None:
    asked = 0

    def answer(_signum: int, _frame: object) -> None:
        nonlocal asked
        asked += 1
        temporary = report.with_suffix(".tmp")
        temporary.write_text(f"{asked} {time.process_time():.6f}")
        os.replace(temporary, report)  # whole, never half-written

    signal.signal(signal.SIGUSR1, answer)


def ask_cpu(pid: int, report: Path, count: int) -> float:
    """The CPU seconds the probed process has used; count: how many times it was asked before."""
    os.kill(pid, signal.SIGUSR1)
    deadline = time.monotonic() + ASK_TIMEOUT
    while time.monotonic() < deadline:
        try:
            seen, seconds = report.read_text().split()
        except (FileNotFoundError, ValueError):
            seen, seconds = "0", "0"
        if int(seen) == count + 1:
            return float(seconds)
        time.sleep(0.01)
    raise RuntimeError(f"the probed process {pid} did not report its CPU time")


def main() -> None:
    report, rest = Path(sys.argv[1]), sys.argv[2:]
    _install(report)
    if rest[:1] == ["-m"]:
        sys.argv = [rest[1], *rest[2:]]
        runpy.run_module(rest[1], run_name="__main__", alter_sys=True)
    else:
        sys.argv = rest
        runpy.run_path(rest[0], run_name="__main__")


if __name__ == "__main__":
    main()
