"""A session as data to share: the export dict (for ``--format json``) built from the record.

The inputs are what the store keeps: the session's record, its event log, the circle's
members and the plan it followed. Every figure comes from the session's one record
(circle.domain.session.summary): the summary saved when the session ended, as it is;
when it is missing (the session never ended, or ended before summaries were saved)
the log is replayed through the engine to rebuild it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from circle.domain.session import events as ev
from circle.domain.clock import ManualClock
from circle.domain.plans.decks import Deck
from circle.domain.session.engine import SessionEngine
from circle.domain.session.events import Event
from circle.domain.session.attendance import attendees
from circle.domain.session.credits import credits
from circle.domain.session.notes import note_rows
from circle.domain.circles.members import Member
from circle.domain.plans.plan import Plan
from circle.domain.session.summary import SessionSummary

# Phases where members speak about their own classrooms' difficulties: what is said
# there stays in the circle unless the exporter asks for it.
PRIVATE_KINDS = ("challenge", "case")


def _event(raw: Event | Mapping[str, Any]) -> Event:
    return raw if isinstance(raw, Event) else Event.from_dict(dict(raw))


def replay_summary(
    plan: Plan, members: Sequence[Member], events: Sequence[Event], decks: Mapping[str, Deck]
) -> dict[str, Any]:
    """The summary the engine gives after replaying the log (for a session with none saved)."""
    # No time runs on after the last event, so a session that never ended is summed up as
    # the log leaves it, not as if it had run on until today; the clock's wall time (the
    # last event's) only stamps.
    last = datetime.fromisoformat(events[-1].at) if events else None
    clock = ManualClock(start=last, monotonic=0.0)
    engine = SessionEngine.replay(plan, members, events, clock, since_last=0.0, decks=decks)
    return engine.summary().to_dict()


def session_record(
    record: Mapping[str, Any], log: Sequence[Event], members: Sequence[Member], plan: Plan,
    decks: Mapping[str, Deck] | None = None,
) -> SessionSummary:
    """The session's one record: its saved summary, or the log replayed when none was saved.

    A summary saved before attendance was kept in it takes its attendance from the log,
    those the check-in listed counted absent when they never came.
    """
    saved = record.get("summary")
    raw = saved if isinstance(saved, Mapping) and saved.get("phases") else replay_summary(plan, members, log, decks or {})
    listed = [str(r["member"]) for r in record.get("attendance") or ()
              if isinstance(r, Mapping) and r.get("member") is not None]
    return SessionSummary.from_dict(raw, attendees(log, [m.id for m in members], listed))


def _attendance(summary: SessionSummary) -> list[dict[str, Any]]:
    """Each member listed, present if they attended any part, with when they came or went."""
    return [{"member": a.member, "present": a.attended, "from_start": a.from_start,
             "joined_at": a.joined_at, "left_at": a.left_at} for a in summary.attendance]


def _airtime(summary: SessionSummary) -> list[dict[str, Any]]:
    """Seconds, share of the session's airtime and passes of each member who attended."""
    return [{"member": member, "seconds": seconds, "share": summary.shares.get(member, 0.0),
             "passes": summary.passes.get(member, 0)} for member, seconds in summary.airtime.items()]


def _phases(summary: SessionSummary) -> list[dict[str, Any]]:
    return [{"kind": p.kind, "title": p.title, "planned_seconds": p.planned_seconds,
             "actual_seconds": p.actual_seconds} for p in summary.phases]


def _turns(summary: SessionSummary) -> list[dict[str, Any]]:
    return [{"phase": t.phase, "member": t.member, "seconds": t.seconds, "passed": t.passed}
            for t in summary.turns]


def _prompts(events: Sequence[Event]) -> list[dict[str, Any]]:
    """Prompts drawn, in the order they were drawn, with the phase they were drawn in."""
    drawn = []
    for event in events:
        if event.type == ev.DRAW_PROMPT:
            drawn.append(
                {
                    "id": str(event.data.get("prompt") or event.data.get("id") or ""),
                    "text": str(event.data.get("text", "")),
                    "phase": event.phase,
                }
            )
    return drawn


def _goal_changes(events: Sequence[Event]) -> list[dict[str, Any]]:
    return [
        {"at": event.at, "phase": event.phase, "member": event.member, **event.data}
        for event in events
        if event.type == ev.GOAL_CHANGED
    ]


def _shared_event(event: Event, include_private: bool, private_phases: set[int]) -> dict[str, Any]:
    """An event as exported: a note's text, and what was said in a private phase (challenge
    sharing, a case), stay in the circle unless private parts are asked for."""
    row = event.to_dict()
    if include_private:
        return row
    if event.type == ev.NOTE:
        row["data"] = {"kind": str(event.data.get("kind") or "point"), "private": True}
    elif event.phase in private_phases and "note" in event.data and event.type != ev.GOAL_CHANGED:
        row["data"] = {**{k: v for k, v in event.data.items() if k != "note"}, "private": True}
    return row


def _leading(summary: SessionSummary, log: Sequence[Event], members: Sequence[Member]) -> dict[str, Any]:
    """Who led and the credit to both, each member named (empty when nobody led)."""
    names = {m.id: m.name for m in members}
    leader = summary.leader or next((e.member for e in log if e.type == ev.CHOOSE_LEADER), None)
    # A summary saved before credits were has none though someone led: rebuilt as the session gives them.
    rows = summary.credits or [c.to_dict() for c in credits(leader, summary.attended)]
    return {
        "leader": {"member": leader, "name": names.get(leader, leader)} if leader else None,
        "credits": [{"member": str(c.get("member")), "name": names.get(str(c.get("member")), str(c.get("member"))),
                     "for": str(c.get("for", ""))} for c in rows],
    }


def _member_rows(members: Sequence[Member]) -> list[dict[str, Any]]:
    return [{"id": m.id, "name": m.name, "role": m.role, "experience": m.experience} for m in members]


def build_export(
    record: Mapping[str, Any],
    events: Sequence[Event | Mapping[str, Any]],
    members: Sequence[Member],
    plan: Plan,
    *,
    circle: str,
    decks: Mapping[str, Deck] | None = None,
    include_private: bool = False,
) -> dict[str, Any]:
    """The session as plain JSON-ready data; docs/facilitator.md (Export) lists every key.

    Notes are private to the circle: without ``include_private`` their text is left
    out (the log keeps that a note was taken, and ``notes`` is empty).
    """
    log = [_event(raw) for raw in events]
    summary = session_record(record, log, members, plan, decks)
    started = record.get("started") or next((e.at for e in log if e.type == ev.START), None)
    private = {p.index for p in summary.phases if p.kind in PRIVATE_KINDS}
    return {
        "id": str(record.get("id", "")),
        "circle": circle,
        "plan": str(record.get("plan") or plan.name),
        "started": started,
        "ended": record.get("ended") or None,
        "members": _member_rows(members),
        "attendance": _attendance(summary),
        "attended": len(summary.attended),
        "invited": summary.invited,
        "joined_late": [a.member for a in summary.attendance if a.joined_at],
        "left_early": [a.member for a in summary.attendance if a.left_at],
        "phases": _phases(summary),
        "turns": _turns(summary),
        "airtime": _airtime(summary),
        "airtime_total": summary.total_airtime,
        "prompts": _prompts(log),
        "goal_changes": _goal_changes(log),
        "gaps": [dict(g) for g in summary.gaps],
        "drivers": [dict(d) for d in summary.drivers],
        **_leading(summary, log, members),
        "private": include_private,
        "notes": note_rows(log) if include_private else [],
        "notes_left_out": 0 if include_private else sum(1 for e in log if e.type == ev.NOTE),
        "events": [_shared_event(e, include_private, private) for e in log],
    }
