"""A row of numbers as a line of block characters, to read a trend at a glance in plain text."""

from __future__ import annotations

from collections.abc import Sequence

BLOCKS = "▁▂▃▄▅▆▇█"
NO_VALUE = " "


def _squeezed(values: Sequence[float | None], width: int) -> list[float | None]:
    """At most ``width`` values: consecutive values averaged in equal runs when there are more."""
    if len(values) <= width:
        return list(values)
    squeezed: list[float | None] = []
    for column in range(width):
        run = [v for v in values[column * len(values) // width:(column + 1) * len(values) // width] if v is not None]
        squeezed.append(sum(run) / len(run) if run else None)
    return squeezed


def sparkline(values: Sequence[float | None], width: int = 40, low: float | None = None,
              high: float | None = None) -> str:
    """One character a value (averaged down to ``width``), scaled between low and high (default:
    the smallest and largest value); a missing value is a space; all equal values sit mid-height."""
    shown = _squeezed(values, max(1, width))
    known = [v for v in shown if v is not None]
    if not known:
        return NO_VALUE * len(shown)
    bottom = min(known) if low is None else low
    top = max(known) if high is None else high
    span = top - bottom
    line = []
    for value in shown:
        if value is None:
            line.append(NO_VALUE)
        elif span <= 0:
            line.append(BLOCKS[len(BLOCKS) // 2 - 1])
        else:
            step = round((min(max(value, bottom), top) - bottom) / span * (len(BLOCKS) - 1))
            line.append(BLOCKS[step])
    return "".join(line)
