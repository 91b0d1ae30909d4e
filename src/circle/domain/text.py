"""Which characters user text may hold, and how stored text is shown safely.

User text is stored exactly as typed, apart from surrounding spaces. These
checks refuse only what cannot be shown safely: control characters (they
include terminal escape sequences) and bidirectional overrides and isolates,
which make text read differently from how it is stored. Names and other
one-line fields also refuse invisible characters (zero-width spaces and
joiners, direction marks, the byte-order mark), tabs and line or paragraph
separators, so that two names that look the same are the same.

Text already on disk may hold anything (edited by hand, written by an older
version): `visible` spells such characters out (``\\x1b``, ``\\u202e``)
wherever stored text is shown.
"""

from __future__ import annotations

import re
import unicodedata

# C0 and C1 control characters and DEL.
_C0_C1 = "\x00-\x1f\x7f-\x9f"
# Embeddings, overrides and isolates: they reorder the text around them on screen.
_BIDI = "\u202a-\u202e\u2066-\u2069"
# Characters that show as nothing: zero-width space, direction marks, word joiner and
# invisible operators, the Mongolian vowel separator, the byte-order mark.
_INVISIBLE = "\u061c\u180e\u200b\u200e\u200f\u2060-\u2064\ufeff"
# Zero-width (non-)joiners shape what is around them (emoji sequences, Persian words):
# kept between two visible characters, invisible anywhere else.
_JOINERS = "\u200c\u200d"
_SEPARATORS = "\u2028\u2029"
_NOTHING = f"\\s{_C0_C1}{_BIDI}{_INVISIBLE}{_JOINERS}{_SEPARATORS}"
_LOOSE_JOINER = f"(?<![^{_NOTHING}])[{_JOINERS}]|[{_JOINERS}](?![^{_NOTHING}])"

# Refused in names and one-line fields: every control (tab too), bidi, invisibles, separators.
_REFUSED_IN_LINE = re.compile(f"[{_C0_C1}{_BIDI}{_INVISIBLE}{_SEPARATORS}]|{_LOOSE_JOINER}")
# Refused in free text (notes, descriptions): controls but tab and line breaks, and bidi.
_REFUSED_IN_TEXT = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_BIDI}]")
# Spelled out when free text is shown: what it refuses, lone carriage returns and separators.
_HIDDEN_IN_TEXT = re.compile(f"\r(?!\n)|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_BIDI}{_SEPARATORS}]")
_C0_C1_ONLY = re.compile(f"[{_C0_C1}]")
# Ignored when names are compared: the invisibles, and soft hyphens.
_IGNORED_IN_NAMES = re.compile(f"[{_INVISIBLE}{_JOINERS}\u00ad]")

# The older rule, kept for plan and deck labels: C0/C1 and DEL (tab excepted) and bidi;
# with line breaks allowed it is the free-text rule.
_CONTROL = re.compile(f"[\x00-\x08\x0a-\x1f\x7f-\x9f{_BIDI}]")
_CONTROL_BUT_NEWLINES = _REFUSED_IN_TEXT


def has_control(text: str, *, allow_newlines: bool = False) -> bool:
    """True when text holds a control character or a bidi override (tab and, if allowed, line breaks excepted)."""
    pattern = _CONTROL_BUT_NEWLINES if allow_newlines else _CONTROL
    return pattern.search(text) is not None


def control_names(text: str) -> str:
    """The control characters in text, spelled out for a message, e.g. 'U+001B'."""
    return spell(_CONTROL.findall(text))


def refused_characters(text: str, *, one_line: bool = True) -> list[str]:
    """The characters text may not hold (each once, in code order); one_line: as a name or one-line field."""
    pattern = _REFUSED_IN_LINE if one_line else _REFUSED_IN_TEXT
    return sorted(set(pattern.findall(text)))


def text_problem(text: str, what: str, *, one_line: bool = True) -> str | None:
    """A message naming the field (what) and the characters it may not hold, or None when text is fine."""
    bad = refused_characters(text, one_line=one_line)
    if not bad:
        return None
    controls = all(_C0_C1_ONLY.fullmatch(ch) for ch in bad)
    kind = "control characters" if controls else "control or invisible characters"
    return f"{what} holds {kind} ({spell(bad)})"


def spell(chars: list[str]) -> str:
    """Characters named by code point for a message, each once, e.g. 'U+001B, U+202E'."""
    return ", ".join(f"U+{ord(ch):04X}" for ch in sorted(set(chars)))


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def visible(text: str, *, one_line: bool = True) -> str:
    """Text fit to send to a terminal: every character it could not hold spelled out, e.g. ``\\x1b``.

    one_line=False keeps tabs and line breaks (a CR LF pair becomes one line break).
    """
    if one_line:
        return _REFUSED_IN_LINE.sub(_escape, text)
    return _HIDDEN_IN_TEXT.sub(_escape, text).replace("\r\n", "\n")


# What a terminal acts on: controls (line breaks too: a screen line is one line), bidi, separators.
_TERMINAL_ACTS_ON = re.compile(f"[{_C0_C1}{_BIDI}{_SEPARATORS}]")


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode control pictures: ␛ for escape, ␉ for tab ...
    return "\u2421" if code == 0x7F else "\ufffd"


def pictured(text: str) -> str:
    """Text for one screen cell per character: each character a terminal would act on
    replaced by one visible symbol (␛ for escape, ␡ for delete, � for the others)."""
    return _TERMINAL_ACTS_ON.sub(_picture, text)


def name_key(name: str) -> str:
    """How names are compared: compatibility form, case folded, invisible characters removed, trimmed."""
    shown = unicodedata.normalize("NFKC", _IGNORED_IN_NAMES.sub("", name))
    # Case folding can leave a form NFKC would change again (e.g. U+0345), so normalize twice.
    return " ".join(unicodedata.normalize("NFKC", shown.casefold()).split())


def json_visible(encoded: str) -> str:
    """JSON text (from json.dumps with ensure_ascii=False) with every character a terminal
    could act on written as a \\u escape: the same JSON value, safe to print."""
    # json.dumps escapes every control inside strings: a raw line break is indentation.
    return _REFUSED_IN_LINE.sub(lambda m: m.group() if m.group() == "\n" else f"\\u{ord(m.group()):04x}", encoded)
