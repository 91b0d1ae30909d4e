from __future__ import annotations

import pytest

from circle.domain.text import control_names, has_control


def _reference(text: str, allow_newlines: bool) -> bool:
    """The rule spelled out one character at a time."""
    for ch in text:
        if ch == "\t" or (allow_newlines and ch in "\r\n"):
            continue
        if ord(ch) < 0x20 or 0x7F <= ord(ch) < 0xA0:
            return True
    return False


@pytest.mark.parametrize("allow_newlines", [False, True])
def test_every_character_up_to_latin_1_matches_the_rule(allow_newlines: bool) -> None:
    for code in range(0x180):
        ch = chr(code)
        for text in (ch, f"Ada {ch} Lovelace"):
            assert has_control(text, allow_newlines=allow_newlines) == _reference(text, allow_newlines), hex(code)


def test_tab_and_ordinary_text_pass() -> None:
    assert not has_control("Listen\tto understand · Ünïcödé ✓ 日本")
    assert not has_control("")


def test_escape_sequence_is_caught() -> None:
    assert has_control("red \x1b[31m text")


def test_newlines_only_when_allowed() -> None:
    assert has_control("two\nlines") and has_control("cr\r")
    assert not has_control("two\r\nlines", allow_newlines=True)
    assert has_control("two\nlines\x07", allow_newlines=True)


def test_control_names_spells_each_once_in_order() -> None:
    assert control_names("a\x1b b\x07\x1b\n\x85") == "U+0007, U+000A, U+001B, U+0085"
    assert control_names("plain\ttext") == ""
