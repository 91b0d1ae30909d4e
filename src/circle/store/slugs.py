"""Folder names made from circle names: lowercase ASCII letters, digits and dashes only.

A slug can never be "", "." or "..", contain a separator or a control character,
or be longer than MAX_SLUG, so no name reaches outside its folder.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Container

MAX_SLUG = 40
FALLBACK = "circle"
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Names some file systems refuse as folder names.
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}


def slugify(name: str) -> str:
    """The bare slug of a name (not yet made unique)."""
    ascii_text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    slug = slug[:MAX_SLUG].rstrip("-")
    if not slug or slug in _RESERVED:
        slug = f"{FALLBACK}-{slug}" if slug else FALLBACK
    return slug


def unique_slug(name: str, taken: Container[str]) -> str:
    """A slug for name that is not in taken: "maths", then "maths-2", "maths-3" ..."""
    base = slugify(name)
    if base not in taken:
        return base
    number = 2
    while True:
        suffix = f"-{number}"
        candidate = base[: MAX_SLUG - len(suffix)].rstrip("-") + suffix
        if candidate not in taken:
            return candidate
        number += 1


def is_slug(text: str) -> bool:
    return len(text) <= MAX_SLUG and SLUG_RE.match(text) is not None
