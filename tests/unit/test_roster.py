from __future__ import annotations

import pytest

from circle.domain.circles.members import Member
from circle.domain.circles.roster import RosterError, decode_roster, parse_roster

CLEAN = """name,role,experience,username,email
Ana Lopez,mentor,veteran,alopez,ana@example.org
Ben Okafor,mentee,new,,
"Smith, Jo",peer,,jsmith,

Kim 🙂 [bold]Lee[/bold],,,,
"""


def messages(text: str, existing: list[Member] | None = None) -> list[str]:
    return [str(p) for p in parse_roster(text, "r.csv", existing or []).problems]


def test_a_clean_roster_reads_every_row_with_defaults() -> None:
    roster = parse_roster(CLEAN, "r.csv")
    assert roster.clean
    assert [(r.line, r.name, r.role, r.experience, r.username) for r in roster.rows] == [
        (2, "Ana Lopez", "mentor", "veteran", "alopez"),
        (3, "Ben Okafor", "mentee", "new", None),
        (4, "Smith, Jo", "peer", "veteran", "jsmith"),
        (6, "Kim 🙂 [bold]Lee[/bold]", "peer", "veteran", None),
    ]
    roster.require_clean()


def test_header_and_values_ignore_case_and_spaces() -> None:
    roster = parse_roster(" Name , ROLE\n Ana , Mentor \n", "r.csv")
    assert [(r.name, r.role) for r in roster.rows] == [("Ana", "mentor")]


def test_semicolon_rosters_from_spreadsheets_are_read() -> None:
    roster = parse_roster("name;role\nAna;mentor\n", "r.csv")
    assert [(r.name, r.role) for r in roster.rows] == [("Ana", "mentor")]


def test_no_name() -> None:
    assert messages("name,role\n,mentor\n") == ["line 2: no name"]


def test_unknown_role_and_experience() -> None:
    assert messages("name,role,experience\nAna,boss,old\n") == [
        "line 2: unknown role 'boss' (use mentor, mentee, peer)",
        "line 2: unknown experience 'old' (use new or veteran)",
    ]


def test_duplicate_in_the_file_names_the_first_line() -> None:
    assert messages("name\nAna\nBen\nana\n") == ["line 4: 'ana' is a duplicate of line 2"]


def test_already_in_the_circle() -> None:
    existing = [Member("m1", "Ana", username="ana"), Member("m2", "Gone", active=False)]
    assert messages("name,username\nAna,\nBen,ana\nGone,\n", existing) == [
        "line 2: 'Ana' is already in the circle",
        "line 3: username 'ana' is already in the circle",
    ]


def test_control_characters() -> None:
    assert messages("name\nBo\x1b[31m\n") == ["line 2: name holds control characters (U+001B)"]


def test_bad_username() -> None:
    assert messages("name,username\nAna,ana lopez\n") == [
        "line 2: username 'ana lopez' is not a login name (letters, digits, . _ -)"
    ]


def test_unquoted_comma_is_caught() -> None:
    assert "3 cells but the header has 2" in messages("name,role\nSmith, Jo, peer\n")[0]


def test_line_numbers_follow_multiline_cells() -> None:
    text = 'name,note\nAna,"two\nlines"\n,x\n'
    assert messages(text) == ["line 4: no name"]


def test_bad_rows_mean_nothing_to_import() -> None:
    roster = parse_roster("name,role\nAna,mentor\n,peer\nBen,boss\n", "r.csv")
    assert not roster.clean
    with pytest.raises(RosterError) as caught:
        roster.require_clean()
    text = str(caught.value)
    assert "2 bad rows; nothing was imported" in text
    assert "r.csv, line 3: no name" in text and "r.csv, line 4: unknown role" in text


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", "empty"),
        ("\n\n", "empty"),
        ('{"members": ["Ana"]}', "line 1 must be a header row"),
        ("Ana,mentor\nBen,mentee\n", "line 1 must be a header row"),
        ("name,name\nAna,Ana\n", "appears twice"),
        ("name\nA\x00na\n", "binary"),
        ('name\n"Ana\n', "not valid CSV"),
    ],
)
def test_not_a_roster(text: str, words: str) -> None:
    with pytest.raises(RosterError, match=words):
        parse_roster(text, "r.csv")


def test_decode_accepts_a_byte_order_mark_and_refuses_other_encodings() -> None:
    assert decode_roster("\ufeffname\nZoë\n".encode("utf-8"), "r.csv") == "name\nZoë\n"
    with pytest.raises(RosterError, match="not UTF-8"):
        decode_roster("name\nZoë\n".encode("latin-1"), "r.csv")
    with pytest.raises(RosterError, match="binary"):
        decode_roster(b"\x89PNG\r\n\x1a\n\x00\x00", "r.csv")


def test_rows_of_empty_cells_are_skipped_like_blank_lines() -> None:
    roster = parse_roster("name,role\n,\nAna,peer\n , \n", "r.csv")
    assert roster.clean and [r.name for r in roster.rows] == ["Ana"]
