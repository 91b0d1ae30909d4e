"""A long session: memory and the cost of one action after 2,000 actions against after 20,
and the cost of one action against a bare Textual app, all in one run.

What is compared, and why it is fair:
- Each app runs in its own fresh Python process, driven by Textual's Pilot at 100x30
  (a headless screen: every frame is still laid out and rendered, only not written to a
  terminal). The session is the real one: ``circle run``'s app on a seeded demo circle,
  check-in confirmed, each key going through the engine and the store (one durable event
  per key, fsync included) to the screen.
- Keys cycle through actions that always apply and each log one event: next speaker,
  back, pause, resume, add a minute, remove a minute. The clock is injected and stands
  still, so the timers' tick runs but draws nothing new: what is measured is the
  actions.
- One action's cost is the CPU time (all threads of the process) of ``pilot.press(key)``:
  the key delivered, handled, and the screen brought up to date. Its wall time is printed
  too, but Pilot waits for the app to go idle with short sleeps, the same in both apps,
  which makes wall-time ratios look closer to 1 than the work is. p95 over the actions
  1-100 (around event 20) is compared with p95 over the last 100 (around event 2,000).
- Memory is the process's resident set (VmRSS) after a full collection, after 20 actions
  and after all of them.
- The reference is a bare Textual app (Header, Static, Footer; ``bare_app.py --keys``) in
  which each key writes one line into the Static, driven the same way with the same keys:
  the least any Textual app does to show a key was taken.

    python benchmarks/long_session.py [--actions 2000] [--window 100]

Targets: RSS after 2,000 actions at most 1.1x after 20; p95 at the end at most 1.2x at the
start; p95 at the start at most 3x the bare app.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
KEYS = ["n", "b", "space", "space", "plus", "minus"]
SIZE = (100, 30)
EARLY = 20  # RSS is read after this many actions, and again after all of them
RSS_TARGET, FLAT_TARGET, BARE_TARGET = 1.1, 1.2, 3.0


def rss_mib() -> float:
    gc.collect()
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


async def drive(app: Any, actions: int, before: Any = None) -> dict[str, Any]:
    """Press the keys in turn; the milliseconds each press took and RSS early and at the end."""
    times: list[float] = []
    walls: list[float] = []
    rss: dict[str, float] = {}
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        if before is not None:
            await before(pilot)
        for n in range(actions):
            key = KEYS[n % len(KEYS)]
            started, cpu = time.perf_counter(), time.process_time()
            await pilot.press(key)
            times.append((time.process_time() - cpu) * 1000)
            walls.append((time.perf_counter() - started) * 1000)
            if n + 1 == EARLY:
                rss["early"] = rss_mib()
        rss["end"] = rss_mib()
        screen = app.screen
        events = len(screen.live.engine.events) if hasattr(screen, "live") else None
    return {"ms": times, "wall": walls, "rss": rss, "events": events}


def child_circle(actions: int) -> dict[str, Any]:
    import random

    from circle.domain.clock import ManualClock
    from circle.store.demo_data import seed_demo
    from circle.store.repository import Repository
    from circle.ui.launch import session_app

    with tempfile.TemporaryDirectory(prefix="circle-bench-") as tmp:
        clock = ManualClock()
        repo = Repository(Path(tmp) / "home", "bench", clock=clock, rng=random.Random(1))
        circle = seed_demo(repo)
        app = session_app(repo, circle["slug"], "community-60", clock=clock)

        async def start(pilot: Any) -> None:
            await pilot.press("enter")  # everyone checked in: the session runs
            await pilot.pause()

        return asyncio.run(drive(app, actions, start))


def child_bare(actions: int) -> dict[str, Any]:
    sys.path.insert(0, str(HERE))
    from bare_app import BareApp

    return asyncio.run(drive(BareApp(keys=True), actions))


def run_child(kind: str, actions: int) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", kind, "--actions", str(actions)],
        check=True, capture_output=True, text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def median(samples: list[float]) -> float:
    return sorted(samples)[len(samples) // 2]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--actions", type=int, default=2000, help="actions in the long session (default 2000)")
    parser.add_argument("--window", type=int, default=100, help="actions per p95 window (default 100)")
    parser.add_argument("--child", choices=("circle", "bare"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        result = (child_circle if args.child == "circle" else child_bare)(args.actions)
        print(json.dumps(result))
        return 0

    circle = run_child("circle", args.actions)
    bare = run_child("bare", args.window)
    w = args.window
    start, end, reference = p95(circle["ms"][:w]), p95(circle["ms"][-w:]), p95(bare["ms"][:w])
    early, late = circle["rss"]["early"], circle["rss"]["end"]
    print(f"a session of {args.actions} actions ({circle['events']} events logged), Pilot at {SIZE[0]}x{SIZE[1]}:")
    print(f"  RSS after {EARLY} actions {early:7.1f} MiB, after {args.actions} {late:7.1f} MiB: "
          f"ratio {late / early:.2f} (target <= {RSS_TARGET})")
    print(f"  one action's CPU time, p95 of actions 1-{w}: {start:6.2f} ms; of the last {w}: {end:6.2f} ms: "
          f"ratio {end / start:.2f} (target <= {FLAT_TARGET})")
    print(f"  bare Textual app updating a Static per key, p95 of {w}: {reference:6.2f} ms; "
          f"circle at the start / bare: {start / reference:.2f} (target <= {BARE_TARGET}); "
          f"at the end / bare: {end / reference:.2f}")
    for label, key in (("CPU", "ms"), ("wall", "wall")):
        first, last, ref = circle[key][:w], circle[key][-w:], bare[key][:w]
        print(f"  {label:<4} median / p95 (ms): circle start {median(first):.2f} / {p95(first):.2f}, "
              f"end {median(last):.2f} / {p95(last):.2f}; bare {median(ref):.2f} / {p95(ref):.2f}")
    met = late / early <= RSS_TARGET and end / start <= FLAT_TARGET and start / reference <= BARE_TARGET
    print("targets met" if met else "targets NOT met")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
