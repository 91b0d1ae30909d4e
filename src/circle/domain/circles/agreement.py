"""The agreement: how a circle meets, keeps in touch and keeps confidences.

Members set it in their first weeks together and sign it off; it is worth
revisiting each term, so it knows when it was last looked at.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from datetime import date, timedelta
from typing import Any

from circle.domain.text import control_names, has_control, refused_characters
from circle.errors import CircleError

# About a school term: after this long without a look, the agreement is due a revisit.
REVISIT_AFTER = timedelta(weeks=12)
MAX_TEXT = 1000
MAX_MINUTES = 600

DEFAULT_CONFIDENTIALITY = (
    "What we share here stays here. We do not pass on anyone's difficulties to "
    "school leaders or to other colleagues, and we do not gossip. Anyone may still "
    "ask other colleagues or leaders for help of their own."
)

# The text fields, in the order they are shown, with the label a person reads.
TEXT_FIELDS: tuple[tuple[str, str], ...] = (
    ("day", "Meeting day"),
    ("time", "Meeting time"),
    ("place", "Place or link"),
    ("cancel", "How to cancel"),
    ("contact", "Informal contact"),
    ("roles", "Roles"),
    ("confidentiality", "Confidentiality"),
)


class AgreementError(CircleError, ValueError):
    """An agreement field that cannot be saved; the message names the field."""


@dataclass(frozen=True)
class SignOff:
    """One member's sign-off: who and on which day."""

    who: str
    on: date

    def to_dict(self) -> dict[str, str]:
        return {"who": self.who, "on": self.on.isoformat()}


@dataclass(frozen=True)
class Agreement:
    day: str = ""
    time: str = ""
    place: str = ""
    minutes: int | None = None  # how long a meeting lasts
    cancel: str = ""
    contact: str = ""
    roles: str = ""
    confidentiality: str = DEFAULT_CONFIDENTIALITY
    signed: tuple[SignOff, ...] = ()
    revisited: date | None = None  # the last time the circle looked it over together

    def __post_init__(self) -> None:
        for name, label in TEXT_FIELDS:
            value = getattr(self, name)
            if not isinstance(value, str):
                raise AgreementError(f"agreement: {label} must be text")
            if has_control(value, allow_newlines=True):
                raise AgreementError(
                    f"agreement: {label} holds control characters ({control_names(value)})"
                )
            if len(value) > MAX_TEXT:
                raise AgreementError(f"agreement: {label} is at most {MAX_TEXT} characters")
        if self.minutes is not None and (
            isinstance(self.minutes, bool)
            or not isinstance(self.minutes, int)
            or not 1 <= self.minutes <= MAX_MINUTES
        ):
            raise AgreementError(
                f"agreement: meeting length must be a whole number of minutes from 1 to {MAX_MINUTES}"
            )
        for sign in self.signed:
            if not sign.who.strip() or refused_characters(sign.who):
                raise AgreementError("agreement: a sign-off needs the name of who signed")

    @property
    def last_reviewed(self) -> date | None:
        """The latest of the revisit and the sign-offs: when it was last agreed."""
        days = [sign.on for sign in self.signed]
        if self.revisited is not None:
            days.append(self.revisited)
        return max(days, default=None)

    def is_blank(self) -> bool:
        return self == Agreement()

    def not_agreed(self) -> list[str]:
        """The parts still empty, by their labels, in the order the agreement lists them."""
        missing = []
        for name, label in TEXT_FIELDS:
            if not getattr(self, name).strip():
                missing.append(label)
            if name == "place" and self.minutes is None:  # the length is listed after the place
                missing.append("Length")
        return missing

    def needs_revisit(self, today: date) -> bool:
        """True when it was never agreed, or not revisited for about a term."""
        last = self.last_reviewed
        return last is None or today - last >= REVISIT_AFTER

    def revisit_due(self) -> date | None:
        last = self.last_reviewed
        return None if last is None else last + REVISIT_AFTER

    def sign(self, who: str, on: date) -> "Agreement":
        """A copy signed by who on that day (a second signature by the same person replaces the first)."""
        kept = tuple(s for s in self.signed if s.who != who.strip())
        return replace(self, signed=kept + (SignOff(who.strip(), on),))

    def mark_revisited(self, on: date) -> "Agreement":
        return replace(self, revisited=on)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {name: getattr(self, name) for name, _ in TEXT_FIELDS}
        data["minutes"] = self.minutes
        data["signed"] = [sign.to_dict() for sign in self.signed]
        data["revisited"] = self.revisited.isoformat() if self.revisited else None
        return data

    @classmethod
    def from_dict(cls, raw: dict[str, Any] | None) -> "Agreement":
        """Read a saved agreement; missing keys take their defaults, bad values raise AgreementError."""
        if not raw:
            return cls()
        if not isinstance(raw, dict):
            raise AgreementError("agreement: expected a table of fields")
        known = {f.name for f in fields(cls)}
        values: dict[str, Any] = {k: v for k, v in raw.items() if k in known}
        values["minutes"] = parse_minutes(raw.get("minutes"))
        values["signed"] = tuple(_sign_off(item) for item in raw.get("signed") or ())
        values["revisited"] = parse_day(raw.get("revisited"), "revisited")
        for name, _ in TEXT_FIELDS:
            if values.get(name) is None:
                values.pop(name, None)
        return cls(**values)


def parse_day(value: Any, what: str) -> date | None:
    """An ISO date (YYYY-MM-DD) or nothing; anything else names the field."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise AgreementError(f"agreement: {what} date {value!r} is not a date like 2026-09-14") from None


def parse_minutes(value: Any) -> int | None:
    """A meeting length in whole minutes, from a number or text like '45'."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise AgreementError("agreement: meeting length must be a number of minutes")
    if isinstance(value, int):
        return value
    text = str(value).strip().removesuffix("min").strip()
    if not text.isdigit():
        raise AgreementError(f"agreement: meeting length {value!r} is not a whole number of minutes")
    return int(text)


def _sign_off(item: Any) -> SignOff:
    if not isinstance(item, dict) or "who" not in item:
        raise AgreementError("agreement: each sign-off needs 'who' and 'on'")
    on = parse_day(item.get("on"), "sign-off")
    if on is None:
        raise AgreementError(f"agreement: the sign-off by {item['who']!r} has no date")
    return SignOff(str(item["who"]), on)
