"""A goal change from the session log, in words: under the goal's new title, with its percentage."""

from __future__ import annotations

from typing import Any, Callable, Mapping

VERBS = {"added": "new goal", "progress": "progress on", "achieved": "achieved", "dropped": "dropped"}


def change_percent(data: Mapping[str, Any]) -> int | None:
    """Where the goal stands after the change, when known (never for a dropped goal)."""
    percent = data.get("percent")
    if isinstance(percent, bool) or not isinstance(percent, int) or data.get("change") == "dropped":
        return None
    return percent


def change_text(data: Mapping[str, Any], quote: Callable[[str], str] = str, *, percent: bool = True) -> str:
    """e.g. 'reworked, now Read aloud on Mondays (was Read aloud daily)' or 'achieved Exit tickets ★ 100%'.

    ``quote`` escapes user text for where it goes (Markdown, say); plain by default.
    """
    kind = str(data.get("change") or "changed")
    title = quote(str(data.get("title") or ""))
    new = data.get("new_title")
    if kind == "reworked" and new:
        text = f"reworked, now {quote(str(new))} (was {title})"
    else:
        text = f"{VERBS.get(kind, quote(kind))} {title}"
    if kind == "achieved":
        text += " ★"
    shown = change_percent(data)
    if percent and shown is not None:
        text += f" {shown}%"
    return text
