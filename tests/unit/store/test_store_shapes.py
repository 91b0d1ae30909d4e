"""A file that parses but lacks what the code relies on is damage, and it stays local:
the command that meets it says so, `circle check` lists it, other circles go on working."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable

import pytest

from circle.cli import main
from circle.store.errors import CorruptFileError
from circle.store.repository import Repository
from circle.store.repair import find_damaged

Edit = Callable[[dict[str, Any]], None]


def edit_file(path: Path, change: Edit) -> None:
    tables = json.loads(path.read_text(encoding="utf-8"))
    change(tables)
    path.write_text(json.dumps(tables), encoding="utf-8")


def _drop(table: str, key: str) -> Edit:
    return lambda tables: tables[table]["1"].pop(key)


def _set(table: str, key: str, value: Any) -> Edit:
    return lambda tables: tables[table]["1"].__setitem__(key, value)


CIRCLE_DAMAGE = {
    "member without id": _drop("members", "id"),
    "member name a number": _set("members", "name", 7),
    "member active not a flag": _set("members", "active", "yes"),
    "goal without member": _drop("goals", "member"),
    "goal history not a list": _set("goals", "history", "lost"),
    "goal progress text": _set("goals", "progress", "half"),
    "norms not a list": _set("circle", "norms", "be kind"),
    "description a list": _set("circle", "description", ["a"]),
}


@pytest.fixture
def two_circles(repo: Repository) -> Repository:
    for name in ("Alpha", "Beta"):
        slug = repo.create_circle(name)["slug"]
        member = repo.add_member(slug, "Ada").id
        repo.add_goal(slug, {"member": member, "title": "Exit tickets", "history": []})
    return repo


@pytest.mark.parametrize("damage", CIRCLE_DAMAGE, ids=list(CIRCLE_DAMAGE))
def test_a_circle_file_of_the_wrong_shape_is_damaged_and_stays_local(
    two_circles: Repository, home: Path, damage: str
) -> None:
    path = home / "circles" / "alpha" / "circle.json"
    edit_file(path, CIRCLE_DAMAGE[damage])
    for read in (lambda: two_circles.list_members("alpha"), lambda: two_circles.list_goals("alpha"),
                 lambda: two_circles.get_circle("alpha"), lambda: two_circles.add_member("alpha", "Bo")):
        with pytest.raises(CorruptFileError, match="alpha/circle.json is damaged"):
            read()
    circles, damaged = two_circles.readable_circles()
    assert [c["slug"] for c in circles] == ["beta"] and len(damaged) == 1
    assert [m.name for m in two_circles.list_members("beta")] == ["Ada"]
    assert [d.path for d in find_damaged(home)[1]] == [path]


def test_a_session_file_of_the_wrong_shape_is_damaged(repo: Repository, circle: str, home: Path) -> None:
    sid = repo.create_session(circle, {"plan": "p"})
    repo.append_event(circle, sid, {"type": "note", "data": {}})
    # Events are kept in the session's journal, one JSON line each.
    path = home / "circles" / circle / "sessions" / f"{sid}.events.jsonl"
    event = json.loads(path.read_text(encoding="utf-8"))
    event.pop("seq")
    path.write_text(json.dumps(event) + "\n", encoding="utf-8")
    with pytest.raises(CorruptFileError, match="line 1 is not a saved event: no 'seq'"):
        repo.get_events(circle, sid)
    assert [d.path for d in find_damaged(home)[1]] == [path]


def test_a_circle_record_without_a_slug_still_lists(two_circles: Repository, home: Path) -> None:
    edit_file(home / "circles" / "alpha" / "circle.json", _drop("circle", "slug"))
    assert [c["slug"] for c in two_circles.list_circles()] == ["alpha", "beta"]


def test_a_damaged_circle_does_not_stop_a_new_one(two_circles: Repository, home: Path) -> None:
    edit_file(home / "circles" / "alpha" / "circle.json", _drop("members", "id"))
    assert two_circles.create_circle("Gamma")["slug"] == "gamma"
    two_circles.update_circle("beta", name="Beta two")


def test_a_folder_where_a_circle_file_belongs_is_reported(two_circles: Repository, home: Path) -> None:
    path = home / "circles" / "alpha" / "circle.json"
    path.unlink()
    path.mkdir()
    with pytest.raises(CorruptFileError, match="it is a folder"):
        two_circles.list_members("alpha")
    assert [c["slug"] for c in two_circles.readable_circles()[0]] == ["beta"]
    assert [(d.path, d.detail) for d in find_damaged(home)[1]] == [(path, "it is a folder, not a data file")]


def test_cli_lists_the_other_circles_and_names_the_damaged_one(
    two_circles: Repository, home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CIRCLE_HOME", raising=False)
    edit_file(home / "circles" / "alpha" / "circle.json", _drop("members", "id"))
    assert main(["--home", str(home), "circles"]) == 1
    out, err = capsys.readouterr()
    assert out.startswith("Beta (beta)")
    assert "alpha/circle.json is damaged" in err and "member record 1: no 'id'" in err
    assert main(["--home", str(home), "check"]) == 1
    assert "damaged: " in capsys.readouterr().out
    assert main(["--home", str(home), "--actor", "Ada", "goals", "--circle", "beta", "--plain"]) == 0
    assert "Exit tickets" in capsys.readouterr().out
    assert main(["--home", str(home), "--actor", "Ada", "goals", "--json"]) == 1
    out, err = capsys.readouterr()
    assert json.loads(out)["goals"][0]["title"] == "Exit tickets" and "alpha/circle.json is damaged" in err
