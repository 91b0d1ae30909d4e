"""A data home holding five years of history, written straight to disk in the store's format.

    build_history(home)  ->  HistorySize

10 circles (or as many as asked); each has 8 members (one of them removed), norms, an
agreement, two goals per member per year with their updates, and 40 sessions a year
of 200 events each, every one ended: its record, log and summary as the session
screen writes them. Every file the app leaves is written, the way the store writes it
(TinyDB tables and event journals, UTF-8 JSON, folders 0700, files 0600): each data
file's ``.bak`` (the version before its last save), the ``.lock`` files of every file
and folder written under a lock, and each session's event journal. Not the per-write
fsync, so a home of 2,000 sessions builds in seconds. The indexes (session-index.json,
circle-index.json) are not written: the app makes them on its first read of the home.
Used by store_append.py, startup.py and reads.py.

    python benchmarks/history.py DIR [--circles 10]   # build one, and say what it weighs
"""

from __future__ import annotations

import os
import random
import sys
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from circle.store.atomic_storage import encode_json, encode_tables
from circle.store.home import FILE_MODE, ensure_home, make_private_dir
from circle.store.ids import session_id
from circle.store.plan_files import load_plan
from circle.store.slugs import unique_slug

CIRCLES = 10
YEARS = 5
SESSIONS_PER_YEAR = 40
EVENTS_PER_SESSION = 200
MEMBERS = 8
GOALS_PER_MEMBER_PER_YEAR = 2
ACTOR = "history"
START = datetime(2021, 9, 6, 15, 30, tzinfo=timezone.utc)
PROMPTS = [f"oq-{n:02d}" for n in range(30)]
PLAN = load_plan("community-60", None)  # the plan `circle run` uses unless told otherwise
FIRST_NAMES = ["Ada", "Bo", "Chidi", "Dana", "Eun-ji", "Farid", "Greta", "Hiro", "Inés", "Jonah"]
ROLES = ["mentor", "mentor", "mentee", "mentee", "mentee", "peer", "peer", "peer"]
# A facilitator's actions, roughly in the proportions a real session has them.
TYPES = ["next_speaker"] * 6 + ["pass", "raise_hand", "lower_hand", "add_minute", "pause", "resume"]


@dataclass(frozen=True)
class HistorySize:
    circles: int
    sessions: int
    events: int
    goals: int
    slugs: tuple[str, ...]


def _write_bytes(path: Path, payload: bytes) -> int:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    try:
        os.write(fd, payload)
    finally:
        os.close(fd)
    return len(payload)


def _write(path: Path, tables: dict[str, dict[str, Any]], before: dict[str, dict[str, Any]] | None = None) -> int:
    """A TinyDB file as the store leaves it: the file, its lock file, and the version before
    its last save as .bak (when it was saved more than once)."""
    _write_bytes(path.with_name(path.name + ".lock"), b"")
    if before is not None:
        _write_bytes(path.with_name(path.name + ".bak"), encode_tables(before))
    return _write_bytes(path, encode_tables(tables))


def _write_journal(path: Path, events: list[dict[str, Any]]) -> int:
    return _write_bytes(path, b"".join(encode_json(event) + b"\n" for event in events))


@dataclass(frozen=True)
class DiskSize:
    files: int
    bytes: int  # what the files hold
    allocated: int  # what they take on this disk (whole blocks)

    def __str__(self) -> str:
        return f"{self.files:,} files, {self.bytes / 2**20:,.1f} MiB of data, {self.allocated / 2**20:,.1f} MiB on disk"


def disk_size(home: Path) -> DiskSize:
    files = size = allocated = 0
    for path in Path(home).rglob("*"):
        status = path.lstat()
        if path.is_file():
            files += 1
            size += status.st_size
        allocated += status.st_blocks * 512
    return DiskSize(files, size, allocated)


def _rows(items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {str(n): item for n, item in enumerate(items, start=1)}


def _stamp(at: datetime) -> str:
    return at.isoformat(timespec="seconds")


def member_username(circle_number: int, member_number: int) -> str:
    """Each member's login name: a teacher belongs to one circle of the home."""
    return f"t{circle_number:02d}m{member_number}"


def _members(number: int) -> list[dict[str, Any]]:
    members = []
    for n in range(MEMBERS):
        name = f"{FIRST_NAMES[(n + number) % len(FIRST_NAMES)]} {chr(65 + n)}."
        members.append({
            "id": f"m-{number:02d}{n:04d}", "name": name, "role": ROLES[n],
            "experience": "new" if ROLES[n] == "mentee" else "veteran",
            "username": member_username(number, n), "active": n != MEMBERS - 1,
            "created": _stamp(START), "created_by": ACTOR, "updated": _stamp(START), "updated_by": ACTOR,
        })
    return members


def _goals(rng: random.Random, members: list[dict[str, Any]]) -> list[dict[str, Any]]:
    goals = []
    for member in members:
        for k in range(YEARS * GOALS_PER_MEMBER_PER_YEAR):
            created = START + timedelta(days=182 * k)
            history = [{"at": _stamp(created), "by": member["name"], "type": "created"}]
            for step in range(1, 5):
                history.append({"at": _stamp(created + timedelta(days=21 * step)), "by": member["name"],
                                "type": "progress", "progress": 20 * step,
                                "note": f"Tried it in period {step}; students noticed."})
            last = k == YEARS * GOALS_PER_MEMBER_PER_YEAR - 1
            status = "active" if last else rng.choice(["achieved", "achieved", "dropped"])
            if not last:
                history.append({"at": _stamp(created + timedelta(days=120)), "by": member["name"],
                                "type": status, "reason": "" if status == "achieved" else "new timetable"})
            goals.append({
                "id": f"g-{member['id'][2:]}{k:02d}", "member": member["id"],
                "title": f"Use exit tickets in {3 + k % 4} lessons a week",
                "measure": "tickets collected", "action": "print a class set each Monday",
                "realistic": "ten minutes of planning", "due": (created.date() + timedelta(days=150)).isoformat(),
                "created": _stamp(created), "status": status, "progress": 80, "history": history,
                "reworked_from": None, "reworked_into": None,
                "created_by": member["name"], "updated": history[-1]["at"], "updated_by": member["name"],
            })
    return goals


def _events(rng: random.Random, started: datetime, present: list[str]) -> list[dict[str, Any]]:
    """A session's log as the engine writes it: check-ins, the start, a facilitator's actions, the end."""
    order = present[len(present) // 2:] + present[: len(present) // 2]  # the starter moves on each session
    kinds = ["check_in"] * len(present) + ["start"] + [""] * (EVENTS_PER_SESSION - len(present) - 2) + ["end"]
    events, phases = [], len(PLAN.phases)
    for seq, kind in enumerate(kinds, start=1):
        t = seq * 18.0
        member: str | None = present[seq % len(present)]
        data: dict[str, Any] = {}
        if kind == "check_in":
            member, data = present[seq - 1], {"present": True}
        elif kind == "start":
            member, data = order[0], {"order": order, "shuffled": False, "plan": PLAN.name}
        elif kind == "end":
            member = None
        elif seq % 25 == 0:
            kind, data = "draw_prompt", {"deck": "open-questions", "prompt": rng.choice(PROMPTS),
                                         "text": "What would success look like for you?"}
        else:
            kind = rng.choice(TYPES)
        events.append({
            "seq": seq, "type": kind, "at": _stamp(started + timedelta(seconds=t)), "t": t,
            "phase": min(phases - 1, seq * phases // EVENTS_PER_SESSION), "member": member, "data": data,
        })
    return events


def _summary(log: list[dict[str, Any]], present: list[str]) -> dict[str, Any]:
    """What the app stores with a session when it ends (SessionSummary.to_dict's fields)."""
    airtime = {member: 300.0 + 30 * n for n, member in enumerate(present)}
    return {
        "plan": PLAN.name, "status": "ended", "started_at": log[len(present)]["at"], "ended_at": log[-1]["at"],
        "present": present, "order": log[len(present)]["data"]["order"],
        "phases": [{"index": n, "kind": phase.kind, "title": phase.title, "planned_seconds": float(phase.seconds),
                    "actual_seconds": phase.seconds * 1.03} for n, phase in enumerate(PLAN.phases)],
        "turns": [{"phase": n, "member": member, "seconds": seconds / len(PLAN.phases), "passed": False}
                  for n in range(len(PLAN.phases)) for member, seconds in airtime.items()],
        "airtime": airtime, "passes": {present[0]: 1},
        "prompts": [{"id": e["data"]["prompt"], "text": e["data"]["text"]} for e in log if e["type"] == "draw_prompt"],
        "not_spoken": [],
    }


def _circle(home: Path, number: int, taken: set[str], rng: random.Random) -> tuple[str, int, int]:
    name = f"Circle {number + 1} · {['Maths', 'Science', 'Early years', 'English', 'Arts'][number % 5]}"
    slug = unique_slug(name, taken)
    taken.add(slug)
    folder = home / "circles" / slug
    make_private_dir(folder / "sessions")
    members = _members(number)
    goals = _goals(rng, members)
    record = {
        "format": 1, "slug": slug, "name": name, "description": "Fortnightly, after school, in the library.",
        "norms": ["Listen to understand", "What is said here stays here", "Questions, not advice"],
        "agreement": {"meets": "Tuesdays 15:30", "minutes": 60, "confidential": True},
        "created": _stamp(START), "created_by": ACTOR, "updated": _stamp(START), "updated_by": ACTOR,
    }
    tables = {"circle": _rows([record]), "members": _rows(members), "goals": _rows(goals)}
    earlier = {**tables, "goals": _rows(goals[:-1])}  # the last save added a goal
    _write(folder / "circle.json", tables, earlier)
    _write_bytes(folder / "sessions.lock", b"")  # a new session's id is chosen under the folder's lock
    present = [m["id"] for m in members if m["active"]]
    ids: list[str] = []
    events = 0
    for k in range(YEARS * SESSIONS_PER_YEAR):
        started = START + timedelta(days=9 * k, minutes=number)
        sid = session_id(started, rng, ids[-1:])
        ids.append(sid)
        ended = started + timedelta(minutes=62)
        log = _events(rng, started, present)
        events += len(log)
        # The record as the session screen writes it when a session starts, then ends
        # (the start's version kept as .bak); the log in the session's journal.
        begun = {
            "plan": PLAN.name, "plan_title": PLAN.title, "started": _stamp(started),
            "attendance": [{"member": m, "present": True} for m in present],
            "id": sid, "circle": slug, "format": 1,
            "created": _stamp(started), "created_by": ACTOR, "updated": _stamp(started), "updated_by": ACTOR,
        }
        session = {**begun, "updated": _stamp(ended), "ended": _stamp(ended), "summary": _summary(log, present)}
        path = folder / "sessions" / f"{sid}.json"
        _write(path, {"session": _rows([session]), "events": {}}, {"session": _rows([begun]), "events": {}})
        _write_journal(path.with_name(f"{sid}.events.jsonl"), log)
    return slug, len(ids), events


def build_history(home: Path | str, *, circles: int = CIRCLES, seed: int = 5) -> HistorySize:
    """Fill home (created if needed) with five years of history; returns what it holds."""
    home = ensure_home(home)
    _write_bytes(home / "circles.lock", b"")  # circles are created under the home's lock
    rng = random.Random(seed)
    taken = {p.name for p in (home / "circles").iterdir()}
    slugs, sessions, events = [], 0, 0
    for number in range(circles):
        slug, made, logged = _circle(home, number, taken, rng)
        slugs.append(slug)
        sessions += made
        events += logged
    goals = circles * MEMBERS * YEARS * GOALS_PER_MEMBER_PER_YEAR
    return HistorySize(circles, sessions, events, goals, tuple(slugs))


def main(argv: list[str]) -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("home", metavar="DIR")
    parser.add_argument("--circles", type=int, default=CIRCLES, help=f"how many circles (default {CIRCLES})")
    args = parser.parse_args(argv)
    size = build_history(Path(args.home), circles=args.circles)
    print(f"{size.circles} circles, {size.sessions} sessions, {size.events} events, {size.goals} goals")
    print(f"the home: {disk_size(Path(args.home))}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
