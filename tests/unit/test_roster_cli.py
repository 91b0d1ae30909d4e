"""The roster import and circles commands, run through the real CLI on a scratch home."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from circle.cli import main
from circle.domain.circles.norms import DEFAULT_NORMS

pytest.importorskip("circle.store.repository")
from circle.store.repository import Repository  # noqa: E402

CLEAN = """name,role,experience,username,email
Ana Lopez,mentor,veteran,alopez,ana@example.org
Ben Okafor,mentee,new,,
"Smith, Jo",peer,,jsmith,
"""


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("CIRCLE_HOME", raising=False)
    path = tmp_path / "home"
    assert main(["--home", str(path), "--actor", "tester", "circles", "add", "Year 7 Team"]) == 0
    return path


def run(home: Path, *argv: str) -> int:
    return main(["--home", str(home), "--actor", "tester", *argv])


def roster(tmp_path: Path, text: str | bytes, name: str = "roster.csv") -> str:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return str(path)


def members(home: Path) -> list[tuple[str, str, str, str | None]]:
    repo = Repository(home, "tester")
    return [(m.name, m.role, m.experience, m.username) for m in repo.list_members("Year 7 Team")]


def test_a_clean_file_adds_every_member(home: Path, tmp_path: Path, capsys) -> None:
    capsys.readouterr()
    assert run(home, "import", roster(tmp_path, CLEAN), "--circle", "Year 7 Team") == 0
    assert members(home) == [
        ("Ana Lopez", "mentor", "veteran", "alopez"),
        ("Ben Okafor", "mentee", "new", None),
        ("Smith, Jo", "peer", "veteran", "jsmith"),
    ]
    out = capsys.readouterr().out
    assert "Added 3 members to Year 7 Team" in out and "Smith, Jo (peer, veteran, login jsmith)" in out


def test_dry_run_changes_nothing(home: Path, tmp_path: Path, capsys) -> None:
    capsys.readouterr()
    assert run(home, "import", roster(tmp_path, CLEAN), "--circle", "year-7-team", "--dry-run") == 0
    out = capsys.readouterr().out
    assert "Would add 3 members to Year 7 Team (dry run: nothing changed)" in out
    assert "line 4: Smith, Jo (peer, veteran, login jsmith)" in out
    assert members(home) == []


def test_dry_run_still_lists_bad_rows(home: Path, tmp_path: Path, capsys) -> None:
    assert run(home, "import", roster(tmp_path, "name,role\n\nAna,peer\n,mentor\n"), "--circle", "Year 7 Team", "--dry-run") == 2
    assert "line 4: no name" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("name,role\n,mentor\n", "line 2: no name"),
        ("name,role\nAna,boss\n", "line 2: unknown role 'boss' (use mentor, mentee, peer)"),
        ("name,experience\nAna,old\n", "line 2: unknown experience 'old' (use new or veteran)"),
        ("name\nAna\nBen\nANA\n", "line 4: 'ANA' is a duplicate of line 2"),
        ("name\nBo\x1b[31m\n", "line 2: name holds control characters (U+001B)"),
        ("name,username\nAna,a b\n", "line 2: username 'a b' is not a login name"),
    ],
)
def test_each_kind_of_bad_row_imports_nothing(
    home: Path, tmp_path: Path, capsys, text: str, expected: str
) -> None:
    capsys.readouterr()
    good_rows = "Zed,peer\n" if text.startswith("name,role") else ""
    path = roster(tmp_path, text + good_rows)
    assert run(home, "import", path, "--circle", "Year 7 Team") == 2
    err = capsys.readouterr().err
    assert f"{path}, {expected}" in err
    assert "nothing was imported" in err
    assert members(home) == []


def test_a_name_already_in_the_circle(home: Path, tmp_path: Path, capsys) -> None:
    assert run(home, "import", roster(tmp_path, "name\nAna Lopez\n"), "--circle", "Year 7 Team") == 0
    capsys.readouterr()
    assert run(home, "import", roster(tmp_path, "name\nBen\nana lopez\n", "more.csv"), "--circle", "Year 7 Team") == 2
    assert "line 3: 'ana lopez' is already in the circle" in capsys.readouterr().err
    assert [m[0] for m in members(home)] == ["Ana Lopez"]


def test_every_bad_row_is_listed_at_once(home: Path, tmp_path: Path, capsys) -> None:
    text = "name,role\n,peer\nAna,boss\nBen,mentee\nBen,mentee\n"
    assert run(home, "import", roster(tmp_path, text), "--circle", "Year 7 Team") == 2
    err = capsys.readouterr().err
    assert "3 bad rows; nothing was imported" in err
    for line in ("line 2: no name", "line 3: unknown role", "line 5: 'Ben' is a duplicate of line 4"):
        assert line in err


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a CSV file"),
        ('{"members": ["Ana", "Ben"]}\n', "does not look like a roster CSV"),
        ("Ana,mentor\nBen,mentee\n", "line 1 must be a header row with a 'name' column"),
        ("", "the file is empty"),
        ("name,role\n", "no members are listed"),
        ("name\nZo\xeb\n".encode("latin-1"), "not UTF-8 text"),
    ],
)
def test_a_file_that_is_not_a_roster(home: Path, tmp_path: Path, capsys, content, words: str) -> None:
    capsys.readouterr()
    assert run(home, "import", roster(tmp_path, content), "--circle", "Year 7 Team") == 2
    captured = capsys.readouterr()
    assert words in captured.err and captured.out == ""
    assert members(home) == []


def test_missing_file_and_unknown_circle(home: Path, tmp_path: Path, capsys) -> None:
    assert run(home, "import", str(tmp_path / "nope.csv"), "--circle", "Year 7 Team") != 0
    assert "nope.csv" in capsys.readouterr().err
    assert run(home, "import", roster(tmp_path, CLEAN), "--circle", "No Such Circle") != 0
    assert "No Such Circle" in capsys.readouterr().err


def test_circles_lists_plain_and_json(home: Path, tmp_path: Path, capsys) -> None:
    run(home, "import", roster(tmp_path, CLEAN), "--circle", "Year 7 Team")
    assert run(home, "circles", "add", "Maths [bold]Dept[/bold]") == 0
    capsys.readouterr()
    assert run(home, "circles") == 0
    plain = capsys.readouterr().out.splitlines()
    assert "Year 7 Team (year-7-team): 3 members, no sessions yet" in plain
    assert any(line.startswith("Maths [bold]Dept[/bold] (") and "0 members" in line for line in plain)
    assert run(home, "circles", "--json") == 0
    listed = {c["name"]: c for c in json.loads(capsys.readouterr().out)}
    assert listed["Year 7 Team"]["members"] == 3
    assert listed["Year 7 Team"]["last_session"] is None
    assert set(listed) == {"Year 7 Team", "Maths [bold]Dept[/bold]"}


def test_a_new_circle_gets_the_default_norms(home: Path) -> None:
    assert Repository(home, "tester").get_norms("Year 7 Team") == list(DEFAULT_NORMS)


def test_empty_home_says_how_to_start(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.delenv("CIRCLE_HOME", raising=False)
    assert main(["--home", str(tmp_path / "fresh"), "circles", "--plain"]) == 0
    assert "circle circles add NAME" in capsys.readouterr().out
    assert main(["--home", str(tmp_path / "fresh"), "circles", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_adding_a_circle_twice_is_refused(home: Path, capsys) -> None:
    capsys.readouterr()
    assert run(home, "circles", "add", "Year 7 Team") != 0
    assert "Year 7 Team" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [["circles", "add", "Art Team", "--json"], ["circles", "--json", "add", "Art Team"]])
def test_adding_a_circle_can_print_json(home: Path, capsys, argv: list[str]) -> None:
    capsys.readouterr()
    assert run(home, *argv) == 0
    created = json.loads(capsys.readouterr().out)
    assert (created["name"], created["slug"], created["members"]) == ("Art Team", "art-team", 0)


def test_roster_from_standard_input(home: Path, capsys, monkeypatch) -> None:
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(CLEAN.encode("utf-8"))))
    capsys.readouterr()
    assert run(home, "import", "-", "--circle", "Year 7 Team", "--dry-run") == 0
    assert "Would add 3 members" in capsys.readouterr().out


def test_an_unknown_circle_says_how_to_create_it_and_create_makes_it(home: Path, tmp_path: Path, capsys) -> None:
    capsys.readouterr()
    assert run(home, "import", roster(tmp_path, CLEAN), "--circle", "Science Dept") != 0
    err = capsys.readouterr().err
    assert "circle circles add 'Science Dept'" in err and "--create" in err
    assert run(home, "import", roster(tmp_path, CLEAN), "--circle", "Science Dept", "--create", "--dry-run") == 0
    assert "a new circle" in capsys.readouterr().out
    assert "science-dept" not in Repository(home, "tester")._circle_slugs()
    assert run(home, "import", roster(tmp_path, CLEAN), "--circle", "Science Dept", "--create") == 0
    out = capsys.readouterr().out
    assert "Created the circle Science Dept." in out and "Added 3 members to Science Dept" in out
    repo = Repository(home, "tester")
    assert [m.name for m in repo.list_members("Science Dept")] == ["Ana Lopez", "Ben Okafor", "Smith, Jo"]
    assert repo.get_norms("Science Dept") == list(DEFAULT_NORMS)
    # A bad roster creates no circle either.
    assert run(home, "import", roster(tmp_path, "name,role\nZed,boss\n"), "--circle", "Art", "--create") != 0
    assert "art" not in Repository(home, "tester")._circle_slugs()
