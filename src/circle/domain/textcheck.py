"""Checks on short lines of user text (names, norms, agreement fields).

User text is stored exactly as typed, apart from surrounding spaces; these
checks only refuse what cannot be shown safely: control characters, which
include terminal escape sequences.
"""

from __future__ import annotations


def has_control(text: str, *, allow_newlines: bool = False) -> bool:
    """True when text holds a C0/C1 control character (tab and, if allowed, newline excepted)."""
    for ch in text:
        code = ord(ch)
        if ch == "\t" or (allow_newlines and ch in "\r\n"):
            continue
        if code < 0x20 or 0x7F <= code < 0xA0:
            return True
    return False


def control_names(text: str) -> str:
    """The control characters in text, spelled out for a message, e.g. 'U+001B'."""
    found = sorted({ch for ch in text if has_control(ch)})
    return ", ".join(f"U+{ord(ch):04X}" for ch in found)
