"""Appending one session event: five years of history against an empty home, and against
naive single-file TinyDB holding the same history, all in one run.

The store keeps one TinyDB file per session, so an append reads and rewrites only that
session's file: its cost should not grow with the history a home holds. Appends to the
two homes alternate, so drift on a noisy machine touches both alike.

    python benchmarks/store_append.py [--events 200] [--naive-samples 5]

Targets: five-year/empty at most 1.3 (p50 and p95), p95 under 5 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from history import build_history  # noqa: E402

from circle.store.repository import Repository  # noqa: E402

RATIO_TARGET = 1.3
P95_TARGET_MS = 5.0
WARMUP = 5
EMPTY, HISTORY, FLOOR = "empty home", "five-year home", "disk floor: bare write+fsync+rename+fsync"


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def event(seq: int) -> dict[str, Any]:
    """An event as the session engine writes it."""
    return {"seq": seq, "type": "next_speaker", "at": "2026-11-22T13:30:00+00:00", "t": seq * 12.5,
            "phase": 1, "member": "m-000001", "data": {"note": "Tried the “wait time” idea 👍"}}


def timed(action: Callable[[], None]) -> float:
    started = time.perf_counter()
    action()
    return (time.perf_counter() - started) * 1000


def build_naive(history_home: Path, path: Path) -> int:
    """One TinyDB file (default JSONStorage format) holding every table of the history home."""
    tables: dict[str, list[str]] = {"circles": [], "members": [], "goals": [], "sessions": [], "events": []}
    counters = dict.fromkeys(tables, 0)

    def add(table: str, rows: list[dict[str, Any]]) -> None:
        chunk = {}
        for row in rows:
            counters[table] += 1
            chunk[str(counters[table])] = row
        if chunk:
            tables[table].append(json.dumps(chunk)[1:-1])

    for circle_file in sorted(history_home.glob("circles/*/circle.json")):
        data = json.loads(circle_file.read_bytes())
        add("circles", list(data["circle"].values()))
        add("members", list(data["members"].values()))
        add("goals", list(data["goals"].values()))
        for session_file in sorted((circle_file.parent / "sessions").glob("*.json")):
            session = json.loads(session_file.read_bytes())
            add("sessions", list(session["session"].values()))
            add("events", list(session["events"].values()))
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("{" + ", ".join(f'"{name}": {{{", ".join(parts)}}}' for name, parts in tables.items()) + "}")
    return path.stat().st_size


def disk_floor(folder: Path, payload: bytes) -> None:
    """The least any crash-safe write costs on this disk: write, fsync, rename, fsync the folder."""
    path, tmp = folder / "floor.json", folder / ".floor.json.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, payload)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)
    folder_fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(folder_fd)
    finally:
        os.close(folder_fd)


def store_samples(homes: dict[str, Repository], events: int, scratch: Path) -> dict[str, list[float]]:
    """Alternate appends to a new session in each home, and the disk's floor for a file of the
    same size; returns milliseconds per append."""
    targets = {}
    for label, repo in homes.items():
        slug = repo.list_circles()[0]["slug"]
        targets[label] = (repo, slug, repo.create_session(slug, {"plan": "community-60"}))
    samples: dict[str, list[float]] = {label: [] for label in [*homes, FLOOR]}
    for seq in range(1, WARMUP + events + 1):
        for label, (repo, slug, sid) in targets.items():
            ms = timed(lambda: repo.append_event(slug, sid, event(seq)))
            if seq > WARMUP:
                samples[label].append(ms)
        repo, slug, sid = targets[HISTORY]
        payload = repo.session_file(slug, sid).read_bytes()
        ms = timed(lambda: disk_floor(scratch, payload))
        if seq > WARMUP:
            samples[FLOOR].append(ms)
    return samples


def naive_samples(path: Path, count: int) -> list[float]:
    from tinydb import TinyDB

    db = TinyDB(path)  # the default: JSONStorage, the whole file rewritten in place
    try:
        table = db.table("events")
        return [timed(lambda seq=seq: table.insert(event(seq))) for seq in range(1, count + 1)]
    finally:
        db.close()


def row(label: str, samples: list[float]) -> str:
    p50, p95 = percentile(samples, 0.5), percentile(samples, 0.95)
    return f"  {label:<44} {p50:>10.2f} {p95:>10.2f} {len(samples):>8}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=200, help="appends measured per home (default 200)")
    parser.add_argument("--naive-samples", type=int, default=5, help="appends to the naive file (default 5)")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="circle-bench-") as scratch:
        root = Path(scratch)
        started = time.perf_counter()
        size = build_history(root / "five-years")
        print(f"five-year home: {size.circles} circles, {size.sessions} sessions, {size.events} events, "
              f"{size.goals} goals (built in {time.perf_counter() - started:.1f} s)")
        empty = Repository(root / "empty", "bench")
        slug = empty.create_circle("Maths mentors")["slug"]
        for name in ("Ada", "Bo", "Chidi"):
            empty.add_member(slug, name)
        homes = {EMPTY: empty, HISTORY: Repository(root / "five-years", "bench")}
        stored = store_samples(homes, args.events, root)

        naive_path = root / "naive.json"
        naive_bytes = build_naive(root / "five-years", naive_path)
        naive = naive_samples(naive_path, args.naive_samples) if args.naive_samples > 0 else []

    print()
    print(f"  {'appending one event to a new session (ms)':<44} {'p50':>10} {'p95':>10} {'samples':>8}")
    for label in (EMPTY, HISTORY, FLOOR):
        print(row(label, stored[label]))
    if naive:
        print(row(f"naive single-file TinyDB ({naive_bytes / 1e6:.0f} MB, same history)", naive))
    print()
    (empty_p50, empty_p95), (hist_p50, hist_p95), (floor_p50, floor_p95) = (
        (percentile(stored[label], 0.5), percentile(stored[label], 0.95)) for label in (EMPTY, HISTORY, FLOOR)
    )
    ratio_p50, ratio_p95 = hist_p50 / empty_p50, hist_p95 / empty_p95
    print(f"five-year / empty: p50 {ratio_p50:.2f}, p95 {ratio_p95:.2f} (target <= {RATIO_TARGET})")
    print(f"p95 on the five-year home: {hist_p95:.2f} ms (target < {P95_TARGET_MS:.0f} ms)")
    print(f"five-year / disk floor: p50 {hist_p50 / floor_p50:.2f}, p95 {hist_p95 / floor_p95:.2f}")
    if naive:
        print(f"naive / five-year: p50 {statistics.median(naive) / hist_p50:.0f}x")
    met = ratio_p50 <= RATIO_TARGET and ratio_p95 <= RATIO_TARGET and hist_p95 < P95_TARGET_MS
    print("targets met" if met else "targets NOT met")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
