"""A goal's progress as a bar of blocks, for where people would rather look than read."""

from __future__ import annotations

from rich.text import Text

FULL, EMPTY = "█", "░"


def progress_bar(percent: int | None, width: int = 10, *, done_style: str = "green") -> Text:
    """e.g. '██████░░░░ 60%'; an empty Text when no percentage was ever logged."""
    if percent is None:
        return Text("")
    share = max(0, min(100, int(percent)))
    filled = round(share * width / 100)
    return Text.assemble((FULL * filled, done_style), (EMPTY * (width - filled), "dim"), f" {share}%")
