"""Norms: how a circle agrees to talk and work together.

Every new circle starts from a default set that the members then make their own.
The default treats mentoring as a two-way partnership: newer and longer-serving
teachers both bring knowledge, and neither owes the other obedience.
"""

from __future__ import annotations

from collections.abc import Iterable

from circle.domain.text import text_problem
from circle.errors import CircleError

MAX_NORM_LENGTH = 200
MAX_NORMS = 30

DEFAULT_NORMS: tuple[str, ...] = (
    "We keep our students at the heart of what we talk about.",
    "We ask for each other's views, whoever has taught longest.",
    "We say what we honestly think, kindly.",
    "Advice is an offer: nobody is expected to act on it.",
    "When we disagree, we stay curious and open.",
    "What is said in the circle stays in the circle.",
    "We notice and celebrate each other's successes, big and small.",
)


class NormsError(CircleError, ValueError):
    """A norm that cannot be saved: empty, too long, or holding control characters."""


def clean_norm(text: str, position: int | None = None) -> str:
    """One norm, trimmed; raises NormsError saying what is wrong and where."""
    where = f"norm {position}: " if position is not None else ""
    norm = text.strip()
    if not norm:
        raise NormsError(f"{where}a norm cannot be empty")
    problem = text_problem(norm, "a norm", one_line=True)
    if problem:
        raise NormsError(f"{where}{problem}")
    if len(norm) > MAX_NORM_LENGTH:
        raise NormsError(f"{where}a norm is at most {MAX_NORM_LENGTH} characters (this one has {len(norm)})")
    return norm


def clean_norms(norms: Iterable[str]) -> list[str]:
    """A whole list of norms, each cleaned, duplicates refused, at most MAX_NORMS."""
    result: list[str] = []
    seen: set[str] = set()
    for position, text in enumerate(norms, start=1):
        norm = clean_norm(text, position)
        key = norm.casefold()
        if key in seen:
            raise NormsError(f"norm {position}: the same norm is already in the list")
        seen.add(key)
        result.append(norm)
    if len(result) > MAX_NORMS:
        raise NormsError(f"a circle keeps at most {MAX_NORMS} norms (this list has {len(result)})")
    return result


def default_norms() -> list[str]:
    return list(DEFAULT_NORMS)
