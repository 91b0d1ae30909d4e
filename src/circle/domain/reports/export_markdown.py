"""A session's export as Markdown: a readable summary to share with the circle.

Built from the export dict (circle.domain.reports.export_json.build_export). What members said in
challenge sharing and case discussion (notes logged in those phases) is left out
unless ``include_private`` is set. Every piece of user text is escaped, so a name
like ``*Ann* [x](y)`` shows as typed instead of turning into formatting or a link.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from circle.domain.session import events as ev
from circle.domain.session.notes import note_label
from circle.domain.durations import duration_text
from circle.domain.reports.change_lines import change_text
from circle.domain.reports.export_json import PRIVATE_KINDS
from circle.domain.session.attendance import Attendee, attendance_rows, present_count
from circle.domain.session.summary import facilitation_lines, share_text
from circle.domain.text import visible

# Characters that start Markdown (or inline HTML) formatting in the middle of a line. User
# text never begins a line here, so line-start markers (-, +, 1.) need no escaping.
_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~&])")
_BREAKS = re.compile("[\t\n\x0b\x0c\r\x85\u2028\u2029]+")


def escape(text: object) -> str:
    """User text as literal Markdown: special characters escaped, line breaks made spaces, and
    any other control or invisible character spelled out (e.g. \\x1b), never passed on raw."""
    flat = visible(_BREAKS.sub(" ", str(text)))
    return _SPECIAL.sub(r"\\\1", flat)


def clock(seconds: float | None) -> str:
    """Seconds as m:ss (h:mm:ss past an hour); "-" when unknown."""
    return "-" if seconds is None else duration_text(seconds)


def _names(export: Mapping[str, Any]) -> dict[str, str]:
    return {str(m["id"]): str(m["name"]) for m in export.get("members") or ()}


def _who(names: Mapping[str, str], member: object) -> str:
    return escape(names.get(str(member), str(member)))


def _private_phases(export: Mapping[str, Any]) -> set[int]:
    return {index for index, phase in enumerate(export.get("phases") or ()) if phase.get("kind") in PRIVATE_KINDS}


def _heading(export: Mapping[str, Any]) -> list[str]:
    started = str(export.get("started") or "not started")
    lines = [f"# {escape(export.get('circle', ''))}: session of {escape(started[:16].replace('T', ' '))}", ""]
    ended = export.get("ended")
    lines.append(f"- Plan: {escape(export.get('plan', ''))}")
    lines.append(f"- Ended: {escape(str(ended)[:16].replace('T', ' '))}" if ended else "- Ended: not finished")
    return lines + [""]


def _attendance(export: Mapping[str, Any], names: Mapping[str, str]) -> list[str]:
    rows = [Attendee.from_dict(r) for r in export.get("attendance") or ()]
    shown = {a.member: _who(names, a.member) for a in rows}
    lines = ["## Attendance", "", f"- {present_count(rows)} present"]
    lines += [f"- {label}: {', '.join(people) or 'nobody'}" for label, people in attendance_rows(rows, shown)]
    return lines + [""]


def _phases(export: Mapping[str, Any]) -> list[str]:
    lines = ["## Phases", "", "| Phase | Planned | Actual |", "|---|---:|---:|"]
    for phase in export.get("phases") or ():
        planned, actual = phase.get("planned_seconds"), phase.get("actual_seconds")
        lines.append(f"| {escape(phase.get('title', ''))} | {clock(planned)} | {clock(actual)} |")
    return lines + [""]


def _airtime(export: Mapping[str, Any], names: Mapping[str, str]) -> list[str]:
    rows = sorted(export.get("airtime") or (), key=lambda row: -float(row.get("seconds") or 0))
    if not rows:
        return []
    lines = ["## Airtime", "", "| Member | Spoke | Share | Passes |", "|---|---:|---:|---:|"]
    for row in rows:
        lines.append(f"| {_who(names, row.get('member'))} | {clock(row.get('seconds'))} | "
                     f"{share_text(float(row.get('share') or 0))} | {row.get('passes', 0)} |")
    return lines + [""]


def _prompts(export: Mapping[str, Any]) -> list[str]:
    prompts = export.get("prompts") or ()
    if not prompts:
        return []
    return ["## Prompts used", "", *(f"{n}. {escape(p.get('text', ''))}" for n, p in enumerate(prompts, 1)), ""]


def _credits(export: Mapping[str, Any]) -> list[str]:
    leader = export.get("leader")
    if not leader:
        return []
    lines = ["## Credit to both", "", f"- Led by {escape(leader.get('name', ''))}"]
    for row in export.get("credits") or ():
        lines.append(f"- {escape(row.get('name', ''))}: for {escape(row.get('for', ''))}")
    return lines + [""]


def _goal_changes(export: Mapping[str, Any], names: Mapping[str, str]) -> list[str]:
    changes = export.get("goal_changes") or ()
    if not changes:
        return []
    lines = ["## Goal changes", ""]
    for change in changes:
        lines.append(f"- {_who(names, change.get('member'))} {change_text(change, escape)}")
    return lines + [""]


def _notes(export: Mapping[str, Any], names: Mapping[str, str], include_private: bool) -> list[str]:
    phases = export.get("phases") or ()
    private = _private_phases(export)
    shown, held_back = [], set()
    taken = int(export.get("notes_left_out") or 0)  # notes the export already left out
    for event in export.get("events") or ():
        data = event.get("data") or {}
        note = data.get("note")
        if not isinstance(note, str) or not note.strip() or event.get("type") == ev.GOAL_CHANGED:
            continue
        phase = event.get("phase")
        if event.get("type") == ev.NOTE and not include_private:
            taken += 1  # a note taken in the session stays in the circle
            continue
        if phase in private and not include_private:
            held_back.add(phase)
            continue
        title = phases[phase]["title"] if isinstance(phase, int) and 0 <= phase < len(phases) else "Session"
        who = f"{_who(names, event.get('member'))}: " if event.get("member") else ""
        kind = f"{note_label(str(data.get('kind')))}. " if event.get("type") == ev.NOTE else ""
        shown.append(f"- {escape(title)}. {kind}{who}{escape(note)}")
    lines = ["## Notes", "", *shown] if shown or held_back or taken else []
    for phase in sorted(held_back):
        title = escape(phases[phase]["title"])
        lines.append(f"- What was shared in {title} stays in the circle and is not part of this summary.")
    if taken:
        many = taken != 1
        lines.append(f"- {taken} note{'s' if many else ''} taken in the session {'stay' if many else 'stays'} "
                     "in the circle (export with --include-private to include them).")
    return lines + ([""] if lines else [])


def _drivers(export: Mapping[str, Any]) -> list[str]:
    """Who drove, and the time nobody did (not counted in any phase or anyone's airtime)."""
    lines = facilitation_lines(export.get("drivers") or (), export.get("gaps") or ())
    return ["## Facilitation", "", *(f"- {escape(line)}" for line in lines), ""] if lines else []


def render_markdown(export: Mapping[str, Any], *, include_private: bool = False) -> str:
    names = _names(export)
    lines = [
        *_heading(export),
        *_attendance(export, names),
        *_phases(export),
        *_airtime(export, names),
        *_prompts(export),
        *_credits(export),
        *_goal_changes(export, names),
        *_drivers(export),
        *_notes(export, names, include_private),
    ]
    return "\n".join(lines).rstrip() + "\n"
