"""Checks on user input before it is stored: names, roles, free text and JSON-safe values."""

from __future__ import annotations

import json
import math
from typing import Any

from circle.domain.circles.members import EXPERIENCE, ROLES
from circle.domain.text import name_key, refused_characters, text_problem
from circle.store.errors import ValidationError

MAX_NAME = 80
MAX_DESCRIPTION = 2000
MAX_USERNAME = 64


__all__ = ["name_key"]  # re-exported: the store's duplicate rule is the domain's


def _refuse_characters(text: str, what: str, *, one_line: bool) -> None:
    problem = text_problem(text, f"the {what}", one_line=one_line)
    if problem:
        raise ValidationError(problem)


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
    _refuse_characters(name, what, one_line=True)
    if not name_key(name):
        raise ValidationError(f"the {what} shows nothing: give it a name")
    return name


def check_text(value: Any, what: str, limit: int = MAX_DESCRIPTION, *, one_line: bool = False) -> str:
    """Free text (descriptions, norms) is stored exactly as given; its type, length and characters are checked."""
    if not isinstance(value, str):
        raise ValidationError(f"the {what} must be text, not {type(value).__name__}")
    if len(value) > limit:
        raise ValidationError(f"the {what} is {len(value)} characters long; at most {limit} are allowed")
    _refuse_characters(value, what, one_line=one_line)
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
    if len(username) > MAX_USERNAME or any(c.isspace() for c in username) or refused_characters(username):
        raise ValidationError(
            f"the username {username!r} must be one word of at most {MAX_USERNAME} characters"
        )
    return username


def check_actor(value: Any) -> str:
    return clean_name(value, "acting user's name")


def check_json(value: Any, what: str) -> None:
    """Refuse what JSON cannot hold exactly (objects, NaN, non-text keys) before anything is written.

    Text inside is not checked here: goals and events are built by the domain, which checks
    what the user typed, and may carry older text that must still be saved back as it was."""
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


def check_texts(value: Any, what: str) -> None:
    """Every text in a mapping of user fields (an agreement), keys and values, as the user typed it."""
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(key, str):
                _refuse_characters(key, f"{what} field name", one_line=True)
            check_texts(item, f"{what} {key}" if isinstance(key, str) else what)
    elif isinstance(value, (list, tuple)):
        for item in value:
            check_texts(item, what)
    elif isinstance(value, str):
        _refuse_characters(value, what, one_line=False)
