"""Following a live session: key-to-follower latency, the CPU of many followers, and what
followers cost the driver.

The driver runs here (the session layer, as the session screen calls it); followers are
real `circle watch --plain` processes on the same home, each printing a line per change.

1. Latency: the driver presses space (pause, resume) again and again; each key's time is
   taken just before the action and each follower's line is timed as it arrives. The same
   for one full-screen `circle watch` in a pseudo-terminal: from the key until its frame
   showing PAUSED is written.
2. CPU of the followers while the driver presses a key a second, read from /proc per
   process over the same window (start-up excluded).
3. The driver's cost per key with the followers polling against the same followers
   stopped (SIGSTOP), in alternating blocks so drift on a busy machine touches both.

    python benchmarks/follow.py [--followers 50] [--keys 40] [--seconds 20] [--pace 0.5]

Targets: latency p95 at most 500 ms; followers' CPU at most 25% of one core in total;
driver per-key cost with followers / without at most 1.1.
"""

from __future__ import annotations

import argparse
import os
import random
import selectors
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from pseudo_terminal import PseudoTerminalProcess, terminal_env  # noqa: E402

from circle.domain.clock import SystemClock  # noqa: E402
from circle.live.driver import LiveSession  # noqa: E402
from circle.live.setup import prepare  # noqa: E402
from circle.store.demo_data import DEMO_CIRCLE, seed_demo  # noqa: E402
from circle.store.repository import Repository  # noqa: E402

CIRCLE = Path(sys.executable).parent / "circle"
LATENCY_TARGET_MS = 500.0
CPU_TARGET = 25.0  # percent of one core, all followers together
RATIO_TARGET = 1.1
TICKS = os.sysconf("SC_CLK_TCK")


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime + stime


class Lines:
    """The followers' output, read as it comes, whole lines at a time."""

    def __init__(self, followers: list[subprocess.Popen]) -> None:
        self.sel = selectors.DefaultSelector()
        self.partial: dict[int, bytes] = {}
        for n, proc in enumerate(followers):
            os.set_blocking(proc.stdout.fileno(), False)
            self.sel.register(proc.stdout.fileno(), selectors.EVENT_READ, n)
            self.partial[n] = b""

    def read(self, timeout: float) -> list[tuple[int, str]]:
        found = []
        for key, _ in self.sel.select(timeout=timeout):
            try:
                chunk = os.read(key.fd, 65536)
            except BlockingIOError:
                continue
            *whole, self.partial[key.data] = (self.partial[key.data] + chunk).split(b"\n")
            found += [(key.data, line.decode("utf-8", "replace").strip()) for line in whole]
        return found


def start_followers(home: Path, count: int) -> list[subprocess.Popen]:
    env = {**os.environ, "CIRCLE_HOME": str(home), "CIRCLE_ACTOR": "follower"}
    return [subprocess.Popen([str(CIRCLE), "watch", DEMO_CIRCLE, "--plain"], env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL) for _ in range(count)]


def wait_for_line(lines: Lines, count: int, text: str, timeout: float = 300.0) -> None:
    """Until every follower has printed a line holding text (they are up and following)."""
    waiting = set(range(count))
    deadline = time.monotonic() + timeout
    while waiting and time.monotonic() < deadline:
        for n, line in lines.read(1.0):
            if text in line:
                waiting.discard(n)
    if waiting:
        raise SystemExit(f"{len(waiting)} followers never showed {text!r}")


def latency(live: LiveSession, lines: Lines, count: int, keys: int) -> list[float]:
    samples: list[float] = []
    for _ in range(keys):
        time.sleep(random.uniform(0.3, 0.6))  # keys at a facilitator's pace, off the poll's beat
        lines.read(0.0)
        expected = "Paused" if live.engine.status == "running" else "Running"
        pressed = time.monotonic()
        live.toggle_pause()
        seen: set[int] = set()
        deadline = pressed + 10.0
        while len(seen) < count and time.monotonic() < deadline:
            for n, line in lines.read(0.5):
                if line == expected and n not in seen:
                    seen.add(n)
                    samples.append((time.monotonic() - pressed) * 1000)
    return samples


def screen_latency(live: LiveSession, home: Path, keys: int) -> list[float]:
    """Key to frame on one full-screen follower in a pseudo-terminal (pauses timed, resumes not)."""
    env = terminal_env({"CIRCLE_HOME": str(home), "CIRCLE_ACTOR": "follower"})
    screen = PseudoTerminalProcess([str(CIRCLE), "watch", DEMO_CIRCLE], env)
    samples = []
    try:
        screen.wait_for("is running the session")
        for _ in range(keys):
            if live.engine.status == "paused":
                live.toggle_pause()
            time.sleep(random.uniform(0.4, 0.7))
            mark = screen.mark()
            pressed = time.perf_counter()
            live.toggle_pause()
            seen = screen.wait_for("PAUSED", timeout=30, after=mark) + screen.started
            samples.append((seen - pressed) * 1000)
    finally:
        screen.stop()
    return samples


def followers_cpu(live: LiveSession, followers: list[subprocess.Popen], lines: Lines, seconds: float) -> float:
    before = {p.pid: cpu_seconds(p.pid) for p in followers}
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        beat = time.monotonic() + 1.0
        while time.monotonic() < beat:
            lines.read(max(0.0, beat - time.monotonic()))  # keeps their pipes drained
        live.toggle_pause()
    elapsed = time.monotonic() - start
    used = sum(cpu_seconds(p.pid) - before[p.pid] for p in followers)
    return used / elapsed * 100


def key_costs(live: LiveSession, lines: Lines, count: int, pace: float) -> list[float]:
    """Keys ``pace`` seconds apart, the followers' output drained between."""
    costs = []
    for _ in range(count):
        start = time.perf_counter()
        live.toggle_pause()
        costs.append((time.perf_counter() - start) * 1000)
        pause_until = time.monotonic() + pace
        while time.monotonic() < pause_until:
            lines.read(max(0.0, pause_until - time.monotonic()))
    return costs


def driver_ratio(live: LiveSession, followers: list[subprocess.Popen], lines: Lines,
                 blocks: int, pace: float) -> tuple[float, float]:
    with_f, without = [], []
    for _ in range(blocks):
        with_f += key_costs(live, lines, 10, pace)
        for proc in followers:
            proc.send_signal(signal.SIGSTOP)
        without += key_costs(live, lines, 10, pace)
        for proc in followers:
            proc.send_signal(signal.SIGCONT)
    return statistics.median(with_f), statistics.median(without)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--followers", type=int, default=50)
    parser.add_argument("--keys", type=int, default=40)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--pace", type=float, default=0.5,
                        help="seconds between the driver's keys when timing them (default 0.5: a brisk facilitator)")
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="circle-follow-bench-"))
    followers: list[subprocess.Popen] = []
    try:
        repo = Repository(home, "driver")
        seed_demo(repo)
        setup = prepare(repo, DEMO_CIRCLE, "community-60")
        live = LiveSession.fresh(setup, SystemClock())
        live.begin({m.id: True for m in setup.members})
        samples = screen_latency(live, home, min(args.keys, 20))
        print(f"key in the driver to the frame on a full-screen follower: p50 {percentile(samples, 0.5):.0f} ms, "
              f"p95 {percentile(samples, 0.95):.0f} ms ({len(samples)} samples)")
        if live.engine.status == "paused":
            live.toggle_pause()
        followers = start_followers(home, args.followers)
        lines = Lines(followers)
        wait_for_line(lines, len(followers), "is running the session")

        samples = latency(live, lines, len(followers), args.keys)
        p50, p95 = percentile(samples, 0.5), percentile(samples, 0.95)
        print(f"key in the driver to a line on {len(followers)} followers: p50 {p50:.0f} ms, p95 {p95:.0f} ms "
              f"({len(samples)} samples; target p95 at most {LATENCY_TARGET_MS:.0f} ms)")
        cpu = followers_cpu(live, followers, lines, args.seconds)
        print(f"CPU of {len(followers)} followers: {cpu:.1f}% of one core in total "
              f"(target at most {CPU_TARGET:.0f}%)")
        with_f, without = driver_ratio(live, followers, lines, blocks=6, pace=args.pace)
        print(f"driver per key, keys {args.pace} s apart: {with_f:.2f} ms with {len(followers)} followers, "
              f"{without:.2f} ms without: "
              f"ratio {with_f / without:.2f} (target at most {RATIO_TARGET})")
        live.leave()
    finally:
        for proc in followers:
            proc.send_signal(signal.SIGCONT)
            proc.terminate()
        for proc in followers:
            proc.wait(timeout=60)
        shutil.rmtree(home, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
