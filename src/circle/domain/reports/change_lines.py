"""A goal change from the session log, in words: under the goal's new title, with its percentage."""

from __future__ import annotations

from typing import Any, Callable, Mapping

from circle.domain.goals.history import PART_WORDS

VERBS = {"added": "new goal", "progress": "progress on", "achieved": "achieved", "dropped": "dropped"}


def change_percent(data: Mapping[str, Any]) -> int | None:
    """Where the goal stands after the change, when known (never for a dropped goal)."""
    percent = data.get("percent")
    if isinstance(percent, bool) or not isinstance(percent, int) or data.get("change") == "dropped":
        return None
    return percent


def change_text(data: Mapping[str, Any], quote: Callable[[str], str] = str, *, percent: bool = True) -> str:
    """e.g. 'reworked, now Read aloud on Mondays (was Read aloud daily)', 'reworked Read aloud daily:
    due 2026-04-01 (was 2026-03-15)' or 'achieved Exit tickets ★ 100%'.

    ``quote`` escapes user text for where it goes (Markdown, say); plain by default.
    """
    kind = str(data.get("change") or "changed")
    title = quote(str(data.get("title") or ""))
    new = data.get("new_title")
    if kind == "reworked" and new and new != data.get("title"):
        text = f"reworked, now {quote(str(new))} (was {title})"
    elif kind == "reworked":
        text = f"reworked {title}{_same_title_rework(data)}"
    else:
        text = f"{VERBS.get(kind, quote(kind))} {title}"
    if kind == "achieved":
        text += " ★"
    shown = change_percent(data)
    if percent and shown is not None:
        text += f" {shown}%"
    return text


def _same_title_rework(data: Mapping[str, Any]) -> str:
    """What a rework under the same title changed: the due date, or which other parts."""
    parts = [part for part in data.get("reworded") or () if part in PART_WORDS]
    if parts == ["due"]:
        return f": due {data.get('due') or 'no date'} (was {data.get('was_due') or 'no date'})"
    if parts:
        return ": new " + ", ".join(PART_WORDS[part] for part in parts)
    return ""
