"""The SMART checklist: advice on what a goal's wording is missing or leaves vague.

It never blocks a save: the member reads the flags and decides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from circle.domain.goals.goal import Goal

# Words that usually stand in for a specific what, how much or when.
VAGUE_WORDS = (
    "better", "improve", "improved", "improving", "more", "try", "trying", "some", "something",
    "things", "stuff", "somehow", "maybe", "hopefully", "nice", "really", "generally",
    "various", "lots", "enough", "soon", "eventually", "etc", "work on", "as much as possible",
)  # fmt: skip
FAR_DAYS = 366  # a due date more than a year away is a hint to take a nearer step
MIN_TITLE_WORDS = 3

_VAGUE = re.compile(r"\b(" + "|".join(re.escape(word) for word in VAGUE_WORDS) + r")\b", re.IGNORECASE)


@dataclass(frozen=True)
class Check:
    letter: str  # S, M, A, R or T
    name: str  # specific, measurable, action-based, realistic, time-bound
    ok: bool
    advice: str  # what is missing or vague; what is fine when ok


def vague_words(text: str) -> list[str]:
    """The vague words in a text, lower-cased, each once, in order of appearance."""
    found: list[str] = []
    for match in _VAGUE.finditer(text):
        word = match.group(1).lower()
        if word not in found:
            found.append(word)
    return found


def _quoted(words: list[str]) -> str:
    return ", ".join(f"'{word}'" for word in words)


def _specific(title: str) -> Check:
    if not title.strip():
        return Check("S", "specific", False, "no goal yet: what exactly will change?")
    vague = vague_words(title)
    if vague:
        return Check("S", "specific", False, f"{_quoted(vague)} is vague: say exactly what, with whom, where")
    if len(title.split()) < MIN_TITLE_WORDS:
        return Check("S", "specific", False, "short: say what, with whom or where")
    return Check("S", "specific", True, "says what will change")


def _measurable(measure: str) -> Check:
    if not measure.strip():
        return Check("M", "measurable", False, "no measure: how will you know it worked?")
    vague = vague_words(measure)
    if vague:
        return Check("M", "measurable", False, f"{_quoted(vague)} is hard to measure: a count or evidence?")
    return Check("M", "measurable", True, "has a measure")


def _action(action: str) -> Check:
    if not action.strip():
        return Check("A", "action-based", False, "no first action: what will you do first?")
    vague = vague_words(action)
    if vague:
        return Check("A", "action-based", False, f"{_quoted(vague)} is vague: name a concrete first step")
    return Check("A", "action-based", True, "has a first action")


def _realistic(realistic: str) -> Check:
    if not realistic.strip():
        return Check("R", "realistic", False, "what could get in the way, and what support would help?")
    return Check("R", "realistic", True, "obstacles and support considered")


def _time_bound(due: date | None, today: date, due_error: str | None) -> Check:
    if due_error:
        return Check("T", "time-bound", False, due_error)
    if due is None:
        return Check("T", "time-bound", False, "no due date: by when?")
    if due < today:
        return Check("T", "time-bound", False, f"the due date {due.isoformat()} is in the past")
    if (due - today).days > FAR_DAYS:
        return Check("T", "time-bound", False, "more than a year away: is there a nearer step?")
    return Check("T", "time-bound", True, f"due {due.isoformat()}")


def checklist(
    today: date,
    *,
    title: str = "",
    measure: str = "",
    action: str = "",
    realistic: str = "",
    due: date | None = None,
    due_error: str | None = None,
) -> tuple[Check, ...]:
    """The five checks, in S-M-A-R-T order. ``due_error`` is shown when the date did not parse."""
    return (
        _specific(title),
        _measurable(measure),
        _action(action),
        _realistic(realistic),
        _time_bound(due, today, due_error),
    )


def flags(checks: tuple[Check, ...]) -> list[Check]:
    """The checks that need attention."""
    return [check for check in checks if not check.ok]


def goal_checklist(goal: "Goal", today: date) -> tuple[Check, ...]:
    """The checklist of a saved goal."""
    return checklist(
        today, title=goal.title, measure=goal.measure, action=goal.action,
        realistic=goal.realistic, due=goal.due,
    )  # fmt: skip
