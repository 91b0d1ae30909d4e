"""On a school server, listing circles and checking access read the circle index, not every
circle file; a circle file changed since it was indexed is read again, and the index is a
cache that a damaged, linked or forged copy cannot turn into access.

Six circles, c0 to c5; in each, mN is the mentor and tN a mentee. adm is an admin in none.
"""

from __future__ import annotations

import json
import os
import random
from pathlib import Path

import pytest

from circle.domain.clock import ManualClock
from circle.domain.server.access import AccessDenied, Action
from circle.domain.server.ssh_keys import parse_public_key
from circle.store.repository import Repository
from circle.store.teachers import TeacherRegistry

from .keys import key_text

CIRCLES = 6


def repo(home: Path, actor: str) -> Repository:
    """A fresh repository: what each SSH login or command starts with (no cache in memory)."""
    return Repository(home, actor, clock=ManualClock(), rng=random.Random(5))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("server")
    home, setup = folder / "home", repo(folder / "home", "setup")
    for n in range(CIRCLES):
        slug = setup.create_circle(f"c{n}")["slug"]
        setup.add_member(slug, f"Mentor {n}", role="mentor", username=f"m{n}")
        setup.add_member(slug, f"Teacher {n}", role="mentee", username=f"t{n}")
        setup.add_goal(slug, {"member": setup.list_members(slug)[1].id, "title": "Wait five seconds"})
    registry = TeacherRegistry(home, folder / "authorized_keys", lambda name: f"/usr/bin/circle shell {name}")
    names = ["adm", *(f"{who}{n}" for n in range(CIRCLES) for who in "mt")]
    for seed, name in enumerate(names):
        registry.add(name, [parse_public_key(key_text(seed), name)], admin=name == "adm")
    return folder


@pytest.fixture
def home(built: Path, tmp_path: Path) -> Path:
    import shutil

    shutil.copytree(built, tmp_path / "s")
    home = tmp_path / "s" / "home"
    repo(home, "adm").list_circles()  # as any earlier use of the server leaves it: indexed
    return home


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every circle file opened from here on, by its circle's folder name."""
    seen: list[str] = []
    real_open = os.open

    def counting(path, flags, *args, **kwargs):  # type: ignore[no-untyped-def]
        if Path(path).name == "circle.json":
            seen.append(Path(path).parent.name)
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", counting)
    return seen


def names(home: Path, actor: str) -> list[str]:
    return [c["name"] for c in repo(home, actor).list_circles()]


def test_listing_and_checking_access_read_no_circle_file_whose_entry_is_current(home: Path, opened: list[str]) -> None:
    assert names(home, "t3") == ["c3"]
    assert names(home, "adm") == [f"c{n}" for n in range(CIRCLES)]
    teacher = repo(home, "t3")
    teacher.require(Action.READ, "c3")
    with pytest.raises(AccessDenied):
        teacher.require(Action.READ, "c4")
    assert repo(home, "m2").may(Action.RUN_SESSION, "c2") and not teacher.may(Action.RUN_SESSION, "c3")
    assert opened == []


def test_only_the_circle_changed_since_it_was_indexed_is_read(home: Path, opened: list[str]) -> None:
    repo(home, "m5").add_member("c5", "Newcomer", username="t3")
    opened.clear()
    assert names(home, "t3") == ["c3", "c5"]
    assert opened == ["c5"]  # once: the index is saved with its new entry
    opened.clear()
    assert names(home, "t3") == ["c3", "c5"] and opened == []


def test_a_member_added_or_removed_is_seen_at_once(home: Path) -> None:
    teacher = repo(home, "t3")  # kept: its checks cached in memory must follow the file too
    assert [c["name"] for c in teacher.list_circles()] == ["c3"]
    repo(home, "m4").add_member("c4", "Teacher 3", username="t3")
    assert [c["name"] for c in teacher.list_circles()] == ["c3", "c4"] and names(home, "t3") == ["c3", "c4"]
    t3_in_c3 = next(m for m in repo(home, "m3").list_members("c3") if m.username == "t3")
    repo(home, "m3").remove_member("c3", t3_in_c3.id)
    assert [c["name"] for c in teacher.list_circles()] == ["c4"] and names(home, "t3") == ["c4"]
    with pytest.raises(AccessDenied):
        teacher.get_norms("c3")


def test_facilitators_named_or_given_back_to_the_mentors_are_seen_at_once(home: Path) -> None:
    teacher, mentor = repo(home, "t3"), repo(home, "m3")
    assert not teacher.may(Action.RUN_SESSION, "c3")
    mentor.set_facilitators("c3", ["t3"])
    assert teacher.may(Action.RUN_SESSION, "c3") and repo(home, "t3").may(Action.RUN_SESSION, "c3")
    assert not mentor.may(Action.RUN_SESSION, "c3") and not repo(home, "m3").may(Action.EDIT_CIRCLE, "c3")
    teacher.set_facilitators("c3", [])  # back to its mentors
    assert not teacher.may(Action.RUN_SESSION, "c3") and not repo(home, "t3").may(Action.RUN_SESSION, "c3")
    assert repo(home, "m3").may(Action.RUN_SESSION, "c3")


def test_a_circle_file_edited_in_place_is_read_again(home: Path) -> None:
    path = home / "circles" / "c4" / "circle.json"
    tables = json.loads(path.read_bytes())
    for row in tables["members"].values():
        row["username"] = "t3" if row["username"] == "t4" else row["username"]
    path.write_bytes(json.dumps(tables).encode())  # same inode: the size and time tell
    assert names(home, "t3") == ["c3", "c4"] and names(home, "t4") == []


def forged(home: Path, grant: str, signatures: bool) -> bytes:
    """The index as it is, with t3 made c4's mentor; with the files' real signatures or not."""
    data = json.loads((home / "circle-index.json").read_bytes())
    entry = data["entries"]["c4"]
    entry["value"]["members"].append({"id": "forged", "name": "T3", "role": "mentor", "username": grant})
    if not signatures:
        entry["sig"] = [entry["sig"][0] + 1, *entry["sig"][1:]]
    return json.dumps(data).encode()


def test_an_entry_that_does_not_match_its_file_grants_nothing(home: Path) -> None:
    (home / "circle-index.json").write_bytes(forged(home, "t3", signatures=False))
    assert names(home, "t3") == ["c3"]
    with pytest.raises(AccessDenied):
        repo(home, "t3").get_norms("c4")


def test_an_index_planted_behind_a_link_is_not_read(home: Path, tmp_path: Path) -> None:
    planted = tmp_path / "planted.json"
    planted.write_bytes(forged(home, "t3", signatures=True))
    index = home / "circle-index.json"
    index.unlink()
    index.symlink_to(planted)
    assert not repo(home, "t3").may(Action.READ, "c4")  # before any listing rebuilt the index
    assert names(home, "t3") == ["c3"]
    assert json.loads(planted.read_bytes())["entries"]["c4"]["value"]["members"][-1]["id"] == "forged"


@pytest.mark.parametrize("damage", [b"", b"{", b"[]", b'{"kind": "circles", "format": 1, "entries": []}', b"\xff"])
def test_a_damaged_index_is_rebuilt_and_access_decided_from_the_files(home: Path, damage: bytes) -> None:
    (home / "circle-index.json").write_bytes(damage)
    assert not repo(home, "t3").may(Action.READ, "c4") and repo(home, "t3").may(Action.READ, "c3")
    assert names(home, "t3") == ["c3"]
    assert sorted(json.loads((home / "circle-index.json").read_bytes())["entries"]) == [f"c{n}" for n in range(CIRCLES)]


@pytest.mark.parametrize("bad_field", [{"active": "yes"}, {"id": 7}, {"name": None}])
def test_an_entry_of_the_wrong_shape_is_redone_from_its_file(home: Path, bad_field: dict) -> None:
    index = home / "circle-index.json"
    data = json.loads(index.read_bytes())
    row = data["entries"]["c3"]["value"]["members"][1]
    assert row["username"] == "t3"
    row.update({"role": "mentor", **bad_field})  # the signature still matches: only the shape tells
    index.write_bytes(json.dumps(data).encode())
    assert not repo(home, "t3").may(Action.RUN_SESSION, "c3")
    assert names(home, "t3") == ["c3"]


def test_an_index_from_before_facilitators_were_kept_is_redone(home: Path) -> None:
    repo(home, "m3").set_facilitators("c3", ["t3"])
    index = home / "circle-index.json"
    repo(home, "adm").list_circles()
    data = json.loads(index.read_bytes())
    for entry in data["entries"].values():
        del entry["value"]["facilitators"]
    index.write_bytes(json.dumps(data).encode())
    assert repo(home, "t3").may(Action.RUN_SESSION, "c3") and not repo(home, "m3").may(Action.RUN_SESSION, "c3")
