"""Checks on user input before it is stored: names, roles, free text and JSON-safe values."""

from __future__ import annotations

import json
import math
import unicodedata
from typing import Any

from circle.domain.circles.members import EXPERIENCE, ROLES
from circle.store.errors import ValidationError

MAX_NAME = 80
MAX_DESCRIPTION = 2000
MAX_USERNAME = 64


def _control_characters(text: str) -> list[str]:
    # Cc covers C0/C1 controls, DEL and escape; line and paragraph separators break one-line names too.
    return [c for c in text if unicodedata.category(c) in ("Cc", "Zl", "Zp")]


def clean_name(value: Any, what: str) -> str:
    """A name without surrounding blanks; refuses empty, over-long and control-character names."""
    if not isinstance(value, str):
        raise ValidationError(f"the {what} must be text, not {type(value).__name__}")
    name = value.strip()
    if not name:
        raise ValidationError(f"the {what} is empty: give it a name")
    if len(name) > MAX_NAME:
        raise ValidationError(
            f"the {what} is {len(name)} characters long; at most {MAX_NAME} are allowed"
        )
    bad = _control_characters(name)
    if bad:
        codes = ", ".join(sorted({f"U+{ord(c):04X}" for c in bad}))
        raise ValidationError(f"the {what} {name!r} contains control characters ({codes})")
    return name


def name_key(name: str) -> str:
    """How names are compared for duplicates: case and width do not make two names different."""
    return unicodedata.normalize("NFKC", name).casefold()


def check_text(value: Any, what: str, limit: int = MAX_DESCRIPTION) -> str:
    """Free text (descriptions, norms) is stored exactly as given; only its type and length are checked."""
    if not isinstance(value, str):
        raise ValidationError(f"the {what} must be text, not {type(value).__name__}")
    if len(value) > limit:
        raise ValidationError(f"the {what} is {len(value)} characters long; at most {limit} are allowed")
    return value


def check_choice(value: Any, what: str, choices: tuple[str, ...]) -> str:
    if value not in choices:
        raise ValidationError(f"the {what} {value!r} is not one of: {', '.join(choices)}")
    return value


def check_role(value: Any) -> str:
    return check_choice(value, "role", ROLES)


def check_experience(value: Any) -> str:
    return check_choice(value, "experience", EXPERIENCE)


def check_username(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValidationError(f"the username must be text, not {type(value).__name__}")
    username = value.strip()
    if not username:
        return None
    if len(username) > MAX_USERNAME or any(c.isspace() for c in username) or _control_characters(username):
        raise ValidationError(
            f"the username {username!r} must be one word of at most {MAX_USERNAME} characters"
        )
    return username


def check_actor(value: Any) -> str:
    return clean_name(value, "acting user's name")


def check_json(value: Any, what: str) -> None:
    """Refuse what JSON cannot hold exactly (objects, NaN, non-text keys) before anything is written."""
    _check_keys(value, what)
    try:
        json.dumps(value, allow_nan=False)
    except (TypeError, ValueError) as error:
        raise ValidationError(f"the {what} cannot be saved: {error}") from error


def _check_keys(value: Any, what: str) -> None:
    # json.dumps turns int keys into strings silently, which would not round-trip.
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise ValidationError(f"the {what} has a key {key!r} that is not text")
            _check_keys(item, what)
    elif isinstance(value, (list, tuple)):
        for item in value:
            _check_keys(item, what)
    elif isinstance(value, float) and not math.isfinite(value):
        raise ValidationError(f"the {what} holds a number that is not finite")
