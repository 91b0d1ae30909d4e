"""Due dates as people type them: ISO dates, counts like ``3w``, ``tomorrow``, ``next friday``.

``today`` is always passed in, so the same text means the same date in tests and replays.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from circle.errors import CircleError

ACCEPTED = (
    "a date like 2026-03-15, a count like 10d, 3w or 2m (days, weeks, months), "
    "today, tomorrow, next week, next month, or a weekday like friday or next friday"
)

# Far enough for any goal worth writing down; stops absurd counts before they overflow.
MAX_DAYS_AHEAD = 366 * 10

WEEKDAYS = {
    name: index
    for index, names in enumerate(
        (
            ("monday", "mon"),
            ("tuesday", "tue", "tues"),
            ("wednesday", "wed"),
            ("thursday", "thu", "thur", "thurs"),
            ("friday", "fri"),
            ("saturday", "sat"),
            ("sunday", "sun"),
        )
    )
    for name in names
}

UNITS = {
    "d": "d", "day": "d", "days": "d",
    "w": "w", "wk": "w", "wks": "w", "week": "w", "weeks": "w",
    "m": "m", "mo": "m", "month": "m", "months": "m",
}  # fmt: skip

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_COUNT = re.compile(r"(?:in\s+)?(\d{1,6})\s*([a-z]+)")


class DueDateError(CircleError):
    """A due date that cannot be read; the message says what is accepted."""


def _shown(text: str) -> str:
    """The user's text, quoted, with control characters made visible and length capped."""
    safe = "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)
    if len(safe) > 40:
        safe = safe[:39] + "…"
    return f'"{safe}"'


def add_months(start: date, months: int) -> date:
    """The same day ``months`` later, or the month's last day when it is shorter (Jan 31 + 1m)."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return date(year, month, day)


def next_weekday(today: date, weekday: int) -> date:
    """The first such weekday after today (1 to 7 days ahead)."""
    ahead = (weekday - today.weekday()) % 7 or 7
    return today + timedelta(days=ahead)


def _relative(words: str, today: date) -> date | None:
    if words == "today":
        return today
    if words == "tomorrow":
        return today + timedelta(days=1)
    if words == "next week":
        return today + timedelta(weeks=1)
    if words == "next month":
        return add_months(today, 1)
    name = words.removeprefix("next ").removeprefix("this ").strip()
    if name in WEEKDAYS:
        return next_weekday(today, WEEKDAYS[name])
    match = _COUNT.fullmatch(words)
    if match and match.group(2) in UNITS:
        count, unit = int(match.group(1)), UNITS[match.group(2)]
        if count > MAX_DAYS_AHEAD:
            return None
        if unit == "m":
            return add_months(today, count) if today.year + count // 12 + 1 <= 9999 else None
        days = count * (7 if unit == "w" else 1)
        return today + timedelta(days=days) if days <= MAX_DAYS_AHEAD else None
    return None


def parse_due(text: str, today: date) -> date:
    """Read a due date; raise DueDateError naming the text and the accepted forms."""
    words = " ".join(text.strip().lower().split())
    if not words:
        raise DueDateError(f"the due date is empty: use {ACCEPTED}")
    iso = _ISO.fullmatch(words)
    if iso:
        try:
            return date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        except ValueError:
            raise DueDateError(f"{_shown(text)} is not a day on the calendar: use {ACCEPTED}") from None
    try:
        found = _relative(words, today)
    except (OverflowError, ValueError):
        found = None
    if found is None or (found - today).days > MAX_DAYS_AHEAD:
        raise DueDateError(f"cannot read the due date {_shown(text)}: use {ACCEPTED}")
    return found


def parse_optional_due(text: str | None, today: date) -> date | None:
    """Like parse_due, but empty text (or None) means no due date."""
    if text is None or not text.strip():
        return None
    return parse_due(text, today)


def describe_due(due: date | None, today: date) -> str:
    """A short phrase for a due date relative to today: 'due in 3 days', '2 days overdue'."""
    if due is None:
        return "no due date"
    days = (due - today).days
    if days == 0:
        return "due today"
    if days == 1:
        return "due tomorrow"
    if days > 1:
        return f"due in {days} days" if days < 60 else f"due {due.isoformat()}"
    late = -days
    return f"{late} day{'s' if late != 1 else ''} overdue"
