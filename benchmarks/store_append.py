"""Appending one session event: at event 2,000 of a session in a five-year home against event
20 of a session in an empty home, against the disk's floor, and against the ways it was done
before, all in one run.

What is compared, and why it is fair:
- Both sessions are made and filled through the Repository, as the session screen does:
  one in an empty home, 20 events long; one in the five-year home (history.py), 2,000
  events long. Appends to the two alternate, so drift on a noisy machine touches both
  alike. Each append is durable when it returns (its fsync included), as in the app.
- The disk's floor is the least a durable event can cost: appending one line of the same
  size to a file and fsyncing it, timed between the same appends.
- For comparison: rewriting that 2,000-event session's whole TinyDB file atomically (what
  each append cost when events were kept in the TinyDB file), and naive single-file TinyDB
  (default JSONStorage) holding the whole history.

    python benchmarks/store_append.py [--events 200] [--long 2000] [--naive-samples 5]

Targets: long session / short session at most 1.3 (p50 and p95), p95 under 5 ms.
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
SHORT_EVENTS = 20
SHORT, LONG = "empty home, short session", "five-year home, long session"
FLOOR, REWRITE = "disk floor: append a line + fsync", "rewriting the session's TinyDB file"


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
            journal = session_file.with_name(session_file.name.removesuffix(".json") + ".events.jsonl")
            add("events", [json.loads(line) for line in journal.read_bytes().splitlines()])
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("{" + ", ".join(f'"{name}": {{{", ".join(parts)}}}' for name, parts in tables.items()) + "}")
    return path.stat().st_size


def disk_floor(path: Path, line: bytes) -> None:
    """The least a durable event costs on this disk: append one line, fsync it."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    try:
        os.write(fd, line)
        os.fsync(fd)
    finally:
        os.close(fd)


def session_with(repo: Repository, events: int) -> tuple[str, str]:
    """A new session in the repo's first circle, holding `events` events already."""
    slug = repo.list_circles()[0]["slug"]
    sid = repo.create_session(slug, {"plan": "community-60"})
    for seq in range(1, events + 1):
        repo.append_event(slug, sid, event(seq))
    return slug, sid


def rewrite_tables(repo: Repository, slug: str, sid: str) -> dict[str, Any]:
    """The long session's record and events as one TinyDB file, as each append rewrote it before."""
    record = repo.get_session(slug, sid)
    events = repo.get_events(slug, sid)
    return {"session": {"1": record}, "events": {str(n): e for n, e in enumerate(events, start=1)}}


def store_samples(short: Repository, long: Repository, events: int, long_events: int, scratch: Path) -> dict[str, list[float]]:
    """Alternate appends to the two sessions, the floor and the old rewrite; milliseconds each."""
    from circle.store.atomic_storage import AtomicJSONStorage

    targets = {SHORT: (short, *session_with(short, SHORT_EVENTS)), LONG: (long, *session_with(long, long_events))}
    old_tables = rewrite_tables(*targets[LONG])
    old = AtomicJSONStorage(scratch / "rewritten.json")
    old.write(old_tables)
    samples: dict[str, list[float]] = {label: [] for label in (SHORT, LONG, FLOOR, REWRITE)}
    line = json.dumps(event(long_events)).encode() + b"\n"
    for n in range(1, WARMUP + events + 1):
        for label, (repo, slug, sid) in targets.items():
            seq = n + (SHORT_EVENTS if label == SHORT else long_events)
            ms = timed(lambda: repo.append_event(slug, sid, event(seq)))
            if n > WARMUP:
                samples[label].append(ms)
        ms = timed(lambda: disk_floor(scratch / "floor.jsonl", line))
        if n > WARMUP:
            samples[FLOOR].append(ms)
        if n <= WARMUP + 20:  # enough to know it; each costs a whole file
            old_tables["events"][str(long_events + n)] = event(long_events + n)
            ms = timed(lambda: old.write(old_tables))
            if n > WARMUP:
                samples[REWRITE].append(ms)
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
    parser.add_argument("--events", type=int, default=200, help="appends measured per session (default 200)")
    parser.add_argument("--long", type=int, default=2000, help="events the long session holds first (default 2000)")
    parser.add_argument("--naive-samples", type=int, default=5, help="appends to the naive file (default 5)")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="circle-bench-") as scratch:
        root = Path(scratch)
        started = time.perf_counter()
        size = build_history(root / "five-years")
        print(f"five-year home: {size.circles} circles, {size.sessions} sessions, {size.events} events, "
              f"{size.goals} goals (built in {time.perf_counter() - started:.1f} s)", flush=True)
        empty = Repository(root / "empty", "bench")
        slug = empty.create_circle("Maths mentors")["slug"]
        for name in ("Ada", "Bo", "Chidi"):
            empty.add_member(slug, name)
        stored = store_samples(empty, Repository(root / "five-years", "bench"), args.events, args.long, root)

        naive_path = root / "naive.json"
        naive_bytes = build_naive(root / "five-years", naive_path)
        naive = naive_samples(naive_path, args.naive_samples) if args.naive_samples > 0 else []

    print()
    print(f"  {'appending one event (ms)':<44} {'p50':>10} {'p95':>10} {'samples':>8}")
    for label in (SHORT, LONG, FLOOR, REWRITE):
        print(row(label, stored[label]))
    if naive:
        print(row(f"naive single-file TinyDB ({naive_bytes / 1e6:.0f} MB, same history)", naive))
    print()
    (short_p50, short_p95), (long_p50, long_p95), (floor_p50, floor_p95), (old_p50, _) = (
        (percentile(stored[label], 0.5), percentile(stored[label], 0.95)) for label in (SHORT, LONG, FLOOR, REWRITE)
    )
    ratio_p50, ratio_p95 = long_p50 / short_p50, long_p95 / short_p95
    at = f"event {args.long:,}"
    print(f"sessions of {SHORT_EVENTS} and {args.long:,} events when the {args.events} timed appends began")
    print(f"{at} in a five-year home / event {SHORT_EVENTS} in an empty home: p50 {ratio_p50:.2f}, p95 {ratio_p95:.2f} "
          f"(target <= {RATIO_TARGET})")
    print(f"p95 at {at}: {long_p95:.2f} ms (target < {P95_TARGET_MS:.0f} ms)")
    print(f"{at} / disk floor: p50 {long_p50 / floor_p50:.2f}, p95 {long_p95 / floor_p95:.2f}")
    print(f"rewriting the {args.long:,}-event TinyDB file / an append now: p50 {old_p50 / long_p50:.1f}x")
    if naive:
        print(f"naive / an append now: p50 {statistics.median(naive) / long_p50:.0f}x")
    met = ratio_p50 <= RATIO_TARGET and ratio_p95 <= RATIO_TARGET and long_p95 < P95_TARGET_MS
    print("targets met" if met else "targets NOT met")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
