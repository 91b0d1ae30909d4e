"""SMART goals: a member's goal, its status and the history of every change.

Every change is a pure function returning a new Goal with one more history entry
({at, by, type, ...}); nothing here reads the clock or touches storage.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any, Iterable

from circle.domain.text import text_problem
from circle.errors import CircleError

STATUSES = ("active", "achieved", "reworked", "dropped")
WORDING = ("title", "measure", "action", "realistic", "due")
STALE_DAYS = 28  # four weeks without an update
TITLE_MAX = 200
TEXT_MAX = 1000

_KNOWN = {
    "id", "member", "title", "measure", "action", "realistic", "due", "created",
    "status", "progress", "history", "reworked_from", "reworked_into",
}  # fmt: skip


KEEP = object()  # rework(): leave this part as it was


class GoalError(CircleError):
    """A goal change that cannot apply (e.g. progress on a dropped goal), or bad goal text."""


def clean_text(value: str | None, what: str, *, required: bool = False, limit: int = TEXT_MAX) -> str:
    """Trim the text; refuse control characters, over-long text and (when required) emptiness."""
    text = (value or "").strip()
    if required and not text:
        raise GoalError(f"the goal's {what} is empty: write what the goal is")
    if len(text) > limit:
        raise GoalError(f"the goal's {what} is {len(text)} characters long: at most {limit}")
    problem = text_problem(text, f"the goal's {what}", one_line=True)
    if problem:
        raise GoalError(f"{problem}: remove them")
    return text


def _stamp(at: datetime) -> str:
    return at.isoformat(timespec="seconds")


@dataclass(frozen=True)
class Goal:
    member: str
    title: str
    id: str = ""  # given by the store when the goal is first saved
    measure: str = ""
    action: str = ""
    realistic: str = ""
    due: date | None = None
    created: str = ""  # ISO 8601 wall time
    status: str = "active"
    progress: int | None = None  # latest percentage logged, if any
    history: tuple[dict[str, Any], ...] = ()
    reworked_from: str | None = None  # the goal this one replaced
    reworked_into: str | None = None  # the goal that replaced this one
    extra: dict[str, Any] = field(default_factory=dict, compare=False)  # keys kept for others

    @property
    def active(self) -> bool:
        return self.status == "active"

    @property
    def percent(self) -> int | None:
        """How far along it is, as shown: an achieved goal is done, whatever was logged last."""
        return shown_percent(self.status, self.progress)

    def wording(self) -> dict[str, Any]:
        """The SMART parts as plain values (due as ISO text or None)."""
        return {
            "title": self.title,
            "measure": self.measure,
            "action": self.action,
            "realistic": self.realistic,
            "due": self.due.isoformat() if self.due else None,
        }

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id} if self.id else {}
        data.update(
            member=self.member,
            **self.wording(),
            created=self.created,
            status=self.status,
            progress=self.progress,
            history=[dict(entry) for entry in self.history],
            reworked_from=self.reworked_from,
            reworked_into=self.reworked_into,
        )
        data.update((key, value) for key, value in self.extra.items() if key not in data)
        return data

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> "Goal":
        where = f"goal {raw.get('id', '?')}"
        status = raw.get("status", "active")
        if status not in STATUSES:
            raise GoalError(f"{where} has an unknown status {status!r}: expected one of {', '.join(STATUSES)}")
        due = raw.get("due")
        try:
            due_date = date.fromisoformat(due) if due else None
        except (TypeError, ValueError):
            raise GoalError(f"{where} has a due date that is not an ISO date: {due!r}") from None
        progress = raw.get("progress")
        history = raw.get("history") or ()
        # The store checks the shape of what it reads; a goal built from elsewhere is checked here.
        if "member" not in raw:
            raise GoalError(f"{where} names no member")
        if progress is not None and (isinstance(progress, bool) or not isinstance(progress, int)):
            raise GoalError(f"{where} has a progress that is not a whole number: {progress!r}")
        if not isinstance(history, (list, tuple)) or not all(isinstance(entry, dict) for entry in history):
            raise GoalError(f"{where} has a history that is not a list of records")
        return cls(
            id=str(raw.get("id", "") or ""),
            member=str(raw["member"]),
            title=str(raw.get("title", "")),
            measure=str(raw.get("measure") or ""),
            action=str(raw.get("action") or ""),
            realistic=str(raw.get("realistic") or ""),
            due=due_date,
            created=str(raw.get("created") or ""),
            status=status,
            progress=int(progress) if progress is not None else None,
            history=tuple(dict(entry) for entry in history),
            reworked_from=_optional_id(raw.get("reworked_from")),
            reworked_into=_optional_id(raw.get("reworked_into")),
            extra={key: value for key, value in raw.items() if key not in _KNOWN},
        )


def _optional_id(value: Any) -> str | None:
    return None if value in (None, "") else str(value)


def _entry(kind: str, at: datetime, by: str, session: str | None, **data: Any) -> dict[str, Any]:
    entry: dict[str, Any] = {"at": _stamp(at), "by": by, "type": kind}
    if session:
        entry["session"] = session
    entry.update({key: value for key, value in data.items() if value not in (None, "")})
    return entry


def _with(goal: Goal, entry: dict[str, Any], **changes: Any) -> Goal:
    return replace(goal, history=goal.history + (entry,), **changes)


def _require_active(goal: Goal, doing: str) -> None:
    if not goal.active:
        raise GoalError(f"goal {goal.id or goal.title!r} is {goal.status}: only an active goal can be {doing}")


def new_goal(
    member: str,
    title: str,
    *,
    at: datetime,
    by: str,
    measure: str = "",
    action: str = "",
    realistic: str = "",
    due: date | None = None,
    session: str | None = None,
) -> Goal:
    """A new active goal; only the title is required (the SMART checklist advises the rest)."""
    goal = Goal(
        member=member,
        title=clean_text(title, "title", required=True, limit=TITLE_MAX),
        measure=clean_text(measure, "measure"),
        action=clean_text(action, "first action"),
        realistic=clean_text(realistic, "realistic check"),
        due=due,
        created=_stamp(at),
    )
    return _with(goal, _entry("created", at, by, session))


def log_progress(
    goal: Goal, note: str, percent: int | None = None, *, at: datetime, by: str, session: str | None = None
) -> Goal:
    _require_active(goal, "updated")
    text = clean_text(note, "progress note")
    if percent is not None and not 0 <= percent <= 100:
        raise GoalError(f"progress is {percent}%: give a percentage from 0 to 100")
    if not text and percent is None:
        raise GoalError("a progress update needs a note or a percentage")
    changes = {"progress": percent} if percent is not None else {}
    return _with(goal, _entry("progress", at, by, session, note=text, percent=percent), **changes)


def achieve(goal: Goal, note: str = "", *, at: datetime, by: str, session: str | None = None) -> Goal:
    _require_active(goal, "marked achieved")
    entry = _entry("achieved", at, by, session, note=clean_text(note, "note"))
    return _with(goal, entry, status="achieved")


def drop(goal: Goal, reason: str, *, at: datetime, by: str, session: str | None = None) -> Goal:
    _require_active(goal, "dropped")
    text = clean_text(reason, "reason for dropping")
    if not text:
        raise GoalError("dropping a goal needs a reason: say why it no longer fits")
    return _with(goal, _entry("dropped", at, by, session, reason=text), status="dropped")


def rework(
    goal: Goal,
    *,
    at: datetime,
    by: str,
    title: str | None = None,
    measure: str | None = None,
    action: str | None = None,
    realistic: str | None = None,
    due: date | None | object = KEEP,
    note: str = "",
    session: str | None = None,
) -> Goal:
    """The successor of a reworked goal: new wording, same member, a fresh id from the store.

    Parts not given keep the old wording (``due`` left out keeps the old date, ``None`` clears it).
    Its history starts with the old version, so the old wording is never lost; once the store
    has given the successor an id, ``retire(goal, successor_id)`` closes the old one.
    """
    _require_active(goal, "reworked")
    successor = new_goal(
        goal.member,
        goal.title if title is None else title,
        measure=goal.measure if measure is None else measure,
        action=goal.action if action is None else action,
        realistic=goal.realistic if realistic is None else realistic,
        due=goal.due if due is KEEP else due,  # type: ignore[arg-type]
        at=at,
        by=by,
        session=session,
    )
    earlier = _entry(
        "reworked_from", at, by, session, goal=goal.id or None, previous=goal.wording(),
        note=clean_text(note, "note"),
    )  # fmt: skip
    return _with(successor, earlier, reworked_from=goal.id or None)


def retire(
    goal: Goal, successor_id: str, *, at: datetime, by: str, note: str = "", session: str | None = None
) -> Goal:
    """Close a goal as reworked, linked to the goal that replaces it."""
    _require_active(goal, "reworked")
    entry = _entry("reworked", at, by, session, into=successor_id, note=clean_text(note, "note"))
    return _with(goal, entry, status="reworked", reworked_into=successor_id)


def last_update(goal: Goal) -> date | None:
    """The day of the latest history entry (or of creation)."""
    stamps = [entry.get("at") for entry in goal.history] + [goal.created]
    days = [_day(stamp) for stamp in stamps if stamp]
    known = [day for day in days if day is not None]
    return max(known) if known else None


def _day(stamp: str) -> date | None:
    try:
        return datetime.fromisoformat(stamp).date()
    except ValueError:
        return None


def closed_due(goal: Goal) -> str:
    """A closed goal's due date in words that fit how it closed: an achieved one says how early
    or late ('9 days early (due 2027-02-05)'), a dropped or reworked one 'was due 2027-02-05'."""
    if goal.due is None:
        return "no due date"
    if goal.status != "achieved":
        return f"was due {goal.due.isoformat()}"
    stamps = [str(entry.get("at") or "") for entry in goal.history if entry.get("type") == "achieved"]
    achieved = _day(stamps[-1]) if stamps else None
    if achieved is None:
        return f"due {goal.due.isoformat()}"
    days = (goal.due - achieved).days
    if days == 0:
        return f"on its due date ({goal.due.isoformat()})"
    count = f"{abs(days)} day{'s' if abs(days) != 1 else ''}"
    return f"{count} {'early' if days > 0 else 'late'} (due {goal.due.isoformat()})"


def is_overdue(goal: Goal, today: date) -> bool:
    return goal.active and goal.due is not None and goal.due < today


def is_stale(goal: Goal, today: date) -> bool:
    """Active with no update in four weeks."""
    updated = last_update(goal)
    return goal.active and updated is not None and (today - updated).days >= STALE_DAYS


def review_key(goal: Goal, today: date) -> tuple:
    """Active before closed; overdue first; then by due date (none last); then oldest first."""
    return (
        not goal.active,
        not is_overdue(goal, today),
        goal.due is None,
        goal.due or date.max,
        goal.created,
    )


def review_order(goals: Iterable[Goal], today: date, first_session: str | None = None) -> list[Goal]:
    """Goals in review order; goals touched in ``first_session`` (last session's commitments) lead."""

    def key(goal: Goal) -> tuple:
        committed = bool(first_session) and touched_in(goal, first_session)
        return (not committed,) + review_key(goal, today)

    return sorted(goals, key=key)


def shown_percent(status: str, progress: int | None) -> int | None:
    """The percentage to show for a goal: 100 once achieved, else the latest logged (if any)."""
    return 100 if status == "achieved" else progress


def touched_in(goal: Goal, session: str | None) -> bool:
    return any(entry.get("session") == session for entry in goal.history)


def achieved_in(goals: Iterable[Goal], session: str) -> list[Goal]:
    """Goals marked achieved during a session: the ones to celebrate at the close."""
    return [
        goal
        for goal in goals
        if goal.status == "achieved"
        and any(e.get("type") == "achieved" and e.get("session") == session for e in goal.history)
    ]
