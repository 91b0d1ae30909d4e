"""The first day a report counts, as people type it: the due-date forms, looking back.

A date (2026-09-01) is that day; a count (10d, 3w, 2m, optionally followed by "ago") is that
long before today; today, yesterday, last week, last month; a weekday (friday, last friday)
is the latest such day before today. ``today`` is passed in.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from circle.domain.goals.due_dates import UNITS, WEEKDAYS, DueDateError, add_months, parse_due

SINCE_ACCEPTED = (
    "a date like 2026-09-01, a count like 10d, 3w or 2m (days, weeks or months ago), "
    "today, yesterday, last week, last month, or a weekday like friday"
)
_COUNT = re.compile(r"(\d{1,6})\s*([a-z]+)")
MAX_MONTHS_BACK = 12 * 100


class SinceError(DueDateError):
    """A --since that cannot be read; the message says what is accepted."""


def _back(words: str, today: date) -> date | None:
    if words == "today":
        return today
    if words in ("yesterday", "last day"):
        return today - timedelta(days=1)
    if words == "last week":
        return today - timedelta(weeks=1)
    if words == "last month":
        return add_months(today, -1)
    name = words.removeprefix("last ").strip()
    if name in WEEKDAYS:
        return today - timedelta(days=(today.weekday() - WEEKDAYS[name]) % 7 or 7)
    match = _COUNT.fullmatch(words.removesuffix(" ago").strip())
    if match and match.group(2) in UNITS:
        count, unit = int(match.group(1)), UNITS[match.group(2)]
        if unit == "m":
            return add_months(today, -count) if count <= MAX_MONTHS_BACK else None
        return today - timedelta(days=count * (7 if unit == "w" else 1))
    return None


def parse_since(text: str, today: date) -> date:
    """The first day counted; SinceError naming the text and the forms accepted."""
    words = " ".join(text.strip().lower().split())
    shown = text if len(text) <= 40 else text[:39] + "…"
    if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", words):
        try:
            return parse_due(words, today)
        except DueDateError:
            raise SinceError(f"--since {shown!r} is not a day on the calendar: use {SINCE_ACCEPTED}") from None
    try:
        found = _back(words, today)
    except (OverflowError, ValueError):
        found = None
    if found is None:
        raise SinceError(f"cannot read --since {shown!r}: use {SINCE_ACCEPTED}")
    return found
