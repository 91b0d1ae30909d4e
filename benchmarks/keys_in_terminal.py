"""Key to screen update in a real terminal: circle's session screen against a bare Textual app.

Both apps run as real processes in a pseudo-terminal (100x30), started through
``cpu_probe.py``. For each key: it is written to the terminal, the time until the app's
first output after it is the key's latency (the frame that shows it), and the process's
own CPU time across the key (asked before and after, once the output has been quiet for a
moment) is its cost. Keys go one at a time, each after the last one's frame is written.

- circle: ``circle run`` on the demo circle, check-in confirmed, then the keys of
  ``long_session.py`` in turn (next speaker, back, pause, resume, add a minute, remove a
  minute), each logging one durable event; p95 over the first 100 keys (around event 20)
  and over the last 100 (around event 2,000).
- the bare app: ``bare_app.py --keys``, each key writing a line into a Static.

Why here and not under Pilot: Pilot waits after each key by posting a message to every
widget, so its own cost grows with the number of widgets (the session screen has about
sixty, the bare app four) and was counted as the app's. The session's timers run on the
real clock: a tick's frame landing within a key's wait (about one key in fifty) shortens
that key's latency and lengthens its CPU.

    python benchmarks/keys_in_terminal.py [--keys 2000] [--bare-keys 200]
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
from idle_cpu import CIRCLE_NAME, RUNNING_MARKER, SETTLE_SECONDS, seed  # noqa: E402
from long_session import KEYS  # noqa: E402
from pseudo_terminal import PseudoTerminalProcess, terminal_env  # noqa: E402

WIDTH, HEIGHT = 100, 30
QUIET = 0.05  # no output for this long: the key's frame is written
FLAT_TARGET = 1.2  # p95 at the end / at the start
BARE_TARGET = 3.0  # p95 / the bare app's p95
WINDOW = 100
SEQUENCES = {"space": " ", "plus": "+", "minus": "-"}


def press(app: PseudoTerminalProcess, report: Path, asked: int, key: str) -> tuple[float, float]:
    """Latency and CPU of one key, in ms."""
    app.wait_quiet(QUIET)
    before = ask_cpu(app.process.pid, report, asked)
    mark = app.mark()
    sent = time.perf_counter()
    app.send(SEQUENCES.get(key, key))
    latency = app.first_output_after(mark) - sent
    app.wait_quiet(QUIET)
    return latency * 1000, (ask_cpu(app.process.pid, report, asked + 1) - before) * 1000


def run_keys(app: PseudoTerminalProcess, report: Path, keys: list[str]) -> tuple[list[float], list[float]]:
    latencies, cpus = [], []
    for n, key in enumerate(keys):
        latency, cpu = press(app, report, 2 * n, key)
        latencies.append(latency)
        cpus.append(cpu)
    return latencies, cpus


def p95(samples: list[float]) -> float:
    return sorted(samples)[max(0, round(0.95 * len(samples)) - 1)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keys", type=int, default=2000, help="keys pressed in the session (default 2000)")
    parser.add_argument("--bare-keys", type=int, default=200, help="keys pressed in the bare app (default 200)")
    args = parser.parse_args()
    probe = [sys.executable, str(HERE / "cpu_probe.py")]
    with tempfile.TemporaryDirectory(prefix="circle-bench-") as tmp:
        home = Path(tmp) / "home"
        first = seed(home)
        reports = Path(tmp) / "circle.cpu", Path(tmp) / "bare.cpu"
        bare = PseudoTerminalProcess([*probe, str(reports[1]), str(HERE / "bare_app.py"), "--keys"], terminal_env(),
                                     WIDTH, HEIGHT)  # fmt: skip
        try:
            bare.wait_for("bare-app-ready")
            time.sleep(SETTLE_SECONDS)
            bare_lat, bare_cpu = run_keys(bare, reports[1], ["x"] * args.bare_keys)
        finally:
            bare.stop()
        circle = PseudoTerminalProcess([*probe, str(reports[0]), "-m", "circle", "run", CIRCLE_NAME],
                                       terminal_env({"CIRCLE_HOME": str(home)}), WIDTH, HEIGHT)  # fmt: skip
        try:
            circle.wait_for(first)
            circle.send("\r")
            circle.wait_for(RUNNING_MARKER)
            time.sleep(SETTLE_SECONDS)
            keys = [KEYS[n % len(KEYS)] for n in range(args.keys)]
            lat, cpu = run_keys(circle, reports[0], keys)
        finally:
            circle.stop()
    start, end = slice(0, WINDOW), slice(-WINDOW, None)
    print(f"{args.keys} keys in circle's session screen, {args.bare_keys} in a bare Textual app, {WIDTH}x{HEIGHT}:")
    for label, circle_ms, bare_ms in (("key to screen update", lat, bare_lat), ("CPU per key", cpu, bare_cpu)):
        early, late, ref = p95(circle_ms[start]), p95(circle_ms[end]), p95(bare_ms)
        print(f"  {label}, p95 (median), ms: circle keys 1-{WINDOW} {early:6.2f} "
              f"({statistics.median(circle_ms[start]):.2f}), last {WINDOW} {late:6.2f} "
              f"({statistics.median(circle_ms[end]):.2f}); bare {ref:6.2f} ({statistics.median(bare_ms):.2f})")
        print(f"    end / start {late / early:.2f} (target <= {FLAT_TARGET}); "
              f"circle / bare {early / ref:.2f} at the start, {late / ref:.2f} at the end (target <= {BARE_TARGET})")
    early, late, ref = p95(lat[start]), p95(lat[end]), p95(bare_lat)
    met = late / early <= FLAT_TARGET and max(early, late) / ref <= BARE_TARGET
    print("targets (key to screen update) met" if met else "targets (key to screen update) NOT met")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
