"""Key to screen update in a real terminal: circle's session screen against a bare Textual app.

What is compared, and why it is fair:
- Both apps run side by side for the whole run, as real processes in pseudo-terminals
  (100x30), started through ``cpu_probe.py``.
- circle: ``circle run`` on the demo circle, check-in confirmed, then the keys of
  ``long_session.py`` in turn (next speaker, back, pause, resume, add a minute, remove a
  minute), each logging one durable event.
- the bare app: ``bare_app.py --keys``, each key writing a line into a Static: the least
  a Textual app does to show that a key was taken.
- For each key: it is written to the terminal, and the time until the app's first output
  after it is the key's latency (the frame that shows it); the process's own CPU time
  across the key (asked before and after, once the output has been quiet for a moment) is
  its cost. Keys go one at a time, each after the last one's frame is written.
- The keys are interleaved: within circle's first 100 keys (around event 20) and its last
  100 (around event 2,000), each circle key is followed by one key to the bare app. So
  each window's bare p95 is taken over the same moments as circle's, and a change in the
  machine's load between the start and the end moves both alike. Circle's p95 in a window
  is compared with the bare app's p95 in the same window. Whether circle stays as quick
  over a session is judged the same way: its ratio to the bare app in the last window
  against its ratio in the first, since its raw end / start (printed too) also moves with
  the machine, as the bare app's own end / start shows.

Why in a terminal and not under Pilot: Pilot waits after each key by posting a message to
every widget, so its own cost grows with the number of widgets (the session screen has
about sixty, the bare app four) and was counted as the app's. The session's timers run on
the real clock: a tick's frame landing within a key's wait (about one key in fifty)
shortens that key's latency and lengthens its CPU.

    python benchmarks/keys_in_terminal.py [--keys 2000] [--record keys.json]

``--record`` writes every key (app, window, kind, latency and CPU in ms, seconds since the
first key) as JSON, to see which keys make a window's tail. Exit status 0 when the targets
(key to screen update) are met.
"""

from __future__ import annotations

import argparse
import json
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
FLAT_TARGET = 1.2  # circle / bare at the end over circle / bare at the start
BARE_TARGET = 3.0  # p95 / the bare app's p95 over the same moments
WINDOW = 100
SEQUENCES = {"space": " ", "plus": "+", "minus": "-"}


class Probed:
    """One app in its terminal, with the CPU probe's report and how often it was asked."""

    def __init__(self, name: str, app: PseudoTerminalProcess, report: Path) -> None:
        self.name, self.app, self.report, self.asked = name, app, report, 0

    def cpu(self) -> float:
        seconds = ask_cpu(self.app.process.pid, self.report, self.asked)
        self.asked += 1
        return seconds

    def press(self, key: str) -> tuple[float, float]:
        """Latency and CPU of one key, in ms."""
        self.app.wait_quiet(QUIET)
        before = self.cpu()
        mark = self.app.mark()
        sent = time.perf_counter()
        self.app.send(SEQUENCES.get(key, key))
        latency = self.app.first_output_after(mark) - sent
        self.app.wait_quiet(QUIET)
        return latency * 1000, (self.cpu() - before) * 1000


def p95(samples: list[float]) -> float:
    return sorted(samples)[max(0, round(0.95 * len(samples)) - 1)]


def run(keys: int, record: Path | None) -> dict[str, dict[str, dict[str, list[float]]]]:
    """Each window's latencies and CPU per key, for circle and for the bare app."""
    probe = [sys.executable, str(HERE / "cpu_probe.py")]
    windows = {"start": range(0, min(WINDOW, keys)), "end": range(max(0, keys - WINDOW), keys)}
    found: dict[str, dict[str, dict[str, list[float]]]] = {
        app: {w: {"latency": [], "cpu": []} for w in windows} for app in ("circle", "bare")
    }
    rows: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory(prefix="circle-bench-") as tmp:
        home = Path(tmp) / "home"
        first = seed(home)
        circle = Probed("circle", PseudoTerminalProcess(
            [*probe, str(Path(tmp) / "circle.cpu"), "-m", "circle", "run", CIRCLE_NAME],
            terminal_env({"CIRCLE_HOME": str(home)}), WIDTH, HEIGHT), Path(tmp) / "circle.cpu")  # fmt: skip
        try:
            bare = Probed("bare", PseudoTerminalProcess(
                [*probe, str(Path(tmp) / "bare.cpu"), str(HERE / "bare_app.py"), "--keys"],
                terminal_env(), WIDTH, HEIGHT), Path(tmp) / "bare.cpu")  # fmt: skip
        except BaseException:
            circle.app.stop()
            raise
        try:
            circle.app.wait_for(first)
            circle.app.send("\r")
            circle.app.wait_for(RUNNING_MARKER)
            bare.app.wait_for("bare-app-ready")
            time.sleep(SETTLE_SECONDS)
            began = time.perf_counter()
            for n in range(keys):
                window = next((w for w, span in windows.items() if n in span), None)
                key = KEYS[n % len(KEYS)]
                pressed = [(circle, key)] + ([(bare, "x")] if window else [])
                for probed, sent in pressed:
                    at = time.perf_counter() - began
                    latency, cpu = probed.press(sent)
                    rows.append({"app": probed.name, "n": n, "window": window, "key": sent, "at": round(at, 3),
                                 "latency": round(latency, 3), "cpu": round(cpu, 3)})  # fmt: skip
                    if window:
                        found[probed.name][window]["latency"].append(latency)
                        found[probed.name][window]["cpu"].append(cpu)
        finally:
            circle.app.stop()
            bare.app.stop()
    if record:
        record.write_text(json.dumps(rows))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keys", type=int, default=2000, help="keys pressed in the session (default 2000)")
    parser.add_argument("--record", type=Path, help="write every key's figures to this JSON file")
    args = parser.parse_args()
    found = run(args.keys, args.record)
    circle, bare = found["circle"], found["bare"]
    print(f"{args.keys} keys in circle's session screen, {WIDTH}x{HEIGHT}; within its first and last {WINDOW}, "
          f"each followed by a key to a bare Textual app running beside it:")
    for label, measure in (("key to screen update", "latency"), ("CPU per key", "cpu")):
        print(f"  {label}, p95 (median), ms:")
        for window, title in (("start", f"keys 1-{WINDOW}"), ("end", f"last {WINDOW}")):
            mine, ref = circle[window][measure], bare[window][measure]
            print(f"    {title:<10} circle {p95(mine):6.2f} ({statistics.median(mine):.2f}), "
                  f"bare {p95(ref):6.2f} ({statistics.median(ref):.2f}): circle / bare {p95(mine) / p95(ref):.2f}")
        early, late = p95(circle["start"][measure]), p95(circle["end"][measure])
        print(f"    circle end / start {late / early:.2f}; bare end / start "
              f"{p95(bare['end'][measure]) / p95(bare['start'][measure]):.2f}")
    ratios = [p95(circle[w]["latency"]) / p95(bare[w]["latency"]) for w in ("start", "end")]
    flat = ratios[1] / ratios[0]
    print(f"targets (key to screen update): circle / bare <= {BARE_TARGET} in both windows "
          f"({ratios[0]:.2f}, {ratios[1]:.2f}); circle / bare at the end <= {FLAT_TARGET} times at the start "
          f"({flat:.2f})")
    met = flat <= FLAT_TARGET and max(ratios) <= BARE_TARGET
    print("targets (key to screen update) met" if met else "targets (key to screen update) NOT met")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
