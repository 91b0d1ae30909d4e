"""Checks on short lines of user text (names, norms, agreement fields).

User text is stored exactly as typed, apart from surrounding spaces; these
checks only refuse what cannot be shown safely: control characters, which
include terminal escape sequences.
"""

from __future__ import annotations

import re

# C0 and C1 control characters, tab excepted; the second also lets line breaks through.
_CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f]")
_CONTROL_BUT_NEWLINES = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def has_control(text: str, *, allow_newlines: bool = False) -> bool:
    """True when text holds a C0/C1 control character (tab and, if allowed, newline excepted)."""
    pattern = _CONTROL_BUT_NEWLINES if allow_newlines else _CONTROL
    return pattern.search(text) is not None


def control_names(text: str) -> str:
    """The control characters in text, spelled out for a message, e.g. 'U+001B'."""
    found = sorted(set(_CONTROL.findall(text)))
    return ", ".join(f"U+{ord(ch):04X}" for ch in found)
