"""A goal's history entries in words, for the plain listing and the history view."""

from __future__ import annotations

from typing import Any


def _day(entry: dict[str, Any]) -> str:
    return str(entry.get("at", ""))[:10]


def describe_entry(entry: dict[str, Any]) -> str:
    """e.g. '2026-03-04 ana: progress 40%: tried it twice'."""
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
        previous = (entry.get("previous") or {}).get("title", "")
        detail = f'was "{previous}"' + (f"; {detail}" if detail else "")
    where = " (in a session)" if entry.get("session") else ""
    text = f"{_day(entry)} {entry.get('by', '?')}: {what}{where}"
    return f"{text}: {detail}" if detail else text


def latest_entry(history: tuple[dict[str, Any], ...]) -> dict[str, Any] | None:
    return history[-1] if history else None
