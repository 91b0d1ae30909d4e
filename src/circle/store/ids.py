"""Identifiers: short random ids for members and goals, time-sortable ids for sessions."""

from __future__ import annotations

import random
import re
from collections.abc import Container, Iterable
from datetime import datetime, timezone

ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz"
SESSION_ID_RE = re.compile(r"^\d{8}-\d{6}-[0-9a-z]{4}$")
_SUFFIX = 4


def short_id(prefix: str, rng: random.Random, taken: Container[str], length: int = 6) -> str:
    """e.g. "m-k3x9q2"; drawn again on the rare clash with an id already in use."""
    while True:
        candidate = prefix + "-" + "".join(rng.choice(ALPHABET) for _ in range(length))
        if candidate not in taken:
            return candidate


def _to_base36(value: int) -> str:
    digits = []
    for _ in range(_SUFFIX):
        value, digit = divmod(value, 36)
        digits.append(ALPHABET[digit])
    return "".join(reversed(digits))


def session_id(now: datetime, rng: random.Random, existing: Iterable[str]) -> str:
    """"20261122-133005-k3f9": UTC time to the second, then a suffix.

    Ids sort in creation order: a new id never sorts before an existing one, even
    when two sessions start in the same second or the wall clock went back.
    """
    stamp = now.astimezone(timezone.utc).strftime("%Y%m%d-%H%M%S")
    latest = max(existing, default="")
    latest_stamp, _, latest_suffix = latest.rpartition("-")
    if latest and latest_stamp >= stamp:
        stamp = latest_stamp
        floor = int(latest_suffix, 36) + 1
    else:
        floor = 0
    # Room is left above a random start so later ids in the same second still fit.
    value = floor + rng.randrange(36**_SUFFIX // 64)
    return f"{stamp}-{_to_base36(value)}"


def is_session_id(text: object) -> bool:
    return isinstance(text, str) and SESSION_ID_RE.match(text) is not None
