"""A goal's history entries in words, for the plain listing and the history view."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

# The parts of a goal's wording besides its title, as the forms name them.
PART_WORDS = {"measure": "measure", "action": "first step", "realistic": "realistic check", "due": "due date"}


def _day(entry: dict[str, Any]) -> str:
    return str(entry.get("at", ""))[:10]


def describe_entry(entry: dict[str, Any], wording: Mapping[str, Any] | None = None) -> str:
    """e.g. '2026-03-04 ana: progress 40%: tried it twice'. wording: the goal's own (Goal.wording()),
    so a rework under the same title says what it changed instead."""
    kind = str(entry.get("type", "change"))
    what = {
        "created": "set the goal",
        "progress": "progress" + (f" {entry['percent']}%" if entry.get("percent") is not None else ""),
        "achieved": "achieved",
        "dropped": "dropped",
        "reworked": f"reworked into goal {entry.get('into', '?')}",
        "reworked_from": f"reworded from goal {entry.get('goal') or '?'}",
    }.get(kind, kind)
    detail = entry.get("note") or entry.get("reason") or ""
    if kind == "reworked_from":
        detail = _was(entry.get("previous") or {}, wording) + (f"; {detail}" if detail else "")
    where = " (in a session)" if entry.get("session") else ""
    text = f"{_day(entry)} {entry.get('by', '?')}: {what}{where}"
    return f"{text}: {detail}" if detail else text


def _was(previous: Mapping[str, Any], wording: Mapping[str, Any] | None) -> str:
    """What a reworded goal was: its old title, or (the title kept) the parts that changed."""
    if wording is None or previous.get("title") != wording.get("title"):
        return f'was "{previous.get("title", "")}"'
    changed = [part for part in PART_WORDS if previous.get(part) != wording.get(part)]
    if changed == ["due"]:
        return f"the due date was {previous.get('due') or 'none'}"
    return "new " + ", ".join(PART_WORDS[part] for part in changed) if changed else "the same wording"


def latest_entry(history: tuple[dict[str, Any], ...]) -> dict[str, Any] | None:
    return history[-1] if history else None
