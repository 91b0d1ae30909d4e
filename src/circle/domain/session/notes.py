"""Notes taken during a session: a point or a commitment, tied to the speaker and phase.

A note is an event in the session's log (type ``note``); it stays in the circle, so the
exports include its text only when asked to include private parts.
"""

from __future__ import annotations

from typing import Any, Mapping

from circle.domain.session.events import NOTE, NOTE_KINDS
from circle.domain.text import control_names, has_control
from circle.errors import CircleError

NOTE_MAX = 280  # characters: a note is a line to remember, not minutes


class NoteError(CircleError):
    """A note that cannot be kept as typed; the message says why."""


def note_label(kind: str) -> str:
    """A note's kind as a word, "Point" or "Commitment": shown beside the note, never only its colour."""
    return "Commitment" if kind == "commitment" else "Point"


def note_data(text: str, kind: str = "point") -> dict[str, str]:
    """The data of a note event, checked: one line of text, a known kind."""
    if kind not in NOTE_KINDS:
        raise NoteError(f"a note is a {' or a '.join(NOTE_KINDS)}, not {kind!r}")
    clean = text.strip()
    if not clean:
        raise NoteError("the note is empty: type what to remember")
    if len(clean) > NOTE_MAX:
        raise NoteError(f"the note is {len(clean)} characters long: at most {NOTE_MAX}")
    if has_control(clean):
        raise NoteError(f"the note holds control characters ({control_names(clean)}): type it as plain text")
    return {"note": clean, "kind": kind}


def is_note(event_type: str) -> bool:
    return event_type == NOTE


def note_rows(events: Any) -> list[dict[str, Any]]:
    """Each note in a log (Events or their dicts), as the export lists them."""
    rows = []
    for event in events:
        raw: Mapping[str, Any] = event if isinstance(event, Mapping) else event.to_dict()
        if raw.get("type") != NOTE:
            continue
        data = raw.get("data") or {}
        rows.append({"at": raw.get("at"), "phase": raw.get("phase"), "member": raw.get("member"),
                     "kind": str(data.get("kind") or "point"), "text": str(data.get("note") or "")})
    return rows
