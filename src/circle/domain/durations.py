"""Lengths of time as people read them: m:ss, or h:mm:ss from an hour."""

from __future__ import annotations


def clock_text(seconds: float) -> str:
    """Whole seconds, cut down: what a running clock shows."""
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def duration_text(seconds: float) -> str:
    """To the nearest second: how long something took, the same on screen and in exports."""
    return clock_text(round(seconds))
