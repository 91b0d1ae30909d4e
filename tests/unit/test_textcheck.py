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


# -- the one definition of refused characters, and how stored text is shown -------------

from circle.domain.text import (  # noqa: E402
    json_visible,
    name_key,
    pictured,
    refused_characters,
    text_problem,
    visible,
)


@pytest.mark.parametrize("ch", ["\x00", "\t", "\n", "\x1b", "\x7f", "\x85", "\x9b", "\u202e", "\u2066",
                                "\u2069", "\u200b", "\u200e", "\ufeff", "\u2028", "\u2029", "\u2060"])
def test_one_line_fields_refuse_controls_bidi_invisibles_and_separators(ch: str) -> None:
    assert refused_characters(f"Ada{ch}Lovelace") == [ch]


@pytest.mark.parametrize("ch", ["\x1b", "\x7f", "\x9b", "\u202e", "\u2067"])
def test_free_text_refuses_controls_and_bidi(ch: str) -> None:
    assert refused_characters(f"one\n{ch}two", one_line=False) == [ch]


def test_free_text_keeps_line_breaks_tabs_and_joiners() -> None:
    assert refused_characters("one\r\ntwo\tthree\u2028four zero\u200bwidth", one_line=False) == []


def test_joiners_stay_inside_emoji_and_words_only() -> None:
    assert refused_characters("👩\u200d🏫 می\u200cخواهم") == []
    assert refused_characters("\u200dAda") == ["\u200d"]
    assert refused_characters("Ada \u200c") == ["\u200c"]


def test_problem_names_the_field_and_the_characters() -> None:
    assert text_problem("Bo\x1b[31m", "the member name") == "the member name holds control characters (U+001B)"
    assert text_problem("Bo\u202e", "the name") == "the name holds control or invisible characters (U+202E)"
    assert text_problem("Bo", "the name") is None


def test_visible_spells_out_what_a_terminal_would_act_on() -> None:
    assert visible("a\x1b[2Jb\u202ec\u2028d\x9b") == "a\\x1b[2Jb\\u202ec\\u2028d\\x9b"
    assert visible("one\ntwo\r\nthree\rfour\tfive", one_line=False) == "one\ntwo\nthree\\x0dfour\tfive"
    assert visible("one\ntwo") == "one\\x0atwo"


def test_pictured_keeps_one_symbol_per_character() -> None:
    assert pictured("a\x1bb\x7fc\u202ed\x85") == "a␛b␡c\ufffdd\ufffd"


def test_json_visible_escapes_without_changing_the_value() -> None:
    import json

    value = {"name": "a\u2028b\u202ec\x85d\x7f\u200be"}
    encoded = json_visible(json.dumps(value, ensure_ascii=False, indent=2))
    assert json.loads(encoded) == value
    assert not any(ch in encoded for ch in "\u2028\u202e\x85\x7f\u200b")


@pytest.mark.parametrize("twin", ["ada", "ADA", "Ada\u200b", "A\u200dda", "\uff21da", "Ada ", "Ad\u00ada", "\ufeffAda"])
def test_names_that_look_the_same_have_one_key(twin: str) -> None:
    assert name_key(twin) == name_key("Ada")


def test_names_that_differ_keep_different_keys() -> None:
    assert name_key("Ada") != name_key("Adam")
    assert name_key("Zoë") != name_key("Zoe")
